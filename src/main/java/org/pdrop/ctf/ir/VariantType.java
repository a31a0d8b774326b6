package org.pdrop.ctf.ir;

import java.util.Arrays;
import java.util.List;

/**
 * Variant field class (CTF 1.8 §4.2.2): one of several options chosen by the label of an
 * enumeration field decoded earlier, named by {@code tag}. Option names are matched against the
 * enumeration labels as written (raw names), with or without one leading underscore.
 */
public record VariantType(FieldRef tag, List<Field> options) implements FieldType {
    public VariantType {
        options = List.copyOf(options);
    }

    /** A variant has no alignment of its own: the chosen option's applies. */
    @Override
    public int alignBits() {
        return 1;
    }

    public VariantType withTag(FieldRef ref) {
        return new VariantType(ref, options);
    }

    public VariantType withOptions(List<Field> newOptions) {
        return new VariantType(tag, newOptions);
    }

    /**
     * Which option each tag value chooses: the ranges (inclusive) of the tag's mappings whose label
     * names an option, in the enumeration's order, and that option; the first range holding a
     * value wins. Compared as signed or unsigned numbers as the tag's container is.
     */
    public record OptionRanges(boolean signed, long[] lower, long[] upper, int[] option) {
        /** The option that {@code tag} chooses, or -1 when none. */
        public int optionOf(long tag) {
            for (int i = 0; i < lower.length; i++) {
                boolean in = signed
                        ? tag >= lower[i] && tag <= upper[i]
                        : Long.compareUnsigned(tag, lower[i]) >= 0 && Long.compareUnsigned(tag, upper[i]) <= 0;
                if (in) {
                    return option[i];
                }
            }
            return -1;
        }
    }

    /** The {@link OptionRanges} of this variant when its tag has the enumeration type {@code tag}. */
    public OptionRanges optionRanges(EnumType tag) {
        int n = 0;
        long[] lower = new long[tag.mappings().size()];
        long[] upper = new long[lower.length];
        int[] option = new int[lower.length];
        for (EnumType.Mapping m : tag.mappings()) {
            int o = optionIndex(m.label());
            if (o >= 0) {
                lower[n] = m.lower();
                upper[n] = m.upper();
                option[n++] = o;
            }
        }
        return new OptionRanges(tag.container().signed(), Arrays.copyOf(lower, n),
                Arrays.copyOf(upper, n), Arrays.copyOf(option, n));
    }

    /** Index of the option for an enumeration label, or -1. */
    public int optionIndex(String label) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).rawName().equals(label)) {
                return i;
            }
        }
        for (int i = 0; i < options.size(); i++) {
            Field o = options.get(i);
            if (o.rawName().equals("_" + label) || ("_" + o.rawName()).equals(label)) {
                return i;
            }
        }
        return -1;
    }
}

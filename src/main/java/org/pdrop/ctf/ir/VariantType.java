package org.pdrop.ctf.ir;

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

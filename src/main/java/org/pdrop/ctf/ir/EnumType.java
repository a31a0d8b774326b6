package org.pdrop.ctf.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Enumeration field class (CTF 1.8 §4.1.8): an integer container and labelled ranges. Ranges may
 * overlap and values may have no label. Bounds compare as signed or unsigned following the
 * container.
 */
public record EnumType(IntType container, List<Mapping> mappings) implements FieldType {

    /** One label and its inclusive range {@code [lower, upper]}. */
    public record Mapping(String label, long lower, long upper) {}

    public EnumType {
        mappings = List.copyOf(mappings);
    }

    @Override
    public int alignBits() {
        return container.alignBits();
    }

    /** Labels whose range contains {@code value}, in declaration order (possibly empty). */
    public List<String> labelsOf(long value) {
        List<String> out = null;
        boolean signed = container.signed();
        for (Mapping m : mappings) {
            boolean in = signed
                    ? value >= m.lower() && value <= m.upper()
                    : Long.compareUnsigned(value, m.lower()) >= 0 && Long.compareUnsigned(value, m.upper()) <= 0;
            if (in) {
                if (out == null) {
                    out = new ArrayList<>(1);
                }
                out.add(m.label());
            }
        }
        return out == null ? List.of() : out;
    }

    /** The first label containing {@code value}, or null. */
    public String firstLabelOf(long value) {
        boolean signed = container.signed();
        for (Mapping m : mappings) {
            boolean in = signed
                    ? value >= m.lower() && value <= m.upper()
                    : Long.compareUnsigned(value, m.lower()) >= 0 && Long.compareUnsigned(value, m.upper()) <= 0;
            if (in) {
                return m.label();
            }
        }
        return null;
    }
}

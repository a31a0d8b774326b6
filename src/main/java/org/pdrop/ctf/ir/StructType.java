package org.pdrop.ctf.ir;

import java.util.List;

/**
 * Structure field class (CTF 1.8 §4.2.1): fields in order; its alignment is the largest of its
 * fields' and of the explicit {@code align(N)} attribute.
 */
public record StructType(List<Field> fields, int minAlignBits) implements FieldType {
    public StructType {
        fields = List.copyOf(fields);
    }

    @Override
    public int alignBits() {
        int a = Math.max(1, minAlignBits);
        for (Field f : fields) {
            a = Math.max(a, f.type().alignBits());
        }
        return a;
    }

    /** Index of the field with this raw (as written) or display name, or -1. */
    public int indexOf(String name) {
        return FieldRefRules.indexOf(fields, name);
    }

    public Field field(String name) {
        int i = indexOf(name);
        return i < 0 ? null : fields.get(i);
    }

    public StructType withFields(List<Field> newFields) {
        return new StructType(newFields, minAlignBits);
    }
}

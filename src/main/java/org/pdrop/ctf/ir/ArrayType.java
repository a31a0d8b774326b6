package org.pdrop.ctf.ir;

/** Static array field class (CTF 1.8 §4.2.3): a fixed number of elements. */
public record ArrayType(FieldType element, long length) implements FieldType {
    public ArrayType {
        if (length < 0) {
            throw new IllegalArgumentException("negative array length: " + length);
        }
    }

    @Override
    public int alignBits() {
        return element.alignBits();
    }
}

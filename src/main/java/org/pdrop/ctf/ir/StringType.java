package org.pdrop.ctf.ir;

/** Null-terminated string field class (CTF 1.8 §4.2.5), always byte aligned. */
public record StringType(Encoding encoding) implements FieldType {
    @Override
    public int alignBits() {
        return 8;
    }
}

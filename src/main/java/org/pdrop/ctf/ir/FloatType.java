package org.pdrop.ctf.ir;

import java.nio.ByteOrder;

/**
 * Floating point field class (CTF 1.8 §4.1.7). Only the IEEE 754 binary32 (exp 8, mant 24) and
 * binary64 (exp 11, mant 53) layouts are decodable; the metadata pass rejects others.
 */
public record FloatType(int exponentDigits, int mantissaDigits, ByteOrder byteOrder, int alignBits)
        implements FieldType {

    public int sizeBits() {
        return exponentDigits + mantissaDigits;
    }

    public boolean bigEndian() {
        return byteOrder == ByteOrder.BIG_ENDIAN;
    }
}

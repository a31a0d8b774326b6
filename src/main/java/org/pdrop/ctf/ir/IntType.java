package org.pdrop.ctf.ir;

import java.nio.ByteOrder;

/**
 * Integer field class (CTF 1.8 §4.1.5): 1 to 64 bits, any alignment, per-field byte order.
 *
 * @param sizeBits    1..64
 * @param alignBits   power of two
 * @param signed      two's complement when true
 * @param byteOrder   resolved byte order ({@code native} already replaced by the trace's)
 * @param base        display base: 2, 8, 10 or 16
 * @param encoding    a non-NONE encoding makes arrays/sequences of it text
 * @param mappedClock name of the clock this integer updates ({@code map = clock.NAME.value}), or null
 */
public record IntType(int sizeBits, int alignBits, boolean signed, ByteOrder byteOrder, int base,
                      Encoding encoding, String mappedClock) implements FieldType {
    public IntType {
        if (sizeBits < 1 || sizeBits > 64) {
            throw new IllegalArgumentException("integer size out of range [1, 64]: " + sizeBits);
        }
        if (alignBits < 1 || Integer.bitCount(alignBits) != 1) {
            throw new IllegalArgumentException("integer alignment not a power of two: " + alignBits);
        }
        if (base != 2 && base != 8 && base != 10 && base != 16) {
            throw new IllegalArgumentException("integer base not 2, 8, 10 or 16: " + base);
        }
    }

    public boolean bigEndian() {
        return byteOrder == ByteOrder.BIG_ENDIAN;
    }
}

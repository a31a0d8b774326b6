package org.pdrop.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that text is formatted into without intermediate {@code String}s, then
 * handed to an {@link OutputStream} in large writes. Numbers are written digit by digit; ASCII
 * constants are written from pre-encoded arrays.
 *
 * <p>Not thread safe. Does not own the stream: the caller closes it.
 */
public final class ByteOut {
    private static final byte[] DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Eight bytes stored at once, the first in the lowest byte of the long (C2 makes it one store). */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int len;
    private final byte[] scratch = new byte[64];

    public ByteOut(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    public int length() {
        return len;
    }

    /** Forgets the content. */
    public void clear() {
        len = 0;
    }

    /** Cuts the content back to {@code length} bytes (a mark taken with {@link #length()}). */
    public void truncate(int length) {
        len = length;
    }

    public byte[] array() {
        return buf;
    }

    private void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    public ByteOut put(byte b) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = b;
        return this;
    }

    public ByteOut put(char asciiChar) {
        return put((byte) asciiChar);
    }

    public ByteOut put(byte[] bytes) {
        return put(bytes, 0, bytes.length);
    }

    public ByteOut put(byte[] bytes, int off, int n) {
        ensure(n);
        System.arraycopy(bytes, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends a string as UTF-8 (not for the hot path). */
    public ByteOut put(String s) {
        return put(s.getBytes(StandardCharsets.UTF_8));
    }

    /** "000".."999": three digits per table lookup. */
    private static final byte[] TRIPLES = new byte[3000];

    static {
        for (int i = 0; i < 1000; i++) {
            TRIPLES[3 * i] = (byte) ('0' + i / 100);
            TRIPLES[3 * i + 1] = (byte) ('0' + i / 10 % 10);
            TRIPLES[3 * i + 2] = (byte) ('0' + i % 10);
        }
    }

    /** Appends {@code v} as a signed decimal number. */
    public ByteOut putDecimal(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return put("-9223372036854775808");
            }
            put((byte) '-');
            v = -v;
        }
        return putUnsignedDecimal(v);
    }

    private static final long[] POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Number of decimal digits of a non-negative long. */
    private static int decimalDigits(long v) {
        // log10 estimate from the bit length (1233/4096 ~ log10(2)), then one correction.
        int d = ((64 - Long.numberOfLeadingZeros(v)) * 1233 >>> 12) + 1;
        return d < 19 && v >= POW10[d] ? d + 1 : (d > 1 && v < POW10[d - 1] ? d - 1 : d);
    }

    /** Appends {@code v} as an unsigned decimal number (uint64 in a long). */
    public ByteOut putUnsignedDecimal(long v) {
        if (v >= 0 && v < 10) {
            // The commonest case (a delta's seconds, a CPU number, a flag): no digit count.
            return put((byte) ('0' + v));
        }
        if (v < 0) {
            // Top bit set: one unsigned division brings it into the signed range.
            long q = (v >>> 1) / 5;
            int r = (int) (v - q * 10);
            putUnsignedDecimal(q);
            return put((byte) ('0' + r));
        }
        if (v < 100_000_000L) {
            return putUpToEightDigits((int) v);
        }
        if (v < 10_000_000_000_000_000L) {
            long high = v / 100_000_000L;
            putUpToEightDigits((int) high);
            return putEight(eightDigits((int) (v - high * 100_000_000L)));
        }
        return putDigits(v, decimalDigits(v));
    }

    /** Appends {@code v} (1 to 99,999,999) without leading zeros. */
    private ByteOut putUpToEightDigits(int v) {
        long x = eightDigits(v);
        // The first digit that is not zero is in the lowest byte whose digit value is not 0.
        int zeros = Long.numberOfTrailingZeros(x & 0x0F0F_0F0F_0F0F_0F0FL) >>> 3;
        ensure(8);
        EIGHT_BYTES.set(buf, len, x >>> (zeros << 3));
        len += 8 - zeros;
        return this;
    }

    /** Appends the eight digits of {@link #eightDigits}. */
    private ByteOut putEight(long digits) {
        ensure(8);
        EIGHT_BYTES.set(buf, len, digits);
        len += 8;
        return this;
    }

    /** Writes exactly {@code n} decimal digits of {@code v} (v >= 0, zero-padded on the left). */
    private ByteOut putDigits(long v, int n) {
        ensure(n);
        byte[] b = buf;
        int start = len;
        int p = start + n;
        len = p;
        while (v > Integer.MAX_VALUE && p - start >= 3) {
            long q = v / 1000;
            int r = 3 * (int) (v - q * 1000);
            b[p - 1] = TRIPLES[r + 2];
            b[p - 2] = TRIPLES[r + 1];
            b[p - 3] = TRIPLES[r];
            p -= 3;
            v = q;
        }
        // The rest fits an int, whose division is cheaper; three digits per division.
        int w = (int) v;
        while (p - start >= 3) {
            int q = w / 1000;
            int r = 3 * (w - q * 1000);
            b[p - 1] = TRIPLES[r + 2];
            b[p - 2] = TRIPLES[r + 1];
            b[p - 3] = TRIPLES[r];
            p -= 3;
            w = q;
        }
        while (p > start) {
            int q = w / 10;
            b[--p] = (byte) ('0' + (w - q * 10));
            w = q;
        }
        return this;
    }

    /**
     * Appends {@code v} (0 to 999,999,999) as exactly nine digits: the nanoseconds of a time, which
     * {@code dump} prints twice per line. The last eight digits are computed side by side in one
     * long (below) instead of three at a time with a division each.
     */
    public ByteOut putNineDigits(long v) {
        if (v < 0 || v >= 1_000_000_000L) {
            throw new IllegalArgumentException("not nine digits: " + v);
        }
        ensure(9);
        len = putNineDigits(buf, len, v);
        return this;
    }

    /** Writes {@code v} (0 to 999,999,999) as nine digits into {@code b} at {@code p}; returns the index after them. */
    static int putNineDigits(byte[] b, int p, long v) {
        int first = (int) v / 100_000_000;
        long x = eightDigits((int) v - first * 100_000_000);
        b[p] = (byte) ('0' + first);
        EIGHT_BYTES.set(b, p + 1, x);
        return p + 9;
    }

    /**
     * Makes room for {@code n} more bytes and returns the array to write them into, from index
     * {@link #length()}; then {@link #length(int)} takes them in. For the few callers that write a
     * whole record of known size at once.
     */
    byte[] room(int n) {
        ensure(n);
        return buf;
    }

    /** Takes in what was written into {@link #room}'s array up to {@code newLength}. */
    void length(int newLength) {
        if (newLength < len || newLength > buf.length) {
            throw new IllegalArgumentException("length " + newLength + " outside " + len + ".." + buf.length);
        }
        len = newLength;
    }

    /**
     * The eight ASCII digits of {@code v} (0 to 99,999,999), the first in the lowest byte. The
     * number is split into lanes that are divided in parallel: two 4-digit halves in 32-bit lanes,
     * each divided by 100 (a multiply by 10486 and a shift by 20 is exact below 10,000), then four
     * 2-digit quarters in 16-bit lanes, each divided by 10 (103 and 10, exact below 100). No lane's
     * product reaches the next lane's bits, and the masks drop what a shift brings down from it.
     */
    static long eightDigits(int v) {
        long high = v / 10_000;
        long x = high | ((v - high * 10_000) << 32);
        long hundreds = ((x * 10486) >>> 20) & 0x0000_007F_0000_007FL;
        x = hundreds | ((x - hundreds * 100) << 16);
        long tens = ((x * 103) >>> 10) & 0x000F_000F_000F_000FL;
        x = tens | ((x - tens * 10) << 8);
        return x | 0x3030_3030_3030_3030L;
    }

    /** Appends {@code v} in decimal, left-padded with zeros to {@code width} digits (v >= 0). */
    public ByteOut putZeroPadded(long v, int width) {
        if (width < POW10.length && v < POW10[width]) {
            return putDigits(v, width);
        }
        return putDigits(v, Math.max(width, decimalDigits(v)));
    }

    /** Appends the unsigned value in hexadecimal with upper-case digits, no prefix. */
    public ByteOut putHex(long v) {
        int n = v == 0 ? 1 : (67 - Long.numberOfLeadingZeros(v)) >> 2;
        ensure(n);
        byte[] b = buf;
        int p = len + n;
        len = p;
        do {
            b[--p] = DIGITS[(int) (v & 0xF)];
            v >>>= 4;
        } while (v != 0);
        return this;
    }

    /** Appends the unsigned value in octal, no prefix. */
    public ByteOut putOctal(long v) {
        int p = scratch.length;
        do {
            scratch[--p] = (byte) ('0' + (v & 7));
            v >>>= 3;
        } while (v != 0);
        return put(scratch, p, scratch.length - p);
    }

    /** Writes the content to {@code out} and clears it. */
    public void writeTo(OutputStream out) {
        try {
            out.write(buf, 0, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        len = 0;
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}

package org.pdrop.gen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes CTF integers into a byte array at any bit offset: the inverse of
 * {@link org.pdrop.ctf.decode.BitReader} (CTF 1.8 §4.1.5: little-endian fields fill each byte from
 * its least significant bit, big-endian ones from its most significant bit). Bits outside the
 * field are left as they are. Stateless; the caller keeps the position and checks bounds.
 */
final class BitWriter {
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BitWriter() {
    }

    /** Writes the low {@code bits} bits (1 to 64) of {@code value} at {@code posBits}. */
    static void write(byte[] buf, long posBits, long value, int bits, boolean bigEndian) {
        int at = (int) (posBits >>> 3);
        if ((posBits & 7) == 0 && (bits & 7) == 0) {
            writeBytes(buf, at, value, bits >>> 3, bigEndian);
        } else if (bigEndian) {
            writeBitsBe(buf, at, (int) (posBits & 7), value, bits);
        } else {
            writeBitsLe(buf, at, (int) (posBits & 7), value, bits);
        }
    }

    private static void writeBytes(byte[] buf, int at, long value, int n, boolean bigEndian) {
        // Each VarHandle must be a constant at its call site for the JIT to make it one store.
        if (n == 1) {
            buf[at] = (byte) value;
        } else if (n == 2) {
            if (bigEndian) {
                SHORT_BE.set(buf, at, (short) value);
            } else {
                SHORT_LE.set(buf, at, (short) value);
            }
        } else if (n == 4) {
            if (bigEndian) {
                INT_BE.set(buf, at, (int) value);
            } else {
                INT_LE.set(buf, at, (int) value);
            }
        } else if (n == 8) {
            if (bigEndian) {
                LONG_BE.set(buf, at, value);
            } else {
                LONG_LE.set(buf, at, value);
            }
        } else {
            writeByteLoop(buf, at, value, n, bigEndian);
        }
    }

    private static void writeByteLoop(byte[] buf, int at, long value, int n, boolean bigEndian) {
        if (bigEndian) {
            for (int i = n - 1; i >= 0; i--) {
                buf[at + i] = (byte) value;
                value >>>= 8;
            }
        } else {
            for (int i = 0; i < n; i++) {
                buf[at + i] = (byte) value;
                value >>>= 8;
            }
        }
    }

    private static void writeBitsLe(byte[] buf, int at, int shift, long value, int bits) {
        int left = bits;
        while (left > 0) {
            int n = Math.min(8 - shift, left);
            int mask = ((1 << n) - 1) << shift;
            buf[at] = (byte) ((buf[at] & ~mask) | (((int) value << shift) & mask));
            value >>>= n;
            left -= n;
            shift = 0;
            at++;
        }
    }

    /** Big endian: the value's most significant bit goes first, from the most significant bit of a byte. */
    private static void writeBitsBe(byte[] buf, int at, int used, long value, int bits) {
        int left = bits;
        while (left > 0) {
            int n = Math.min(8 - used, left);
            int chunk = (int) (value >>> (left - n)) & ((1 << n) - 1);
            int shift = 8 - used - n;
            int mask = ((1 << n) - 1) << shift;
            buf[at] = (byte) ((buf[at] & ~mask) | (chunk << shift));
            left -= n;
            used = 0;
            at++;
        }
    }
}

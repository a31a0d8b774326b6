package org.pdrop.ctf.decode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Test helper: writes CTF bit-field layouts (the inverse of {@link BitReader}), bit by bit. */
public final class BitWriter {
    private byte[] buf = new byte[64];
    private long pos;

    public long positionBits() {
        return pos;
    }

    public BitWriter align(int bits) {
        while (pos % bits != 0) {
            pos++;
        }
        ensure(pos);
        return this;
    }

    public BitWriter write(long value, int bits, boolean bigEndian) {
        ensure(pos + bits);
        for (int i = 0; i < bits; i++) {
            // Little endian: bit i of the value goes to the i-th bit from the LSB side of the stream.
            // Big endian: the value's most significant bit comes first, from the MSB side of bytes.
            long bit = bigEndian ? (value >>> (bits - 1 - i)) & 1 : (value >>> i) & 1;
            long p = pos + i;
            int byteIndex = (int) (p >>> 3);
            int bitInByte = (int) (p & 7);
            int shift = bigEndian ? 7 - bitInByte : bitInByte;
            if (bit != 0) {
                buf[byteIndex] |= (byte) (1 << shift);
            }
        }
        pos += bits;
        return this;
    }

    public BitWriter u8(long v) {
        return align(8).write(v, 8, false);
    }

    public BitWriter le(long v, int bits) {
        return write(v, bits, false);
    }

    public BitWriter be(long v, int bits) {
        return write(v, bits, true);
    }

    public BitWriter string(String s) {
        align(8);
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            write(b & 0xFF, 8, false);
        }
        return write(0, 8, false);
    }

    public BitWriter padTo(long bits) {
        ensure(bits);
        pos = bits;
        return this;
    }

    private void ensure(long bits) {
        int need = (int) ((bits + 7) >>> 3) + 16;
        if (need > buf.length) {
            byte[] n = new byte[Math.max(need, buf.length * 2)];
            System.arraycopy(buf, 0, n, 0, buf.length);
            buf = n;
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(buf, 0, (int) ((pos + 7) >>> 3));
        return out.toByteArray();
    }

    public ByteBuffer toBuffer() {
        return ByteBuffer.wrap(toBytes());
    }
}

package org.pdrop.ctf.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads CTF fields bit by bit from one packet (CTF 1.8 §4.1.5 "bit-field" layout: little-endian
 * fields fill each byte from its least significant bit, big-endian ones from its most significant
 * bit). Positions are in bits from the packet start; the byte order is a parameter of each read.
 *
 * <p>Not thread safe; one reader per stream cursor, re-targeted at each packet with
 * {@link #reset}. Every read is bounds-checked against {@link #limitBits()}: a field that runs past
 * the packet's content raises {@link OutOfBoundsException}, which callers turn into a
 * {@code CorruptTraceException} naming the stream and the offset.
 *
 * <p>A bit field that starts inside a byte must have the byte order of the bit field before it
 * ({@link ByteOrderChangeException}): a little-endian field fills a byte from its least
 * significant bit and a big-endian one from its most significant bit, so after a change inside a
 * byte the next field would read bits the previous one already consumed. Babeltrace refuses such
 * data too.
 */
public final class BitReader {
    private ByteBuffer le;
    private ByteBuffer be;
    private long positionBits;
    private long limitBits;
    /** Byte order of the last bit field read or skipped: {@link #NO_ORDER}, {@link #LE} or {@link #BE}. */
    private int lastOrder;

    private static final int NO_ORDER = 0;
    private static final int LE = 1;
    private static final int BE = 2;

    public BitReader() {
        reset(ByteBuffer.allocate(0), 0);
    }

    /**
     * Targets a packet. {@code packet} position 0 is the packet start (the caller slices);
     * {@code limitBits} is the content size, never more than the buffer holds.
     */
    public void reset(ByteBuffer packet, long limitBits) {
        this.le = packet.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.be = packet.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.positionBits = 0;
        this.limitBits = Math.min(limitBits, (long) packet.capacity() * 8);
        this.lastOrder = NO_ORDER;
    }

    public long positionBits() {
        return positionBits;
    }

    public void positionBits(long bits) {
        this.positionBits = bits;
    }

    public long limitBits() {
        return limitBits;
    }

    public void limitBits(long bits) {
        this.limitBits = Math.min(bits, (long) le.capacity() * 8);
    }

    /** Bytes the underlying buffer holds (the packet's maximum size). */
    public int capacityBytes() {
        return le.capacity();
    }

    public long remainingBits() {
        return limitBits - positionBits;
    }

    /**
     * The packet as a little-endian buffer (index 0 is the packet's first byte), for readers that
     * load fields at known offsets ({@link EventSkipper}, {@link FixedLayout}). Read only.
     */
    public ByteBuffer littleEndian() {
        return le;
    }

    /** Records that a little-endian field was just read (what {@link #readUnsigned} does), for {@link EventSkipper}. */
    void noteLittleEndian() {
        lastOrder = LE;
    }

    /** {@code bits} rounded up to a multiple of {@code alignBits} (a power of two), as {@link #align} moves. */
    public static long alignUp(long bits, int alignBits) {
        return alignBits <= 1 ? bits : (bits + alignBits - 1) & -(long) alignBits;
    }

    /** Moves forward to the next multiple of {@code alignBits} (a power of two). */
    public void align(int alignBits) {
        if (alignBits > 1) {
            long aligned = (positionBits + alignBits - 1) & -(long) alignBits;
            if (aligned > limitBits) {
                throw new OutOfBoundsException(positionBits, aligned - positionBits, limitBits);
            }
            positionBits = aligned;
        }
    }

    public void skipBits(long bits) {
        require(bits);
        positionBits += bits;
    }

    /** Skips a bit field of {@code bits} (1 to 64) as {@link #readUnsigned} would read it. */
    public void skipField(int bits, boolean bigEndian) {
        require(bits);
        byteOrder(positionBits, bigEndian);
        positionBits += bits;
    }

    /** Records the byte order of a bit field starting at {@code pos}; refuses a change inside a byte. */
    private void byteOrder(long pos, boolean bigEndian) {
        int order = bigEndian ? BE : LE;
        if ((pos & 7) != 0 && lastOrder != order && lastOrder != NO_ORDER) {
            throw new ByteOrderChangeException(pos, lastOrder == BE, bigEndian);
        }
        lastOrder = order;
    }

    public void require(long bits) {
        if (bits < 0 || bits > limitBits - positionBits) {
            throw new OutOfBoundsException(positionBits, bits, limitBits);
        }
    }

    /** Reads an unsigned integer of 1 to 64 bits (the result is the raw bit pattern). */
    public long readUnsigned(int bits, boolean bigEndian) {
        require(bits);
        long pos = positionBits;
        byteOrder(pos, bigEndian);
        if ((pos & 7) == 0) {
            int at = (int) (pos >>> 3);
            switch (bits) {
                case 8:
                    positionBits = pos + 8;
                    return le.get(at) & 0xFFL;
                case 16:
                    positionBits = pos + 16;
                    return (bigEndian ? be.getShort(at) : le.getShort(at)) & 0xFFFFL;
                case 32:
                    positionBits = pos + 32;
                    return (bigEndian ? be.getInt(at) : le.getInt(at)) & 0xFFFFFFFFL;
                case 64:
                    positionBits = pos + 64;
                    return bigEndian ? be.getLong(at) : le.getLong(at);
                default:
                    break;
            }
        }
        long v = bigEndian ? readBitfieldBe(pos, bits) : readBitfieldLe(pos, bits);
        positionBits = pos + bits;
        return v;
    }

    /** Reads a two's complement integer of 1 to 64 bits, sign-extended. */
    public long readSigned(int bits, boolean bigEndian) {
        long v = readUnsigned(bits, bigEndian);
        return bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }

    /**
     * The unsigned integer of {@code bits} (1 to 64) bits at bit {@code pos} of {@code buf}, laid
     * out as CTF lays out a little- or big-endian bit field; the caller has checked that its bytes
     * lie in the buffer. What {@link #readUnsigned} returns for the same field.
     */
    public static long bitfield(ByteBuffer buf, long pos, int bits, boolean bigEndian) {
        return bigEndian ? bitfieldBe(buf, pos, bits) : bitfieldLe(buf, pos, bits);
    }

    private long readBitfieldLe(long pos, int bits) {
        return bitfieldLe(le, pos, bits);
    }

    private long readBitfieldBe(long pos, int bits) {
        return bitfieldBe(be, pos, bits);
    }

    private static long bitfieldLe(ByteBuffer le, long pos, int bits) {
        int first = (int) (pos >>> 3);
        int shift = (int) (pos & 7);
        int totalBits = shift + bits;
        int nbytes = (totalBits + 7) >>> 3;
        long acc = 0;
        int n = Math.min(nbytes, 8);
        for (int i = 0; i < n; i++) {
            acc |= (le.get(first + i) & 0xFFL) << (8 * i);
        }
        long v = acc >>> shift;
        if (nbytes == 9) {
            v |= (le.get(first + 8) & 0xFFL) << (64 - shift);
        }
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    private static long bitfieldBe(ByteBuffer be, long pos, int bits) {
        int first = (int) (pos >>> 3);
        int shift = (int) (pos & 7);
        int totalBits = shift + bits;
        int nbytes = (totalBits + 7) >>> 3;
        // Bits are numbered from the most significant bit of the first byte.
        long v;
        if (nbytes <= 8) {
            long acc = 0;
            for (int i = 0; i < nbytes; i++) {
                acc = (acc << 8) | (be.get(first + i) & 0xFFL);
            }
            int tail = nbytes * 8 - totalBits;
            v = acc >>> tail;
        } else {
            long acc = 0;
            for (int i = 0; i < 8; i++) {
                acc = (acc << 8) | (be.get(first + i) & 0xFFL);
            }
            int last = be.get(first + 8) & 0xFF;
            int tail = 72 - totalBits;
            v = (acc << (8 - tail)) | (last >>> tail);
        }
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    public double readFloat32(boolean bigEndian) {
        return Float.intBitsToFloat((int) readUnsigned(32, bigEndian));
    }

    public double readFloat64(boolean bigEndian) {
        return Double.longBitsToDouble(readUnsigned(64, bigEndian));
    }

    /**
     * Reads a NUL-terminated string at a byte-aligned position and returns its bytes without the
     * NUL; the position moves past the NUL.
     */
    public byte[] readCString() {
        int start = (int) (positionBits >>> 3);
        int end = findNul(start);
        byte[] out = new byte[end - start];
        le.get(start, out);
        positionBits = ((long) end + 1) * 8;
        return out;
    }

    /**
     * Reads a NUL-terminated string at a byte-aligned position into {@code s.scratch} (grown as
     * needed) and returns its length without the NUL; the position moves past the NUL.
     */
    public int readCString(DecodeState s) {
        int start = (int) (positionBits >>> 3);
        int end = findNul(start);
        int n = end - start;
        if (s.scratch.length < n) {
            s.scratch = new byte[Math.max(n, s.scratch.length * 2)];
        }
        le.get(start, s.scratch, 0, n);
        positionBits = ((long) end + 1) * 8;
        return n;
    }

    /** Skips a NUL-terminated string at a byte-aligned position. */
    public void skipCString() {
        int start = (int) (positionBits >>> 3);
        positionBits = ((long) findNul(start) + 1) * 8;
    }

    /**
     * Index of the first zero byte of {@code le} in {@code [from, limit)} (byte indexes; the end is
     * also bounded by the buffer's capacity), or -1 when there is none.
     */
    public static long indexOfNul(ByteBuffer le, long from, long limit) {
        return BodyProgram.findNul(le, from, limit);
    }

    private int findNul(int start) {
        // Eight bytes per load (strings are read for every event that has one).
        long nul = BodyProgram.findNul(le, start, limitBits >>> 3);
        if (nul >= 0) {
            return (int) nul;
        }
        throw new OutOfBoundsException(positionBits, limitBits - positionBits + 8, limitBits);
    }

    /** Copies {@code n} whole bytes from a byte-aligned position into {@code s.scratch} (grown as needed). */
    public void readBytes(int n, DecodeState s) {
        require((long) n * 8);
        if (s.scratch.length < n) {
            s.scratch = new byte[Math.max(n, s.scratch.length * 2)];
        }
        le.get((int) (positionBits >>> 3), s.scratch, 0, n);
        positionBits += (long) n * 8;
    }

    /** Copies {@code n} whole bytes from a byte-aligned position. */
    public byte[] readBytes(int n) {
        require((long) n * 8);
        byte[] out = new byte[n];
        le.get((int) (positionBits >>> 3), out);
        positionBits += (long) n * 8;
        return out;
    }

    /** A bit field that starts inside a byte with another byte order than the field before it. */
    public static final class ByteOrderChangeException extends DecodeException {
        public ByteOrderChangeException(long positionBits, boolean previousBigEndian, boolean bigEndian) {
            super("byte-order-change=" + (previousBigEndian ? "be" : "le") + "-to-" + (bigEndian ? "be" : "le")
                    + ", at-bit=" + positionBits);
        }
    }

    /** A field or alignment that would run past the packet content. */
    public static final class OutOfBoundsException extends DecodeException {
        private final long positionBits;
        private final long neededBits;
        private final long limitBits;

        public OutOfBoundsException(long positionBits, long neededBits, long limitBits) {
            super(null);
            this.positionBits = positionBits;
            this.neededBits = neededBits;
            this.limitBits = limitBits;
        }

        public long positionBits() {
            return positionBits;
        }

        @Override
        public String getMessage() {
            return "needed-bits=" + neededBits + ", at-bit=" + positionBits + ", content-bits=" + limitBits;
        }
    }
}

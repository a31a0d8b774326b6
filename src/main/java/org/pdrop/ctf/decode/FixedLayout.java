package org.pdrop.ctf.decode;

import java.nio.ByteBuffer;

/**
 * Where each member of an event's body lies when the body has the same layout whatever its data:
 * every scope (common context, specific context, payload) is absent or a structure whose members
 * all have a fixed size in whole bytes, aligned on at most a byte, with no side effects
 * ({@link FieldDecoder#fixedSizeBits}). Laid from a byte, member {@code m} of scope {@code s} then
 * starts {@link #offsetBits}{@code (s, m)} bits after the body's first bit, and the body takes
 * {@link #bits()} bits. A reader that wants a few fields of such an event (the drop analysis)
 * loads them from the packet at these offsets instead of walking the scopes field by field.
 *
 * <p>Immutable.
 */
public final class FixedLayout {
    private final long bits;
    /** Per scope (empty for an absent one), per member: its bit offset from the body's start. */
    private final long[][] offsets;
    private final long[][] sizes;

    private FixedLayout(long bits, long[][] offsets, long[][] sizes) {
        this.bits = bits;
        this.offsets = offsets;
        this.sizes = sizes;
    }

    /** The layout of the given scopes laid one after the other from a byte (nulls are absent scopes), or null. */
    static FixedLayout of(FieldDecoder... scopes) {
        long run = 0;
        long[][] offsets = new long[scopes.length][];
        long[][] sizes = new long[scopes.length][];
        for (int s = 0; s < scopes.length; s++) {
            FieldDecoder d = scopes[s];
            if (d == null) {
                offsets[s] = new long[0];
                sizes[s] = new long[0];
                continue;
            }
            if (!(d instanceof Decoders.StructDecoder st) || st.fixedSizeBits() < 0) {
                return null;
            }
            offsets[s] = new long[st.members.length];
            sizes[s] = new long[st.members.length];
            for (int m = 0; m < st.members.length; m++) {
                long size = st.members[m].fixedSizeBits();
                offsets[s][m] = run;
                sizes[s][m] = size;
                run += size;
            }
        }
        return new FixedLayout(run, offsets, sizes);
    }

    /** Size of the whole body in bits (a multiple of 8). */
    public long bits() {
        return bits;
    }

    /** Number of members of a scope (0 for an absent one). */
    public int members(int scope) {
        return offsets[scope].length;
    }

    /** Bit offset of a member from the body's first bit (a multiple of 8). */
    public long offsetBits(int scope, int member) {
        return offsets[scope][member];
    }

    /** Size of a member in bits (a multiple of 8). */
    public long sizeBits(int scope, int member) {
        return sizes[scope][member];
    }

    /**
     * An integer of 8, 16, 32 or 64 bits ({@code size}) starting at byte {@code at} of a
     * little-endian buffer, in the given byte order, as the decoders read it (sign-extended when
     * signed).
     */
    public static long load(ByteBuffer le, int at, int size, boolean bigEndian, boolean signed) {
        long v;
        switch (size) {
            case 8 -> v = le.get(at) & 0xFFL;
            case 16 -> {
                short x = le.getShort(at);
                v = (bigEndian ? Short.reverseBytes(x) : x) & 0xFFFFL;
            }
            case 32 -> {
                int x = le.getInt(at);
                v = (bigEndian ? Integer.reverseBytes(x) : x) & 0xFFFFFFFFL;
            }
            default -> {
                long x = le.getLong(at);
                v = bigEndian ? Long.reverseBytes(x) : x;
            }
        }
        return signed && size < 64 ? (v << (64 - size)) >> (64 - size) : v;
    }
}

package org.pdrop.dump;

import java.nio.ByteBuffer;

/**
 * Remembers the text printed for recently seen raw bytes of one fixed-size scope, so that a scope
 * whose bytes repeat is printed by copying instead of decoding. The scope's text is a function of
 * its bytes alone (a fixed layout, no side effects: {@code FieldDecoder#fixedSizeBits}), so a
 * remembered text is exactly what printing would give. It pays off for the common context of
 * kernel traces ({@code procname}, {@code tid}, {@code pid}), which repeats from event to event
 * while a task runs on a CPU.
 *
 * <p>A direct-mapped table of {@link #SLOTS} entries keyed by the whole bytes. When, after
 * {@link #TRIAL} lookups, fewer than one in {@link #MIN_HIT_RATIO} hit (a context with a counter
 * in it, say), the memo turns itself off for good and costs one test per event.
 *
 * <p>One instance per scope and thread; not thread safe.
 */
final class TextMemo {
    static final int SLOTS = 256;
    static final int TRIAL = 4096;
    static final int MIN_HIT_RATIO = 4;
    /** Scopes up to this many bytes are remembered. */
    static final int MAX_BYTES = 64;

    private final int bytes;
    private final int words;
    private final long[] keys;
    private final byte[][] texts;
    private final int[] lengths;
    private final long[] scratch;
    private int scratchSlot;
    private long lookups;
    private long hits;
    private boolean off;

    /** A memo for a scope of {@code bytes} bytes (1 to {@link #MAX_BYTES}). */
    TextMemo(int bytes) {
        if (bytes < 1 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("scope of " + bytes + " bytes");
        }
        this.bytes = bytes;
        this.words = (bytes + 7) >>> 3;
        this.keys = new long[SLOTS * words];
        this.texts = new byte[SLOTS][];
        this.lengths = new int[SLOTS];
        this.scratch = new long[words];
    }

    /** Whether scopes of {@code bits} bits can be remembered. */
    static boolean fits(long bits) {
        return bits > 0 && (bits & 7) == 0 && bits <= MAX_BYTES * 8L;
    }

    boolean enabled() {
        return !off;
    }

    /**
     * Appends the text remembered for the scope's bytes at {@code at} in {@code le} and returns
     * true; false when they are not known (then {@link #remember} may follow for the same bytes).
     * The caller has checked that the bytes lie within the buffer.
     */
    boolean copyIfKnown(ByteBuffer le, int at, ByteOut out) {
        long h = 0;
        for (int w = 0; w < words; w++) {
            int from = at + (w << 3);
            long k = bytes - (w << 3) >= 8 ? le.getLong(from) : tail(le, from, bytes - (w << 3));
            scratch[w] = k;
            h = (h + k) * 0x9E3779B97F4A7C15L;
        }
        int slot = (int) (h >>> 56);
        scratchSlot = slot;
        if (++lookups == TRIAL && hits * MIN_HIT_RATIO < TRIAL) {
            off = true;
        }
        byte[] text = texts[slot];
        if (text != null) {
            int base = slot * words;
            boolean same = true;
            for (int w = 0; w < words; w++) {
                same &= keys[base + w] == scratch[w];
            }
            if (same) {
                hits++;
                out.put(text, 0, lengths[slot]);
                return true;
            }
        }
        return false;
    }

    /** Remembers {@code text[from, from + length)} for the bytes of the last failed lookup. */
    void remember(byte[] text, int from, int length) {
        int slot = scratchSlot;
        byte[] t = texts[slot];
        if (t == null || t.length < length) {
            t = new byte[Math.max(length, 64)];
            texts[slot] = t;
        }
        System.arraycopy(text, from, t, 0, length);
        lengths[slot] = length;
        System.arraycopy(scratch, 0, keys, slot * words, words);
    }

    /** The last {@code n} (1 to 7) bytes of a scope, little-endian. */
    private static long tail(ByteBuffer le, int from, int n) {
        long k = 0;
        for (int i = 0; i < n; i++) {
            k |= (le.get(from + i) & 0xFFL) << (i << 3);
        }
        return k;
    }

    @Override
    public String toString() {
        return "TextMemo[" + bytes + " bytes, " + hits + "/" + lookups + " hits" + (off ? ", off" : "") + "]";
    }

    /** For tests: the hits and lookups so far. */
    long[] stats() {
        return new long[] {hits, lookups};
    }
}

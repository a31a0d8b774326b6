package org.pdrop.ctf.decode;

/**
 * A decoder compiled once from a field class at one position of the metadata. The hot path calls
 * these virtually; each implementation is small and final. {@link #skip} moves past the field
 * without building values but still records what later fields depend on (slots, roles, clock).
 */
public abstract class FieldDecoder {
    /** Decodes the field into a value tree (the generic, printing path). */
    public abstract FieldValue read(BitReader r, DecodeState s);

    /** Moves past the field, keeping only its side effects on {@code s}. */
    public abstract void skip(BitReader r, DecodeState s);

    /**
     * Size in bits when the field starts byte-aligned and its size does not depend on the data
     * (alignment at most 8 and whole bytes, so no padding can appear inside), or -1. Callers use
     * it only at byte-aligned positions.
     */
    public long fixedSizeBits() {
        return -1;
    }
}

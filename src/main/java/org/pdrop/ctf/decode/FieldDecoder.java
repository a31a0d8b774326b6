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
     * Decodes the field into {@code v}'s callbacks instead of a value tree, with the same side
     * effects as {@link #read}. This default replays {@link #read}'s tree; the compiled decoders
     * override it without allocating.
     */
    public void visit(BitReader r, DecodeState s, FieldVisitor v) {
        replay(read(r, s), v);
    }

    /** Reports an already decoded value to a visitor, as {@link #visit} would have. */
    public static void replay(FieldValue value, FieldVisitor v) {
        if (value instanceof FieldValue.IntValue iv) {
            v.integer(iv.bits());
        } else if (value instanceof FieldValue.EnumValue ev) {
            v.integer(ev.bits());
        } else if (value instanceof FieldValue.FloatValue fv) {
            v.floatingPoint(fv.value());
        } else if (value instanceof FieldValue.StringValue sv) {
            v.string(sv.bytes(), 0, sv.bytes().length);
        } else if (value instanceof FieldValue.StructValue st) {
            v.beginStruct();
            for (FieldValue m : st.values()) {
                replay(m, v);
            }
            v.endStruct();
        } else if (value instanceof FieldValue.ArrayValue av) {
            v.beginArray(av.elements().length);
            for (FieldValue e : av.elements()) {
                replay(e, v);
            }
            v.endArray();
        } else if (value instanceof FieldValue.VariantValue vv) {
            v.beginVariant(vv.option());
            replay(vv.value(), v);
            v.endVariant();
        } else {
            throw new AssertionError(value);
        }
    }

    /**
     * Size in bits when the field starts byte-aligned and its size does not depend on the data
     * (alignment at most 8 and whole bytes, so no padding can appear inside), or -1. Callers use
     * it only at byte-aligned positions.
     */
    public long fixedSizeBits() {
        return -1;
    }
}

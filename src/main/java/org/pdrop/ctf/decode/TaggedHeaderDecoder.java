package org.pdrop.ctf.decode;

import java.nio.ByteBuffer;
import java.util.List;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.VariantType;

/**
 * A faster {@link #skip} for the event header shape LTTng writes (CTF 1.8 §6; lttng-modules'
 * {@code event_header_compact} and {@code event_header_large}): an id, then a variant chosen by
 * that id whose options are structures of plain integers (a short timestamp; or a full id and a
 * full timestamp). Every event of a trace goes through this, so it is one call with the option
 * looked up in a table, instead of a walk through five generic decoders. {@link #read} and
 * {@link #visit} (printing) stay with the generic decoder it was built from.
 */
final class TaggedHeaderDecoder extends FieldDecoder {
    /** One integer of an option: where it is and what it sets. */
    private record Part(int size, int align, boolean bigEndian, boolean eventId) {}

    private final FieldDecoder generic;
    private final int structAlign;
    private final int idSize;
    private final int idAlign;
    private final boolean idBigEndian;
    /** Option index per id value (-1: no option). */
    private final byte[] optionOf;
    private final int[] optionAlign;
    private final Part[][] parts;
    /** Where each option's parts sit when the header starts on a byte, or null (see {@link #layout}). */
    private final Layout layout;
    /**
     * {@link #skip}'s loads for a header that starts on a byte, {@link #PER_OPTION} longs per
     * option: the header's bits; the byte, shift and mask of the option's full event id (byte -1:
     * the tag is the id); the byte, shift and size of its timestamp (byte -1: none). Null when
     * there is no {@link #layout} or a field straddles its 64-bit load.
     */
    private final long[] loads;
    private static final int PER_OPTION = 7;
    /** Bytes a header's loads may touch from its start: the largest option, plus one load. */
    private final int loadSlack;

    private TaggedHeaderDecoder(FieldDecoder generic, int structAlign, IntType id, byte[] optionOf,
                                int[] optionAlign, Part[][] parts) {
        this.generic = generic;
        this.structAlign = structAlign;
        this.idSize = id.sizeBits();
        this.idAlign = id.alignBits();
        this.idBigEndian = id.bigEndian();
        this.optionOf = optionOf;
        this.optionAlign = optionAlign;
        this.parts = parts;
        this.layout = Layout.of(structAlign, id, optionAlign, parts, optionOf);
        this.loads = layout == null ? null : loads(layout);
        this.loadSlack = layout == null ? 0 : layout.maxBytes() + 8;
    }

    /** See {@link #loads}. */
    private static long[] loads(Layout h) {
        int n = h.bits().length;
        long[] t = new long[n * PER_OPTION];
        for (int o = 0; o < n; o++) {
            int idOff = h.idOffset()[o];
            int tsOff = h.tsOffset()[o];
            if ((idOff >= 0 && (idOff & 7) + h.idSize()[o] > 64) || (tsOff >= 0 && (tsOff & 7) + h.tsSize()[o] > 64)) {
                return null;
            }
            int i = o * PER_OPTION;
            t[i] = h.bits()[o];
            t[i + 1] = idOff < 0 ? -1 : idOff >>> 3;
            t[i + 2] = idOff < 0 ? 0 : idOff & 7;
            t[i + 3] = idOff < 0 ? 0 : h.idSize()[o] >= 64 ? -1L : (1L << h.idSize()[o]) - 1;
            t[i + 4] = tsOff < 0 ? -1 : tsOff >>> 3;
            t[i + 5] = tsOff < 0 ? 0 : tsOff & 7;
            t[i + 6] = tsOff < 0 ? 0 : h.tsSize()[o];
        }
        return t;
    }

    /**
     * The header's layout when it starts on a byte boundary, for {@link EventSkipper}: with every
     * alignment at most 8 bits, every field little-endian and every option a whole number of bytes, each part of each option sits at a
     * bit offset from the header start that does not depend on the data, so a header is read with
     * one or two word loads and shifts. Null when the header has another shape.
     */
    Layout layout() {
        return layout;
    }

    /**
     * Where the fields of each option sit from a byte-aligned header start. Each option has at
     * most one full event id (else the id is the tag itself) and at most one timestamp.
     *
     * @param idMask    mask of the tag (the id field, at offset 0)
     * @param optionOf  option index per tag value (-1: none)
     * @param bits      size of the whole header per option
     * @param idOffset  offset of the option's full event id, or -1
     * @param idSize    its size in bits
     * @param tsOffset  offset of the option's timestamp, or -1
     * @param tsSize    its size in bits
     * @param maxBytes  bytes of the largest option
     */
    record Layout(long idMask, byte[] optionOf, int[] bits, int[] idOffset, int[] idSize, int[] tsOffset,
                  int[] tsSize, int maxBytes) {
        static Layout of(int structAlign, IntType id, int[] optionAlign, Part[][] parts, byte[] optionOf) {
            if (structAlign > 8 || id.alignBits() > 8 || id.bigEndian()) {
                return null;
            }
            int n = parts.length;
            int[] bits = new int[n];
            int[] idOffset = new int[n];
            int[] idSize = new int[n];
            int[] tsOffset = new int[n];
            int[] tsSize = new int[n];
            int max = 0;
            for (int o = 0; o < n; o++) {
                if (optionAlign[o] > 8) {
                    return null;
                }
                int off = (int) BitReader.alignUp(id.sizeBits(), optionAlign[o]);
                idOffset[o] = -1;
                tsOffset[o] = -1;
                for (Part p : parts[o]) {
                    if (p.align() > 8 || p.bigEndian()) {
                        return null;
                    }
                    off = (int) BitReader.alignUp(off, p.align());
                    if (p.eventId()) {
                        if (idOffset[o] >= 0) {
                            return null;
                        }
                        idOffset[o] = off;
                        idSize[o] = p.size();
                    } else {
                        if (tsOffset[o] >= 0) {
                            return null;
                        }
                        tsOffset[o] = off;
                        tsSize[o] = p.size();
                    }
                    off += p.size();
                }
                if (off % 8 != 0) {
                    return null; // the body would not start on a byte
                }
                bits[o] = off;
                max = Math.max(max, off / 8);
            }
            return new Layout((1L << id.sizeBits()) - 1, optionOf, bits, idOffset, idSize, tsOffset, tsSize, max);
        }
    }

    /**
     * The specialised decoder when {@code header} has exactly that shape and nothing outside it
     * refers to its fields, else {@code generic} itself.
     *
     * @param referencedOutside whether a field outside the header refers to one of its fields
     */
    static FieldDecoder specialize(StructType header, FieldDecoder generic, boolean referencedOutside) {
        if (referencedOutside || header.fields().size() != 2) {
            return generic;
        }
        Field idField = header.fields().get(0);
        Field vField = header.fields().get(1);
        IntType id = idField.type() instanceof EnumType e ? e.container()
                : idField.type() instanceof IntType i ? i : null;
        if (id == null || id.signed() || id.sizeBits() > 16 || id.mappedClock() != null
                || idField.role() != FieldRole.EVENT_ID || !(idField.type() instanceof EnumType tag)
                || !(vField.type() instanceof VariantType v) || vField.role() != FieldRole.NONE
                || !v.tag().path().equals(List.of(0)) || v.options().size() > Byte.MAX_VALUE) {
            return generic;
        }
        int n = v.options().size();
        int[] optionAlign = new int[n];
        Part[][] parts = new Part[n][];
        for (int o = 0; o < n; o++) {
            if (!(v.options().get(o).type() instanceof StructType st)) {
                return generic;
            }
            optionAlign[o] = st.alignBits();
            parts[o] = new Part[st.fields().size()];
            for (int i = 0; i < parts[o].length; i++) {
                Field f = st.fields().get(i);
                FieldType t = f.type();
                if (!(t instanceof IntType it) || it.signed()
                        || (f.role() != FieldRole.EVENT_ID && f.role() != FieldRole.TIMESTAMP)
                        || (f.role() == FieldRole.EVENT_ID && it.mappedClock() != null)) {
                    return generic;
                }
                parts[o][i] = new Part(it.sizeBits(), it.alignBits(), it.bigEndian(), f.role() == FieldRole.EVENT_ID);
            }
        }
        byte[] optionOf = new byte[1 << id.sizeBits()];
        for (int value = 0; value < optionOf.length; value++) {
            optionOf[value] = -1;
            for (EnumType.Mapping m : tag.mappings()) {
                if (value >= m.lower() && value <= m.upper()) {
                    int o = v.optionIndex(m.label());
                    if (o >= 0) {
                        optionOf[value] = (byte) o;
                        break;
                    }
                }
            }
        }
        return new TaggedHeaderDecoder(generic, header.alignBits(), id, optionOf, optionAlign, parts);
    }

    @Override
    public FieldValue read(BitReader r, DecodeState s) {
        return generic.read(r, s);
    }

    @Override
    public void visit(BitReader r, DecodeState s, FieldVisitor v) {
        generic.visit(r, s, v);
    }

    /** The decoder this one was specialised from (for tests). */
    FieldDecoder generic() {
        return generic;
    }

    /**
     * Reads the header. When it starts on a byte, fits in the content and has an option the tag
     * chooses, its fields come from one or two word loads at the offsets of {@link #loads} (every
     * `dump` reads every header through here); else, and for every error, field by field.
     */
    @Override
    public void skip(BitReader r, DecodeState s) {
        long pos = r.positionBits();
        if (loads != null && (pos & 7) == 0 && (pos >>> 3) <= r.capacityBytes() - loadSlack) {
            ByteBuffer le = r.littleEndian();
            int at = (int) (pos >>> 3);
            long word = le.getLong(at);
            long tag = word & layout.idMask();
            int o = optionOf[(int) tag];
            if (o >= 0) {
                int i = o * PER_OPTION;
                long end = pos + loads[i];
                if (end <= r.limitBits()) {
                    long idByte = loads[i + 1];
                    s.eventId = idByte < 0 ? tag : (le.getLong(at + (int) idByte) >>> loads[i + 2]) & loads[i + 3];
                    s.eventIdSeen = true;
                    long tsByte = loads[i + 4];
                    if (tsByte >= 0) {
                        int size = (int) loads[i + 6];
                        long value = le.getLong(at + (int) tsByte) >>> loads[i + 5];
                        s.timestampSeen = true;
                        s.updateClock(size >= 64 ? value : value & ((1L << size) - 1), size);
                    }
                    r.positionBits(end);
                    r.noteLittleEndian();
                    return;
                }
            }
        }
        skipFieldByField(r, s);
    }

    private void skipFieldByField(BitReader r, DecodeState s) {
        r.align(structAlign);
        r.align(idAlign);
        long id = r.readUnsigned(idSize, idBigEndian);
        s.eventId = id;
        s.eventIdSeen = true;
        int o = optionOf[(int) id];
        if (o < 0) {
            throw new Decoders.VariantTagException(id, false, r.positionBits());
        }
        r.align(optionAlign[o]);
        for (Part p : parts[o]) {
            r.align(p.align);
            long value = r.readUnsigned(p.size, p.bigEndian);
            if (p.eventId) {
                s.eventId = value;
            } else {
                s.timestampSeen = true;
                s.updateClock(value, p.size);
            }
        }
    }
}

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
        this.loadSlack = layout == null ? 0 : layout.maxBytes() + 8;
    }

    /**
     * The header's layout when it starts on a byte boundary, for {@link EventSkipper} and
     * {@link #skip}: with every alignment at most 8 bits, every field little-endian and every
     * option a whole number of bytes, each part of each option sits at a bit offset from the
     * header start that does not depend on the data, so a header is read with one or two word
     * loads and shifts. Null when the header has another shape.
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
     * @param loads     the options as word loads read them, {@link #LOAD_SLOTS} longs per option:
     *                  header bits; byte, shift and mask of the event id (the tag itself when the
     *                  option has no full id); byte, shift and mask of the timestamp (mask 0 when
     *                  the option has none, -1 for 64 bits); and the clock's wrap step (mask + 1,
     *                  0 for 64 bits). Byte 0 means "in the header's first 64 bits": the field
     *                  comes from the word the tag was read from, so LTTng's usual header options
     *                  take one load (C1, the JIT of runs under 3 GB, does not inline the buffer's
     *                  loads: 1 GB --summary 1.075 -> 0.995 s against three loads); only a field
     *                  beyond them (the extended header's timestamp) takes a second. Null when a
     *                  field straddles its 64-bit load (then neither {@link EventSkipper} nor
     *                  {@link TaggedHeaderDecoder#skip} reads the header with loads).
     */
    record Layout(long idMask, byte[] optionOf, int[] bits, int[] idOffset, int[] idSize, int[] tsOffset,
                  int[] tsSize, int maxBytes, long[] loads) {
        static final int LOAD_SLOTS = 8;

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
            long idMask = (1L << id.sizeBits()) - 1;
            return new Layout(idMask, optionOf, bits, idOffset, idSize, tsOffset, tsSize, max,
                    loads(Long.bitCount(idMask), bits, idOffset, idSize, tsOffset, tsSize));
        }

        /** See {@link #loads}. */
        private static long[] loads(int tagSize, int[] bits, int[] idOffsets, int[] idSizes, int[] tsOffsets,
                                    int[] tsSizes) {
            int n = bits.length;
            long[] t = new long[n * LOAD_SLOTS];
            for (int o = 0; o < n; o++) {
                int idOffset = idOffsets[o] < 0 ? 0 : idOffsets[o];
                int idSize = idOffsets[o] < 0 ? tagSize : idSizes[o];
                int tsOffset = tsOffsets[o] < 0 ? 0 : tsOffsets[o];
                int tsSize = tsOffsets[o] < 0 ? 0 : tsSizes[o];
                if ((idOffset & 7) + idSize > 64 || (tsOffset & 7) + tsSize > 64) {
                    return null;
                }
                int i = o * LOAD_SLOTS;
                t[i] = bits[o];
                // A field inside the header's first 64 bits comes from the word the tag was read
                // from (byte 0: no second load); one beyond it from a load at its byte.
                boolean idInWord = idOffset + idSize <= 64;
                t[i + 1] = idInWord ? 0 : idOffset >>> 3;
                t[i + 2] = idInWord ? idOffset : idOffset & 7;
                t[i + 3] = mask(idSize);
                boolean tsInWord = tsOffset + tsSize <= 64;
                t[i + 4] = tsInWord ? 0 : tsOffset >>> 3;
                t[i + 5] = tsInWord ? tsOffset : tsOffset & 7;
                t[i + 6] = mask(tsSize);
                t[i + 7] = mask(tsSize) + 1;
            }
            return t;
        }

        private static long mask(int bits) {
            return bits >= 64 ? -1L : (1L << bits) - 1;
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
     * chooses, its fields come from the word loads of {@link Layout#loads}, as in
     * {@link EventSkipper} (`dump` reads every event's header through here); else, and for every
     * error, field by field.
     */
    @Override
    public void skip(BitReader r, DecodeState s) {
        long pos = r.positionBits();
        long[] loads = layout == null ? null : layout.loads();
        if (loads != null && (pos & 7) == 0 && (pos >>> 3) <= r.capacityBytes() - loadSlack) {
            ByteBuffer le = r.littleEndian();
            int at = (int) (pos >>> 3);
            long word = le.getLong(at);
            int o = optionOf[(int) (word & layout.idMask())];
            if (o >= 0) {
                int i = o * Layout.LOAD_SLOTS;
                long end = pos + loads[i];
                if (end <= r.limitBits()) {
                    long idByte = loads[i + 1];
                    s.eventId = ((idByte == 0 ? word : le.getLong(at + (int) idByte)) >>> loads[i + 2]) & loads[i + 3];
                    s.eventIdSeen = true;
                    long tsMask = loads[i + 6];
                    if (tsMask != 0) {
                        long tsByte = loads[i + 4];
                        s.timestampSeen = true;
                        s.updateClock(((tsByte == 0 ? word : le.getLong(at + (int) tsByte)) >>> loads[i + 5]) & tsMask,
                                Long.bitCount(tsMask));
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

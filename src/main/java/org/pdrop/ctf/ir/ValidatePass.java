package org.pdrop.ctf.ir;

import java.util.List;

/**
 * Checks what the decoders rely on, as Babeltrace's {@code ctf-meta-validate} does (CTF 1.8 §5,
 * §6.1): the packet header's {@code magic} is its first member and an unsigned 32-bit integer, its
 * {@code uuid} an array of 16 unsigned 8-bit byte-aligned integers, its {@code stream_id} and
 * {@code stream_instance_id} unsigned integers, and a trace with several stream classes has a
 * {@code stream_id}; the packet context's size, time, count and sequence number fields are unsigned
 * integers; the event header's {@code id} is an unsigned integer, and a stream class with several
 * event classes has one. Also checks that the other passes left no unresolved reference.
 */
public final class ValidatePass {
    private static final List<String> UNSIGNED_PACKET_CONTEXT = List.of(
            "timestamp_begin", "timestamp_end", "events_discarded", "packet_seq_num", "packet_size", "content_size");

    private final PassContext ctx;

    private ValidatePass(PassContext ctx) {
        this.ctx = ctx;
    }

    /** Returns {@code tc} unchanged, or throws. */
    public static TraceClass apply(TraceClass tc, PassContext ctx) {
        new ValidatePass(ctx).run(tc);
        return tc;
    }

    private void run(TraceClass tc) {
        StructType ph = tc.packetHeader();
        String phWhere = "scope=trace.packet.header";
        if (ph != null) {
            int magic = ph.indexOf("magic");
            if (magic >= 0) {
                Field f = ph.fields().get(magic);
                if (magic != 0) {
                    throw invalid(phWhere, f, "`magic` is not the first field of the packet header", ph, tc);
                }
                IntType it = integer(f.type());
                if (it == null || it.signed() || it.sizeBits() != 32) {
                    throw invalid(phWhere, f, "`magic` is not a 32-bit unsigned integer", ph, tc);
                }
            }
            requireUnsigned(ph, "stream_id", phWhere, tc);
            requireUnsigned(ph, "stream_instance_id", phWhere, tc);
            Field uuid = ph.field("uuid");
            if (uuid != null && !isUuidArray(uuid.type())) {
                throw invalid(phWhere, uuid, "`uuid` is not an array of 16 unsigned 8-bit byte-aligned integers", ph, tc);
            }
        }
        if (tc.streams().size() > 1 && (ph == null || ph.field("stream_id") == null)) {
            throw ctx.error("validate trace class", phWhere,
                    "the trace has more than one stream class but its packet header has no `stream_id` field", ph, tc);
        }
        for (StreamClass sc : tc.streams()) {
            String where = "stream=" + sc.id();
            if (sc.packetContext() != null) {
                for (String name : UNSIGNED_PACKET_CONTEXT) {
                    requireUnsigned(sc.packetContext(), name, where + ", scope=stream.packet.context", sc);
                }
            }
            Field id = sc.eventHeader() == null ? null : sc.eventHeader().field("id");
            if (id != null) {
                requireUnsigned(sc.eventHeader(), "id", where + ", scope=stream.event.header", sc);
            } else if (sc.events().size() > 1) {
                throw ctx.error("validate stream class", where, "the stream class has " + sc.events().size()
                        + " event classes but its event header has no `id` field", sc.eventHeader(), sc);
            }
            check(sc.packetContext(), where, sc);
            check(sc.eventHeader(), where, sc);
            check(sc.eventContext(), where, sc);
            for (EventClass e : sc.events()) {
                String ew = where + ", event=" + PassContext.quote(e.name());
                check(e.context(), ew, e);
                check(e.payload(), ew, e);
            }
        }
        check(ph, phWhere, tc);
    }

    private void requireUnsigned(StructType st, String name, String where, Object site) {
        Field f = st.field(name);
        if (f == null) {
            return;
        }
        IntType it = integer(f.type());
        if (it == null || it.signed()) {
            throw invalid(where, f, "`" + name + "` is not an unsigned integer", st, site);
        }
    }

    /** No unresolved reference or untagged variant is left anywhere. */
    private void check(FieldType type, String where, Object site) {
        if (type instanceof StructType) {
            for (Field f : ((StructType) type).fields()) {
                checkField(f, where, site);
            }
        } else if (type instanceof VariantType) {
            VariantType vt = (VariantType) type;
            if (vt.tag() == null || !vt.tag().resolved()) {
                throw ctx.error("validate trace class", where, "a variant tag is not resolved", vt, site);
            }
            for (Field f : vt.options()) {
                checkField(f, where, site);
            }
        } else if (type instanceof SequenceType) {
            SequenceType sq = (SequenceType) type;
            if (sq.length() == null || !sq.length().resolved()) {
                throw ctx.error("validate trace class", where, "a sequence length is not resolved", sq, site);
            }
            check(sq.element(), where, site);
        } else if (type instanceof ArrayType) {
            check(((ArrayType) type).element(), where, site);
        }
    }

    private void checkField(Field f, String where, Object site) {
        check(f.type(), where, site);
    }

    private static boolean isUuidArray(FieldType t) {
        if (!(t instanceof ArrayType) || ((ArrayType) t).length() != 16 || !(((ArrayType) t).element() instanceof IntType)) {
            return false;
        }
        IntType e = (IntType) ((ArrayType) t).element();
        return !e.signed() && e.sizeBits() == 8 && e.alignBits() == 8;
    }

    private RuntimeException invalid(String where, Field f, String reason, Object... sites) {
        Object[] all = new Object[sites.length + 1];
        all[0] = f;
        System.arraycopy(sites, 0, all, 1, sites.length);
        return ctx.error("validate trace class", where + ", field=" + PassContext.quote(f.rawName()), reason, all);
    }

    private static IntType integer(FieldType t) {
        return t instanceof IntType ? (IntType) t : t instanceof EnumType ? ((EnumType) t).container() : null;
    }
}

package org.pdrop.ctf.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives fields their {@link FieldRole} from their scope and (unescaped) name, the way Babeltrace's
 * {@code ctf-meta-update-meanings} does (CTF 1.8 §5 and §6.1):
 *
 * <ul>
 * <li>packet header, top-level integers {@code magic}, {@code stream_id}, {@code stream_instance_id}
 * and the array {@code uuid};</li>
 * <li>packet context, top-level integers {@code content_size}, {@code packet_size},
 * {@code timestamp_begin}, {@code timestamp_end}, {@code events_discarded}, {@code packet_seq_num}
 * and {@code cpu_id};</li>
 * <li>event header, integers {@code id} and {@code timestamp} at any depth of structures, including
 * inside variant options (LTTng's {@code v.extended.id}). Such a header can hold several
 * {@code EVENT_ID} or {@code TIMESTAMP} fields; the last one decoded wins.</li>
 * </ul>
 *
 * Integer here means an integer or an enumeration. A field of another type gets no role;
 * {@link ValidatePass} rejects the ones Babeltrace rejects.
 */
public final class AssignRolesPass {
    private static final Map<String, FieldRole> PACKET_HEADER = Map.of(
            "magic", FieldRole.PACKET_MAGIC,
            "stream_id", FieldRole.STREAM_CLASS_ID,
            "stream_instance_id", FieldRole.STREAM_INSTANCE_ID);
    private static final Map<String, FieldRole> PACKET_CONTEXT = Map.of(
            "content_size", FieldRole.CONTENT_SIZE_BITS,
            "packet_size", FieldRole.PACKET_SIZE_BITS,
            "timestamp_begin", FieldRole.BEGIN_TIME,
            "timestamp_end", FieldRole.END_TIME,
            "events_discarded", FieldRole.DISCARDED_COUNT,
            "packet_seq_num", FieldRole.PACKET_SEQ_NUM,
            "cpu_id", FieldRole.CPU_ID);
    private static final Map<String, FieldRole> EVENT_HEADER = Map.of(
            "id", FieldRole.EVENT_ID,
            "timestamp", FieldRole.TIMESTAMP);

    private final PassContext ctx;

    private AssignRolesPass(PassContext ctx) {
        this.ctx = ctx;
    }

    public static TraceClass apply(TraceClass tc, PassContext ctx) {
        return new AssignRolesPass(ctx).run(tc);
    }

    private TraceClass run(TraceClass tc) {
        StructType header = topLevel(tc.packetHeader(), PACKET_HEADER, true);
        List<StreamClass> streams = new ArrayList<>();
        for (StreamClass sc : tc.streams()) {
            StructType pc = topLevel(sc.packetContext(), PACKET_CONTEXT, false);
            StructType eh = (StructType) anyDepth(sc.eventHeader());
            StreamClass ns = new StreamClass(sc.id(), pc, eh, sc.eventContext(), sc.clock(), sc.events());
            ctx.source().inherit(ns, sc);
            streams.add(ns);
        }
        TraceClass nt = new TraceClass(tc.major(), tc.minor(), tc.uuid(), tc.byteOrder(), header, tc.env(), tc.clocks(),
                streams);
        ctx.source().inherit(nt, tc);
        return nt;
    }

    private StructType topLevel(StructType root, Map<String, FieldRole> roles, boolean uuid) {
        if (root == null) {
            return null;
        }
        List<Field> out = null;
        List<Field> fields = root.fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            FieldRole role = isInteger(f.type()) ? roles.get(f.name()) : null;
            if (role == null && uuid && f.name().equals("uuid") && f.type() instanceof ArrayType) {
                role = FieldRole.TRACE_UUID;
            }
            if (role != null && role != f.role()) {
                if (out == null) {
                    out = new ArrayList<>(fields);
                }
                out.set(i, withRole(f, role));
            }
        }
        return out == null ? root : derived(root.withFields(out), root);
    }

    private FieldType anyDepth(FieldType type) {
        if (type instanceof StructType) {
            StructType st = (StructType) type;
            List<Field> out = members(st.fields(), true);
            return out == null ? st : derived(st.withFields(out), st);
        }
        if (type instanceof VariantType) {
            VariantType vt = (VariantType) type;
            List<Field> out = members(vt.options(), false);
            return out == null ? vt : derived(vt.withOptions(out), vt);
        }
        if (type instanceof ArrayType) {
            ArrayType at = (ArrayType) type;
            FieldType e = anyDepth(at.element());
            return e == at.element() ? at : derived(new ArrayType(e, at.length()), at);
        }
        if (type instanceof SequenceType) {
            SequenceType sq = (SequenceType) type;
            FieldType e = anyDepth(sq.element());
            return e == sq.element() ? sq : derived(new SequenceType(e, sq.length()), sq);
        }
        return type;
    }

    /** Event header members: named structure members get roles (variant options are matched by their content only). */
    private List<Field> members(List<Field> members, boolean named) {
        List<Field> out = null;
        for (int i = 0; i < members.size(); i++) {
            Field f = members.get(i);
            Field nf = f;
            FieldType nt = anyDepth(f.type());
            if (nt != f.type()) {
                nf = f.withType(nt);
                ctx.source().inherit(nf, f);
            }
            FieldRole role = named && isInteger(nt) ? EVENT_HEADER.get(f.name()) : null;
            if (role != null && role != nf.role()) {
                nf = withRole(nf, role);
            }
            if (nf != f) {
                if (out == null) {
                    out = new ArrayList<>(members);
                }
                out.set(i, nf);
            }
        }
        return out;
    }

    private Field withRole(Field f, FieldRole role) {
        Field nf = f.withRole(role);
        ctx.source().inherit(nf, f);
        return nf;
    }

    private <T> T derived(T newer, Object older) {
        ctx.source().inherit(newer, older);
        return newer;
    }

    private static boolean isInteger(FieldType t) {
        return t instanceof IntType || t instanceof EnumType;
    }
}

package org.pdrop.ctf.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ties timestamps to clocks (CTF 1.8 §8), as Babeltrace's metadata visitor and its
 * {@code ctf-meta-update-default-clock-classes} do:
 *
 * <ol>
 * <li>An integer named {@code timestamp} anywhere in an event header, or {@code timestamp_begin} /
 * {@code timestamp_end} anywhere in a packet context, that maps to no clock is mapped to the trace's
 * only clock; with no clock at all, to an implicit 1 GHz clock named {@code default} added to the
 * trace; with several clocks, that is an error.</li>
 * <li>{@link StreamClass#clock()} becomes the one clock that integers of the stream's scopes (packet
 * context, event header and context, every event's context and payload) map to; two different clocks
 * in one stream, or a mapped integer in the packet header, are errors. A stream with no mapped
 * integer has no clock.</li>
 * </ol>
 */
public final class MapClocksPass {
    private final PassContext ctx;
    private final List<ClockClass> clocks;

    private MapClocksPass(PassContext ctx, List<ClockClass> clocks) {
        this.ctx = ctx;
        this.clocks = new ArrayList<>(clocks);
    }

    public static TraceClass apply(TraceClass tc, PassContext ctx) {
        return new MapClocksPass(ctx, tc.clocks()).run(tc);
    }

    private TraceClass run(TraceClass tc) {
        Set<String> headerClocks = new LinkedHashSet<>();
        collect(tc.packetHeader(), headerClocks);
        if (!headerClocks.isEmpty()) {
            throw ctx.error("map clocks", "scope=trace.packet.header", "an integer of the packet header maps to clock `"
                    + headerClocks.iterator().next() + "`", tc.packetHeader(), tc);
        }
        List<StreamClass> streams = new ArrayList<>();
        for (StreamClass sc : tc.streams()) {
            StructType pc = (StructType) autoMap(sc.packetContext(), Set.of("timestamp_begin", "timestamp_end"), sc);
            StructType eh = (StructType) autoMap(sc.eventHeader(), Set.of("timestamp"), sc);
            Set<String> used = new LinkedHashSet<>();
            collect(pc, used);
            collect(eh, used);
            collect(sc.eventContext(), used);
            for (EventClass e : sc.events()) {
                collect(e.context(), used);
                collect(e.payload(), used);
            }
            if (used.size() > 1) {
                throw ctx.error("map clocks", "stream=" + sc.id(), "integers of the stream map to more than one clock: "
                        + String.join(", ", used), sc);
            }
            ClockClass clock = used.isEmpty() ? null : clock(used.iterator().next());
            StreamClass ns = new StreamClass(sc.id(), pc, eh, sc.eventContext(), clock, sc.events());
            ctx.source().inherit(ns, sc);
            streams.add(ns);
        }
        TraceClass nt = new TraceClass(tc.major(), tc.minor(), tc.uuid(), tc.byteOrder(), tc.packetHeader(), tc.env(),
                clocks, streams);
        ctx.source().inherit(nt, tc);
        return nt;
    }

    private ClockClass clock(String name) {
        for (ClockClass c : clocks) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw ctx.error("map clocks", "clock=" + PassContext.quote(name), "no clock named `" + name + "`");
    }

    /** Maps unmapped integers with one of {@code names} (at any depth of structures and variants) to the default clock. */
    private FieldType autoMap(FieldType type, Set<String> names, StreamClass sc) {
        if (type instanceof StructType) {
            StructType st = (StructType) type;
            List<Field> out = mapMembers(st.fields(), names, sc);
            if (out == null) {
                return st;
            }
            StructType ns = st.withFields(out);
            ctx.source().inherit(ns, st);
            return ns;
        }
        if (type instanceof VariantType) {
            VariantType vt = (VariantType) type;
            List<Field> out = mapMembers(vt.options(), names, sc);
            if (out == null) {
                return vt;
            }
            VariantType nv = vt.withOptions(out);
            ctx.source().inherit(nv, vt);
            return nv;
        }
        return type;
    }

    private List<Field> mapMembers(List<Field> members, Set<String> names, StreamClass sc) {
        List<Field> out = null;
        for (int i = 0; i < members.size(); i++) {
            Field f = members.get(i);
            FieldType nt = f.type();
            if (names.contains(f.name())) {
                nt = mapToDefault(nt, f, sc);
            }
            nt = autoMap(nt, names, sc);
            if (nt != f.type()) {
                if (out == null) {
                    out = new ArrayList<>(members);
                }
                Field nf = f.withType(nt);
                ctx.source().inherit(nf, f);
                out.set(i, nf);
            }
        }
        return out;
    }

    private FieldType mapToDefault(FieldType type, Field f, StreamClass sc) {
        IntType it = type instanceof IntType ? (IntType) type
                : type instanceof EnumType ? ((EnumType) type).container() : null;
        if (it == null || it.mappedClock() != null) {
            return type;
        }
        if (clocks.size() > 1) {
            throw ctx.error("map clocks", "stream=" + sc.id() + ", field=" + PassContext.quote(f.rawName()),
                    "the field maps to no clock and the trace has more than one clock", f, sc);
        }
        if (clocks.isEmpty()) {
            clocks.add(new ClockClass("default", null, null, 1_000_000_000L, 0, 0, 0, false));
        }
        String name = clocks.get(0).name();
        IntType mapped = new IntType(it.sizeBits(), it.alignBits(), it.signed(), it.byteOrder(), it.base(), it.encoding(),
                name);
        ctx.source().inherit(mapped, it);
        if (type instanceof EnumType) {
            EnumType en = new EnumType(mapped, ((EnumType) type).mappings());
            ctx.source().inherit(en, type);
            return en;
        }
        return mapped;
    }

    /** Adds the clocks mapped by integers anywhere in {@code type}. */
    private static void collect(FieldType type, Set<String> into) {
        if (type == null) {
            return;
        }
        if (type instanceof IntType) {
            String c = ((IntType) type).mappedClock();
            if (c != null) {
                into.add(c);
            }
        } else if (type instanceof EnumType) {
            collect(((EnumType) type).container(), into);
        } else if (type instanceof StructType) {
            for (Field f : ((StructType) type).fields()) {
                collect(f.type(), into);
            }
        } else if (type instanceof VariantType) {
            for (Field f : ((VariantType) type).options()) {
                collect(f.type(), into);
            }
        } else if (type instanceof ArrayType) {
            collect(((ArrayType) type).element(), into);
        } else if (type instanceof SequenceType) {
            collect(((SequenceType) type).element(), into);
        }
    }
}

package org.pdrop.ctf.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRef;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.FloatType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.SequenceType;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StringType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.ir.VariantType;

/**
 * Walks the resolved IR once and builds the decoder trees of a trace ({@link TraceDecoder}). Fields
 * that a sequence or variant refers to get a slot in {@link DecodeState#slots}; the referrer reads
 * that slot. Roles assigned by the IR passes become side effects of the integer decoders.
 */
public final class DecoderCompiler {
    /** Which scope instance a path belongs to: the trace, one stream class, or one event class. */
    private record Key(Scope scope, long streamId, long eventId, List<Integer> path) {
        // Written out, with the values a record's would have: the generated ones link through
        // method handles at their first call, which costs start-up time (classes spun at run time).
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && scope == k.scope && streamId == k.streamId && eventId == k.eventId
                    && path.equals(k.path);
        }

        @Override
        public int hashCode() {
            return ((scope.hashCode() * 31 + Long.hashCode(streamId)) * 31 + Long.hashCode(eventId)) * 31
                    + path.hashCode();
        }
    }

    private final Map<Key, Integer> slotOf = new HashMap<>();
    private final java.util.Set<Key> wanted = new java.util.HashSet<>();
    /** Stream classes where a field outside the event header refers to a field of the header. */
    private final java.util.Set<Long> refsToHeaderId = new java.util.HashSet<>();
    private boolean collectingHeader;
    private int slots;
    private long curStream;
    private long curEvent;
    /** Root structure of each scope currently being compiled, by {@link Scope#ordinal()}. */
    private final StructType[] roots = new StructType[Scope.values().length];

    private DecoderCompiler() {}

    public static TraceDecoder compile(TraceClass trace) {
        return new DecoderCompiler().compileTrace(trace);
    }

    private TraceDecoder compileTrace(TraceClass trace) {
        collectRefs(trace);
        curStream = -1;
        curEvent = -1;
        FieldDecoder header = trace.packetHeader() == null ? null
                : compileScope(trace.packetHeader(), Scope.PACKET_HEADER);
        Map<Long, StreamDecoder> streams = new HashMap<>();
        for (StreamClass sc : trace.streams()) {
            curStream = sc.id();
            curEvent = -1;
            java.util.Arrays.fill(roots, 1, roots.length, null);
            FieldDecoder ctx = sc.packetContext() == null ? null : compileScope(sc.packetContext(), Scope.PACKET_CONTEXT);
            FieldDecoder eh = sc.eventHeader() == null ? null : compileScope(sc.eventHeader(), Scope.EVENT_HEADER);
            if (eh != null) {
                eh = TaggedHeaderDecoder.specialize(sc.eventHeader(), eh, headerReferencedOutside());
            }
            FieldDecoder ec = sc.eventContext() == null ? null : compileScope(sc.eventContext(), Scope.EVENT_COMMON_CONTEXT);
            Map<Long, EventDecoder> events = new HashMap<>();
            for (EventClass e : sc.events()) {
                curEvent = e.id();
                roots[Scope.EVENT_SPECIFIC_CONTEXT.ordinal()] = null;
                roots[Scope.EVENT_PAYLOAD.ordinal()] = null;
                FieldDecoder sctx = e.context() == null ? null : compileScope(e.context(), Scope.EVENT_SPECIFIC_CONTEXT);
                FieldDecoder payload = e.payload() == null ? null : compileScope(e.payload(), Scope.EVENT_PAYLOAD);
                events.put(e.id(), new EventDecoder(e, sctx, payload));
            }
            streams.put(sc.id(), new StreamDecoder(sc, ctx, eh, ec, events));
        }
        return new TraceDecoder(trace, header, streams, slots, uuidOffset(trace.packetHeader()));
    }

    /** Bit offset of the packet header's UUID when every field before it has a fixed size, else -1. */
    private static long uuidOffset(StructType header) {
        if (header == null) {
            return -1;
        }
        long pos = 0;
        for (Field f : header.fields()) {
            long a = f.type().alignBits();
            pos = (pos + a - 1) / a * a;
            if (f.role() == FieldRole.TRACE_UUID) {
                return pos;
            }
            long size = staticBits(f.type());
            if (size < 0) {
                return -1;
            }
            pos += size;
        }
        return -1;
    }

    private static long staticBits(FieldType t) {
        if (t instanceof IntType it) {
            return it.sizeBits();
        }
        if (t instanceof EnumType et) {
            return et.container().sizeBits();
        }
        if (t instanceof FloatType ft) {
            return ft.sizeBits();
        }
        if (t instanceof ArrayType at) {
            long e = staticBits(at.element());
            return e >= 0 && at.element().alignBits() <= e ? e * at.length() : -1;
        }
        return -1;
    }

    // --- references ---------------------------------------------------------------------------

    private void collectRefs(TraceClass trace) {
        curStream = -1;
        curEvent = -1;
        collect(trace.packetHeader());
        for (StreamClass sc : trace.streams()) {
            curStream = sc.id();
            curEvent = -1;
            collect(sc.packetContext());
            collectingHeader = true;
            collect(sc.eventHeader());
            collectingHeader = false;
            collect(sc.eventContext());
            for (EventClass e : sc.events()) {
                curEvent = e.id();
                collect(e.context());
                collect(e.payload());
            }
        }
    }

    private void collect(FieldType t) {
        if (t == null) {
            return;
        }
        if (t instanceof StructType st) {
            for (Field f : st.fields()) {
                collect(f.type());
            }
        } else if (t instanceof VariantType vt) {
            want(vt.tag());
            for (Field f : vt.options()) {
                collect(f.type());
            }
        } else if (t instanceof SequenceType sq) {
            want(sq.length());
            collect(sq.element());
        } else if (t instanceof ArrayType at) {
            collect(at.element());
        }
    }

    private void want(FieldRef ref) {
        if (!ref.resolved()) {
            throw new IllegalStateException("unresolved field reference: " + ref.text());
        }
        wanted.add(keyOf(ref.scope(), ref.path()));
        if (ref.scope() == Scope.EVENT_HEADER && !collectingHeader) {
            refsToHeaderId.add(curStream);
        }
    }

    private Key keyOf(Scope scope, List<Integer> path) {
        long s = scope == Scope.PACKET_HEADER ? -1 : curStream;
        long e = scope == Scope.EVENT_SPECIFIC_CONTEXT || scope == Scope.EVENT_PAYLOAD ? curEvent : -1;
        return new Key(scope, s, e, List.copyOf(path));
    }

    /**
     * Whether a reference targets an event header field other than the id that the header's own
     * variant selects on (path [0]); such a target needs the generic decoder's slot.
     */
    private boolean headerReferencedOutside() {
        for (Key k : wanted) {
            if (k.scope() == Scope.EVENT_HEADER && k.streamId() == curStream && !k.path().equals(List.of(0))) {
                return true;
            }
        }
        return refsToHeaderId.contains(curStream);
    }

    private int slotFor(Scope scope, List<Integer> path) {
        Key k = keyOf(scope, path);
        if (!wanted.contains(k)) {
            return -1;
        }
        return slotOf.computeIfAbsent(k, x -> slots++);
    }

    private int referencedSlot(FieldRef ref) {
        Integer slot = slotOf.get(keyOf(ref.scope(), ref.path()));
        if (slot == null) {
            throw new IllegalStateException("field reference to a field not decoded before it: " + ref.text());
        }
        return slot;
    }

    // --- decoders ---------------------------------------------------------------------------

    private FieldDecoder compileScope(StructType root, Scope scope) {
        roots[scope.ordinal()] = root;
        return compile(root, FieldRole.NONE, scope, new ArrayList<>());
    }

    private FieldDecoder compile(FieldType t, FieldRole role, Scope scope, List<Integer> path) {
        if (t instanceof IntType it) {
            return new Decoders.IntDecoder(it, it, slotFor(scope, path), role);
        }
        if (t instanceof EnumType et) {
            return new Decoders.IntDecoder(et, et.container(), slotFor(scope, path), role);
        }
        if (t instanceof FloatType ft) {
            if (ft.sizeBits() != 32 && ft.sizeBits() != 64) {
                throw new UnsupportedCtfException("Cannot decode floating point number: exp-dig=" + ft.exponentDigits()
                        + ", mant-dig=" + ft.mantissaDigits() + ", reason=\"only 32- and 64-bit IEEE 754 are supported\"");
            }
            return new Decoders.FloatDecoder(ft);
        }
        if (t instanceof StringType s) {
            return new Decoders.StringDecoder(s);
        }
        if (t instanceof StructType st) {
            FieldDecoder[] members = new FieldDecoder[st.fields().size()];
            for (int i = 0; i < members.length; i++) {
                Field f = st.fields().get(i);
                path.add(i);
                members[i] = compile(f.type(), f.role(), scope, path);
                path.remove(path.size() - 1);
            }
            return new Decoders.StructDecoder(st, members);
        }
        if (t instanceof ArrayType at) {
            // An element level takes no index in a FieldRef path: a field inside an element has the
            // path the resolve pass gives a reference made from within that same element, and its
            // slot holds the value of the element being decoded.
            FieldDecoder el = compile(at.element(), FieldRole.NONE, scope, path);
            return new Decoders.ArrayDecoder(at, el, at.length(), -1, at.alignBits(), minBits(at.element()));
        }
        if (t instanceof SequenceType sq) {
            int lenSlot = referencedSlot(sq.length());
            FieldDecoder el = compile(sq.element(), FieldRole.NONE, scope, path);
            return new Decoders.ArrayDecoder(sq, el, 0, lenSlot, sq.alignBits(), minBits(sq.element()));
        }
        if (t instanceof VariantType vt) {
            FieldDecoder[] options = new FieldDecoder[vt.options().size()];
            for (int i = 0; i < options.length; i++) {
                Field f = vt.options().get(i);
                path.add(i);
                options[i] = compile(f.type(), f.role(), scope, path);
                path.remove(path.size() - 1);
            }
            int tagSlot = referencedSlot(vt.tag());
            return new Decoders.VariantDecoder(vt, options, tagSlot, vt.optionRanges(tagType(vt)));
        }
        throw new AssertionError(t);
    }

    private EnumType tagType(VariantType vt) {
        FieldType target = roots[vt.tag().scope().ordinal()];
        for (int i : vt.tag().path()) {
            // Element levels take no index in a path (see FieldRef).
            while (target instanceof ArrayType || target instanceof SequenceType) {
                target = target instanceof ArrayType at ? at.element() : ((SequenceType) target).element();
            }
            if (target instanceof StructType st) {
                target = st.fields().get(i).type();
            } else if (target instanceof VariantType v) {
                target = v.options().get(i).type();
            } else {
                target = null;
                break;
            }
        }
        if (target instanceof EnumType et) {
            return et;
        }
        throw new IllegalStateException("variant tag is not an enumeration: " + vt.tag().text());
    }

    private static long minBits(FieldType t) {
        if (t instanceof IntType it) {
            return it.sizeBits();
        }
        if (t instanceof EnumType et) {
            return et.container().sizeBits();
        }
        if (t instanceof FloatType ft) {
            return ft.sizeBits();
        }
        if (t instanceof StringType) {
            return 8;
        }
        if (t instanceof StructType st) {
            long sum = 0;
            for (Field f : st.fields()) {
                sum += minBits(f.type());
            }
            return sum;
        }
        if (t instanceof ArrayType at) {
            return at.length() * minBits(at.element());
        }
        return 0;
    }
}

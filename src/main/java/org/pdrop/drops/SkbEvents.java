package org.pdrop.drops;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.pdrop.ctf.decode.FieldValue;
import org.pdrop.ctf.decode.FieldValue.StructValue;
import org.pdrop.ctf.decode.FixedLayout;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.SequenceType;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.stream.StreamCursor;
import org.pdrop.symbols.Resolution;
import org.pdrop.symbols.SymbolTable;

/**
 * Turns LTTng {@code skb_kfree} and {@code skb_consume} events into {@link DropEvent}s.
 *
 * <p>Fields by lttng-modules version (notes/formats.md §1.2): {@code skbaddr}, {@code location},
 * {@code protocol} in every version since 2.2 (32-bit on 32-bit kernels; base 10 before 2.8;
 * {@code protocol} native order before 2.7, network order since, which the reader already turns
 * into the host value); {@code reason} (an 8-bit enum) since 2.13.2 on kernels 5.17+;
 * {@code rx_skaddr} since 2.13.15 on 6.11+ (ignored). {@code skb_consume} has {@code skbaddr}, and
 * {@code location} since kernel 6.3. The kernel names ({@code kfree_skb}, {@code consume_skb}) are
 * accepted too, though no released lttng-modules used them.
 *
 * <p>Which events matter is decided once per event class; the others are skipped undecoded.
 */
final class SkbEvents {
    static final String KFREE = "skb_kfree";
    static final String CONSUME = "skb_consume";

    private SkbEvents() {
    }

    /** True for event names that are drops ({@code skb_kfree}, {@code kfree_skb}). */
    static boolean isKfree(String name) {
        return name.equals(KFREE) || name.equals("kfree_skb");
    }

    /** True for event names that are normal frees ({@code skb_consume}, {@code consume_skb}). */
    static boolean isConsume(String name) {
        return name.equals(CONSUME) || name.equals("consume_skb");
    }

    /**
     * How an {@link EventPlan} reads its events; all three give the same {@link DropEvent}s (tests
     * compare them). The analysis reads {@link #DIRECT}.
     */
    enum Reading {
        /** Decode each scope into a value tree and pick the fields from it. */
        VALUE_TREES,
        /** Decode the scopes through visitors, with no value trees (needs known context shapes). */
        VISITORS,
        /** Load the fields at their offsets when the body has a {@link FixedLayout}, else as {@link #VISITORS}. */
        DIRECT
    }

    /** Per-trace state: symbols, reason names and caches of both, keyed by raw value. */
    static final class TracePlan {
        final String name;
        final SymbolTable symbols;
        final LongFunction<Reason> namer;
        // Streams are read on threads of their own: the caches are shared by them.
        private final Map<Long, Site> sites = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Long, Reason> reasons = new java.util.concurrent.ConcurrentHashMap<>();

        TracePlan(String name, SymbolTable symbols, LongFunction<Reason> namer) {
            this.name = name;
            this.symbols = symbols;
            this.namer = namer;
        }

        Site site(long address) {
            return sites.computeIfAbsent(address, this::resolve);
        }

        private Site resolve(long address) {
            if (symbols == null) {
                return Site.unresolved(address);
            }
            java.util.Optional<Resolution> r = symbols.resolve(address);
            if (r.isEmpty()) {
                return Site.unresolved(address);
            }
            Resolution res = r.get();
            return new Site(address, res.symbol().name(), res.offset(), res.symbol().module());
        }

        Reason reason(long value) {
            return reasons.computeIfAbsent(value, namer::apply);
        }
    }

    /**
     * How to read one skb event class: payload field positions and context field names. One plan
     * per data stream: its reader keeps state between events, so a plan is used by one thread.
     */
    static final class EventPlan {
        final TracePlan trace;
        final boolean kfree;
        final String eventName;
        final int skbaddr;
        final int location;
        final int protocol;
        final int reason;
        final String[] commonNames;
        final String[] specificNames;
        final String[] contextNames;
        final StructType payloadType;

        EventPlan(TracePlan trace, StreamClass sc, EventClass ec) {
            this(trace, sc, ec, Reading.DIRECT);
        }

        /** Whether every event of the class is a free, not a drop ({@code skb_consume}): no reason can make it one. */
        boolean freesOnly() {
            return !kfree;
        }

        /** @param reading how to read the events (tests compare the ways) */
        EventPlan(TracePlan trace, StreamClass sc, EventClass ec, Reading reading) {
            this.trace = trace;
            this.kfree = isKfree(ec.name());
            this.eventName = ec.name();
            StructType p = ec.payload();
            this.payloadType = p;
            this.skbaddr = intField(p, "skbaddr");
            this.location = intField(p, "location");
            this.protocol = intField(p, "protocol");
            this.reason = kfree ? intField(p, "reason") : -1;
            this.commonNames = names(sc == null ? null : sc.eventContext());
            this.specificNames = names(ec.context());
            String[] all = new String[commonNames.length + specificNames.length];
            System.arraycopy(commonNames, 0, all, 0, commonNames.length);
            System.arraycopy(specificNames, 0, all, commonNames.length, specificNames.length);
            this.contextNames = all;
            this.fast = reading == Reading.VALUE_TREES ? null
                    : FastReader.of(this, sc == null ? null : sc.eventContext(), ec.context(), reading == Reading.DIRECT);
        }

        /** Reads without building value trees, or null when a context field has a shape it does not know. */
        private final FastReader fast;

        boolean fastRead() {
            return fast != null;
        }

        /** Whether events of this class were loaded straight from the packet ({@link Reading#DIRECT}) so far. */
        boolean readDirect() {
            return fast != null && fast.directReads > 0;
        }

        DropEvent read(StreamCursor c) {
            if (fast != null) {
                return fast.read(c);
            }
            StructValue common = c.commonContext();
            StructValue specific = c.specificContext();
            StructValue payload = c.payload();
            ContextFields context = context(common, specific);
            long skb = longAt(payload, skbaddr, 0);
            Site site = location >= 0 ? trace.site(longAt(payload, location, 0)) : null;
            int proto = protocol >= 0 ? (int) longAt(payload, protocol, -1) : -1;
            Reason r = reason >= 0 ? trace.reason(longAt(payload, reason, 0)) : null;
            DropEvent.Kind kind = kfree && (r == null || !r.notADrop()) ? DropEvent.Kind.DROP : DropEvent.Kind.FREE;
            long cpu = c.cpuId();
            return new DropEvent(c.timestampNs(), cpu < 0 || cpu > Integer.MAX_VALUE ? -1 : (int) cpu, skb, site,
                    proto, r, kind, eventName, context, c.stream().name());
        }

        private ContextFields context(StructValue common, StructValue specific) {
            if (contextNames.length == 0) {
                return ContextFields.EMPTY;
            }
            Object[] values = new Object[contextNames.length];
            fill(common, values, 0, commonNames.length);
            fill(specific, values, commonNames.length, specificNames.length);
            return new ContextFields(contextNames, values);
        }

        private static void fill(StructValue sv, Object[] out, int from, int n) {
            if (sv == null) {
                return;
            }
            FieldValue[] v = sv.values();
            for (int i = 0; i < n && i < v.length; i++) {
                out[from + i] = plain(v[i]);
            }
        }
    }

    /**
     * Reads an skb event through {@link StreamCursor#visit} (no value trees): context fields that
     * are integers, enumerations, floats, strings or text arrays (8-bit encoded integers, as
     * {@code procname}), and the payload's integers at the plan's indices. Gives the same values
     * as {@link #plain}. A text equal to the previous event's same field reuses its String.
     */
    static final class FastReader {
        private final EventPlan plan;
        private final FieldType[] contextTypes;
        private final Scope common;
        private final Scope specific;
        private final PayloadScope payload;
        private final Object[] lastText;
        private final byte[][] lastBytes;

        private FastReader(EventPlan plan, FieldType[] contextTypes, boolean tryDirect) {
            this.plan = plan;
            this.directChecked = !tryDirect;
            this.contextTypes = contextTypes;
            this.common = new Scope(0);
            this.specific = new Scope(plan.commonNames.length);
            this.payload = new PayloadScope();
            this.lastText = new Object[contextTypes.length];
            this.lastBytes = new byte[contextTypes.length][];
        }

        static FastReader of(EventPlan plan, StructType commonType, StructType specificType, boolean tryDirect) {
            List<FieldType> types = new ArrayList<>();
            for (StructType t : new StructType[] {commonType, specificType}) {
                if (t != null) {
                    for (Field f : t.fields()) {
                        if (!known(f.type())) {
                            return null;
                        }
                        types.add(f.type());
                    }
                }
            }
            return new FastReader(plan, types.toArray(new FieldType[0]), tryDirect);
        }

        private static boolean known(FieldType t) {
            return t instanceof IntType || t instanceof EnumType || t instanceof org.pdrop.ctf.ir.FloatType
                    || t instanceof org.pdrop.ctf.ir.StringType || text(t);
        }

        private static boolean text(FieldType t) {
            FieldType element = t instanceof ArrayType at ? at.element() : t instanceof SequenceType st ? st.element() : null;
            return element instanceof IntType it && it.encoding() != org.pdrop.ctf.ir.Encoding.NONE && it.sizeBits() == 8;
        }

        // The last site and reason: consecutive drops of one class mostly share them, and the
        // trace's caches cost a boxed key and a concurrent lookup.
        private long lastAddress;
        private Site lastSite;
        private long lastReasonValue;
        private Reason lastReason;

        private Site site(long address) {
            if (lastSite == null || address != lastAddress) {
                lastSite = plan.trace.site(address);
                lastAddress = address;
            }
            return lastSite;
        }

        private Reason reason(long value) {
            if (lastReason == null || value != lastReasonValue) {
                lastReason = plan.trace.reason(value);
                lastReasonValue = value;
            }
            return lastReason;
        }

        /** How to load this event class's fields straight from the packet, once known (null: not possible). */
        private Direct direct;
        private boolean directChecked;
        long directReads;

        DropEvent read(StreamCursor c) {
            if (!directChecked) {
                directChecked = true;
                FixedLayout layout = c.fixedLayout();
                direct = layout == null ? null : direct(layout);
            }
            if (direct != null) {
                int at = c.passFixedBody(direct.layout);
                if (at >= 0) {
                    directReads++;
                    return direct.read(c, at);
                }
            }
            Object[] values = plan.contextNames.length == 0 ? null : new Object[plan.contextNames.length];
            common.reset(values);
            specific.reset(values);
            payload.reset();
            c.visit(plan.commonNames.length == 0 ? null : common, plan.specificNames.length == 0 ? null : specific,
                    payload);
            ContextFields context = values == null ? ContextFields.EMPTY : new ContextFields(plan.contextNames, values);
            long skb = payload.skbaddr;
            Site site = plan.location >= 0 ? site(payload.location) : null;
            int proto = plan.protocol >= 0 ? (int) payload.protocol : -1;
            Reason r = plan.reason >= 0 ? reason(payload.reason) : null;
            DropEvent.Kind kind = plan.kfree && (r == null || !r.notADrop()) ? DropEvent.Kind.DROP : DropEvent.Kind.FREE;
            long cpu = c.cpuId();
            return new DropEvent(c.timestampNs(), cpu < 0 || cpu > Integer.MAX_VALUE ? -1 : (int) cpu, skb, site,
                    proto, r, kind, plan.eventName, context, c.stream().name());
        }

        /** The direct reader for a layout, or null when a field it would load has another shape. */
        private Direct direct(FixedLayout layout) {
            int common = plan.commonNames.length;
            if (layout.members(0) != common || layout.members(1) != plan.specificNames.length
                    || contextTypes.length != common + plan.specificNames.length) {
                return null;
            }
            Load[] context = new Load[contextTypes.length];
            int[] textBytes = new int[contextTypes.length];
            for (int i = 0; i < contextTypes.length; i++) {
                int scope = i < common ? 0 : 1;
                int member = i < common ? i : i - common;
                long offset = layout.offsetBits(scope, member);
                long size = layout.sizeBits(scope, member);
                FieldType t = contextTypes[i];
                if (t instanceof ArrayType at && text(at) && at.length() * 8 == size && size <= 4096) {
                    context[i] = new Load((int) (offset >>> 3), 1, false, false);
                    textBytes[i] = (int) at.length();
                } else {
                    context[i] = Load.of(t, offset, size);
                    if (context[i] == null) {
                        return null;
                    }
                }
            }
            int[] wanted = {plan.skbaddr, plan.location, plan.protocol, plan.reason};
            Load[] payload = new Load[wanted.length];
            for (int k = 0; k < wanted.length; k++) {
                int m = wanted[k];
                if (m < 0) {
                    continue;
                }
                if (m >= layout.members(2)) {
                    return null;
                }
                payload[k] = Load.of(plan.payloadType.fields().get(m).type(), layout.offsetBits(2, m),
                        layout.sizeBits(2, m));
                if (payload[k] == null) {
                    return null;
                }
            }
            return new Direct(layout, context, textBytes, payload);
        }

        /**
         * The reader of an event class whose body has a {@link FixedLayout}: each field it wants
         * is loaded from the packet at its offset. Made only when every context field and every
         * wanted payload field is an integer or enumeration of 1, 2, 4 or 8 bytes, or a text
         * array, so that the values are those the visitors would give.
         */
        private final class Direct {
            final FixedLayout layout;
            /** Per context field: its load, and its text length in bytes (0: an integer). */
            final Load[] context;
            final int[] textBytes;
            final Load skbaddr;
            final Load location;
            final Load protocol;
            final Load reason;
            private byte[] text = new byte[32];

            private Direct(FixedLayout layout, Load[] context, int[] textBytes, Load[] payload) {
                this.layout = layout;
                this.context = context;
                this.textBytes = textBytes;
                this.skbaddr = payload[0];
                this.location = payload[1];
                this.protocol = payload[2];
                this.reason = payload[3];
            }

            DropEvent read(StreamCursor c, int at) {
                java.nio.ByteBuffer b = c.packetBytes();
                Object[] values = context.length == 0 ? null : new Object[context.length];
                for (int i = 0; i < context.length; i++) {
                    Load l = context[i];
                    FieldType t = contextTypes[i];
                    if (textBytes[i] > 0) {
                        int n = textBytes[i];
                        if (text.length < n) {
                            text = new byte[n];
                        }
                        b.get(at + l.offset, text, 0, n);
                        values[i] = textOf(i, text, 0, n, true);
                    } else {
                        long bits = l.load(b, at);
                        values[i] = t instanceof EnumType et ? enumValue(et, bits) : SkbEvents.integer((IntType) t, bits);
                    }
                }
                ContextFields ctx = values == null ? ContextFields.EMPTY : new ContextFields(plan.contextNames, values);
                long skb = skbaddr == null ? 0 : skbaddr.load(b, at);
                Site site = location == null ? null : site(location.load(b, at));
                int proto = protocol == null ? -1 : (int) protocol.load(b, at);
                Reason r = reason == null ? null : reason(reason.load(b, at));
                DropEvent.Kind kind = plan.kfree && (r == null || !r.notADrop()) ? DropEvent.Kind.DROP : DropEvent.Kind.FREE;
                long cpu = c.cpuId();
                return new DropEvent(c.timestampNs(), cpu < 0 || cpu > Integer.MAX_VALUE ? -1 : (int) cpu, skb, site,
                        proto, r, kind, plan.eventName, ctx, c.stream().name());
            }
        }

        /** An integer of 1, 2, 4 or 8 bytes at a byte offset from the body's start, read as the decoders read it. */
        private record Load(int offset, int bytes, boolean bigEndian, boolean signed) {
            /** The load of an integer or enumeration field laid out as the layout says, or null. */
            static Load of(FieldType t, long offsetBits, long sizeBits) {
                IntType it = t instanceof EnumType et ? et.container() : t instanceof IntType i ? i : null;
                if (it == null || it.sizeBits() != sizeBits || it.mappedClock() != null
                        || (sizeBits != 8 && sizeBits != 16 && sizeBits != 32 && sizeBits != 64)) {
                    return null;
                }
                return new Load((int) (offsetBits >>> 3), (int) (sizeBits >>> 3), it.bigEndian(), it.signed());
            }

            long load(java.nio.ByteBuffer le, int body) {
                return FixedLayout.load(le, body + offset, bytes * 8, bigEndian, signed);
            }
        }

        /** Tracks the member index at depth 1 of a scope's structure. */
        private abstract static class Members implements org.pdrop.ctf.decode.FieldVisitor {
            int depth;
            int member;

            void resetMembers() {
                depth = 0;
                member = 0;
            }

            /** A leaf value at depth 1 (the scope's own members). */
            abstract void leaf(long bits, double fp, byte[] text, int offset, int length, int kind);

            static final int INT = 0;
            static final int FLOAT = 1;
            static final int STRING = 2;

            @Override
            public void integer(long bits) {
                if (depth == 1) {
                    leaf(bits, 0, null, 0, 0, INT);
                    member++;
                } else {
                    element(bits);
                }
            }

            void element(long bits) {
            }

            @Override
            public void floatingPoint(double value) {
                if (depth == 1) {
                    leaf(0, value, null, 0, 0, FLOAT);
                    member++;
                }
            }

            @Override
            public void string(byte[] bytes, int offset, int length) {
                if (depth == 1) {
                    leaf(0, 0, bytes, offset, length, STRING);
                    member++;
                }
            }

            @Override
            public void beginStruct() {
                depth++;
            }

            @Override
            public void endStruct() {
                if (--depth == 1) {
                    member++;
                }
            }

            @Override
            public void beginArray(int length) {
                depth++;
            }

            @Override
            public void endArray() {
                if (--depth == 1) {
                    endText();
                    member++;
                }
            }

            void endText() {
            }

            @Override
            public void beginVariant(int option) {
                depth++;
            }

            @Override
            public void endVariant() {
                if (--depth == 1) {
                    member++;
                }
            }
        }

        /** A context scope: its members go to {@code values[from + member]}. */
        private final class Scope extends Members {
            private final int from;
            private Object[] values;
            private byte[] text = new byte[32];
            private int textLength;

            Scope(int from) {
                this.from = from;
            }

            void reset(Object[] out) {
                values = out;
                resetMembers();
                textLength = 0;
            }

            @Override
            void leaf(long bits, double fp, byte[] bytes, int offset, int length, int kind) {
                int i = from + member;
                if (values == null || i >= values.length) {
                    return;
                }
                FieldType t = contextTypes[i];
                switch (kind) {
                    case INT -> values[i] = t instanceof EnumType et
                            ? enumValue(et, bits) : SkbEvents.integer((IntType) t, bits);
                    case FLOAT -> values[i] = fp;
                    default -> values[i] = textOf(i, bytes, offset, length, false);
                }
            }

            @Override
            public void bytes(byte[] bytes, int offset, int length, boolean signed) {
                if (depth == 2) {
                    ensure(textLength + length);
                    System.arraycopy(bytes, offset, text, textLength, length);
                    textLength += length;
                } else {
                    super.bytes(bytes, offset, length, signed);
                }
            }

            @Override
            void element(long bits) {
                if (depth == 2) {
                    ensure(textLength + 1);
                    text[textLength++] = (byte) bits;
                }
            }

            private void ensure(int n) {
                if (text.length < n) {
                    text = java.util.Arrays.copyOf(text, Math.max(n, text.length * 2));
                }
            }

            @Override
            public void beginArray(int length) {
                super.beginArray(length);
                if (depth == 2) {
                    textLength = 0;
                }
            }

            @Override
            void endText() {
                int i = from + member;
                if (values != null && i < values.length) {
                    values[i] = textOf(i, text, 0, textLength, true);
                }
                textLength = 0;
            }
        }

        private static Object enumValue(EnumType et, long bits) {
            String label = et.firstLabelOf(bits);
            return label != null ? label : integer(et.container(), bits);
        }

        /**
         * A text field's String: up to the first NUL for text arrays (as {@link #plain}); the
         * previous event's String when the bytes are the same.
         */
        private Object textOf(int i, byte[] bytes, int offset, int length, boolean stopAtNul) {
            int n = length;
            if (stopAtNul) {
                for (int k = 0; k < length; k++) {
                    if (bytes[offset + k] == 0) {
                        n = k;
                        break;
                    }
                }
            }
            byte[] last = lastBytes[i];
            if (last != null && java.util.Arrays.equals(last, 0, last.length, bytes, offset, offset + n)) {
                return lastText[i];
            }
            lastBytes[i] = java.util.Arrays.copyOfRange(bytes, offset, offset + n);
            String s = new String(bytes, offset, n, StandardCharsets.UTF_8);
            lastText[i] = s;
            return s;
        }

        /** The payload: integers at the plan's indices. */
        private final class PayloadScope extends Members {
            long skbaddr;
            long location;
            long protocol;
            long reason;

            void reset() {
                resetMembers();
                skbaddr = 0;
                location = 0;
                protocol = -1;
                reason = 0;
            }

            @Override
            void leaf(long bits, double fp, byte[] text, int offset, int length, int kind) {
                if (kind != INT) {
                    return;
                }
                if (member == plan.skbaddr) {
                    skbaddr = bits;
                } else if (member == plan.location) {
                    location = bits;
                } else if (member == plan.protocol) {
                    protocol = bits;
                } else if (member == plan.reason) {
                    reason = bits;
                }
            }
        }
    }

    /** Index of an integer or enumeration payload field, or -1. */
    static int intField(StructType payload, String name) {
        if (payload == null) {
            return -1;
        }
        int i = payload.indexOf(name);
        if (i < 0) {
            return -1;
        }
        FieldType t = payload.fields().get(i).type();
        return t instanceof IntType || t instanceof EnumType ? i : -1;
    }

    /** The labels of the {@code reason} enum of an {@code skb_kfree} class, label to value. */
    static Map<String, Long> reasonLabels(EventClass ec) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (ec.payload() == null) {
            return out;
        }
        Field f = ec.payload().field("reason");
        if (f != null && f.type() instanceof EnumType et) {
            for (EnumType.Mapping m : et.mappings()) {
                if (m.lower() == m.upper()) {
                    out.putIfAbsent(m.label(), m.lower());
                }
            }
        }
        return out;
    }

    static String[] names(StructType t) {
        if (t == null) {
            return new String[0];
        }
        List<String> n = new ArrayList<>();
        for (Field f : t.fields()) {
            n.add(f.name());
        }
        return n.toArray(new String[0]);
    }

    static long longAt(StructValue sv, int index, long absent) {
        if (sv == null || index < 0 || index >= sv.values().length) {
            return absent;
        }
        FieldValue v = sv.values()[index];
        if (v instanceof FieldValue.IntValue iv) {
            return iv.bits();
        }
        if (v instanceof FieldValue.EnumValue ev) {
            return ev.bits();
        }
        return absent;
    }

    /**
     * A context value as JSON/CSV show it: integers as Long (BigInteger above Long.MAX_VALUE when
     * unsigned), enums by label (else number), text arrays and strings as String, floats as Double.
     */
    static Object plain(FieldValue v) {
        if (v instanceof FieldValue.IntValue iv) {
            return integer(iv.type(), iv.bits());
        }
        if (v instanceof FieldValue.EnumValue ev) {
            String label = ev.type().firstLabelOf(ev.bits());
            return label != null ? label : integer(ev.type().container(), ev.bits());
        }
        if (v instanceof FieldValue.StringValue sv) {
            return sv.text();
        }
        if (v instanceof FieldValue.FloatValue fv) {
            return fv.value();
        }
        if (v instanceof FieldValue.ArrayValue av) {
            FieldType element = av.type() instanceof ArrayType at ? at.element()
                    : av.type() instanceof SequenceType st ? st.element() : null;
            if (element instanceof IntType it && it.encoding() != org.pdrop.ctf.ir.Encoding.NONE && it.sizeBits() == 8) {
                byte[] bytes = new byte[av.elements().length];
                int n = 0;
                for (FieldValue e : av.elements()) {
                    byte b = (byte) ((FieldValue.IntValue) e).bits();
                    if (b == 0) {
                        break;
                    }
                    bytes[n++] = b;
                }
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            List<Object> items = new ArrayList<>();
            for (FieldValue e : av.elements()) {
                items.add(plain(e));
            }
            return items.toString();
        }
        if (v instanceof FieldValue.StructValue st) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < st.values().length; i++) {
                m.put(st.type().fields().get(i).name(), plain(st.values()[i]));
            }
            return m.toString();
        }
        if (v instanceof FieldValue.VariantValue vv) {
            return plain(vv.value());
        }
        return v == null ? null : v.toString();
    }

    private static Object integer(IntType t, long bits) {
        if (t.signed() || bits >= 0) {
            return bits;
        }
        return new BigInteger(Long.toUnsignedString(bits));
    }
}

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

    /** How to read one skb event class: payload field positions and context field names. */
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

        EventPlan(TracePlan trace, StreamClass sc, EventClass ec) {
            this.trace = trace;
            this.kfree = isKfree(ec.name());
            this.eventName = ec.name();
            StructType p = ec.payload();
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
        }

        DropEvent read(StreamCursor c) {
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

package org.pdrop.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.decode.FieldValue.StructValue;
import org.pdrop.ctf.ir.ClockClass;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.ir.VariantType;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.Notice;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * Prints events and loss notices exactly as Babeltrace 2.0.4's default {@code sink.text.pretty}
 * does ({@code plugins/text/pretty/print.c}):
 *
 * <pre>
 * [HH:MM:SS.nnnnnnnnn] (+S.nnnnnnnnn) HOSTNAME EVENT: { packet context }, { common context }, { specific context }, { payload }
 * </pre>
 *
 * The time and delta are left out for streams without a clock, the hostname when the trace
 * environment has none, and each scope that is absent or keeps no field ({@link Bt2Scopes}).
 * Tracer-side losses go to {@code err} as Babeltrace's {@code WARNING: Tracer discarded …}
 * sentences.
 *
 * <p>Lines are formatted into one large reusable buffer and written in big blocks; per event
 * class, the {@code "HOSTNAME NAME: "} prefix and the printers of its scopes are compiled once.
 * Not thread safe; does not own {@code out} or {@code err}.
 */
public final class PrettyPrinter {
    /** Buffered bytes that trigger a write to the output stream. */
    private static final int FLUSH_BYTES = 1 << 18;
    private static final byte[] UNKNOWN_DELTA = FieldPrinter.bytes("(+?.?????????) ");
    /** Bytes of the usual time prefix: {@code [HH:MM:SS.nnnnnnnnn] (+S.nnnnnnnnn) }. */
    private static final int TIME_BYTES = 1 + WallClock.BYTES + 2 + 2 + 1 + 1 + 9 + 2;
    private static final byte[] COMMA = FieldPrinter.bytes(", ");
    private static final byte[] COLON_SPACE = FieldPrinter.bytes(": ");

    private final OutputStream out;
    private final PrintWriter err;
    private ByteOut buf = new ByteOut(FLUSH_BYTES + (FLUSH_BYTES >> 2));
    private final ZoneId zone;
    private final WallClock wallClock;
    private final List<TraceFormat> traces = new ArrayList<>();
    private final Map<DataStream.TraceHandle, TraceFormat> byHandle = new IdentityHashMap<>();
    /** What Babeltrace keeps of each stream class: analysed once, for this printer and its copies. */
    private final Map<StreamClass, Bt2Scopes.Kept> kept;

    /** Stream formats by trace ordinal and stream ordinal, filled on first use. */
    private StreamFormat[][] byStream = new StreamFormat[0][];
    private StructValue lastPacketContext;
    private byte[] packetText = new byte[256];
    private int packetTextLength;
    private long lastNs;
    private boolean haveLast;
    private long deltaNs;
    private boolean haveDelta;

    /** Formatting facts of one trace. */
    static final class TraceFormat {
        final TraceClass traceClass;
        final String name;
        final byte[] hostPrefix;
        final Map<Long, StreamFormat> streams = new HashMap<>();
        final Map<DataStream, Long> streamIds = new IdentityHashMap<>();

        /** What Babeltrace keeps of each stream class, shared with the formatter copies. */
        final Map<StreamClass, Bt2Scopes.Kept> kept;

        TraceFormat(TraceClass traceClass, String name, Map<StreamClass, Bt2Scopes.Kept> kept) {
            this.traceClass = traceClass;
            this.name = name;
            this.hostPrefix = FieldPrinter.bytes(tracePrefix(traceClass));
            this.kept = kept;
        }

        StreamFormat stream(long id) {
            StreamFormat f = streams.get(id);
            if (f == null) {
                StreamClass sc = traceClass.stream(id);
                f = new StreamFormat(sc, hostPrefix, kept.computeIfAbsent(sc, Bt2Scopes::analyze));
                streams.put(id, f);
            }
            return f;
        }
    }

    /**
     * What Babeltrace prints between the time and the event name with its default options
     * ({@code print_event_header()}: trace fields {@code hostname}, {@code procname} and
     * {@code vpid} on, {@code domain}, log level and EMF URI off): the environment's
     * {@code hostname}, {@code procname} and {@code (vpid)} joined by colons, then a space;
     * nothing when the environment has none of them.
     */
    static String tracePrefix(TraceClass tc) {
        StringBuilder b = new StringBuilder();
        boolean printed = false;
        if (tc.env().get("hostname") instanceof String h) {
            b.append(h);
            printed = true;
        }
        if (tc.env().get("procname") instanceof String p) {
            b.append(printed ? ":" : "").append(p);
            printed = true;
        }
        if (tc.env().get("vpid") instanceof Long v) {
            b.append(printed ? ":" : "").append('(').append(v).append(')');
            printed = true;
        }
        return printed ? b.append(' ').toString() : "";
    }

    /** Formatting facts of one stream class. */
    static final class StreamFormat {
        final Bt2Scopes.Compiled scopes;
        /** Null when the stream class has no clock: no time printed. */
        final Bt2Clock clock;
        final byte[] hostPrefix;
        final Map<EventClass, EventFormat> events = new IdentityHashMap<>();

        StreamFormat(StreamClass sc, byte[] hostPrefix) {
            this(sc, hostPrefix, Bt2Scopes.analyze(sc));
        }

        StreamFormat(StreamClass sc, byte[] hostPrefix, Bt2Scopes.Kept kept) {
            this.scopes = new Bt2Scopes.Compiled(kept);
            this.clock = clockOf(sc);
            this.hostPrefix = hostPrefix;
        }

        /** The common context's texts by its bytes (this formatter's thread). */
        final MemoSlot commonMemo = new MemoSlot();

        /** Formats by event class id when ids are small (LTTng numbers them from 0), else null. */
        private EventFormat[] dense = new EventFormat[64];

        /** Small, so that it inlines into the per-event code; the first event of a class takes {@link #firstEvent}. */
        EventFormat event(EventClass ec) {
            long id = ec.id();
            EventFormat[] d = dense;
            if (id >= 0 && id < d.length) {
                EventFormat f = d[(int) id];
                if (f != null && f.eventClass() == ec) {
                    return f;
                }
            }
            return firstEvent(ec);
        }

        private EventFormat firstEvent(EventClass ec) {
            long id = ec.id();
            EventFormat f = events.get(ec);
            if (f == null) {
                Bt2Scopes.EventPrinters p = scopes.of(ec);
                String name = ec.name() == null ? "<unknown>" : ec.name();
                byte[] n = FieldPrinter.bytes(name);
                byte[] head = new byte[hostPrefix.length + n.length + 2];
                System.arraycopy(hostPrefix, 0, head, 0, hostPrefix.length);
                System.arraycopy(n, 0, head, hostPrefix.length, n.length);
                System.arraycopy(COLON_SPACE, 0, head, hostPrefix.length + n.length, 2);
                f = new EventFormat(ec, head, p == null ? null : p.specificContext(), p == null ? null : p.payload(),
                        p == null ? null : p.specificScope(), p == null ? null : p.payloadScope());
                events.put(ec, f);
            }
            if (id >= 0 && id < 65536) {
                if (id >= dense.length) {
                    dense = java.util.Arrays.copyOf(dense, Math.max((int) id + 1, dense.length * 2));
                }
                dense[(int) id] = f;
            }
            return f;
        }
    }

    record EventFormat(EventClass eventClass, byte[] head, FieldPrinter specificContext, FieldPrinter payload, ScopePrinter specificScope,
                       ScopePrinter payloadScope, PlanSlot payloadPlan) {
        EventFormat(EventClass eventClass, byte[] head, FieldPrinter specificContext, FieldPrinter payload,
                    ScopePrinter specificScope, ScopePrinter payloadScope) {
            this(eventClass, head, specificContext, payload, specificScope, payloadScope, new PlanSlot());
        }
    }

    /**
     * @param traces the opened traces, whose {@link CtfTrace.Trace#name()} order gives the trace
     *               ordinals; {@code names} gives Babeltrace's name of each (for loss warnings)
     */
    public PrettyPrinter(List<CtfTrace.Trace> traces, List<String> names, OutputStream out, PrintWriter err,
                         ZoneId zone) {
        // By identity: a stream class's record hash walks every event class of the metadata.
        this(traces, names, out, err, zone, java.util.Collections.synchronizedMap(new IdentityHashMap<>()));
    }

    private PrettyPrinter(List<CtfTrace.Trace> traces, List<String> names, OutputStream out, PrintWriter err,
                          ZoneId zone, Map<StreamClass, Bt2Scopes.Kept> kept) {
        this.kept = kept;
        this.out = out;
        this.err = err;
        this.wallClock = new WallClock(zone, err);
        this.zone = zone;
        for (int i = 0; i < traces.size(); i++) {
            CtfTrace.Trace t = traces.get(i);
            TraceFormat f = new TraceFormat(t.traceClass(), names.get(i), kept);
            long next = 0;
            for (DataStream s : t.streams()) {
                f.streamIds.put(s, s.streamInstanceId() >= 0 ? s.streamInstanceId() : next++);
            }
            this.traces.add(f);
            if (!t.streams().isEmpty()) {
                byHandle.put(t.streams().get(0).trace(), f);
            }
        }
    }

    /** For tests: a printer of hand-built values, with no traces registered. */
    PrettyPrinter(OutputStream out, PrintWriter err, ZoneId zone) {
        this(List.of(), List.of(), out, err, zone);
    }

    private TraceFormat trace(DataStream.TraceHandle h) {
        TraceFormat f = byHandle.get(h);
        if (f == null) {
            f = new TraceFormat(h.decoder().traceClass(), "", kept);
            byHandle.put(h, f);
        }
        return f;
    }

    /** Small, so that it inlines into the per-event code; a stream's first event takes {@link #firstOfStream}. */
    private StreamFormat streamFormat(DataStream ds) {
        int t = ds.trace().ordinal();
        int o = ds.ordinal();
        StreamFormat[][] by = byStream;
        if (t < by.length && by[t] != null && o < by[t].length) {
            StreamFormat f = by[t][o];
            if (f != null) {
                return f;
            }
        }
        return firstOfStream(ds, t, o);
    }

    private StreamFormat firstOfStream(DataStream ds, int t, int o) {
        StreamFormat f = trace(ds.trace()).stream(ds.streamClassId());
        if (t >= 0 && o >= 0) {
            if (t >= byStream.length) {
                byStream = java.util.Arrays.copyOf(byStream, t + 1);
            }
            if (byStream[t] == null || o >= byStream[t].length) {
                byStream[t] = byStream[t] == null ? new StreamFormat[o + 1] : java.util.Arrays.copyOf(byStream[t], o + 1);
            }
            byStream[t][o] = f;
        }
        return f;
    }

    /** Prints the event the cursor is on (kind EVENT), decoding its remaining parts. */
    public void event(StreamCursor c) {
        StreamFormat sf = streamFormat(c.stream());
        ByteOut b = buf;
        int mark = b.length();
        try {
            appendTime(sf.clock == null ? NO_CLOCK : sf.clock.toNs(c.timestampCycles()));
            appendBody(c, sf);
        } catch (RuntimeException e) {
            // An event that cannot be decoded is not printed at all, as in Babeltrace.
            b.truncate(mark);
            throw e;
        }
        flushIfFull();
    }

    /** {@link #appendTime}'s argument for an event of a stream class without clock. */
    static final long NO_CLOCK = Long.MIN_VALUE + 1;

    /**
     * Appends the event's line without its time prefix (trace fields, name, scopes, newline),
     * decoding its remaining parts, nothing of it when decoding fails; returns the event's time as
     * {@link #appendTime} takes it: ns from the origin, {@link #NO_CLOCK}, or {@link Long#MIN_VALUE}
     * when Babeltrace could not convert it.
     */
    long eventBody(StreamCursor c) {
        StreamFormat sf = streamFormat(c.stream());
        long ns = sf.clock == null ? NO_CLOCK : sf.clock.toNs(c.timestampCycles());
        ByteOut b = buf;
        int mark = b.length();
        try {
            appendBody(c, sf);
        } catch (RuntimeException e) {
            b.truncate(mark);
            throw e;
        }
        return ns;
    }

    private void appendBody(StreamCursor c, StreamFormat sf) {
        EventFormat ef = sf.event(c.eventClass());
        Bt2Scopes.Compiled sc = sf.scopes;
        ByteOut b = buf;
        b.put(ef.head());
        boolean printed = false;
        if (sc.packetContext() != null) {
            StructValue pc = c.packetContext();
            if (pc != null) {
                appendPacketContext(sc.packetContext(), pc);
                printed = true;
            }
        }
        ScopePrinter common = sc.commonScope();
        ScopePrinter specific = ef.specificScope();
        ScopePrinter payload = ef.payloadScope();
        if (common != null) {
            appendScope(c, StreamCursor.COMMON_CONTEXT, common, sf.commonMemo, printed);
            printed = true;
        }
        if (specific != null) {
            c.visitScope(StreamCursor.SPECIFIC_CONTEXT, specific.target(b, printed));
            printed = true;
        }
        if (payload != null) {
            PayloadPrint plan = ef.payloadPlan().plan(payload);
            int at = plan != null ? c.scopeStartByte(StreamCursor.PAYLOAD) : -1;
            int mark = b.length();
            int end = -1;
            if (at >= 0) {
                if (printed) {
                    b.put((byte) ',').put((byte) ' ');
                }
                end = plan.print(c.packetBytes(), at, c.contentEndByte(), b);
            }
            if (end >= 0) {
                c.passScopeTo(StreamCursor.PAYLOAD, end);
            } else {
                // Not printed from its bytes (or it does not fit the packet): the decoders read it
                // and report the error if there is one.
                b.truncate(mark);
                c.visitScope(StreamCursor.PAYLOAD, payload.target(b, printed));
            }
        }
        // What is not printed is still decoded here, so that an error in it fails this event.
        c.visit(null, null, null);
        b.put((byte) '\n');
    }

    /** The {@link PayloadPrint} of an event class's payload, made at its first event. */
    static final class PlanSlot {
        private PayloadPrint plan;
        private boolean tried;

        /** The plan, or null when the payload has members it does not print. */
        PayloadPrint plan(ScopePrinter printer) {
            if (!tried) {
                tried = true;
                plan = PayloadPrint.forPayload(printer);
            }
            return plan;
        }
    }

    /**
     * Prints one scope of the event: from its {@link TextMemo} when the scope's bytes were
     * printed before, else from the decoder (and remembered). Used for the common context, whose
     * bytes repeat while a task runs; remembering payloads as well (small fixed ones hit often)
     * gave no measurable gain on the 1 GB benchmark trace.
     */
    private void appendScope(StreamCursor c, int scope, ScopePrinter printer, MemoSlot slot, boolean comma) {
        ByteOut b = buf;
        if (comma) {
            b.put((byte) ',').put((byte) ' ');
        }
        TextMemo memo = slot.memo(c, scope);
        int at = memo != null ? c.fixedScopeAt(scope) : -1;
        if (at >= 0 && memo.copyIfKnown(c.packetBytes(), at, b)) {
            c.passScope(scope);
            return;
        }
        int from = b.length();
        c.visitScope(scope, printer.target(b, false));
        if (at >= 0) {
            memo.remember(b.array(), from, b.length() - from);
        }
    }

    /** The {@link TextMemo} of one scope, made at the first event that shows the scope's size. */
    static final class MemoSlot {
        private TextMemo memo;
        private boolean tried;

        /** The memo, or null when the scope cannot be remembered or the memo turned itself off. */
        TextMemo memo(StreamCursor c, int scope) {
            if (!tried) {
                tried = true;
                long bits = c.scopeFixedBits(scope);
                memo = TextMemo.fits(bits) ? new TextMemo((int) (bits >>> 3)) : null;
            }
            TextMemo m = memo;
            if (m != null && !m.enabled()) {
                memo = m = null;
            }
            return m;
        }
    }

    /** The buffer lines are formatted into (for a caller that moves bodies around itself). */
    ByteOut buffer() {
        return buf;
    }

    /** Makes {@link #eventBody} format into {@code b} (a worker's batch). */
    void buffer(ByteOut b) {
        buf = b;
    }

    /** A printer with its own formats (they keep state) for a worker thread; it writes nothing out. */
    PrettyPrinter formatterCopy(List<CtfTrace.Trace> traces, List<String> names) {
        return new PrettyPrinter(traces, names, OutputStream.nullOutputStream(), err, zone, kept);
    }

    /**
     * The packet context prints the same for every event of a packet: its text is kept while the
     * cursor stays on the packet (the same value object).
     */
    private void appendPacketContext(FieldPrinter p, StructValue pc) {
        if (pc != lastPacketContext) {
            int from = buf.length();
            p.print(buf, pc);
            int n = buf.length() - from;
            if (packetText.length < n) {
                packetText = new byte[Math.max(n, packetText.length * 2)];
            }
            System.arraycopy(buf.array(), from, packetText, 0, n);
            packetTextLength = n;
            lastPacketContext = pc;
        } else {
            buf.put(packetText, 0, packetTextLength);
        }
    }

    /** Formats one event line; values whose printer is null are not printed. */
    void append(StreamFormat sf, EventFormat ef, long cycles, StructValue packetContext, StructValue common,
                StructValue specific, StructValue payload) {
        ByteOut b = buf;
        appendHead(sf, ef, cycles);
        boolean first = true;
        Bt2Scopes.Compiled sc = sf.scopes;
        if (sc.packetContext() != null && packetContext != null) {
            sc.packetContext().print(b, packetContext);
            first = false;
        }
        if (sc.commonContext() != null && common != null) {
            if (!first) {
                b.put(COMMA);
            }
            sc.commonContext().print(b, common);
            first = false;
        }
        if (ef.specificContext() != null && specific != null) {
            if (!first) {
                b.put(COMMA);
            }
            ef.specificContext().print(b, specific);
            first = false;
        }
        if (ef.payload() != null && payload != null) {
            if (!first) {
                b.put(COMMA);
            }
            ef.payload().print(b, payload);
        }
        endLine();
    }

    /**
     * As {@link #append}, but through the scope printers of the fast path, fed by replaying the
     * values: for tests that both paths print the same.
     */
    void appendReplaying(StreamFormat sf, EventFormat ef, long cycles, StructValue packetContext, StructValue common,
                         StructValue specific, StructValue payload) {
        appendHead(sf, ef, cycles);
        boolean printed = false;
        Bt2Scopes.Compiled sc = sf.scopes;
        if (sc.packetContext() != null && packetContext != null) {
            appendPacketContext(sc.packetContext(), packetContext);
            printed = true;
        }
        ScopePrinter[] scopes = {sc.commonScope(), ef.specificScope(), ef.payloadScope()};
        StructValue[] values = {common, specific, payload};
        for (int i = 0; i < 3; i++) {
            if (scopes[i] != null && values[i] != null) {
                org.pdrop.ctf.decode.FieldDecoder.replay(values[i], scopes[i].target(buf, printed));
                printed = true;
            }
        }
        endLine();
    }

    /** Time, delta, trace fields and event name, as far as the stream class has them. */
    private void appendHead(StreamFormat sf, EventFormat ef, long cycles) {
        appendTime(sf.clock == null ? NO_CLOCK : sf.clock.toNs(cycles));
        buf.put(ef.head());
    }

    /**
     * Appends {@code [HH:MM:SS.nnnnnnnnn] (+S.nnnnnnnnn) } for an event at {@code ns} and makes it
     * the previous event of the next delta; nothing for {@link #NO_CLOCK}, {@code [Error]} and
     * the previous delta for {@link Long#MIN_VALUE}, as Babeltrace.
     */
    void appendTime(long ns) {
        if (ns == NO_CLOCK) {
            return;
        }
        long delta = ns - lastNs;
        if (ns >= 0 && haveLast && delta >= 0 && delta < 10_000_000_000L) {
            // The usual line, written straight into the buffer: a time of day, a delta under 10 s.
            lastNs = ns;
            deltaNs = delta;
            haveDelta = true;
            byte[] a = buf.room(TIME_BYTES);
            int p = buf.length();
            a[p] = '[';
            p = wallClock.write(a, p + 1, ns);
            int s = (int) (delta / 1_000_000_000L);
            a[p] = ']';
            a[p + 1] = ' ';
            a[p + 2] = '(';
            a[p + 3] = '+';
            a[p + 4] = (byte) ('0' + s);
            a[p + 5] = '.';
            p = ByteOut.putNineDigits(a, p + 6, delta - s * 1_000_000_000L);
            a[p] = ')';
            a[p + 1] = ' ';
            buf.length(p + 2);
            return;
        }
        ByteOut b = buf;
        b.put((byte) '[');
        if (ns == Long.MIN_VALUE) {
            b.put("Error");
        } else {
            if (haveLast) {
                deltaNs = ns - lastNs;
                haveDelta = true;
            }
            lastNs = ns;
            haveLast = true;
            wallClock.append(b, ns);
        }
        b.put((byte) ']').put((byte) ' ');
        if (haveDelta) {
            long d = deltaNs;
            long s;
            long n;
            if (d >= 0) {
                s = d / 1_000_000_000L;
                n = d - s * 1_000_000_000L;
            } else {
                s = Long.divideUnsigned(d, 1_000_000_000L);
                n = Long.remainderUnsigned(d, 1_000_000_000L);
            }
            b.put((byte) '(').put((byte) '+').putUnsignedDecimal(s).put((byte) '.').putNineDigits(n)
                    .put((byte) ')').put((byte) ' ');
        } else {
            b.put(UNKNOWN_DELTA);
        }
    }

    private void endLine() {
        buf.put((byte) '\n');
        flushIfFull();
    }

    /** Writes the buffer out once it holds enough for a large write. */
    void flushIfFull() {
        if (buf.length() >= FLUSH_BYTES) {
            buf.writeTo(out);
        }
    }

    /** Prints a loss notice to {@code err}, as Babeltrace's {@code print_discarded_elements_msg()}. */
    public void notice(Notice n) {
        DataStream s = n.stream();
        TraceFormat tf = trace(s.trace());
        StreamFormat sf = tf.stream(s.streamClassId());
        boolean events = n.kind() == Notice.Kind.DISCARDED_EVENTS;
        String what = events ? "event" : "packet";
        ByteOut b = new ByteOut(256);
        b.put("WARNING: ");
        if (n.firstPacket()) {
            b.put("Tracer may have discarded ").put(what).put("s ");
        } else {
            b.put("Tracer discarded ").putUnsignedDecimal(n.count()).put(" ").put(what)
                    .put(n.count() == 1 ? "" : "s").put(" ");
        }
        if (sf.clock != null && hasPacketTimes(tf.traceClass.stream(s.streamClassId()))) {
            b.put("between [");
            appendNoticeTime(b, sf.clock.toNs(n.beginCycles()));
            b.put("] and [");
            appendNoticeTime(b, sf.clock.toNs(n.endCycles()));
            b.put("]");
        } else {
            b.put("(unknown time range)");
        }
        b.put(" in trace \"").put(tf.name).put("\" ");
        UUID u = tf.traceClass.uuid();
        b.put(u != null ? "(UUID: " + u + ") " : "(no UUID) ");
        Path file = s.packets().isEmpty() ? null : s.packets().get(0).file().path();
        String streamName = file != null ? file.toAbsolutePath().normalize().toString() : s.name();
        b.put("within stream \"").put(streamName).put("\" (stream class ID: ")
                .putUnsignedDecimal(s.streamClassId()).put(", ");
        Long id = tf.streamIds.get(s);
        b.put("stream ID: ").putUnsignedDecimal(id != null ? id : Math.max(0, s.streamInstanceId()));
        b.put(").\n");
        err.print(b.toString());
        err.flush();
    }

    private void appendNoticeTime(ByteOut b, long ns) {
        if (ns == Long.MIN_VALUE) {
            b.put("Error");
        } else {
            wallClock.append(b, ns);
        }
    }

    /** Writes what is buffered to the output stream and flushes it. */
    public void flush() {
        buf.writeTo(out);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- stream class facts ---------------------------------------------------------------------

    /**
     * The clock Babeltrace gives a stream class: the one its integers are mapped to, or a made-up
     * 1 GHz clock when it has time fields but no declared clock; null when it has no time at all.
     */
    static Bt2Clock clockOf(StreamClass sc) {
        if (sc == null) {
            return null;
        }
        ClockClass c = sc.clock();
        if (c != null) {
            return new Bt2Clock(c);
        }
        boolean timeField = false;
        for (StructType st : new StructType[] {sc.packetContext(), sc.eventHeader(), sc.eventContext()}) {
            timeField |= st != null && hasTimeField(st);
        }
        for (EventClass ec : sc.events()) {
            timeField |= ec.context() != null && hasTimeField(ec.context());
            timeField |= ec.payload() != null && hasTimeField(ec.payload());
        }
        return timeField ? Bt2Clock.implicitClock() : null;
    }

    private static boolean hasTimeField(FieldType t) {
        if (t instanceof org.pdrop.ctf.ir.IntType it) {
            return it.mappedClock() != null;
        }
        if (t instanceof org.pdrop.ctf.ir.EnumType et) {
            return et.container().mappedClock() != null;
        }
        if (t instanceof StructType st) {
            for (Field f : st.fields()) {
                if (f.role() == FieldRole.TIMESTAMP || f.role() == FieldRole.BEGIN_TIME
                        || f.role() == FieldRole.END_TIME || hasTimeField(f.type())) {
                    return true;
                }
            }
        }
        if (t instanceof VariantType vt) {
            for (Field f : vt.options()) {
                if (hasTimeField(f.type())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Discarded-item time ranges need both {@code timestamp_begin} and {@code timestamp_end}. */
    private static boolean hasPacketTimes(StreamClass sc) {
        if (sc == null || sc.packetContext() == null) {
            return false;
        }
        boolean begin = false;
        boolean end = false;
        for (Field f : sc.packetContext().fields()) {
            begin |= f.role() == FieldRole.BEGIN_TIME || f.name().equals("timestamp_begin");
            end |= f.role() == FieldRole.END_TIME || f.name().equals("timestamp_end");
        }
        return begin && end;
    }
}

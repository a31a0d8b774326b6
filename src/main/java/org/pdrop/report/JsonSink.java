package org.pdrop.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pdrop.drops.ContextFields;
import org.pdrop.drops.DropEvent;
import org.pdrop.drops.DropReport;
import org.pdrop.drops.DropSink;
import org.pdrop.drops.Loss;
import org.pdrop.drops.Protocols;
import org.pdrop.drops.Reason;
import org.pdrop.drops.RunInfo;
import org.pdrop.drops.Site;
import org.pdrop.drops.TraceInfo;

/**
 * JSON lines (docs/output-schema.md): one object per line, each with a {@code type}. Listing
 * mode writes {@code trace} records, then {@code event} and {@code loss} records in time order,
 * then one {@code end} record; summary mode writes {@code trace} records and one {@code summary}
 * record.
 */
public final class JsonSink implements DropSink, Flushable {
    /** Bumped when a field changes meaning or disappears (adding fields does not bump it). */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    // Field names and fixed values of event records, encoded once (writeFieldName(String) checks
    // and escapes the name on every call).
    private static final SerializedString TYPE = new SerializedString("type");
    /** The value of {@code type} and the {@code kind} field after it, as raw JSON. */
    private static final SerializedString EVENT_DROP = run(j -> {
        j.writeStringField("type", "event");
        j.writeStringField("kind", DropEvent.Kind.DROP.label());
    });
    private static final SerializedString EVENT_FREE = run(j -> {
        j.writeStringField("type", "event");
        j.writeStringField("kind", DropEvent.Kind.FREE.label());
    });
    private static final SerializedString TIME_NS = new SerializedString("time_ns");
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString CPU = new SerializedString("cpu");
    private static final SerializedString SKBADDR = new SerializedString("skbaddr");
    private static final SerializedString LOCATION = new SerializedString("location");
    private static final SerializedString PROTOCOL = new SerializedString("protocol");
    private static final SerializedString CONTEXT = new SerializedString("context");
    private static final SerializedString STREAM = new SerializedString("stream");

    private final JsonGenerator g;
    private final TimeText time;
    private final boolean summary;
    /** Scratch for times and addresses (generator path). */
    private final byte[] ascii = new byte[Math.max(TimeText.ISO_MAX, HexText.MAX)];
    private final char[] chars = new char[ascii.length];
    /** Where event records go as bytes when the generator writes to a byte stream, else null. */
    private final OutputStream bytesOut;
    private final EventBytes eventBytes;

    /**
     * @param summary write one summary record instead of the events
     */
    public JsonSink(Writer out, ZoneId zone, boolean summary) {
        this(generator(() -> FACTORY.createGenerator(out)), zone, summary, null);
    }

    /**
     * Writes UTF-8 straight to a byte stream: cheaper than a Writer, whose chars are encoded
     * again on the way out, and event records are assembled as bytes ({@link EventBytes}).
     * Flushed by {@link #end} and {@link #flush}; not closed.
     *
     * @param summary write one summary record instead of the events
     */
    public JsonSink(OutputStream out, ZoneId zone, boolean summary) {
        this(generator(() -> FACTORY.createGenerator(out, JsonEncoding.UTF8)), zone, summary, out);
    }

    private interface GeneratorMaker {
        JsonGenerator make() throws IOException;
    }

    private static JsonGenerator generator(GeneratorMaker m) {
        try {
            return m.make();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonSink(JsonGenerator g, ZoneId zone, boolean summary, OutputStream bytesOut) {
        this.g = g;
        this.bytesOut = bytesOut;
        this.eventBytes = bytesOut == null ? null : new EventBytes();
        if (bytesOut != null) {
            // The generator's flush only empties its buffer into the stream, so that event records
            // written to the stream directly come after it; the stream is flushed by this sink.
            g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        }
        // Records end with a newline of their own: nothing between root values. (A pretty printer
        // that prints nothing would do the same, but sends every separator through a call.)
        g.setRootValueSeparator(null);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.time = new TimeText(zone);
        this.summary = summary;
    }

    @Override
    public void begin(RunInfo info) throws IOException {
        for (TraceInfo t : info.traces()) {
            g.writeStartObject();
            g.writeStringField("type", "trace");
            g.writeNumberField("schema", SCHEMA_VERSION);
            g.writeStringField("trace", t.name());
            g.writeStringField("hostname", t.hostname());
            g.writeStringField("kernel_release", t.kernelRelease());
            g.writeStringField("tracer", t.tracer());
            g.writeBooleanField("has_skb_kfree", t.hasKfree());
            g.writeBooleanField("has_reasons", t.hasReasons());
            g.writeObjectFieldStart("symbols");
            g.writeStringField("origin", t.symbols().origin().label());
            g.writeStringField("path", t.symbols().path());
            g.writeNumberField("count", t.symbols().count());
            g.writeEndObject();
            g.writeStringField("reasons", t.reasons());
            strings("notes", t.notes());
            strings("context_fields", info.contextFields());
            strings("warnings", info.warnings());
            endRecord();
        }
    }

    @Override
    public void event(DropEvent e) throws IOException {
        if (summary) {
            return;
        }
        // The hot path: one record per drop, millions per trace. Text that repeats (names, sites,
        // reasons, streams) is encoded once, and times and addresses are written from a buffer
        // instead of Strings. Same bytes as writeStringField & co. To a byte stream, records are
        // assembled as bytes; to a Writer, through the generator (the reference for the bytes).
        if (eventBytes != null) {
            g.flush();
            eventBytes.write(e);
            return;
        }
        // Runs of fields that repeat from drop to drop are written as one raw value after the
        // run's first name: Jackson's context then counts them as one field, which only decides
        // the commas, and the bytes are those of one call per field.
        g.writeStartObject();
        g.writeFieldName(TYPE);
        g.writeRawValue(e.isDrop() ? EVENT_DROP : EVENT_FREE);
        g.writeFieldName(TIME_NS);
        g.writeNumber(e.timestampNs());
        g.writeFieldName(TIME);
        asciiString(time.iso(e.timestampNs(), ascii));
        g.writeFieldName(CPU);
        g.writeNumber(e.cpu());
        g.writeFieldName(SKBADDR);
        asciiString(HexText.write(e.skbaddr(), ascii));
        g.writeFieldName(LOCATION);
        g.writeRawValue(e.location() == null ? NO_SITE : sites.get(e.location()));
        g.writeFieldName(PROTOCOL);
        g.writeRawValue(protocolToEvent(e.protocol(), e.reason(), e.event()));
        g.writeFieldName(CONTEXT);
        g.writeStartObject();
        ContextFields c = e.context();
        for (int i = 0; i < c.size(); i++) {
            g.writeFieldName(shared(c.name(i)));
            value(c.value(i));
        }
        g.writeEndObject();
        g.writeFieldName(STREAM);
        g.writeString(shared(e.stream()));
        endRecord();
    }

    @Override
    public void loss(Loss loss) throws IOException {
        if (summary) {
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", "loss");
        g.writeStringField("kind", loss.kind().label());
        g.writeNumberField("count", loss.count());
        g.writeNumberField("begin_ns", loss.beginNs());
        g.writeStringField("begin", time.iso(loss.beginNs()));
        g.writeNumberField("end_ns", loss.endNs());
        g.writeStringField("end", time.iso(loss.endNs()));
        g.writeStringField("trace", loss.trace());
        g.writeStringField("stream", loss.stream());
        endRecord();
    }

    @Override
    public void end(DropReport report) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", summary ? "summary" : "end");
        totals(report);
        if (summary) {
            table("locations", report.locations(), loc -> {
                g.writeStringField("location", loc.hex());
                g.writeStringField("symbol", loc.symbol());
                if (loc.resolved()) {
                    g.writeNumberField("offset", loc.offset());
                } else {
                    g.writeNullField("offset");
                }
                g.writeStringField("module", loc.module());
            });
            table("reasons", report.reasons(), r -> reason("reason", r));
            table("protocols", report.protocols(), p -> protocol("protocol", p));
            table("cpus", report.cpus(), c -> g.writeNumberField("cpu", c));
            table("processes", report.processes(), p -> g.writeStringField("procname", p));
            if (report.intervals().isPresent()) {
                DropReport.Intervals iv = report.intervals().get();
                g.writeObjectFieldStart("intervals");
                g.writeNumberField("start_ns", iv.startNs());
                g.writeNumberField("length_ns", iv.lengthNs());
                g.writeArrayFieldStart("buckets");
                for (DropReport.Bucket b : iv.buckets()) {
                    g.writeStartObject();
                    g.writeNumberField("start_ns", b.startNs());
                    g.writeStringField("start", time.iso(b.startNs()));
                    g.writeNumberField("drops", b.drops());
                    g.writeNumberField("discarded_events", b.lostEvents());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        g.writeArrayFieldStart("loss");
        for (DropReport.StreamLoss s : report.losses()) {
            g.writeStartObject();
            g.writeStringField("trace", s.trace());
            g.writeStringField("stream", s.stream());
            g.writeNumberField("discarded_events", s.discardedEvents());
            g.writeNumberField("lost_packets", s.lostPackets());
            g.writeNumberField("ranges", s.ranges());
            timeField("first", s.firstNs());
            timeField("last", s.lastNs());
            g.writeEndObject();
        }
        g.writeEndArray();
        endRecord();
        flush();
    }

    private void totals(DropReport report) throws IOException {
        DropReport.Totals t = report.totals();
        g.writeNumberField("events", t.events());
        g.writeNumberField("drops", t.drops());
        g.writeNumberField("frees", t.frees());
        timeField("first_drop", t.firstDropNs());
        timeField("last_drop", t.lastDropNs());
        timeField("trace_begin", t.traceBeginNs());
        timeField("trace_end", t.traceEndNs());
        g.writeNumberField("discarded_events", report.discardedEvents());
        g.writeNumberField("lost_packets", report.lostPackets());
        g.writeBooleanField("lower_bound", report.lossy());
    }

    /** Writes the fields that identify one table row's key. */
    private interface KeyWriter<K> {
        void write(K key) throws IOException;
    }

    private <K> void table(String name, DropReport.Table<K> t, KeyWriter<K> key) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("distinct", t.distinct());
        g.writeNumberField("others", t.othersCount());
        g.writeArrayFieldStart("rows");
        for (DropReport.Row<K> r : t.rows()) {
            g.writeStartObject();
            if (r.key() == null) {
                g.writeNullField("key");
            } else {
                key.write(r.key());
            }
            g.writeNumberField("count", r.count());
            g.writeNumberField("share", Math.round(r.share() * 100) / 100.0);
            timeField("first", r.firstNs());
            timeField("last", r.lastNs());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void timeField(String name, long ns) throws IOException {
        if (ns == DropReport.NO_TIME) {
            g.writeNullField(name + "_ns");
            g.writeNullField(name);
        } else {
            g.writeNumberField(name + "_ns", ns);
            g.writeStringField(name, time.iso(ns));
        }
    }

    private void protocol(String name, int p) throws IOException {
        g.writeFieldName(name);
        protocol(g, p);
    }

    /** {@code {"number":2048,"name":"IPv4"}}, or null for -1 (no protocol field). */
    private static void protocol(JsonGenerator g, int p) throws IOException {
        if (p < 0) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("number", p);
        g.writeStringField("name", Protocols.name(p));
        g.writeEndObject();
    }

    private void reason(String name, Reason r) throws IOException {
        g.writeFieldName(name);
        reason(g, r);
    }

    private static void reason(JsonGenerator g, Reason r) throws IOException {
        if (r == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("value", r.value());
        g.writeStringField("name", r.name());
        g.writeStringField("source", r.source());
        g.writeBooleanField("approximate", r.approximate());
        g.writeBooleanField("truncated", r.truncated());
        g.writeEndObject();
    }

    /** A context value: null, an integer, a float or (anything else) its text. */
    private void value(Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else {
            g.writeString(v.toString());
        }
    }

    // Encoded text of values that repeat, made once (see IdentityCache).
    private final IdentityCache<Site, SerializedString> sites = new IdentityCache<>(JsonSink::siteJson);
    private final IdentityCache<String, SerializedString> strings = new IdentityCache<>(SerializedString::new);
    /** Protocol, reason and event name: few combinations, bounded like IdentityCache's maps. */
    private record Tail(int protocol, Reason reason, String event) {
        // equals and hashCode as a record's, written out: the generated ones are made at run time
        // by a bootstrap method, whose first call costs milliseconds of start-up (see
        // LttngIndexProvider.agree).
        @Override
        public boolean equals(Object o) {
            return this == o || o instanceof Tail t && protocol == t.protocol && Objects.equals(reason, t.reason)
                    && Objects.equals(event, t.event);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * protocol + Objects.hashCode(reason)) + Objects.hashCode(event);
        }
    }
    private final Map<Tail, SerializedString> tails = new HashMap<>();
    // Drops mostly share one combination: the last one saves making a key and hashing it.
    private Tail lastTail;
    private SerializedString lastTailJson;

    /** The fields of a drop's site from {@code location}'s value on: {@code "0x…","symbol":…,"offset":…,"module":…}. */
    private static SerializedString siteJson(Site s) {
        return run(j -> {
            j.writeStringField("location", s.hex());
            j.writeFieldName("symbol");
            if (s.symbol() == null) {
                j.writeNull();
                j.writeNullField("offset");
            } else {
                j.writeString(s.symbol());
                j.writeNumberField("offset", s.offset());
            }
            j.writeFieldName("module");
            if (s.module() == null) {
                j.writeNull();
            } else {
                j.writeString(s.module());
            }
        });
    }

    /** The same fields for a drop without a location. */
    private static final SerializedString NO_SITE = run(j -> {
        j.writeNullField("location");
        j.writeNullField("symbol");
        j.writeNullField("offset");
        j.writeNullField("module");
    });

    /** The fields from {@code protocol}'s value to {@code event}'s: {@code {"number":…},"reason":{…},"event":"…"}. */
    private SerializedString protocolToEvent(int protocol, Reason reason, String event) {
        Tail last = lastTail;
        if (last == null || last.protocol != protocol || last.reason != reason || last.event != event) {
            Tail key = new Tail(protocol, reason, event);
            SerializedString t = tails.get(key);
            if (t == null) {
                if (tails.size() >= 4096) {
                    tails.clear();
                }
                t = run(j -> {
                    j.writeFieldName("protocol");
                    protocol(j, protocol);
                    j.writeFieldName("reason");
                    reason(j, reason);
                    j.writeStringField("event", event);
                });
                tails.put(key, t);
            }
            lastTail = key;
            lastTailJson = t;
        }
        return lastTailJson;
    }

    /**
     * The first {@code n} bytes of {@link #ascii} as a string value: times and addresses. Only the
     * generator path (a Writer) writes event records through the generator.
     */
    private void asciiString(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            chars[i] = (char) ascii[i];
        }
        g.writeString(chars, 0, n);
    }

    /** A string the caller passes as the same instance again and again. */
    private SerializedString shared(String s) {
        return strings.get(s);
    }

    /** Writes fields of an object. */
    private interface FieldsWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Fields as this sink's generator writes them inside an object, without the first field's
     * name and its colon: written with {@link JsonGenerator#writeRawValue} after that name, they
     * give the same bytes as writing each field.
     */
    private static SerializedString run(FieldsWriter w) {
        StringWriter text = new StringWriter();
        try (JsonGenerator j = FACTORY.createGenerator(text)) {
            j.writeStartObject();
            w.write(j);
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        String object = text.toString();
        // {"name":VALUE...} -> VALUE...: the first name is one of ours, with nothing to escape.
        int colon = object.indexOf("\":") + 2;
        return new SerializedString(object.substring(colon, object.length() - 1));
    }

    private void strings(String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private void endRecord() throws IOException {
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** Writes out what the generator holds (records before a failure). */
    @Override
    public void flush() throws IOException {
        g.flush();
        if (bytesOut != null) {
            bytesOut.flush();
        }
    }

    /**
     * Event records as UTF-8 bytes, assembled from pieces and written to the byte stream with one
     * call: the hot path of listing mode, a record per drop. Every piece of text is encoded and
     * escaped by Jackson ({@link SerializedString}, {@link NumberOutput}), the same pieces the
     * generator path above writes; a test checks that both give the same bytes.
     */
    private final class EventBytes {
        private static final byte[] HEAD_DROP = ascii("{\"type\":\"event\",\"kind\":\"drop\",\"time_ns\":");
        private static final byte[] HEAD_FREE = ascii("{\"type\":\"event\",\"kind\":\"free\",\"time_ns\":");
        private static final byte[] TIME = ascii(",\"time\":\"");
        private static final byte[] CPU = ascii("\",\"cpu\":");
        private static final byte[] SKBADDR = ascii(",\"skbaddr\":\"");
        private static final byte[] LOCATION = ascii("\",\"location\":");
        private static final byte[] PROTOCOL = ascii(",\"protocol\":");
        private static final byte[] CONTEXT = ascii(",\"context\":{");
        private static final byte[] STREAM = ascii("},\"stream\":\"");
        private static final byte[] END = ascii("\"}\n");
        private static final byte[] NULL = ascii("null");

        private byte[] buf = new byte[1024];
        private int len;

        void write(DropEvent e) throws IOException {
            len = 0;
            put(e.isDrop() ? HEAD_DROP : HEAD_FREE);
            number(e.timestampNs());
            put(TIME);
            ensure(TimeText.ISO_MAX);
            len += time.iso(e.timestampNs(), buf, len);
            put(CPU);
            number(e.cpu());
            put(SKBADDR);
            ensure(HexText.MAX);
            len += HexText.write(e.skbaddr(), buf, len);
            put(LOCATION);
            put((e.location() == null ? NO_SITE : sites.get(e.location())).asUnquotedUTF8());
            put(PROTOCOL);
            put(protocolToEvent(e.protocol(), e.reason(), e.event()).asUnquotedUTF8());
            put(CONTEXT);
            ContextFields c = e.context();
            for (int i = 0; i < c.size(); i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                quoted(shared(c.name(i)));
                put((byte) ':');
                value(c.value(i));
            }
            put(STREAM);
            put(shared(e.stream()).asQuotedUTF8());
            put(END);
            bytesOut.write(buf, 0, len);
        }

        /** A context value as {@link JsonSink#value} writes it. */
        private void value(Object v) {
            if (v == null) {
                put(NULL);
            } else if (v instanceof Long l) {
                number(l);
            } else if (v instanceof String str) {
                quoted(shared(str));
            } else if (v instanceof Double d) {
                // As the generator: non-finite values quoted (its default), others as Double.toString.
                if (NumberOutput.notFinite(d)) {
                    quoted(new SerializedString(String.valueOf(d)));
                } else {
                    put(ascii(NumberOutput.toString(d)));
                }
            } else if (v instanceof BigInteger b) {
                put(ascii(b.toString()));
            } else if (v instanceof Number n) {
                number(n.longValue());
            } else {
                quoted(new SerializedString(v.toString()));
            }
        }

        private void quoted(SerializedString s) {
            put((byte) '"');
            put(s.asQuotedUTF8());
            put((byte) '"');
        }

        private void number(long v) {
            ensure(20);
            len = NumberOutput.outputLong(v, buf, len);
        }

        private void put(byte b) {
            ensure(1);
            buf[len++] = b;
        }

        private void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        private static byte[] ascii(String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** For callers that hold a PrintWriter. */
    public static JsonSink of(PrintWriter out, ZoneId zone, boolean summary) {
        return new JsonSink(out, zone, summary);
    }
}

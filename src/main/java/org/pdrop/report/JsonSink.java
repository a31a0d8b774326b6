package org.pdrop.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
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
    private static final SerializedString TYPE_EVENT = new SerializedString("event");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString KIND_DROP = new SerializedString(DropEvent.Kind.DROP.label());
    private static final SerializedString KIND_FREE = new SerializedString(DropEvent.Kind.FREE.label());
    private static final SerializedString TIME_NS = new SerializedString("time_ns");
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString CPU = new SerializedString("cpu");
    private static final SerializedString SKBADDR = new SerializedString("skbaddr");
    private static final SerializedString LOCATION = new SerializedString("location");
    private static final SerializedString SYMBOL = new SerializedString("symbol");
    private static final SerializedString OFFSET = new SerializedString("offset");
    private static final SerializedString MODULE = new SerializedString("module");
    private static final SerializedString PROTOCOL = new SerializedString("protocol");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString EVENT = new SerializedString("event");
    private static final SerializedString CONTEXT = new SerializedString("context");
    private static final SerializedString STREAM = new SerializedString("stream");
    private static final SerializedString NULL = new SerializedString("null");

    private final JsonGenerator g;
    private final TimeText time;
    private final boolean summary;
    /** Scratch for times and addresses. */
    private final char[] chars = new char[Math.max(TimeText.ISO_MAX, HexText.MAX)];

    /**
     * @param summary write one summary record instead of the events
     */
    public JsonSink(Writer out, ZoneId zone, boolean summary) {
        this(generator(() -> FACTORY.createGenerator(out)), zone, summary);
    }

    /**
     * Writes UTF-8 straight to a byte stream: cheaper than a Writer, whose chars are encoded
     * again on the way out. Flushed by {@link #end}; not closed.
     *
     * @param summary write one summary record instead of the events
     */
    public JsonSink(OutputStream out, ZoneId zone, boolean summary) {
        this(generator(() -> FACTORY.createGenerator(out, JsonEncoding.UTF8)), zone, summary);
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

    private JsonSink(JsonGenerator g, ZoneId zone, boolean summary) {
        this.g = g;
        g.setPrettyPrinter(new MinimalPrettyPrinter(""));
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
        // The hot path: one record per drop, millions per trace. Field names are pre-encoded,
        // strings that repeat (sites, reasons, streams) are encoded once, and times and addresses
        // are written from a char buffer instead of Strings. Same bytes as writeStringField & co.
        g.writeStartObject();
        g.writeFieldName(TYPE);
        g.writeString(TYPE_EVENT);
        g.writeFieldName(KIND);
        g.writeString(e.isDrop() ? KIND_DROP : KIND_FREE);
        g.writeFieldName(TIME_NS);
        g.writeNumber(e.timestampNs());
        g.writeFieldName(TIME);
        g.writeString(chars, 0, time.iso(e.timestampNs(), chars));
        g.writeFieldName(CPU);
        g.writeNumber(e.cpu());
        g.writeFieldName(SKBADDR);
        g.writeString(chars, 0, HexText.write(e.skbaddr(), chars));
        Site s = e.location();
        if (s == null) {
            g.writeFieldName(LOCATION);
            g.writeNull();
            g.writeFieldName(SYMBOL);
            g.writeNull();
            g.writeFieldName(OFFSET);
            g.writeNull();
            g.writeFieldName(MODULE);
            g.writeNull();
        } else {
            SiteText t = sites.get(s);
            g.writeFieldName(LOCATION);
            g.writeString(t.location);
            g.writeFieldName(SYMBOL);
            stringOrNull(t.symbol);
            g.writeFieldName(OFFSET);
            if (t.symbol != null) {
                g.writeNumber(s.offset());
            } else {
                g.writeNull();
            }
            g.writeFieldName(MODULE);
            stringOrNull(t.module);
        }
        // Protocol and reason objects as rendered once (raw, but after a field name like any value).
        g.writeFieldName(PROTOCOL);
        g.writeRawValue(protocolJson(e.protocol()));
        g.writeFieldName(REASON);
        g.writeRawValue(reasonJson(e.reason()));
        g.writeFieldName(EVENT);
        g.writeString(shared(e.event()));
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
        g.flush();
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

    private void stringOrNull(SerializedString s) throws IOException {
        if (s == null) {
            g.writeNull();
        } else {
            g.writeString(s);
        }
    }

    // Encoded text of values that repeat, made once (see IdentityCache).
    private final IdentityCache<Site, SiteText> sites = new IdentityCache<>(JsonSink::siteText);
    private final IdentityCache<Reason, SerializedString> reasons =
            new IdentityCache<>(r -> render(j -> reason(j, r)));
    private final IdentityCache<String, SerializedString> strings = new IdentityCache<>(SerializedString::new);
    private final Map<Integer, SerializedString> protocols = new HashMap<>();
    // Drops mostly share one protocol (IPv4): the last one saves boxing and hashing.
    private int lastProtocol = Integer.MIN_VALUE;
    private SerializedString lastProtocolJson;

    /** A site's strings, encoded; {@code symbol} and {@code module} may be null. */
    private record SiteText(SerializedString location, SerializedString symbol, SerializedString module) {
    }

    private static SiteText siteText(Site s) {
        return new SiteText(new SerializedString(s.hex()), encoded(s.symbol()), encoded(s.module()));
    }

    /** The reason's JSON value, {@code null} included. */
    private SerializedString reasonJson(Reason r) {
        return r == null ? NULL : reasons.get(r);
    }

    /** A string the caller passes as the same instance again and again. */
    private SerializedString shared(String s) {
        return strings.get(s);
    }

    /** The protocol's JSON value, {@code null} included. */
    private SerializedString protocolJson(int p) {
        if (p != lastProtocol) {
            // At most 65536 EtherTypes, few of them seen: no bound needed.
            SerializedString t = protocols.get(p);
            if (t == null) {
                t = render(j -> protocol(j, p));
                protocols.put(p, t);
            }
            lastProtocol = p;
            lastProtocolJson = t;
        }
        return lastProtocolJson;
    }

    /** Writes one JSON value. */
    private interface ValueWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /** One value as this sink's generator would write it, for {@link JsonGenerator#writeRawValue}. */
    private static SerializedString render(ValueWriter w) {
        StringWriter text = new StringWriter();
        try (JsonGenerator j = FACTORY.createGenerator(text)) {
            w.write(j);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return new SerializedString(text.toString());
    }

    private static SerializedString encoded(String s) {
        return s == null ? null : new SerializedString(s);
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
    }

    /** For callers that hold a PrintWriter. */
    public static JsonSink of(PrintWriter out, ZoneId zone, boolean summary) {
        return new JsonSink(out, zone, summary);
    }
}

package org.pdrop.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.List;
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
public final class JsonSink implements DropSink {
    /** Bumped when a field changes meaning or disappears (adding fields does not bump it). */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator g;
    private final TimeText time;
    private final boolean summary;

    /**
     * @param summary write one summary record instead of the events
     */
    public JsonSink(Writer out, ZoneId zone, boolean summary) {
        try {
            this.g = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        g.writeStartObject();
        g.writeStringField("type", "event");
        g.writeStringField("kind", e.kind().label());
        g.writeNumberField("time_ns", e.timestampNs());
        g.writeStringField("time", time.iso(e.timestampNs()));
        g.writeNumberField("cpu", e.cpu());
        g.writeStringField("skbaddr", Site.hex(e.skbaddr()));
        Site s = e.location();
        g.writeStringField("location", s == null ? null : s.hex());
        g.writeStringField("symbol", s == null ? null : s.symbol());
        if (s != null && s.resolved()) {
            g.writeNumberField("offset", s.offset());
        } else {
            g.writeNullField("offset");
        }
        g.writeStringField("module", s == null ? null : s.module());
        protocol("protocol", e.protocol());
        reason("reason", e.reason());
        g.writeStringField("event", e.event());
        g.writeObjectFieldStart("context");
        ContextFields c = e.context();
        for (int i = 0; i < c.size(); i++) {
            value(c.name(i), c.value(i));
        }
        g.writeEndObject();
        g.writeStringField("stream", e.stream());
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
        if (p < 0) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("number", p);
        g.writeStringField("name", Protocols.name(p));
        g.writeEndObject();
    }

    private void reason(String name, Reason r) throws IOException {
        if (r == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("value", r.value());
        g.writeStringField("name", r.name());
        g.writeStringField("source", r.source());
        g.writeBooleanField("approximate", r.approximate());
        g.writeBooleanField("truncated", r.truncated());
        g.writeEndObject();
    }

    private void value(String name, Object v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else if (v instanceof Long l) {
            g.writeNumberField(name, l);
        } else if (v instanceof BigInteger b) {
            g.writeFieldName(name);
            g.writeNumber(b);
        } else if (v instanceof Double d) {
            g.writeNumberField(name, d);
        } else if (v instanceof Number n) {
            g.writeNumberField(name, n.longValue());
        } else {
            g.writeStringField(name, v.toString());
        }
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

    /** For callers that hold a PrintWriter. */
    public static JsonSink of(PrintWriter out, ZoneId zone, boolean summary) {
        return new JsonSink(out, zone, summary);
    }
}

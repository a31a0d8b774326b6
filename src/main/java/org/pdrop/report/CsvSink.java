package org.pdrop.report;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pdrop.drops.DropEvent;
import org.pdrop.drops.DropReport;
import org.pdrop.drops.DropSink;
import org.pdrop.drops.Loss;
import org.pdrop.drops.Protocols;
import org.pdrop.drops.Reason;
import org.pdrop.drops.RunInfo;
import org.pdrop.drops.Site;

/**
 * CSV (RFC 4180, {@code \n} line ends): a header row, then one row per drop with the JSON
 * event's fields flattened; or, in summary mode, one row per summary table row. CSV cannot mix
 * record kinds, so tracer loss goes to the stderr footer (as in text mode); in summary mode the
 * interval rows also carry a {@code discarded_events} column. See docs/output-schema.md.
 */
public final class CsvSink implements DropSink {
    static final List<String> EVENT_COLUMNS = List.of("time_ns", "time", "kind", "event", "cpu", "skbaddr",
            "location", "symbol", "offset", "module", "protocol", "protocol_name", "reason", "reason_name",
            "reason_source", "reason_approximate", "reason_truncated");
    static final List<String> SUMMARY_COLUMNS = List.of("table", "rank", "key", "label", "count", "share",
            "first_ns", "first", "last_ns", "last", "discarded_events");

    private final PrintWriter out;
    private final PrintWriter err;
    private final TimeText time;
    private final boolean summary;
    private List<String> context = List.of();

    public CsvSink(PrintWriter out, PrintWriter err, ZoneId zone, boolean summary) {
        this.out = out;
        this.err = err;
        this.time = new TimeText(zone);
        this.summary = summary;
    }

    @Override
    public void begin(RunInfo info) {
        if (summary) {
            writeLine(String.join(",", SUMMARY_COLUMNS));
            return;
        }
        context = info.contextFields();
        List<String> header = new ArrayList<>(EVENT_COLUMNS);
        Set<String> fixed = Set.copyOf(EVENT_COLUMNS);
        for (String c : context) {
            header.add(fixed.contains(c) || c.equals("stream") ? "context_" + c : c);
        }
        header.add("stream");
        writeLine(Csv.row(header.toArray()));
    }

    @Override
    public void event(DropEvent e) {
        if (summary) {
            return;
        }
        Site s = e.location();
        Reason r = e.reason();
        int p = e.protocol();
        List<Object> row = new ArrayList<>(EVENT_COLUMNS.size() + context.size() + 1);
        row.add(e.timestampNs());
        row.add(time.iso(e.timestampNs()));
        row.add(e.kind().label());
        row.add(e.event());
        row.add(e.cpu() < 0 ? null : e.cpu());
        row.add(Site.hex(e.skbaddr()));
        row.add(s == null ? null : s.hex());
        row.add(s == null ? null : s.symbol());
        row.add(s == null || !s.resolved() ? null : Long.toUnsignedString(s.offset()));
        row.add(s == null ? null : s.module());
        row.add(p < 0 ? null : p);
        row.add(p < 0 ? null : Protocols.name(p));
        row.add(r == null ? null : r.value());
        row.add(r == null ? null : r.name());
        row.add(r == null ? null : r.source());
        row.add(r == null ? null : r.approximate());
        row.add(r == null ? null : r.truncated());
        for (String c : context) {
            row.add(e.context().get(c));
        }
        row.add(e.stream());
        writeLine(Csv.row(row.toArray()));
    }

    @Override
    public void loss(Loss loss) {
        // CSV rows cannot mix kinds: summed per stream in the stderr footer.
    }

    @Override
    public void end(DropReport report) {
        if (summary) {
            DropReport.Totals t = report.totals();
            writeLine(Csv.row("totals", null, "events", null, t.events(), null, null, null, null, null, null));
            writeLine(Csv.row("totals", null, "drops", null, t.drops(), null, time(t.firstDropNs()),
                    iso(t.firstDropNs()), time(t.lastDropNs()), iso(t.lastDropNs()), report.discardedEvents()));
            writeLine(Csv.row("totals", null, "frees", null, t.frees(), null, null, null, null, null, null));
            table("location", report.locations(), k -> k.hex(), Site::label);
            table("reason", report.reasons(), k -> k == null ? null : k.value(), ReasonText::label);
            table("protocol", report.protocols(), k -> k, Protocols::label);
            table("cpu", report.cpus(), k -> k, k -> k < 0 ? "unknown" : "cpu " + k);
            table("process", report.processes(), k -> k, k -> k);
            report.intervals().ifPresent(iv -> {
                int rank = 0;
                for (DropReport.Bucket b : iv.buckets()) {
                    writeLine(Csv.row("interval", ++rank, b.startNs(), time.iso(b.startNs()), b.drops(), null,
                            b.startNs(), time.iso(b.startNs()), b.startNs() + iv.lengthNs() - 1,
                            time.iso(b.startNs() + iv.lengthNs() - 1), b.lostEvents()));
                }
            });
        }
        out.flush();
        LossFooter.write(report, time, err);
    }

    private interface Text<K> {
        Object of(K key);
    }

    private <K> void table(String name, DropReport.Table<K> t, Text<K> key, Text<K> label) {
        int rank = 0;
        for (DropReport.Row<K> r : t.rows()) {
            writeLine(Csv.row(name, ++rank, r.key() == null ? null : key.of(r.key()),
                    r.key() == null ? "-" : label.of(r.key()), r.count(), share(r.share()),
                    time(r.firstNs()), iso(r.firstNs()), time(r.lastNs()), iso(r.lastNs()), null));
        }
        if (t.othersCount() > 0) {
            writeLine(Csv.row(name, null, "others", (t.distinct() - t.rows().size()) + " more", t.othersCount(),
                    null, null, null, null, null, null));
        }
    }

    private static String share(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    private static Object time(long ns) {
        return ns == DropReport.NO_TIME ? null : ns;
    }

    private String iso(long ns) {
        return ns == DropReport.NO_TIME ? null : time.iso(ns);
    }

    private void writeLine(String s) {
        out.write(s);
        out.write('\n');
    }
}

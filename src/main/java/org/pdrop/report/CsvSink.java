package org.pdrop.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pdrop.drops.ContextFields;
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

    // Per-row scratch: the row's text, and times and addresses.
    private final StringBuilder row = new StringBuilder(512);
    private final byte[] ascii = new byte[Math.max(TimeText.ISO_MAX, HexText.MAX)];
    private final char[] chars = new char[ascii.length];

    // Fields of values that repeat, quoted once (see IdentityCache).
    private final IdentityCache<Site, String> sites = new IdentityCache<>(CsvSink::siteFields);
    private final IdentityCache<Reason, String> reasons = new IdentityCache<>(CsvSink::reasonFields);
    private final IdentityCache<String, String> strings = new IdentityCache<>(Csv::field);
    private final Map<Integer, String> protocols = new HashMap<>();
    // Drops mostly share one protocol (IPv4): the last one saves boxing and hashing.
    private int lastProtocol = Integer.MIN_VALUE;
    private String lastProtocolFields;

    // Rows stay on the PrintWriter: measured, UTF-8 bytes of each row straight to a buffered
    // stdout (as JSON does) were no cheaper, since rows are built as chars anyway.
    public CsvSink(PrintWriter out, PrintWriter err, ZoneId zone, boolean summary) {
        this.out = out;
        this.err = err;
        this.time = new TimeText(zone);
        this.summary = summary;
    }

    @Override
    public void begin(RunInfo info) throws IOException {
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
    public void event(DropEvent e) throws IOException {
        if (summary) {
            return;
        }
        // The hot path, one row per drop: built in one StringBuilder with the repeating fields
        // (site, protocol, reason, event, stream) quoted once; the same text as Csv.row gives.
        StringBuilder b = row;
        b.setLength(0);
        b.append(e.timestampNs()).append(',');
        appendAscii(b, time.iso(e.timestampNs(), ascii)).append(',');
        b.append(e.kind().label()).append(',');
        b.append(strings.get(e.event())).append(',');
        if (e.cpu() >= 0) {
            b.append(e.cpu());
        }
        b.append(',');
        appendAscii(b, HexText.write(e.skbaddr(), ascii)).append(',');
        Site s = e.location();
        b.append(s == null ? ",,," : sites.get(s)).append(',');
        b.append(protocolFields(e.protocol())).append(',');
        Reason r = e.reason();
        b.append(r == null ? ",,,," : reasons.get(r)).append(',');
        ContextFields c = e.context();
        for (String name : context) {
            Object v = c.get(name);
            if (v instanceof Long l) {
                b.append(l.longValue()); // no quoting needed, and no String
            } else {
                b.append(Csv.field(v));
            }
            b.append(',');
        }
        b.append(strings.get(e.stream())).append('\n');
        emit();
    }

    /** {@code location,symbol,offset,module}. */
    private static String siteFields(Site s) {
        return Csv.row(s.hex(), s.symbol(), s.resolved() ? Long.toUnsignedString(s.offset()) : null, s.module());
    }

    /** {@code reason,reason_name,reason_source,reason_approximate,reason_truncated}. */
    private static String reasonFields(Reason r) {
        return Csv.row(r.value(), r.name(), r.source(), r.approximate(), r.truncated());
    }

    /** {@code protocol,protocol_name}, both empty for -1 (no protocol field). */
    private String protocolFields(int p) {
        if (p != lastProtocol) {
            lastProtocol = p;
            lastProtocolFields = protocols.computeIfAbsent(p, k -> k < 0 ? "," : Csv.row(k, Protocols.name(k)));
        }
        return lastProtocolFields;
    }

    @Override
    public void loss(Loss loss) {
        // CSV rows cannot mix kinds: summed per stream in the stderr footer.
    }

    @Override
    public void end(DropReport report) throws IOException {
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
            if (report.intervals().isPresent()) {
                DropReport.Intervals iv = report.intervals().get();
                int rank = 0;
                for (DropReport.Bucket b : iv.buckets()) {
                    writeLine(Csv.row("interval", ++rank, b.startNs(), time.iso(b.startNs()), b.drops(), null,
                            b.startNs(), time.iso(b.startNs()), b.startNs() + iv.lengthNs() - 1,
                            time.iso(b.startNs() + iv.lengthNs() - 1), b.lostEvents()));
                }
            }
        }
        out.flush();
        LossFooter.write(report, time, err);
    }

    private interface Text<K> {
        Object of(K key);
    }

    private <K> void table(String name, DropReport.Table<K> t, Text<K> key, Text<K> label) throws IOException {
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

    private void writeLine(String s) throws IOException {
        row.setLength(0);
        row.append(s).append('\n');
        emit();
    }

    /** Writes {@link #row}. */
    private void emit() {
        out.append(row);
    }

    /** Appends the first {@code n} bytes of {@link #ascii} (one append: per-char appends cost more). */
    private StringBuilder appendAscii(StringBuilder b, int n) {
        for (int i = 0; i < n; i++) {
            chars[i] = (char) ascii[i];
        }
        return b.append(chars, 0, n);
    }
}

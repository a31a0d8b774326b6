package org.pdrop.report;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.pdrop.drops.DropEvent;
import org.pdrop.drops.DropReport;
import org.pdrop.drops.DropSink;
import org.pdrop.drops.Loss;
import org.pdrop.drops.Protocols;
import org.pdrop.drops.RunInfo;
import org.pdrop.drops.Site;
import org.pdrop.drops.TraceInfo;

/**
 * {@code --summary} as text: a header (traces, symbols, reasons, time span, totals, loss), then
 * one table per breakdown (location, reason, protocol, CPU, process), drops per interval, and
 * what the tracer lost per stream. Tables show the top rows and sum up the rest.
 */
public final class TextSummarySink implements DropSink {
    private final PrintWriter out;
    private final TimeText time;

    public TextSummarySink(PrintWriter out, ZoneId zone) {
        this.out = out;
        this.time = new TimeText(zone);
    }

    @Override
    public void begin(RunInfo info) {
        // Everything is written at the end.
    }

    @Override
    public void event(DropEvent event) {
        // Counted by the aggregator.
    }

    @Override
    public void loss(Loss loss) {
        // Summed per stream in the report.
    }

    @Override
    public void end(DropReport r) {
        List<String> lines = new ArrayList<>();
        header(r, lines);
        String bound = r.lossy() ? " (lower bounds: the tracer lost events)" : "";
        table(lines, "Drops per location", bound, r.locations(), "location", Site::label, "locations", true);
        if (r.reasons().rows().size() == 1 && r.reasons().rows().get(0).key() == null) {
            lines.add("");
            lines.add("Drops per reason: not recorded (kernel or tracer without drop reasons)");
        } else {
            table(lines, "Drops per reason", bound, r.reasons(), "reason", ReasonText::label, "reasons", true);
        }
        if (r.reasons().rows().stream().anyMatch(row -> row.key() != null
                && (row.key().approximate() || row.key().truncated()))) {
            lines.add("  ~ name from a table that may not match the traced kernel; ? value may be the low byte of a larger one");
        }
        table(lines, "Drops per protocol", bound, r.protocols(), "protocol", TextSummarySink::protocol,
                "protocols", false);
        table(lines, "Drops per CPU", bound, r.cpus(), "cpu", c -> c < 0 ? "unknown" : Integer.toString(c), "CPUs",
                false);
        if (r.info().contextFields().contains("procname")) {
            table(lines, "Drops per process", bound, r.processes(), "procname", p -> p, "processes", false);
        }
        r.intervals().ifPresent(iv -> intervals(lines, iv));
        losses(lines, r);
        for (String l : lines) {
            out.write(l);
            out.write('\n');
        }
        out.flush();
    }

    private void header(DropReport r, List<String> lines) {
        DropReport.Totals t = r.totals();
        lines.add("pdrop summary");
        for (TraceInfo ti : r.info().traces()) {
            lines.add("  trace    " + ti.name());
            lines.add("  recorded " + orDash(ti.hostname()) + ", Linux " + orDash(ti.kernelRelease()) + ", "
                    + orDash(ti.tracer()));
            lines.add("  symbols  " + symbols(ti));
            lines.add("  reasons  " + ti.reasons());
        }
        if (t.traceBeginNs() != DropReport.NO_TIME) {
            lines.add("  span     " + time.dateTime(t.traceBeginNs()) + " .. " + time.dateTime(t.traceEndNs()) + " ("
                    + TimeText.seconds(t.traceEndNs() - t.traceBeginNs()) + ")");
        }
        lines.add("  events   " + t.events() + " read");
        StringBuilder drops = new StringBuilder("  drops    ").append(t.drops());
        if (t.drops() > 0) {
            drops.append(", first ").append(time.dateTime(t.firstDropNs())).append(", last ")
                    .append(time.dateTime(t.lastDropNs()));
        }
        lines.add(drops.toString());
        if (t.frees() > 0) {
            lines.add("  frees    " + t.frees() + " normal frees (skb_consume or a not-a-drop reason), not counted as drops");
        }
        if (r.info().someTraceWithoutReasons()) {
            lines.add("  note     the kernel records no drop reason: some drops may be normal frees");
        }
        if (r.lossy()) {
            lines.add("  lost     " + r.discardedEvents() + " events discarded, " + r.lostPackets()
                    + " packets lost by the tracer: every count is a lower bound");
        } else {
            lines.add("  lost     none");
        }
    }

    private static String symbols(TraceInfo ti) {
        switch (ti.symbols().origin()) {
            case OPTION:
                return ti.symbols().path() + " (--kallsyms, " + ti.symbols().count() + " symbols)";
            case TRACE_FOLDER:
                return ti.symbols().path() + " (found next to the trace, " + ti.symbols().count() + " symbols)";
            case HOST:
                return ti.symbols().path() + " (this host's: right only for a trace of this boot)";
            case NONE:
                return "none (locations are addresses only)";
            default:
                throw new AssertionError(ti.symbols().origin());
        }
    }

    private <K> void table(List<String> lines, String title, String bound, DropReport.Table<K> t, String keyTitle,
                           Function<K, String> label, String plural, boolean showSpan) {
        lines.add("");
        if (t.rows().isEmpty()) {
            lines.add(title + ": none" + bound);
            return;
        }
        lines.add(title + (t.distinct() > t.rows().size() ? ", top " + t.rows().size() + " of " + t.distinct() : "")
                + bound);
        long maxCount = t.rows().get(0).count();
        int w = Math.max(5, Long.toString(maxCount).length());
        String fmt = "  %" + w + "s  %6s";
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, fmt, "drops", "share"));
        if (showSpan) {
            head.append("  first seen          last seen         ");
        }
        head.append("  ").append(keyTitle);
        lines.add(head.toString());
        for (DropReport.Row<K> row : t.rows()) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, fmt, row.count(), percent(row.share())));
            if (showSpan) {
                b.append("  ").append(time.timeOfDay(row.firstNs())).append("  ").append(time.timeOfDay(row.lastNs()));
            }
            b.append("  ").append(row.key() == null ? "-" : label.apply(row.key()));
            if (row.key() instanceof Site s && s.resolved()) {
                b.append(" (").append(s.hex()).append(')');
            }
            lines.add(b.toString());
        }
        if (t.othersCount() > 0) {
            lines.add(String.format(Locale.ROOT, fmt, t.othersCount(), "") + "  (" + (t.distinct() - t.rows().size())
                    + " more " + plural + ")");
        }
    }

    private void intervals(List<String> lines, DropReport.Intervals iv) {
        lines.add("");
        lines.add("Drops per " + duration(iv.lengthNs()) + " interval");
        if (iv.buckets().isEmpty()) {
            lines.add("  none");
            return;
        }
        long max = 1;
        boolean anyLost = false;
        for (DropReport.Bucket b : iv.buckets()) {
            max = Math.max(max, b.drops());
            anyLost |= b.lostEvents() > 0;
        }
        int w = Math.max(5, Long.toString(max).length());
        lines.add(String.format(Locale.ROOT, "  %-18s  %" + w + "s%s", "start", "drops",
                anyLost ? "  discarded" : ""));
        for (DropReport.Bucket b : iv.buckets()) {
            int bar = (int) Math.round(40.0 * b.drops() / max);
            String lost = anyLost ? String.format(Locale.ROOT, "  %9s", b.lostEvents() > 0 ? b.lostEvents() : "") : "";
            lines.add(String.format(Locale.ROOT, "  %-18s  %" + w + "d%s  %s", time.timeOfDay(b.startNs()), b.drops(),
                    lost, "#".repeat(bar)).stripTrailing());
        }
        if (anyLost) {
            lines.add("  discarded: events the tracer discarded in ranges overlapping the interval; its drop count is a lower bound");
        }
    }

    private void losses(List<String> lines, DropReport r) {
        lines.add("");
        if (r.losses().isEmpty()) {
            lines.add("Lost by the tracer: nothing (counts are exact)");
            return;
        }
        lines.add("Lost by the tracer (counts above are lower bounds)");
        for (DropReport.StreamLoss s : r.losses()) {
            StringBuilder b = new StringBuilder("  ").append(s.stream()).append(": ");
            if (s.discardedEvents() > 0) {
                b.append(s.discardedEvents()).append(" events discarded");
            }
            if (s.lostPackets() > 0) {
                b.append(s.discardedEvents() > 0 ? ", " : "").append(s.lostPackets()).append(" packets lost");
            }
            b.append(" in ").append(s.ranges()).append(s.ranges() == 1 ? " range" : " ranges").append(", ")
                    .append(time.dateTime(s.firstNs())).append(" .. ").append(time.dateTime(s.lastNs()));
            lines.add(b.toString());
        }
    }

    private static String protocol(Integer p) {
        if (p < 0) {
            return "- (not recorded)";
        }
        String n = Protocols.name(p);
        String hex = String.format(Locale.ROOT, "0x%04x", p);
        return n == null ? hex : n + " (" + hex + ")";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    static String duration(long ns) {
        if (ns % 1_000_000_000L == 0) {
            return (ns / 1_000_000_000L) + "s";
        }
        if (ns % 1_000_000L == 0) {
            return (ns / 1_000_000L) + "ms";
        }
        if (ns % 1_000L == 0) {
            return (ns / 1_000L) + "us";
        }
        return ns + "ns";
    }
}

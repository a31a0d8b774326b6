package org.pdrop.report;

import java.io.PrintWriter;
import org.pdrop.drops.DropReport;

/**
 * The stderr footer of the text and CSV outputs when the tracer lost events: totals, then one
 * line per stream with how many and in which time range, in the spirit of Babeltrace's
 * "Tracer discarded N events between [...] and [...]" warnings, but summed per stream.
 */
final class LossFooter {
    private LossFooter() {
    }

    static void write(DropReport report, TimeText time, PrintWriter err) {
        if (!report.lossy()) {
            return;
        }
        err.println("pdrop: warning: the tracer discarded " + report.discardedEvents() + " events and lost "
                + report.lostPackets() + " packets: drop counts are lower bounds");
        for (DropReport.StreamLoss s : report.losses()) {
            StringBuilder b = new StringBuilder("pdrop:   ").append(s.stream()).append(": ");
            if (s.discardedEvents() > 0) {
                b.append(s.discardedEvents()).append(" events discarded");
            }
            if (s.lostPackets() > 0) {
                if (s.discardedEvents() > 0) {
                    b.append(", ");
                }
                b.append(s.lostPackets()).append(" packets lost");
            }
            b.append(" in ").append(s.ranges()).append(s.ranges() == 1 ? " range" : " ranges")
                    .append(" between [").append(time.dateTime(s.firstNs())).append("] and [")
                    .append(time.dateTime(s.lastNs())).append(']');
            err.println(b);
        }
        err.flush();
    }
}

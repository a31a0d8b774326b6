package org.pdrop.report;

import java.io.PrintWriter;
import java.time.ZoneId;
import org.pdrop.drops.DropEvent;
import org.pdrop.drops.DropReport;
import org.pdrop.drops.DropSink;
import org.pdrop.drops.Loss;
import org.pdrop.drops.RunInfo;
import org.pdrop.drops.Site;

/**
 * The default output, line for line the seed's: {@code [YYYY-mm-dd HH:MM:SS.nnnnnnnnn]
 * 0x<location> <symbol>+<offset>} for each drop, in local time, {@code [time] 0x<location>} when no
 * symbol covers the address. Normal frees (with {@code allFrees}) get a suffix
 * {@code (free: skb_consume)} or {@code (free: <reason>)}, and {@code -} for a missing location.
 * Tracer loss goes to a stderr footer.
 */
public final class TextSink implements DropSink {
    private final PrintWriter out;
    private final PrintWriter err;
    private final TimeText time;
    private final StringBuilder line = new StringBuilder(96);

    public TextSink(PrintWriter out, PrintWriter err, ZoneId zone) {
        this.out = out;
        this.err = err;
        this.time = new TimeText(zone);
    }

    @Override
    public void begin(RunInfo info) {
        // The seed printed no header; warnings were printed by the analysis.
    }

    @Override
    public void event(DropEvent e) {
        out.write(line(e));
        out.write('\n');
    }

    /** One output line, without the newline. */
    String line(DropEvent e) {
        StringBuilder b = line;
        b.setLength(0);
        b.append('[').append(time.dateTime(e.timestampNs())).append("] ");
        Site s = e.location();
        if (s == null) {
            b.append('-');
        } else {
            b.append(s.hex());
            if (s.resolved()) {
                b.append(' ').append(s.symbolAndOffset());
            }
        }
        if (!e.isDrop()) {
            b.append(" (free: ");
            b.append(e.reason() != null && e.reason().notADrop() ? e.reason().label() : e.event());
            b.append(')');
        }
        return b.toString();
    }

    @Override
    public void loss(Loss loss) {
        // Summed per stream in the footer.
    }

    @Override
    public void end(DropReport report) {
        out.flush();
        LossFooter.write(report, time, err);
    }
}

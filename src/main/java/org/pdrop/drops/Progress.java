package org.pdrop.drops;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A single updating progress line on stderr ({@code \r}, no newline until done): bytes read of
 * the total, events per second and the estimated time left. Silent unless enabled (stderr is a
 * terminal) and the run has lasted {@link #DELAY_NS}; updated at most every {@link #PERIOD_NS}.
 * Bytes read are the packets the streams' threads have started on.
 */
final class Progress {
    static final long DELAY_NS = 1_500_000_000L;
    static final long PERIOD_NS = 250_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long totalBytes;
    private final LongSupplier clock;
    private final long startNs;
    private long readBytes;
    private long lastPrintNs;
    private boolean shown;
    private int width;

    Progress(PrintWriter err, boolean enabled, long totalBytes, LongSupplier clock) {
        this.err = err;
        this.enabled = enabled;
        this.totalBytes = totalBytes;
        this.clock = clock;
        this.startNs = clock.getAsLong();
    }

    /** Cheap enough to call every few hundred items: prints at most every {@link #PERIOD_NS}. */
    void tick(long bytesRead, long events) {
        if (!enabled) {
            return;
        }
        readBytes = bytesRead;
        long now = clock.getAsLong();
        if (now - startNs < DELAY_NS || now - lastPrintNs < PERIOD_NS) {
            return;
        }
        lastPrintNs = now;
        print(line(readBytes, totalBytes, events, now - startNs));
    }

    /** Clears the line if one was shown. */
    void done() {
        if (shown) {
            err.print('\r' + " ".repeat(width) + '\r');
            err.flush();
        }
    }

    private void print(String s) {
        shown = true;
        String padded = s.length() < width ? s + " ".repeat(width - s.length()) : s;
        width = Math.max(width, s.length());
        err.print('\r' + padded);
        err.flush();
    }

    static String line(long read, long total, long events, long elapsedNs) {
        double seconds = elapsedNs / 1e9;
        double rate = seconds > 0 ? events / seconds : 0;
        String eta = "?";
        if (read > 0 && total > read) {
            double left = seconds * (total - read) / read;
            eta = duration(left);
        } else if (total > 0 && read >= total) {
            eta = "0s";
        }
        int pct = total > 0 ? (int) Math.min(100, 100 * read / total) : 0;
        return String.format(Locale.ROOT, "pdrop: %s / %s (%d%%), %s events/s, %s left",
                bytes(read), bytes(total), pct, count(rate), eta);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String count(double r) {
        if (r >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", r / 1e6);
        }
        if (r >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", r / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", r);
    }

    static String duration(double s) {
        long t = Math.round(s);
        if (t < 60) {
            return t + "s";
        }
        if (t < 3600) {
            return (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s";
        }
        return (t / 3600) + "h" + String.format(Locale.ROOT, "%02d", (t % 3600) / 60) + "m";
    }
}

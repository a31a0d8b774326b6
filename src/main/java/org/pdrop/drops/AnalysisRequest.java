package org.pdrop.drops;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pdrop.ctf.stream.PacketIndexProvider;

/**
 * Everything one analysis run is asked to do. Build with {@link #builder(List)}.
 *
 * @param traces     trace paths (a trace, a session, or any folder with traces below it); all are
 *                   read together and merged by time
 * @param kallsyms   {@code --kallsyms}: a kallsyms copy or System.map; when empty, a
 *                   {@code kallsyms} file next to the trace, else this host's {@code /proc/kallsyms}
 * @param formatFile a {@code kfree_skb} tracepoint format file naming the reasons; when empty, a
 *                   {@code ftrace-kfree_skb-format.txt} next to the trace is used if present
 * @param format     text, json or csv
 * @param summary    aggregate instead of listing every drop
 * @param top        rows per summary table; 0 means all rows
 * @param interval   when present, the summary also counts drops per interval of this length
 * @param allFrees   also report normal frees ({@code skb_consume}, not-a-drop reasons), marked
 * @param filters    which drops to keep
 * @param zone       zone for printed local times (the JVM default honours {@code TZ})
 * @param progress   show a progress line on stderr for long runs (see {@link #interactive()})
 * @param index      where packets are found without scanning (LTTng index files), or
 *                   {@link PacketIndexProvider#NONE}
 */
public record AnalysisRequest(List<Path> traces, Optional<Path> kallsyms, Optional<Path> formatFile,
                              OutputFormat format, boolean summary, int top, Optional<Duration> interval,
                              boolean allFrees, FilterSpec filters, ZoneId zone, boolean progress,
                              PacketIndexProvider index) {
    public static final int DEFAULT_TOP = 10;

    public AnalysisRequest {
        traces = List.copyOf(traces);
        Objects.requireNonNull(kallsyms, "kallsyms");
        Objects.requireNonNull(formatFile, "formatFile");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(index, "index");
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("at least one trace path is required");
        }
        if (top < 0) {
            throw new IllegalArgumentException("top must be 0 (all) or more, got " + top);
        }
        if (interval.isPresent() && (interval.get().isZero() || interval.get().isNegative())) {
            throw new IllegalArgumentException("interval must be greater than zero, got " + interval.get());
        }
    }

    /**
     * Whether standard error is a terminal, where a progress line belongs. On Linux the answer
     * comes from {@code /proc/self/fd/2} (a {@code /dev/pts/N} or {@code /dev/ttyN} target), so
     * redirecting only stdout ({@code pdrop TRACE > drops.txt}) keeps the progress line. Elsewhere
     * {@code System.console()} is the proxy (it looks at stdin and stdout); on JDK 22 and later
     * it is non-null even when redirected, so {@code Console.isTerminal()} is asked too.
     */
    public static boolean interactive() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not Linux, or no /proc: fall back to the console.
        }
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    public static Builder builder(List<Path> traces) {
        return new Builder(traces);
    }

    /** A builder with the CLI's defaults: text, no summary, top 10, local zone, progress on a terminal. */
    public static final class Builder {
        private final List<Path> traces;
        private Optional<Path> kallsyms = Optional.empty();
        private Optional<Path> formatFile = Optional.empty();
        private OutputFormat format = OutputFormat.TEXT;
        private boolean summary;
        private int top = DEFAULT_TOP;
        private Optional<Duration> interval = Optional.empty();
        private boolean allFrees;
        private FilterSpec filters = FilterSpec.NONE;
        private ZoneId zone = ZoneId.systemDefault();
        private boolean progress;
        private PacketIndexProvider index = PacketIndexProvider.NONE;

        private Builder(List<Path> traces) {
            this.traces = List.copyOf(traces);
            this.progress = interactive();
        }

        public Builder kallsyms(Path p) {
            this.kallsyms = Optional.ofNullable(p);
            return this;
        }

        public Builder formatFile(Path p) {
            this.formatFile = Optional.ofNullable(p);
            return this;
        }

        public Builder format(OutputFormat f) {
            this.format = f;
            return this;
        }

        public Builder summary(boolean s) {
            this.summary = s;
            return this;
        }

        public Builder top(int n) {
            this.top = n;
            return this;
        }

        public Builder interval(Duration d) {
            this.interval = Optional.ofNullable(d);
            return this;
        }

        public Builder allFrees(boolean b) {
            this.allFrees = b;
            return this;
        }

        public Builder filters(FilterSpec f) {
            this.filters = f;
            return this;
        }

        public Builder zone(ZoneId z) {
            this.zone = z;
            return this;
        }

        public Builder index(PacketIndexProvider i) {
            this.index = i;
            return this;
        }

        public Builder progress(boolean p) {
            this.progress = p;
            return this;
        }

        public AnalysisRequest build() {
            return new AnalysisRequest(traces, kallsyms, formatFile, format, summary, top, interval, allFrees,
                    filters, zone, progress, index);
        }
    }
}

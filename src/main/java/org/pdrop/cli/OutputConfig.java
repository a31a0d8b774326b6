package org.pdrop.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.pdrop.drops.OutputFormat;

/**
 * How to report.
 *
 * @param top rows per summary table; 0 means all rows
 * @param interval when present, the summary also counts drops per interval of this length
 * @param allFrees also report normal frees (skb_consume, SKB_CONSUMED, ...), marked as such
 */
public record OutputConfig(OutputFormat format, boolean summary, int top, Optional<Duration> interval,
                           boolean allFrees) {
    public static final int DEFAULT_TOP = 10;

    public OutputConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(interval, "interval");
        if (top < 0) {
            throw new IllegalArgumentException("--top must be 0 (all) or more, got " + top);
        }
        if (interval.isPresent() && (interval.get().isZero() || interval.get().isNegative())) {
            throw new IllegalArgumentException("--interval must be greater than zero, got " + interval.get());
        }
    }
}

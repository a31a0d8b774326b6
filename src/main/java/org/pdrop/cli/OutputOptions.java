package org.pdrop.cli;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;
import org.pdrop.drops.OutputFormat;

/** Mixin: what analyze writes. */
final class OutputOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--summary", description = "Print counts per location, reason, protocol, CPU and process instead of one line per drop.")
    boolean summary;

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + OutputConfig.DEFAULT_TOP,
            description = "Rows per summary table, 0 for all (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--interval", paramLabel = "DURATION", converter = TimeSyntax.PositiveDurationConverter.class,
            description = "Also count drops per interval of this length (500ms, 1s, 2m, ...).")
    Duration interval;

    @Option(names = "--all-frees", description = "Also show normal frees (skb_consume, SKB_CONSUMED), marked as such.")
    boolean allFrees;

    OutputConfig toConfig() {
        return new OutputConfig(format, summary, top, Optional.ofNullable(interval), allFrees);
    }
}

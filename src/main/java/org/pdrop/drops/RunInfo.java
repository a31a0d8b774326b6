package org.pdrop.drops;

import java.util.List;

/**
 * What a sink learns before the first event: the traces and the context fields that events may
 * carry (the union over all skb event classes, in first-seen order: CSV columns).
 *
 * @param traces        one entry per trace read
 * @param contextFields names of context fields ({@code procname}, {@code tid}, ...)
 * @param totalBytes    bytes of all stream files (for progress)
 * @param warnings      warnings already printed to stderr (also for sinks that embed them)
 */
public record RunInfo(List<TraceInfo> traces, List<String> contextFields, long totalBytes, List<String> warnings) {
    public RunInfo {
        traces = List.copyOf(traces);
        contextFields = List.copyOf(contextFields);
        warnings = List.copyOf(warnings);
    }

    /** True when some trace has no {@code reason} field: its frees may include normal ones. */
    public boolean someTraceWithoutReasons() {
        return traces.stream().anyMatch(t -> t.hasKfree() && !t.hasReasons());
    }
}

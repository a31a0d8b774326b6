package org.pdrop.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * {@code pdrop dump}: print every event of the traces as {@code babeltrace2 TRACE...} does.
 *
 * @param zone the zone timestamps are printed in: the JVM default (which follows {@code TZ}),
 *     or UTC with {@code --utc}/{@code --clock-gmt}
 */
public record DumpConfig(List<Path> traces, ZoneId zone) {
    public DumpConfig {
        traces = List.copyOf(traces);
        Objects.requireNonNull(zone, "zone");
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("at least one trace path is required");
        }
    }
}

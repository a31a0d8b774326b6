package org.pdrop.cli;

import java.time.ZoneId;
import java.util.Objects;
import org.pdrop.drops.FilterSpec;

/**
 * Everything {@code pdrop [analyze]} was asked to do, as parsed from the command line.
 *
 * @param zone the zone for printed times and for local {@code --begin}/{@code --end} times:
 *     the JVM default, which follows {@code TZ}
 */
public record AnalyzeConfig(InputConfig input, OutputConfig output, FilterSpec filter, ZoneId zone) {
    public AnalyzeConfig {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(zone, "zone");
    }
}

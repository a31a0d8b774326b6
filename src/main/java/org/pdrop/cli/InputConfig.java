package org.pdrop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to read: trace paths (each a trace, session or any folder with traces below it, read
 * together and merged by time) and the optional {@code --kallsyms} file. When it is empty, the
 * analysis looks for a {@code kallsyms} file in the trace folder, then uses this host's.
 */
public record InputConfig(List<Path> traces, Optional<Path> kallsyms) {
    public InputConfig {
        traces = List.copyOf(traces);
        Objects.requireNonNull(kallsyms, "kallsyms");
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("at least one trace path is required");
        }
    }
}

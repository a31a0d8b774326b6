package org.pdrop.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code pdrop record} was asked to do.
 *
 * @param output the trace folder; {@code null}: a new folder named after the session in the
 *     current directory
 * @param duration how long to record; {@code null} when {@code command} is given
 * @param command run this and record until it exits; empty when {@code duration} is given
 * @param contexts LTTng context names added to every event
 * @param loss loss emulation, or {@code null}
 * @param commandLine pdrop's own command line, for {@code pdrop-record.json}
 * @param pdropVersion for {@code pdrop-record.json}
 */
public record RecordRequest(Path output, Duration duration, List<String> command, EventSet events,
        List<String> contexts, LossRequest loss, List<String> commandLine, String pdropVersion) {
    public RecordRequest {
        command = List.copyOf(command);
        contexts = List.copyOf(contexts);
        commandLine = List.copyOf(commandLine);
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(pdropVersion, "pdropVersion");
        if ((duration == null) == command.isEmpty()) {
            throw new IllegalArgumentException("exactly one of duration and command");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }
}

package org.pdrop.record;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each kind of step may take before pdrop gives up on it (the process is then killed and
 * the step counts as failed).
 *
 * @param lttng ordinary {@code lttng} commands and {@code lttng-sessiond --daemonize}
 * @param lttngFlush {@code lttng stop} and {@code lttng destroy}, which wait until the buffers are
 *     written out
 * @param tc {@code tc}, {@code unshare} and {@code uname}
 * @param commandGrace how long COMMAND gets to exit after SIGTERM before it is killed
 */
public record Timeouts(Duration lttng, Duration lttngFlush, Duration tc, Duration commandGrace) {
    public static final Timeouts DEFAULT = new Timeouts(
            Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(20), Duration.ofSeconds(10));

    public Timeouts {
        Objects.requireNonNull(lttng, "lttng");
        Objects.requireNonNull(lttngFlush, "lttngFlush");
        Objects.requireNonNull(tc, "tc");
        Objects.requireNonNull(commandGrace, "commandGrace");
    }
}

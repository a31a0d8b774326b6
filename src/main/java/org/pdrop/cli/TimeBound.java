package org.pdrop.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One end of the {@code --begin}/{@code --end} time window: either an absolute instant or an
 * offset from the first event of the trace, which only the analysis knows.
 */
public sealed interface TimeBound permits TimeBound.At, TimeBound.AfterStart {

    /** An absolute instant; text given in local time was resolved with the config's zone. */
    record At(Instant instant) implements TimeBound {
        public At {
            Objects.requireNonNull(instant, "instant");
        }
    }

    /** {@code +DURATION}: this long after the trace's first event. */
    record AfterStart(Duration offset) implements TimeBound {
        public AfterStart {
            Objects.requireNonNull(offset, "offset");
            if (offset.isNegative()) {
                throw new IllegalArgumentException("offset must not be negative: " + offset);
            }
        }
    }
}

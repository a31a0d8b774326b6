package org.pdrop.drops;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One end of the {@code --begin}/{@code --end} window: an absolute instant, or an offset from the
 * first event of the trace (which only the analysis knows).
 */
public sealed interface TimeBound permits TimeBound.At, TimeBound.AfterStart {

    /** An absolute instant (text given in local time is resolved by the caller). */
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

    /** Nanoseconds since the epoch, given the trace start (ns since the epoch). */
    default long resolveNs(long traceStartNs) {
        if (this instanceof At a) {
            return Math.addExact(Math.multiplyExact(a.instant().getEpochSecond(), 1_000_000_000L),
                    a.instant().getNano());
        }
        if (this instanceof AfterStart s) {
            return Math.addExact(traceStartNs, s.offset().toNanos());
        }
        throw new AssertionError(this);
    }
}

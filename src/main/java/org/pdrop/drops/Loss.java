package org.pdrop.drops;

import java.util.Objects;

/**
 * Tracer-side loss in one stream: events the tracer discarded (its buffers were full) or whole
 * packets that never reached the trace. Drops that happened in {@code [beginNs, endNs]} may be
 * missing from every count, so counts are lower bounds.
 *
 * @param trace   the trace (folder) the stream belongs to
 * @param stream  the stream (first file's path)
 * @param kind    what was lost
 * @param count   how many events (or packets)
 * @param beginNs start of the range in which they were lost, ns since the epoch
 * @param endNs   end of that range
 */
public record Loss(String trace, String stream, Kind kind, long count, long beginNs, long endNs) {
    public enum Kind {
        DISCARDED_EVENTS, LOST_PACKETS;

        /** {@code discarded-events} or {@code lost-packets}, as written in outputs. */
        public String label() {
            return this == DISCARDED_EVENTS ? "discarded-events" : "lost-packets";
        }
    }

    public Loss {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(kind, "kind");
    }
}

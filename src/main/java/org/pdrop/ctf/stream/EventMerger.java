package org.pdrop.ctf.stream;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * Merges the events and notices of many streams into one sequence ordered by time (ns from the
 * clock origin, signed), with the deterministic order of Babeltrace 2's muxer
 * ({@code common_muxing_compare_messages()} in {@code plugins/common/muxing/muxing.c}) for equal
 * times: traces with a UUID before those without, UUIDs compared as unsigned bytes; then the
 * trace names (Babeltrace's {@code HOSTNAME/PATH}), then the traces' positions; then the stream
 * class id and the stream id (the {@code stream_instance_id},
 * as unsigned numbers; streams without one compare by position); then events before discarded
 * events before lost packets (Babeltrace's message type weights); then stream position.
 *
 * <p>Babeltrace's order matters for byte-identical dumps: ordering by stream file name instead
 * puts {@code channel0_10} before {@code channel0_2}, where Babeltrace compares stream ids 10 and 2.
 *
 * <p>{@link #next()} positions {@link #current()} on the next item; the cursor stays valid until
 * the following call.
 */
public final class EventMerger {
    private static final Comparator<StreamCursor> ORDER = EventMerger::compare;

    private final PriorityQueue<StreamCursor> queue;
    private final List<StreamCursor> cursors;
    private StreamCursor current;
    private boolean started;

    public EventMerger(List<StreamCursor> cursors) {
        this.cursors = List.copyOf(cursors);
        this.queue = new PriorityQueue<>(Math.max(1, cursors.size()), ORDER);
    }

    public boolean next() {
        if (!started) {
            started = true;
            for (StreamCursor c : cursors) {
                if (c.advance()) {
                    queue.add(c);
                }
            }
        } else if (current != null && current.advance()) {
            queue.add(current);
        }
        current = queue.poll();
        return current != null;
    }

    /** The merge order: time, then Babeltrace's tie-breaks (see the class comment). */
    static int compare(StreamCursor a, StreamCursor b) {
        int c = Long.compare(a.timestampNs(), b.timestampNs());
        if (c != 0) {
            return c;
        }
        return tieBreak(a.stream(), rank(a), b.stream(), rank(b));
    }

    /**
     * The order of two items of equal time (see the class comment), for consumers that merge
     * streams themselves (such as a parallel printer) and must keep this merger's order.
     *
     * @param rankA 0 for an event, 1 for discarded events, 2 for lost packets
     */
    public static int tieBreak(DataStream sa, int rankA, DataStream sb, int rankB) {
        int c;
        if (sa.trace() != sb.trace()) {
            c = compareUuids(sa.trace().decoder().traceClass().uuid(), sb.trace().decoder().traceClass().uuid());
            if (c != 0) {
                return c;
            }
            c = sa.trace().name().compareTo(sb.trace().name());
            if (c != 0) {
                return c;
            }
            c = Integer.compare(sa.trace().ordinal(), sb.trace().ordinal());
            if (c != 0) {
                return c;
            }
        }
        c = Long.compareUnsigned(sa.streamClassId(), sb.streamClassId());
        if (c != 0) {
            return c;
        }
        if (sa.streamInstanceId() >= 0 && sb.streamInstanceId() >= 0) {
            c = Long.compareUnsigned(sa.streamInstanceId(), sb.streamInstanceId());
            if (c != 0) {
                return c;
            }
        }
        c = Integer.compare(rankA, rankB);
        if (c != 0) {
            return c;
        }
        return Integer.compare(sa.ordinal(), sb.ordinal());
    }

    private static int rank(StreamCursor c) {
        return c.kind() != StreamCursor.Kind.NOTICE ? 0 : rank(c.notice().kind());
    }

    /** {@link #tieBreak}'s rank of a notice. */
    public static int rank(Notice.Kind kind) {
        return kind == Notice.Kind.DISCARDED_EVENTS ? 1 : 2;
    }

    /** Present before absent; then as 16 unsigned bytes ({@code memcmp}). */
    private static int compareUuids(UUID a, UUID b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    public StreamCursor current() {
        return current;
    }

    public List<StreamCursor> cursors() {
        return cursors;
    }
}

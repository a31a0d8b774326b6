package org.pdrop.ctf.stream;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the events and notices of many streams into one sequence ordered by time (ns from the
 * clock origin, signed), with a deterministic order for equal times: notices before events, then
 * trace order, then stream order (both fixed by the caller from sorted paths), as Babeltrace's
 * muxer and Trace Compass do.
 *
 * <p>{@link #next()} positions {@link #current()} on the next item; the cursor stays valid until
 * the following call.
 */
public final class EventMerger {
    private static final Comparator<StreamCursor> ORDER = Comparator
            .comparingLong(StreamCursor::timestampNs)
            .thenComparingInt(c -> c.kind() == StreamCursor.Kind.NOTICE ? 0 : 1)
            .thenComparingInt(c -> c.stream().trace().ordinal())
            .thenComparingInt(c -> c.stream().ordinal());

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

    public StreamCursor current() {
        return current;
    }

    public List<StreamCursor> cursors() {
        return cursors;
    }
}

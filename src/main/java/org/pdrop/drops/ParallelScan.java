package org.pdrop.drops;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.Notice;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * Reads every data stream on a thread of its own and merges what they find by time on the
 * caller's thread. Most events are not skb events: a stream's thread decodes their headers,
 * skips their bodies and counts them; only skb events (as {@link DropEvent}s) and loss notices
 * (as {@link Loss}es) travel to the merge, in batches through bounded queues, so the work that
 * grows with the trace runs on all cores and memory stays bounded (a few batches per stream).
 *
 * <p>The merge gives the same order as {@link EventMerger}: time, then its tie-break. A stream
 * with nothing to send for a while still sends its progress (the time of the last event it
 * read), so the other streams' items are not held back until it ends.
 *
 * <p>Each stream has its own thread, not a pool: a stream whose queue is full blocks until the
 * merge needs it, and the merge may need a stream that a fixed pool could not run.
 */
final class ParallelScan implements AutoCloseable {
    /** Items per batch, and events between two progress-only batches. */
    private static final int BATCH = 1024;
    private static final long EVENTS_PER_WATERMARK = 1 << 16;
    private static final int QUEUE_BATCHES = 4;

    /** One merged item: a {@link DropEvent} or a {@link Loss}, with its merge key. */
    record Item(long ns, int rank, Object value) {}

    /** What a stream's thread sends: items in time order, and a bound on what comes later. */
    private record Batch(List<Item> items, long watermarkNs, boolean last, Throwable failure) {}

    /** Per-stream totals, read once the stream's thread has ended. */
    static final class Counts {
        long events;
        /** Frees counted by the stream's thread instead of being sent (see {@code countFrees}). */
        long frees;
        long firstNs = DropReport.NO_TIME;
        long lastNs = DropReport.NO_TIME;
    }

    /** An array: the merge loop walks it for every item, and a list's iterator is an allocation each time. */
    private final Lane[] lanes;
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong eventsRead = new AtomicLong();
    private volatile boolean cancelled;

    /**
     * Starts one thread per stream.
     *
     * @param plans     which event classes of a stream are skb events
     * @param loss      turns a notice into a {@link Loss}
     * @param beginNs   events before this are counted by nobody and skipped
     * @param endNs     a stream stops at its first event after this
     * @param countFrees whether the events of classes that are only frees ({@code skb_consume}) are
     *                  just counted ({@link #counts()}) instead of being read and sent: when
     *                  nothing but their number is wanted (no filter on event fields, no
     *                  listing of frees), which spares reading, sending and merging them
     */
    ParallelScan(List<DataStream> streams, Function<DataStream, DropAnalysis.Plans> plans,
                 Function<Notice, Loss> loss, long beginNs, long endNs, boolean countFrees) {
        lanes = new Lane[streams.size()];
        int n = 0;
        for (DataStream s : streams) {
            Lane lane = new Lane(s);
            lanes[n++] = lane;
            Thread t = new Thread(() -> lane.run(plans.apply(s), loss, beginNs, endNs, countFrees),
                    "pdrop-stream-" + s.ordinal());
            t.setDaemon(true);
            lane.thread = t;
        }
        for (Lane l : lanes) {
            l.thread.start();
        }
    }

    long bytesRead() {
        return bytesRead.get();
    }

    long eventsRead() {
        return eventsRead.get();
    }

    /** The next item in time order, or null when every stream has ended. */
    Item next() throws InterruptedException {
        while (true) {
            Lane best = null;
            for (Lane l : lanes) {
                if (l.done()) {
                    continue;
                }
                if (best == null || l.before(best)) {
                    best = l;
                }
            }
            if (best == null) {
                return null;
            }
            if (!best.pending.isEmpty()) {
                return best.pending.poll();
            }
            best.receive();
        }
    }

    /** Totals of every stream; valid once {@link #next()} returned null. */
    Counts counts() {
        Counts all = new Counts();
        for (Lane l : lanes) {
            Counts c = l.counts;
            all.events += c.events;
            all.frees += c.frees;
            if (c.firstNs != DropReport.NO_TIME) {
                all.firstNs = all.firstNs == DropReport.NO_TIME ? c.firstNs : Math.min(all.firstNs, c.firstNs);
                all.lastNs = all.lastNs == DropReport.NO_TIME ? c.lastNs : Math.max(all.lastNs, c.lastNs);
            }
        }
        return all;
    }

    /** Stops the streams' threads (after an error, or when the merge stops early). */
    @Override
    public void close() {
        cancelled = true;
        for (Lane l : lanes) {
            l.queue.clear();
            l.thread.interrupt();
        }
    }

    /** One stream: its thread's side ({@link #run}) and the merge's side (the rest). */
    private final class Lane {
        final DataStream stream;
        final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        final ArrayDeque<Item> pending = new ArrayDeque<>();
        final Counts counts = new Counts();
        Thread thread;
        long watermarkNs = Long.MIN_VALUE;
        boolean ended;

        Lane(DataStream stream) {
            this.stream = stream;
        }

        boolean done() {
            return ended && pending.isEmpty();
        }

        /** Merge order: a waiting item, else the watermark (which wins ties: it may hide an equal item). */
        boolean before(Lane other) {
            long a = pending.isEmpty() ? watermarkNs : pending.peek().ns();
            long b = other.pending.isEmpty() ? other.watermarkNs : other.pending.peek().ns();
            if (a != b) {
                return a < b;
            }
            boolean aw = pending.isEmpty();
            boolean bw = other.pending.isEmpty();
            if (aw != bw) {
                return aw;
            }
            if (aw) {
                return stream.ordinal() < other.stream.ordinal();
            }
            return EventMerger.tieBreak(stream, pending.peek().rank(), other.stream, other.pending.peek().rank()) < 0;
        }

        void receive() throws InterruptedException {
            Batch b = queue.take();
            if (b.failure() != null) {
                if (b.failure() instanceof RuntimeException re) {
                    throw re;
                }
                if (b.failure() instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(b.failure());
            }
            pending.addAll(b.items());
            watermarkNs = Math.max(watermarkNs, b.watermarkNs());
            ended = b.last();
        }

        // --- the stream's thread ----------------------------------------------------------------

        void run(DropAnalysis.Plans plans, Function<Notice, Loss> loss, long beginNs, long endNs, boolean countFrees) {
            StreamCursor c = new StreamCursor(stream, false);
            List<Item> batch = new ArrayList<>();
            // Events that are not skb events are passed over inside the cursor, counted there; so
            // are the frees when only their number is wanted.
            boolean[] wanted = plans == null ? new boolean[0] : plans.mask(p -> true);
            boolean[] freesOnly = new boolean[0];
            if (countFrees && plans != null && wanted != null) {
                freesOnly = plans.mask(SkbEvents.EventPlan::freesOnly);
                for (int id = 0; id < wanted.length; id++) {
                    wanted[id] &= !freesOnly[id];
                }
            }
            long marked = 0;
            int packetsCounted = 0;
            long ts = Long.MIN_VALUE;
            try {
                while (!cancelled && (wanted != null
                        ? c.advanceSkipping(wanted, freesOnly, beginNs, endNs, EVENTS_PER_WATERMARK) : c.advance())) {
                    if (c.kind() == StreamCursor.Kind.NOTICE) {
                        Notice n = c.notice();
                        batch.add(new Item(n.beginNs(), EventMerger.rank(n.kind()), loss.apply(n)));
                    } else {
                        ts = c.timestampNs();
                        if (ts < beginNs) {
                            continue;
                        }
                        if (ts > endNs) {
                            break;
                        }
                        // The cursor may have passed over whole packets since the last event it returned.
                        for (; packetsCounted <= c.packetIndex(); packetsCounted++) {
                            bytesRead.addAndGet(stream.packets().get(packetsCounted).packetSizeBits() / 8);
                        }
                        counts.events++;
                        if (counts.firstNs == DropReport.NO_TIME) {
                            counts.firstNs = ts;
                        }
                        counts.lastNs = ts;
                        SkbEvents.EventPlan plan = plans == null ? null : plans.get(c.eventClass().id());
                        if (plan != null) {
                            if (countFrees && plan.freesOnly()) {
                                // Returned anyway (the cursor's budget ran out on it): counted here.
                                // The cursor skips the unread body (and reports a body cut short) as for any event.
                                counts.frees++;
                            } else {
                                batch.add(new Item(ts, 0, plan.read(c)));
                            }
                        }
                        if (c.eventCount() - marked >= EVENTS_PER_WATERMARK) {
                            eventsRead.addAndGet(c.eventCount() - marked);
                            marked = c.eventCount();
                            send(new Batch(batch, ts, false, null));
                            batch = new ArrayList<>();
                            continue;
                        }
                    }
                    if (batch.size() >= BATCH) {
                        send(new Batch(batch, ts, false, null));
                        batch = new ArrayList<>();
                    }
                }
                counts.events += c.passedOver();
                counts.frees += c.countedOver();
                if (c.passedOver() > 0) {
                    counts.firstNs = counts.firstNs == DropReport.NO_TIME ? c.firstPassedNs()
                            : Math.min(counts.firstNs, c.firstPassedNs());
                    counts.lastNs = counts.lastNs == DropReport.NO_TIME ? c.lastPassedNs()
                            : Math.max(counts.lastNs, c.lastPassedNs());
                }
                eventsRead.addAndGet(c.eventCount() - marked);
                send(new Batch(batch, Long.MAX_VALUE, true, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                try {
                    send(new Batch(List.of(), Long.MAX_VALUE, true, t));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void send(Batch b) throws InterruptedException {
            while (!cancelled) {
                if (queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }
    }
}

package org.pdrop.dump;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.Notice;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.StreamCursor;
import org.pdrop.ctf.stream.StreamFile;

/**
 * The multi-core variant of the dump loop: each stream's events are decoded and formatted (all of
 * a line but its time prefix) on worker threads, in batches, while the calling thread merges the
 * streams exactly as {@link EventMerger} does, prints each line's time and delta, and copies the
 * formatted rest. The output is byte for byte the sequential loop's, errors included: a stream
 * that fails to read its next event header fails right after its previous item is printed, and
 * an event whose fields fail to decode fails when its turn comes, printing nothing of it.
 *
 * <p>Each stream has two batches: one being printed, one being formatted. Streams must not share
 * files ({@link #applicable}): a {@link StreamFile} maps one window at a time.
 */
final class ParallelDump {
    /** Events per batch: fewer when there are many streams, to bound memory (two batches each). */
    private static int batchEvents(int streams) {
        return Math.max(64, Math.min(2048, 32_768 / Math.max(1, streams)));
    }

    private static final byte EVENT = 0;
    private static final byte DISCARDED = 1;
    private static final byte LOST = 2;

    /** Formatted items of one stream, in stream order. */
    private static final class Batch {
        final int capacity;
        int count;
        final long[] key;
        final long[] timeNs;
        final byte[] kind;
        final int[] end;
        final Notice[] notices;
        final ByteOut body;

        Batch(int capacity) {
            this.capacity = capacity;
            key = new long[capacity];
            timeNs = new long[capacity];
            kind = new byte[capacity];
            end = new int[capacity];
            notices = new Notice[capacity];
            body = new ByteOut(capacity * 128);
        }

        /** The stream has no items after these. */
        boolean streamEnd;
        /** Reading stopped with this error after the items. */
        RuntimeException error;
        /** The error belongs to an event whose header was read: it fails in turn, at {@link #errorKey}. */
        boolean errorHasKey;
        long errorKey;

        void reset() {
            count = 0;
            body.clear();
            streamEnd = false;
            error = null;
            errorHasKey = false;
            java.util.Arrays.fill(notices, null);
        }
    }

    /** One stream: its cursor and formatter (used by one worker at a time) and its two batches. */
    private final class Lane {
        final DataStream stream;
        final StreamCursor cursor;
        final PrettyPrinter formatter;
        Batch current;
        Batch spare;
        Future<Batch> next;
        int pos;
        /** Merge position of the head item (stream time, rank). */
        long headKey;
        int headRank;
        boolean headIsError;

        Lane(DataStream stream, PrettyPrinter formatter) {
            this.stream = stream;
            this.cursor = new StreamCursor(stream, true);
            this.formatter = formatter;
        }

        /** Worker side: fills {@code b} with the next items of the stream. */
        Batch produce(Batch b) {
            b.reset();
            formatter.buffer(b.body);
            try {
                while (b.count < b.capacity) {
                    if (!cursor.advance()) {
                        b.streamEnd = true;
                        break;
                    }
                    int i = b.count;
                    b.key[i] = cursor.timestampNs();
                    if (cursor.kind() == StreamCursor.Kind.NOTICE) {
                        Notice n = cursor.notice();
                        b.kind[i] = n.kind() == Notice.Kind.DISCARDED_EVENTS ? DISCARDED : LOST;
                        b.notices[i] = n;
                    } else {
                        b.kind[i] = EVENT;
                        try {
                            b.timeNs[i] = formatter.eventBody(cursor);
                        } catch (RuntimeException e) {
                            b.error = e;
                            b.errorHasKey = true;
                            b.errorKey = b.key[i];
                            break;
                        }
                    }
                    b.end[i] = b.body.length();
                    b.count++;
                }
            } catch (RuntimeException e) {
                b.error = e;
            }
            return b;
        }

        void submit(Batch b) {
            next = workers.submit(() -> produce(b));
        }

        /** Takes the batch being formatted and starts formatting the following one. */
        void advanceBatch() {
            Batch done = current;
            try {
                current = next.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
            pos = 0;
            next = null;
            Batch recycled = done != null ? done : spare;
            spare = null;
            if (!current.streamEnd && current.error == null) {
                submit(recycled);
            }
        }

        /**
         * Positions the head on the next item; false when the stream is over. Throws an error that
         * comes before any further item, as the sequential merger would when advancing here.
         */
        boolean loadHead() {
            while (pos >= current.count) {
                if (current.error != null) {
                    if (current.errorHasKey) {
                        headKey = current.errorKey;
                        headRank = 0;
                        headIsError = true;
                        return true;
                    }
                    throw current.error;
                }
                if (current.streamEnd) {
                    return false;
                }
                advanceBatch();
            }
            headIsError = false;
            headKey = current.key[pos];
            byte k = current.kind[pos];
            headRank = k == EVENT ? 0 : EventMerger.rank(k == DISCARDED ? Notice.Kind.DISCARDED_EVENTS
                    : Notice.Kind.LOST_PACKETS);
            return true;
        }
    }

    private final ExecutorService workers;

    private ParallelDump(int threads) {
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pdrop-dump-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Worth it and safe: several streams, several cores, no file shared by two streams. */
    static boolean applicable(CtfTrace ctf) {
        List<DataStream> streams = ctf.streams();
        if (streams.size() < 2 || Runtime.getRuntime().availableProcessors() < 2) {
            return false;
        }
        Set<StreamFile> owner = new HashSet<>();
        for (DataStream s : streams) {
            Set<StreamFile> mine = new HashSet<>();
            for (PacketInfo p : s.packets()) {
                mine.add(p.file());
            }
            for (StreamFile f : mine) {
                if (!owner.add(f)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Prints every item of {@code ctf} through {@code printer} (the caller's thread writes). */
    static void run(CtfTrace ctf, PrettyPrinter printer, List<String> names) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), ctf.streams().size()));
        ParallelDump d = new ParallelDump(threads);
        try {
            d.merge(ctf, printer, names);
        } finally {
            d.workers.shutdownNow();
        }
    }

    /** Merge order of two lane heads: time, then the sequential merger's tie break (a total order). */
    private static int compare(Lane a, Lane b) {
        int c = Long.compare(a.headKey, b.headKey);
        return c != 0 ? c : EventMerger.tieBreak(a.stream, a.headRank, b.stream, b.headRank);
    }

    /**
     * The lanes that have a head, first in merge order first. With few lanes (a kernel trace has
     * a stream per CPU) comparing all heads costs less per line than a heap's poll and add; the
     * order being total, both pick the same lane.
     */
    private static final class Heads {
        private static final int SCAN_LANES = 16;
        private final Lane[] lanes;
        private int count;
        private final PriorityQueue<Lane> heap;

        Heads(int capacity) {
            lanes = capacity <= SCAN_LANES ? new Lane[capacity] : null;
            heap = lanes == null ? new PriorityQueue<>(capacity, ParallelDump::compare) : null;
        }

        void add(Lane l) {
            if (heap != null) {
                heap.add(l);
            } else {
                lanes[count++] = l;
            }
        }

        /** Removes and returns the first lane, or null when none is left. */
        Lane poll() {
            if (heap != null) {
                return heap.poll();
            }
            if (count == 0) {
                return null;
            }
            int best = 0;
            for (int i = 1; i < count; i++) {
                if (compare(lanes[i], lanes[best]) < 0) {
                    best = i;
                }
            }
            Lane l = lanes[best];
            lanes[best] = lanes[--count];
            lanes[count] = null;
            return l;
        }
    }

    private void merge(CtfTrace ctf, PrettyPrinter printer, List<String> names) {
        List<Lane> lanes = new ArrayList<>();
        int events = batchEvents(ctf.streams().size());
        for (DataStream s : ctf.streams()) {
            Lane l = new Lane(s, printer.formatterCopy(ctf.traces(), names));
            l.spare = new Batch(events);
            l.submit(new Batch(events));
            lanes.add(l);
        }
        Heads queue = new Heads(lanes.size());
        // As the sequential merger: every stream reads its first item before anything is printed.
        for (Lane l : lanes) {
            l.advanceBatch();
            if (l.loadHead()) {
                queue.add(l);
            }
        }
        ByteOut out = printer.buffer();
        Lane l;
        while ((l = queue.poll()) != null) {
            if (l.headIsError) {
                throw l.current.error;
            }
            Batch b = l.current;
            int i = l.pos;
            if (b.kind[i] == EVENT) {
                printer.appendTime(b.timeNs[i]);
                int start = i == 0 ? 0 : b.end[i - 1];
                out.put(b.body.array(), start, b.end[i] - start);
                printer.flushIfFull();
            } else {
                printer.notice(b.notices[i]);
            }
            l.pos++;
            if (l.loadHead()) {
                queue.add(l);
            }
        }
    }
}

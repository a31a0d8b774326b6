package org.pdrop.drops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The aggregate of one run, everything a summary shows: totals, the top rows per location,
 * reason, protocol, CPU and process, drops per interval, and what the tracer lost per stream.
 * Only drops are counted in the tables; normal frees are counted apart in {@link Totals#frees()}.
 * Times are ns since the epoch; {@link #NO_TIME} where there is none.
 *
 * @param top the number of rows kept per table (0: all)
 */
public record DropReport(RunInfo info, Totals totals, Table<Site> locations, Table<Reason> reasons,
                         Table<Integer> protocols, Table<Integer> cpus, Table<String> processes,
                         Optional<Intervals> intervals, List<StreamLoss> losses, int top) {
    public static final long NO_TIME = Long.MIN_VALUE;

    public DropReport {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(intervals, "intervals");
        losses = List.copyOf(losses);
    }

    /**
     * @param events        events read (of every kind, in the time window)
     * @param drops         drops that passed the filters
     * @param frees         normal frees that passed the filters (reported only with allFrees)
     * @param firstDropNs   first drop, or {@link #NO_TIME}
     * @param lastDropNs    last drop, or {@link #NO_TIME}
     * @param traceBeginNs  first event read, or {@link #NO_TIME}
     * @param traceEndNs    last event read, or {@link #NO_TIME}
     */
    public record Totals(long events, long drops, long frees, long firstDropNs, long lastDropNs,
                         long traceBeginNs, long traceEndNs) {}

    /**
     * One row: a key (location, reason, ...), its drop count, its share of all drops in percent,
     * and when it was first and last seen.
     */
    public record Row<K>(K key, long count, double share, long firstNs, long lastNs) {}

    /**
     * The top rows of one breakdown, by count (ties by key).
     *
     * @param distinct    how many distinct keys there were
     * @param othersCount drops of the keys beyond the top rows
     */
    public record Table<K>(List<Row<K>> rows, int distinct, long othersCount) {
        public Table {
            rows = List.copyOf(rows);
        }

        public static <K> Table<K> empty() {
            return new Table<>(List.of(), 0, 0);
        }
    }

    /**
     * Drops per interval of {@code lengthNs} from {@code startNs}, every interval from the first
     * to the last included (zeros too).
     */
    public record Intervals(long startNs, long lengthNs, List<Bucket> buckets) {
        public Intervals {
            buckets = List.copyOf(buckets);
        }
    }

    /**
     * @param lostEvents events the tracer discarded in ranges overlapping this interval (a range
     *                   spanning several intervals counts in each): when not 0, {@code drops} is a
     *                   lower bound
     */
    public record Bucket(long startNs, long drops, long lostEvents) {}

    /**
     * What one stream lost, in total.
     *
     * @param ranges  how many separate loss notices (packet gaps) there were
     * @param firstNs start of the first range
     * @param lastNs  end of the last range
     */
    public record StreamLoss(String trace, String stream, long discardedEvents, long lostPackets, int ranges,
                             long firstNs, long lastNs) {}

    /** Events discarded by the tracer, over all streams. */
    public long discardedEvents() {
        return losses.stream().mapToLong(StreamLoss::discardedEvents).sum();
    }

    /** Packets lost, over all streams. */
    public long lostPackets() {
        return losses.stream().mapToLong(StreamLoss::lostPackets).sum();
    }

    /** True when the tracer lost anything: then every count is a lower bound. */
    public boolean lossy() {
        return discardedEvents() > 0 || lostPackets() > 0;
    }
}

package org.pdrop.drops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts drops in one pass, in memory bounded by the number of distinct keys (locations,
 * reasons, protocols, CPUs, processes, intervals, streams), never by the number of events.
 * Not thread-safe.
 */
public final class Aggregator {
    private static final class Counter {
        long count;
        long firstNs = DropReport.NO_TIME;
        long lastNs = DropReport.NO_TIME;

        void add(long ns) {
            if (count++ == 0) {
                firstNs = ns;
            }
            lastNs = ns;
        }
    }

    /**
     * Counters by key, with the last key's counter at hand: consecutive drops mostly share their
     * site, reason, protocol, CPU and process, and an equal key is cheaper to check than to hash.
     */
    private static final class Counters<K> {
        final Map<K, Counter> map = new HashMap<>();
        private boolean hasLast;
        private K lastKey;
        private Counter last;

        void add(K key, long ns) {
            if (!hasLast || !java.util.Objects.equals(key, lastKey)) {
                last = map.computeIfAbsent(key, k -> new Counter());
                lastKey = key;
                hasLast = true;
            }
            last.add(ns);
        }

        /** As {@link #add} for an int key, boxed only when it differs from the last one. */
        @SuppressWarnings("unchecked")
        void addInt(int key, long ns) {
            if (hasLast && lastKey instanceof Integer k && k == key) {
                last.add(ns);
            } else {
                add((K) Integer.valueOf(key), ns);
            }
        }
    }

    private static final class StreamLossCounter {
        final String trace;
        final String stream;
        long discarded;
        long lostPackets;
        int ranges;
        long firstNs = DropReport.NO_TIME;
        long lastNs = DropReport.NO_TIME;

        StreamLossCounter(String trace, String stream) {
            this.trace = trace;
            this.stream = stream;
        }
    }

    private record Range(long beginNs, long endNs, long count) {}

    private final Counters<Site> locations = new Counters<>();
    private final Counters<Reason> reasons = new Counters<>();
    private final Counters<Integer> protocols = new Counters<>();
    private final Counters<Integer> cpus = new Counters<>();
    private final Counters<String> processes = new Counters<>();
    private final Map<Long, long[]> buckets = new HashMap<>();
    private final Map<String, StreamLossCounter> losses = new LinkedHashMap<>();
    private final List<Range> discardRanges = new ArrayList<>();
    private final long intervalNs;
    private long intervalStartNs = DropReport.NO_TIME;

    private long events;
    private long drops;
    private long frees;
    private long firstDropNs = DropReport.NO_TIME;
    private long lastDropNs = DropReport.NO_TIME;
    private long traceBeginNs = DropReport.NO_TIME;
    private long traceEndNs = DropReport.NO_TIME;

    /** @param intervalNs length of the per-interval counts, or 0 for none */
    public Aggregator(long intervalNs) {
        if (intervalNs < 0) {
            throw new IllegalArgumentException("negative interval: " + intervalNs);
        }
        this.intervalNs = intervalNs;
    }

    /**
     * Where intervals start (the window's begin, else the first event). Must be called before
     * the first drop when intervals are counted; later calls are ignored.
     */
    public void intervalStart(long ns) {
        if (intervalStartNs == DropReport.NO_TIME) {
            intervalStartNs = ns;
        }
    }

    /** Counts one event read, of any kind (for totals and the trace's time span). */
    public void eventRead(long ns) {
        events++;
        if (traceBeginNs == DropReport.NO_TIME) {
            traceBeginNs = ns;
        }
        traceEndNs = ns;
    }

    /** Counts {@code count} events read, of any kind, spanning {@code firstNs} to {@code lastNs}. */
    public void eventsRead(long count, long firstNs, long lastNs) {
        if (count == 0) {
            return;
        }
        events += count;
        traceBeginNs = traceBeginNs == DropReport.NO_TIME ? firstNs : Math.min(traceBeginNs, firstNs);
        traceEndNs = traceEndNs == DropReport.NO_TIME ? lastNs : Math.max(traceEndNs, lastNs);
    }

    public void add(DropEvent e) {
        if (!e.isDrop()) {
            frees++;
            return;
        }
        long ns = e.timestampNs();
        drops++;
        if (firstDropNs == DropReport.NO_TIME) {
            firstDropNs = ns;
        }
        lastDropNs = ns;
        if (e.location() != null) {
            locations.add(e.location(), ns);
        }
        reasons.add(e.reason(), ns);
        protocols.addInt(e.protocol(), ns);
        cpus.addInt(e.cpu(), ns);
        String proc = e.context().procname();
        if (proc != null) {
            processes.add(proc, ns);
        }
        if (intervalNs > 0) {
            intervalStart(ns);
            long index = Math.floorDiv(ns - intervalStartNs, intervalNs);
            buckets.computeIfAbsent(index, k -> new long[1])[0]++;
        }
    }

    /** Frees counted without being read (in the window, and no filter looks at them). */
    public void addFrees(long n) {
        frees += n;
    }

    public void add(Loss loss) {
        StreamLossCounter c = losses.computeIfAbsent(loss.trace() + '\0' + loss.stream(),
                k -> new StreamLossCounter(loss.trace(), loss.stream()));
        if (loss.kind() == Loss.Kind.DISCARDED_EVENTS) {
            c.discarded += loss.count();
            discardRanges.add(new Range(loss.beginNs(), loss.endNs(), loss.count()));
        } else {
            c.lostPackets += loss.count();
        }
        c.ranges++;
        if (c.firstNs == DropReport.NO_TIME || loss.beginNs() < c.firstNs) {
            c.firstNs = loss.beginNs();
        }
        if (c.lastNs == DropReport.NO_TIME || loss.endNs() > c.lastNs) {
            c.lastNs = loss.endNs();
        }
    }

    /** The report so far; {@code top} rows per table (0: all). */
    public DropReport build(RunInfo info, int top) {
        DropReport.Totals totals = new DropReport.Totals(events, drops, frees, firstDropNs, lastDropNs,
                traceBeginNs, traceEndNs);
        List<DropReport.StreamLoss> lossRows = new ArrayList<>();
        for (StreamLossCounter c : losses.values()) {
            lossRows.add(new DropReport.StreamLoss(c.trace, c.stream, c.discarded, c.lostPackets, c.ranges,
                    c.firstNs, c.lastNs));
        }
        return new DropReport(info, totals,
                table(locations.map, top, (x, y) -> Long.compareUnsigned(x.address(), y.address())),
                table(reasons.map, top, Comparator.nullsLast((x, y) -> {
                    int c = Long.compare(x.value(), y.value());
                    return c != 0 ? c : x.label().compareTo(y.label());
                })),
                table(protocols.map, top, Comparator.naturalOrder()),
                table(cpus.map, top, Comparator.naturalOrder()),
                table(processes.map, top, Comparator.naturalOrder()),
                intervals(), lossRows, top);
    }

    private <K> DropReport.Table<K> table(Map<K, Counter> counts, int top, Comparator<K> keyOrder) {
        List<Map.Entry<K, Counter>> entries = new ArrayList<>(counts.entrySet());
        // Most drops first, then by key (no key last). Plain lambdas, not Comparator.comparing's
        // serializable ones, which the class-data archive does not hold (see CtfTrace).
        Comparator<K> byKey = Comparator.nullsLast(keyOrder);
        entries.sort((x, y) -> {
            int c = Long.compare(y.getValue().count, x.getValue().count);
            return c != 0 ? c : byKey.compare(x.getKey(), y.getKey());
        });
        int n = top == 0 ? entries.size() : Math.min(top, entries.size());
        List<DropReport.Row<K>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map.Entry<K, Counter> en = entries.get(i);
            Counter c = en.getValue();
            rows.add(new DropReport.Row<>(en.getKey(), c.count, share(c.count), c.firstNs, c.lastNs));
        }
        long others = 0;
        for (int i = n; i < entries.size(); i++) {
            others += entries.get(i).getValue().count;
        }
        return new DropReport.Table<>(rows, entries.size(), others);
    }

    private double share(long count) {
        return drops == 0 ? 0 : 100.0 * count / drops;
    }

    private Optional<DropReport.Intervals> intervals() {
        if (intervalNs == 0) {
            return Optional.empty();
        }
        if (intervalStartNs == DropReport.NO_TIME) {
            intervalStartNs = traceBeginNs;
        }
        if (intervalStartNs == DropReport.NO_TIME) {
            return Optional.of(new DropReport.Intervals(0, intervalNs, List.of()));
        }
        long lastIndex = -1;
        for (long k : buckets.keySet()) {
            lastIndex = Math.max(lastIndex, k);
        }
        if (traceEndNs != DropReport.NO_TIME && traceEndNs >= intervalStartNs) {
            lastIndex = Math.max(lastIndex, Math.floorDiv(traceEndNs - intervalStartNs, intervalNs));
        }
        long firstIndex = 0;
        for (long k : buckets.keySet()) {
            firstIndex = Math.min(firstIndex, k);
        }
        int n = (int) Math.min(Integer.MAX_VALUE - 1, lastIndex - firstIndex + 1);
        // Each discard range adds its count to every interval it overlaps: a difference array
        // keeps that linear in intervals plus ranges.
        long[] lostDiff = new long[n + 1];
        for (Range r : discardRanges) {
            long from = Math.max(firstIndex, Math.floorDiv(r.beginNs() - intervalStartNs, intervalNs));
            long to = Math.min(lastIndex, Math.floorDiv(r.endNs() - intervalStartNs, intervalNs));
            if (from <= to) {
                lostDiff[(int) (from - firstIndex)] += r.count();
                lostDiff[(int) (to - firstIndex) + 1] -= r.count();
            }
        }
        List<DropReport.Bucket> out = new ArrayList<>(n);
        long lost = 0;
        for (int j = 0; j < n; j++) {
            long i = firstIndex + j;
            long[] d = buckets.get(i);
            lost += lostDiff[j];
            out.add(new DropReport.Bucket(intervalStartNs + i * intervalNs, d == null ? 0 : d[0], lost));
        }
        return Optional.of(new DropReport.Intervals(intervalStartNs, intervalNs, out));
    }
}

package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pdrop.drops.TestEvents.T0;
import static org.pdrop.drops.TestEvents.consume;
import static org.pdrop.drops.TestEvents.context;
import static org.pdrop.drops.TestEvents.drop;
import static org.pdrop.drops.TestEvents.reason;
import static org.pdrop.drops.TestEvents.site;

import java.util.List;
import org.junit.jupiter.api.Test;

class AggregatorTest {
    private static final long S = 1_000_000_000L;
    private static final Site TCP = site(0xffffffffab914171L, "tcp_v4_rcv", 424);
    private static final Site UNIX = site(0xffffffffabd16e90L, "unix_stream_connect", 496);
    private static final Site QDISC = site(0xffffffffab8c0afeL, "__dev_queue_xmit", 30);
    private static final RunInfo INFO = new RunInfo(List.of(), List.of("procname", "tid", "pid"), 0, List.of());

    private static Aggregator sample(long intervalNs) {
        Aggregator a = new Aggregator(intervalNs);
        a.intervalStart(T0);
        // 6 drops: 3 at TCP, 2 at UNIX, 1 at QDISC; one free.
        long[] at = {0, 100, 1 * S + 5, 1 * S + 6, 3 * S, 3 * S + 1};
        Site[] where = {TCP, TCP, UNIX, TCP, UNIX, QDISC};
        for (int i = 0; i < at.length; i++) {
            a.eventRead(T0 + at[i]);
            a.add(drop(T0 + at[i], i % 2, where[i], where[i] == UNIX ? 0 : 0x0800,
                    reason(where[i] == QDISC ? 45 : 2, where[i] == QDISC ? "QDISC_DROP" : "NO_SOCKET"),
                    context(where[i] == UNIX ? "bash" : "ping", 300 + i)));
        }
        a.eventRead(T0 + 3 * S + 2);
        a.add(consume(T0 + 3 * S + 2, 0, context("ping", 1)));
        return a;
    }

    @Test
    void countsDropsPerKeyWithSharesAndFirstLastSeen() {
        DropReport r = sample(0).build(INFO, 0);
        assertThat(r.totals()).isEqualTo(new DropReport.Totals(7, 6, 1, T0, T0 + 3 * S + 1, T0, T0 + 3 * S + 2));
        assertThat(r.locations().rows()).containsExactly(
                new DropReport.Row<>(TCP, 3, 50.0, T0, T0 + S + 6),
                new DropReport.Row<>(UNIX, 2, 100.0 * 2 / 6, T0 + S + 5, T0 + 3 * S),
                new DropReport.Row<>(QDISC, 1, 100.0 / 6, T0 + 3 * S + 1, T0 + 3 * S + 1));
        assertThat(r.reasons().rows()).extracting(row -> row.key().value(), DropReport.Row::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 5L), org.assertj.core.groups.Tuple.tuple(45L, 1L));
        assertThat(r.protocols().rows()).extracting(DropReport.Row::key, DropReport.Row::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0x0800, 4L), org.assertj.core.groups.Tuple.tuple(0, 2L));
        assertThat(r.cpus().rows()).extracting(DropReport.Row::key).containsExactly(0, 1);
        assertThat(r.processes().rows()).extracting(DropReport.Row::key, DropReport.Row::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ping", 4L), org.assertj.core.groups.Tuple.tuple("bash", 2L));
        assertThat(r.intervals()).isEmpty();
        assertThat(r.lossy()).isFalse();
    }

    @Test
    void topKeepsTheLargestRowsAndSumsTheRest() {
        DropReport r = sample(0).build(INFO, 1);
        assertThat(r.locations().rows()).extracting(DropReport.Row::key).containsExactly(TCP);
        assertThat(r.locations().distinct()).isEqualTo(3);
        assertThat(r.locations().othersCount()).isEqualTo(3);
    }

    @Test
    void equalCountsAreOrderedByKey() {
        Aggregator a = new Aggregator(0);
        a.add(drop(T0, 0, UNIX, 0, null, ContextFields.EMPTY));
        a.add(drop(T0, 0, TCP, 0, null, ContextFields.EMPTY));
        a.add(drop(T0, 0, QDISC, 0, null, ContextFields.EMPTY));
        assertThat(a.build(INFO, 0).locations().rows()).extracting(DropReport.Row::key)
                .containsExactly(QDISC, TCP, UNIX);
    }

    @Test
    void intervalsIncludeEmptyOnesAndDiscardedEvents() {
        Aggregator a = sample(S);
        a.add(new Loss("t", "s0", Loss.Kind.DISCARDED_EVENTS, 10, T0 + S + 500, T0 + 2 * S + 1));
        a.add(new Loss("t", "s1", Loss.Kind.LOST_PACKETS, 2, T0 + 3 * S, T0 + 3 * S));
        DropReport r = a.build(INFO, 0);
        assertThat(r.intervals()).isPresent();
        assertThat(r.intervals().get().buckets()).containsExactly(
                new DropReport.Bucket(T0, 2, 0),
                new DropReport.Bucket(T0 + S, 2, 10),
                new DropReport.Bucket(T0 + 2 * S, 0, 10),
                new DropReport.Bucket(T0 + 3 * S, 2, 0));
        assertThat(r.losses()).containsExactly(
                new DropReport.StreamLoss("t", "s0", 10, 0, 1, T0 + S + 500, T0 + 2 * S + 1),
                new DropReport.StreamLoss("t", "s1", 0, 2, 1, T0 + 3 * S, T0 + 3 * S));
        assertThat(r.discardedEvents()).isEqualTo(10);
        assertThat(r.lostPackets()).isEqualTo(2);
        assertThat(r.lossy()).isTrue();
    }

    @Test
    void lossesAreSummedPerStream() {
        Aggregator a = new Aggregator(0);
        a.add(new Loss("t", "s0", Loss.Kind.DISCARDED_EVENTS, 10, 100, 200));
        a.add(new Loss("t", "s0", Loss.Kind.DISCARDED_EVENTS, 5, 300, 400));
        assertThat(a.build(INFO, 0).losses()).containsExactly(new DropReport.StreamLoss("t", "s0", 15, 0, 2, 100, 400));
    }

    @Test
    void noDropsGiveEmptyTables() {
        DropReport r = new Aggregator(S).build(INFO, 10);
        assertThat(r.totals().drops()).isZero();
        assertThat(r.locations().rows()).isEmpty();
        assertThat(r.intervals().get().buckets()).isEmpty();
    }
}

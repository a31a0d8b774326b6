package org.pdrop.report;

import static org.pdrop.drops.TestEvents.T0;
import static org.pdrop.drops.TestEvents.consume;
import static org.pdrop.drops.TestEvents.context;
import static org.pdrop.drops.TestEvents.drop;
import static org.pdrop.drops.TestEvents.reason;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.pdrop.drops.Aggregator;
import org.pdrop.drops.DropEvent;
import org.pdrop.drops.DropSink;
import org.pdrop.drops.Loss;
import org.pdrop.drops.Reason;
import org.pdrop.drops.RunInfo;
import org.pdrop.drops.Site;
import org.pdrop.drops.SymbolSource;
import org.pdrop.drops.TraceInfo;

/** Feeds a small hand-made run through a sink, as the analysis would. */
final class SinkFixture {
    static final Site TCP = new Site(0xffffffff814171b8L, "tcp_v4_rcv", 424, null);
    static final Site NFT = new Site(0xffffffffc0a01234L, "nft_do_chain", 52, "nf_tables");
    static final Site RAW = Site.unresolved(0xffffffff00000010L);
    static final RunInfo INFO = new RunInfo(List.of(new TraceInfo("/traces/lab/kernel", "kernel-lab",
            "6.1.0-56-amd64", "lttng-modules 2.13.9", true, true,
            new SymbolSource(SymbolSource.Origin.OPTION, "/traces/kallsyms", 2), "table shipped with pdrop (6.1)",
            List.of())), List.of("procname", "tid", "pid"), 1000, List.of());

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final PrintWriter outW = new PrintWriter(out);
    final PrintWriter errW = new PrintWriter(err);

    static List<DropEvent> events() {
        Reason qdisc = reason(45, "QDISC_DROP");
        Reason approx = new Reason(200, "SOMETHING", Reason.SHIPPED_TABLE_APPROXIMATE, true, true, false);
        return List.of(
                drop(T0 + 612_253_605L, 0, TCP, 0x0800, reason(2, "NO_SOCKET"), context("ping", 301)),
                consume(T0 + 700_000_000L, 1, context("socat, \"x\"", 302)),
                drop(T0 + 999_999_950L, 1, NFT, 0x86DD, qdisc, context("socat", 302)),
                drop(T0 + 2_000_000_001L, 1, RAW, 0x88E1, approx, context("ksoftirqd/1", 20)),
                new DropEvent(T0 + 2_500_000_000L, 0, 0x10, TCP, 0x0800, reason(0, "NOT_DROPPED_YET"),
                        DropEvent.Kind.FREE, "skb_kfree", context("ping", 301), "kernel/channel0_0"));
    }

    static final Loss LOSS = new Loss("/traces/lab/kernel", "kernel/channel0_1", Loss.Kind.DISCARDED_EVENTS, 17,
            T0 + 1_500_000_000L, T0 + 1_800_000_000L);

    /** Runs the events (drops only unless allFrees) and one loss through the sink. */
    String run(DropSink sink, boolean allFrees) throws IOException {
        Aggregator agg = new Aggregator(1_000_000_000L);
        agg.intervalStart(T0);
        sink.begin(INFO);
        boolean lossSent = false;
        for (DropEvent e : events()) {
            if (!lossSent && e.timestampNs() > LOSS.endNs()) {
                lossSent = true;
                agg.add(LOSS);
                sink.loss(LOSS);
            }
            agg.eventRead(e.timestampNs());
            agg.add(e);
            if (e.isDrop() || allFrees) {
                sink.event(e);
            }
        }
        sink.end(agg.build(INFO, 10));
        outW.flush();
        errW.flush();
        return out.toString();
    }
}

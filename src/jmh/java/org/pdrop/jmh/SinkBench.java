package org.pdrop.jmh;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pdrop.drops.ContextFields;
import org.pdrop.drops.DropEvent;
import org.pdrop.drops.DropSink;
import org.pdrop.drops.Reason;
import org.pdrop.drops.RunInfo;
import org.pdrop.drops.Site;
import org.pdrop.drops.SymbolSource;
import org.pdrop.drops.TraceInfo;
import org.pdrop.report.CsvSink;
import org.pdrop.report.JsonSink;

/**
 * One listing record: {@link JsonSink#event} and {@link CsvSink#event} for drops like the
 * benchmark trace's (a few shared sites, reasons and streams; procname, tid and pid contexts),
 * written to a null stream as {@code pdrop} writes standard output: through the CLI's PrintWriter
 * ({@code writer}) or as bytes through a 64 KiB buffer ({@code bytes}). Scores are per event.
 * {@code mvn -P jmh -DskipTests test-compile exec:exec -Djmh.args="SinkBench"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SinkBench {
    /** The sink and how it writes: through the CLI's PrintWriter, or bytes (JSON only). */
    @Param({"json-writer", "json-bytes", "csv-writer"})
    String sinkOut;

    private DropSink sink;
    private DropEvent[] events;
    private int next;

    @Setup
    public void setup() throws IOException {
        OutputStream nowhere = OutputStream.nullOutputStream();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(nowhere, StandardCharsets.UTF_8));
        boolean json = sinkOut.startsWith("json");
        if (sinkOut.endsWith("bytes")) {
            sink = new JsonSink(new BufferedOutputStream(nowhere, 1 << 16), ZoneOffset.UTC, false);
        } else {
            PrintWriter w = new PrintWriter(new BufferedWriter(
                    new OutputStreamWriter(nowhere, StandardCharsets.UTF_8), 1 << 16));
            sink = json ? new JsonSink(w, ZoneOffset.UTC, false) : new CsvSink(w, err, ZoneOffset.UTC, false);
        }
        sink.begin(new RunInfo(List.of(new TraceInfo("/bench/kernel", "kernel-lab", "6.1.0-56-amd64",
                "lttng-modules 2.13.9", true, true, new SymbolSource(SymbolSource.Origin.OPTION, "/k", 2),
                "table", List.of())), List.of("procname", "tid", "pid"), 1000, List.of()));
        Site[] sites = {
            new Site(0xffffffffabbc0c3aL, "skb_release_data", 298, null),
            new Site(0xffffffffabcb62c7L, "raw_rcv", 327, null),
            new Site(0xffffffffc0a01234L, "nft_do_chain", 52, "nf_tables"),
            Site.unresolved(0xffffffff00000010L)};
        Reason[] reasons = {
            new Reason(1, "NOT_SPECIFIED", Reason.SHIPPED_TABLE, false, false, false),
            new Reason(5, "SOCKET_FILTER", Reason.SHIPPED_TABLE, false, false, false),
            new Reason(2, "NO_SOCKET", Reason.SHIPPED_TABLE, false, false, false)};
        String[] streams = new String[4];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = "/work/main/bench/out/8GB/kernel/channel0_" + i;
        }
        String[] procs = {"socat", "ping", "ksoftirqd/1"};
        events = new DropEvent[1024];
        long ns = 1_795_696_799_439_547_208L;
        for (int i = 0; i < events.length; i++) {
            ns += 1_000 + (i * 7919L) % 900_000;
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("procname", new String(procs[i % procs.length])); // a String per event, as read
            ctx.put("tid", 200L + i % 50);
            ctx.put("pid", 200L + i % 50);
            events[i] = new DropEvent(ns, i % 4, 0xff3c912789c09300L + 256L * i, sites[i % sites.length],
                    i % 5 == 0 ? 0x86DD : 0x0800, reasons[i % reasons.length], DropEvent.Kind.DROP, "skb_kfree",
                    ContextFields.of(ctx), streams[i % streams.length]);
        }
    }

    @Benchmark
    public void event() throws IOException {
        sink.event(events[next++ & (events.length - 1)]);
    }
}

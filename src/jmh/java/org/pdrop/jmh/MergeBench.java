package org.pdrop.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.StreamCursor;
import org.pdrop.gen.TraceGenerator;

/**
 * Timestamp merge: {@link EventMerger} over N generated LTTng streams (1 MiB each, about 20,000
 * events, from {@code bench/template}), every event's header decoded and its body skipped, against
 * the same streams read one after the other without merging. The difference is the merge's cost.
 * Scores are per trace read; divide by the events printed at setup for a per-event figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MergeBench {
    @Param({"2", "4", "16", "64"})
    int streams;

    private Path dir;
    private CtfTrace trace;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("pdrop-merge-bench");
        trace = Lttng.generate(TraceGenerator.Config.of(Lttng.TEMPLATE, dir, (long) streams << 20, streams)
                .withPackets(256 << 10, 0).withThreads(2), dir);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        trace.close();
        Lttng.deleteTree(dir);
    }

    @Benchmark
    public long merged(Blackhole bh) {
        EventMerger m = trace.merger(false);
        long n = 0;
        while (m.next()) {
            bh.consume(m.current().timestampNs());
            n++;
        }
        return n;
    }

    @Benchmark
    public long sequential(Blackhole bh) {
        long n = 0;
        for (DataStream ds : trace.streams()) {
            StreamCursor c = new StreamCursor(ds, false);
            while (c.advance()) {
                bh.consume(c.timestampNs());
                n++;
            }
        }
        return n;
    }
}

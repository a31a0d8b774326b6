package org.pdrop.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * What the drop analysis does per stream: find the {@code skb_*} events among all the others, in
 * one generated 8 MiB LTTng stream (about 160,000 events, the mix of {@code bench/template}).
 * {@code eventByEvent}: {@link StreamCursor#advance()} on every event (header decoded, body
 * skipped by the decoder tree); {@code skipping}: {@link StreamCursor#advanceSkipping} (the
 * {@code EventSkipper} loop). Scores are per stream read; the events are printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SkipLoopBench {
    private Path dir;
    private CtfTrace trace;
    private DataStream stream;
    private boolean[] wanted;
    @Param({"true", "false"})
    public boolean stops;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("pdrop-skip-bench");
        trace = Lttng.oneStream(dir);
        stream = trace.streams().get(0);
        List<EventClass> classes = stream.trace().decoder().traceClass().stream(stream.streamClassId()).events();
        int max = classes.stream().mapToInt(e -> (int) e.id()).max().orElse(0);
        wanted = new boolean[max + 1];
        for (EventClass e : classes) {
            wanted[(int) e.id()] = stops && e.name().startsWith("skb_");
        }
    }

    /**
     * Each read makes a cursor, whose packet buffer is direct memory that only a collection frees;
     * without one per iteration, the reads slowed down by half after about eight iterations.
     */
    @TearDown(Level.Iteration)
    public void collect() {
        System.gc();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        trace.close();
        Lttng.deleteTree(dir);
    }

    @Benchmark
    public long eventByEvent() {
        StreamCursor c = new StreamCursor(stream, false);
        long skb = 0;
        while (c.advance()) {
            if (c.kind() == StreamCursor.Kind.EVENT && wanted[(int) c.eventClass().id()]) {
                skb += c.timestampNs();
            }
        }
        return skb;
    }

    @Benchmark
    public long skipping() {
        StreamCursor c = new StreamCursor(stream, false);
        long skb = 0;
        while (c.advanceSkipping(wanted, Long.MIN_VALUE, Long.MAX_VALUE, 1 << 16)) {
            if (c.kind() == StreamCursor.Kind.EVENT && wanted[(int) c.eventClass().id()]) {
                skb += c.timestampNs();
            }
        }
        return skb;
    }
}

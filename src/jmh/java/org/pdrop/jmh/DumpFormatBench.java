package org.pdrop.jmh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.StreamCursor;
import org.pdrop.dump.PrettyPrinter;

/**
 * What {@code pdrop dump} does per event on one thread: decode and format every event of one
 * generated 8 MiB LTTng stream (the mix of {@code bench/template}) as Babeltrace 2's text, into
 * a discarding output. Scores are per stream read; the event count is printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DumpFormatBench {
    private Path dir;
    private CtfTrace trace;
    private DataStream stream;
    private PrettyPrinter printer;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("pdrop-dump-bench");
        trace = Lttng.oneStream(dir);
        stream = trace.streams().get(0);
        printer = new PrettyPrinter(trace.traces(), List.of("t"), OutputStream.nullOutputStream(),
                new PrintWriter(OutputStream.nullOutputStream()), ZoneOffset.UTC);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        trace.close();
        Lttng.deleteTree(dir);
    }

    @Benchmark
    public long format() {
        StreamCursor c = new StreamCursor(stream, true);
        long events = 0;
        while (c.advance()) {
            if (c.kind() == StreamCursor.Kind.EVENT) {
                printer.event(c);
                events++;
            }
        }
        return events;
    }
}

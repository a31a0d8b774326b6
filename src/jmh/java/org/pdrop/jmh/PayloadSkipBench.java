package org.pdrop.jmh;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pdrop.ctf.decode.BitReader;
import org.pdrop.ctf.decode.DecodeState;
import org.pdrop.ctf.decode.DecoderCompiler;
import org.pdrop.ctf.decode.EventDecoder;
import org.pdrop.ctf.decode.FieldDecoder;
import org.pdrop.ctf.decode.StreamDecoder;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.TraceClass;

/**
 * Skipping an event's body as the cursor does for events nobody reads: the stream event context
 * ({@code procname[16]}, {@code tid}, {@code pid}) then the payload, with the real LTTng metadata
 * and real bodies of {@code bench/template}. {@code skb_kfree} has a fixed size (one skip of known
 * length); {@code rcu_utilization} (the commonest kernel event there) and
 * {@code syscall_entry_newfstatat} hold strings (a scan for the NUL). Scores per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PayloadSkipBench {
    static final int N = 2048;

    @Param({"skb_kfree", "rcu_utilization", "syscall_entry_newfstatat"})
    String event;

    private final BitReader reader = new BitReader();
    private DecodeState state;
    private FieldDecoder context;
    private FieldDecoder payload;
    private long bits;

    @Setup
    public void setup() {
        TraceClass tc = Lttng.metadata();
        TraceDecoder td = DecoderCompiler.compile(tc);
        StreamDecoder sd = td.stream(0);
        EventClass ec = sd.streamClass().events().stream().filter(e -> e.name().equals(event)).findFirst()
                .orElseThrow();
        EventDecoder ed = sd.event(ec.id());
        context = sd.eventContext();
        payload = ed.payload();
        state = td.newState();
        List<byte[]> bodies = Lttng.bodies(event);
        ByteBuffer all = ByteBuffer.allocate(N * 256);
        for (int i = 0; i < N; i++) {
            all.put(bodies.get(i % bodies.size()));
        }
        bits = all.position() * 8L;
        reader.reset(all.flip(), bits);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long skip() {
        reader.positionBits(0);
        for (int i = 0; i < N; i++) {
            context.skip(reader, state);
            payload.skip(reader, state);
        }
        if (reader.positionBits() != bits) {
            throw new IllegalStateException("bodies misread: at " + reader.positionBits() + " of " + bits);
        }
        return reader.positionBits();
    }
}

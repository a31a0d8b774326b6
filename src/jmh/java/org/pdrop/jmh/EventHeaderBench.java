package org.pdrop.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
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
import org.pdrop.ctf.decode.BitWriter;
import org.pdrop.ctf.decode.DecodeState;
import org.pdrop.ctf.decode.DecoderCompiler;
import org.pdrop.ctf.decode.FieldDecoder;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.metadata.MetadataReader;
import org.pdrop.ctf.Diagnostics;

/**
 * The compiled decoder of LTTng's event headers ({@code event_header_compact}: 5-bit id and 27-bit
 * timestamp, {@code event_header_large}: 16-bit id and 32-bit timestamp; each with its extended
 * form), as the stream cursor runs it: reset the per-event state, skip the header (which records
 * the id and moves the clock). {@value #N} headers back to back per invocation; scores per header.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventHeaderBench {
    static final int N = 4096;

    @Param({"event_header_compact", "event_header_large"})
    String header;

    /** Share of headers in the extended form, in percent. */
    @Param({"0", "10"})
    int extendedPercent;

    private final BitReader reader = new BitReader();
    private DecodeState state;
    private FieldDecoder decoder;
    private ByteBuffer headers;
    private long bits;

    @Setup
    public void setup() {
        TraceClass tc = MetadataReader.parse(metadata(header), "bench", Diagnostics.IGNORE);
        TraceDecoder td = DecoderCompiler.compile(tc);
        decoder = td.stream(0).eventHeader();
        state = td.newState();
        boolean compact = header.equals("event_header_compact");
        long extendedId = compact ? 31 : 65535;
        int idBits = compact ? 5 : 16;
        int tsBits = compact ? 27 : 32;
        SplittableRandom rng = new SplittableRandom(2);
        BitWriter w = new BitWriter();
        long ts = 1_000_000;
        for (int i = 0; i < N; i++) {
            w.align(8);
            ts += 100 + rng.nextInt(10_000);
            if (rng.nextInt(100) < extendedPercent) {
                w.le(extendedId, idBits).align(8).le(rng.nextInt(40), 32).le(ts, 64);
            } else {
                w.le(rng.nextInt(30), idBits).le(ts & ((1L << tsBits) - 1), tsBits);
            }
        }
        bits = w.positionBits();
        headers = w.toBuffer().order(ByteOrder.LITTLE_ENDIAN);
        reader.reset(headers, bits);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long decode() {
        reader.positionBits(0);
        state.clockCycles = 0;
        long sum = 0;
        for (int i = 0; i < N; i++) {
            state.beginEvent();
            decoder.skip(reader, state);
            sum += state.eventId + state.clockCycles;
        }
        return sum;
    }

    static String metadata(String header) {
        return """
                /* CTF 1.8 */
                typealias integer { size = 8; align = 8; signed = false; } := uint8_t;
                typealias integer { size = 16; align = 8; signed = false; } := uint16_t;
                typealias integer { size = 32; align = 8; signed = false; } := uint32_t;
                typealias integer { size = 64; align = 8; signed = false; } := uint64_t;
                typealias integer { size = 5; align = 1; signed = false; } := uint5_t;
                trace { major = 1; minor = 8; byte_order = le;
                    packet.header := struct { uint32_t magic; uint32_t stream_id; }; };
                clock { name = "monotonic"; freq = 1000000000; };
                typealias integer { size = 27; align = 1; signed = false; map = clock.monotonic.value; }
                    := uint27_clock_monotonic_t;
                typealias integer { size = 32; align = 8; signed = false; map = clock.monotonic.value; }
                    := uint32_clock_monotonic_t;
                typealias integer { size = 64; align = 8; signed = false; map = clock.monotonic.value; }
                    := uint64_clock_monotonic_t;
                struct event_header_compact {
                    enum : uint5_t { compact = 0 ... 30, extended = 31 } id;
                    variant <id> {
                        struct { uint27_clock_monotonic_t timestamp; } compact;
                        struct { uint32_t id; uint64_clock_monotonic_t timestamp; } extended;
                    } v;
                } align(8);
                struct event_header_large {
                    enum : uint16_t { compact = 0 ... 65534, extended = 65535 } id;
                    variant <id> {
                        struct { uint32_clock_monotonic_t timestamp; } compact;
                        struct { uint32_t id; uint64_clock_monotonic_t timestamp; } extended;
                    } v;
                } align(8);
                stream { id = 0; event.header := struct %s;
                    packet.context := struct { uint64_t content_size; uint64_t packet_size; }; };
                event { name = "e"; id = 0; stream_id = 0; fields := struct { uint8_t _x; }; };
                """.formatted(header);
    }
}

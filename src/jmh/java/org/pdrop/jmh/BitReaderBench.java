package org.pdrop.jmh;

import java.nio.ByteBuffer;
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

/**
 * {@link BitReader#readUnsigned}: byte-aligned reads of 8, 16, 32 and 64 bits (the fast path), and
 * bit fields: 5 + 27 bits as in LTTng's compact event header, and 13-bit fields at every offset.
 * Each invocation reads {@value #N} values in sequence from a 64 KiB packet; scores are per value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BitReaderBench {
    static final int N = 4096;

    @Param({"false", "true"})
    boolean bigEndian;

    private final BitReader reader = new BitReader();
    private ByteBuffer packet;

    @Setup
    public void setup() {
        byte[] bytes = new byte[64 * 1024];
        new SplittableRandom(1).nextBytes(bytes);
        packet = ByteBuffer.wrap(bytes);
        reader.reset(packet, bytes.length * 8L);
    }

    private long aligned(int bits) {
        reader.positionBits(0);
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += reader.readUnsigned(bits, bigEndian);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long aligned8() {
        return aligned(8);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long aligned16() {
        return aligned(16);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long aligned32() {
        return aligned(32);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long aligned64() {
        return aligned(64);
    }

    /** A 5-bit then a 27-bit field, as LTTng's compact header: two reads per value pair. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long bitfield5and27() {
        reader.positionBits(0);
        long sum = 0;
        for (int i = 0; i < N / 2; i++) {
            sum += reader.readUnsigned(5, bigEndian);
            sum += reader.readUnsigned(27, bigEndian);
        }
        return sum;
    }

    /** 13-bit fields back to back: every bit offset within a byte. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long bitfield13() {
        reader.positionBits(0);
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += reader.readUnsigned(13, bigEndian);
        }
        return sum;
    }
}

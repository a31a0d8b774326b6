package org.pdrop.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.conformance.DamagedCopy;
import org.pdrop.ctf.stream.PacketIndexProvider;

/**
 * The parallel dump prints byte for byte what the sequential one does, warnings and errors
 * included, on multi-stream traces and on copies of one with random bytes overwritten (which fail
 * at an event header, in an event's fields, or not at all).
 */
class ParallelDumpTest {
    @TempDir
    Path tmp;

    record Result(String out, String err, int rc) {}

    static Result run(Path trace, boolean parallel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintWriter ps = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true)) {
            rc = new DumpService(ZoneOffset.UTC, PacketIndexProvider.NONE, parallel).dump(List.of(trace), out, ps);
        }
        return new Result(out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8), rc);
    }

    private static Path shared() {
        Path shared = Bt2ConformanceTest.SHARED;
        Assumptions.assumeTrue(Files.isDirectory(shared), "no ../shared");
        return shared;
    }

    @TestFactory
    Stream<DynamicTest> sameAsSequential() {
        Path shared = shared();
        return Stream.of("traces/ust/pid-discard", "traces/lab-6.1/discarded", "corpora/tracecompass/ctf/hello-lost",
                "corpora/babeltrace/ctf-traces/1/packet-seq-num/2-streams-lost-in-2",
                "corpora/tracecompass/ctf/double_counters", "corpora/babeltrace/ctf-traces/1/intersection")
                .map(t -> DynamicTest.dynamicTest(t, () ->
                        assertThat(run(shared.resolve(t), true)).isEqualTo(run(shared.resolve(t), false))));
    }

    @TestFactory
    Stream<DynamicTest> sameAsSequentialOnCorruptCopies() {
        Path shared = shared();
        // A kernel trace (fails at event headers) and a userspace one with strings and sequences
        // (fails inside events too).
        List<Path> sources = List.of(shared.resolve("traces/lab-6.1/netem-loss/kernel"),
                shared.resolve("traces/ust/small/ust/uid/0/64-bit"));
        return IntStream.rangeClosed(1, 24).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Path source = sources.get(seed % 2);
            Path dir = tmp.resolve("t" + seed);
            DamagedCopy.make(source, dir, seed, seed % 2 == 0 ? 40 : 200);
            Result seq = run(dir, false);
            assertThat(run(dir, true)).isEqualTo(seq);
        }));
    }

    static final String METADATA = """
            /* CTF 1.8 */
            typealias integer { size = 32; align = 8; signed = false; } := uint32_t;
            typealias integer { size = 64; align = 8; signed = false; } := uint64_t;
            trace { major = 1; minor = 8; byte_order = le;
                packet.header := struct { uint32_t magic; uint32_t stream_id; uint32_t stream_instance_id; }; };
            clock { name = c; freq = 1000000000; };
            typealias integer { size = 64; align = 8; signed = false; map = clock.c.value; } := ts_t;
            stream { id = 0;
                packet.context := struct { ts_t timestamp_begin; ts_t timestamp_end; uint64_t content_size;
                    uint64_t packet_size; };
                event.header := struct { ts_t timestamp; }; };
            event { name = e; stream_id = 0; fields := struct { string s; }; };
            """;

    /** One packet of events (time, string); a null string runs to the end without its NUL. */
    static byte[] packet(int instance, long[] times, String[] strings) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xC1FC1FC1).putInt(0).putInt(instance);
        b.putLong(times[0]).putLong(times[times.length - 1]).putLong(0).putLong(0);
        for (int i = 0; i < times.length; i++) {
            b.putLong(times[i]);
            if (strings[i] == null) {
                b.put("no end".getBytes(StandardCharsets.US_ASCII));
            } else {
                b.put(strings[i].getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
            }
        }
        int content = b.position();
        b.putLong(28, content * 8L).putLong(36, content * 8L);
        return java.util.Arrays.copyOf(b.array(), content);
    }

    /**
     * An event whose fields fail to decode fails in its turn: events of other streams that come
     * before it in time are printed first, in both loops.
     */
    @org.junit.jupiter.api.Test
    void eventThatFailsInsideFailsInItsTurn() throws java.io.IOException {
        Files.writeString(tmp.resolve("metadata"), METADATA);
        Files.write(tmp.resolve("s0"), packet(0, new long[] {10, 20, 30, 40, 50}, new String[] {"a", "b", "c", "d", "e"}));
        Files.write(tmp.resolve("s1"), packet(1, new long[] {15, 35}, new String[] {"x", null}));
        Result seq = run(tmp, false);
        assertThat(seq.rc()).as(seq.err()).isEqualTo(DumpService.BAD_TRACE);
        assertThat(seq.err()).contains("event runs past the packet content");
        assertThat(seq.out()).isEqualTo(""
                + "[00:00:00.000000010] (+?.?????????) e: { s = \"a\" }\n"
                + "[00:00:00.000000015] (+0.000000005) e: { s = \"x\" }\n"
                + "[00:00:00.000000020] (+0.000000005) e: { s = \"b\" }\n"
                + "[00:00:00.000000030] (+0.000000010) e: { s = \"c\" }\n");
        assertThat(run(tmp, true)).isEqualTo(seq);
    }
}

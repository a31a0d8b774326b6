package org.pdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.conformance.SharedData;

/**
 * Bad input is normal input: broken traces end with exit code 3 and one line that names the file
 * and where in it (byte offset or metadata line), never a stack trace, in bounded time.
 */
class BadInputTest {
    private static final Path SAMPLE = Path.of("samples/lab-20261126");

    @TempDir
    Path tmp;

    private static CliRun analyze(Path trace) {
        return new CliRun().with(Services.defaults(), "--kallsyms", SAMPLE.resolve("kallsyms").toString(),
                trace.toString());
    }

    private static void assertOneLineError(CliRun run, String... keys) {
        assertThat(run.status).as(run.err).isEqualTo(ExitCode.BAD_INPUT.code());
        String last = run.errLines().get(run.errLines().size() - 1);
        assertThat(last).startsWith("pdrop: Cannot ");
        for (String k : keys) {
            assertThat(last).contains(k);
        }
        assertThat(run.err).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private Path copySample() throws IOException {
        Path dst = tmp.resolve("trace");
        Files.createDirectories(dst.resolve("kernel"));
        try (Stream<Path> files = Files.list(SAMPLE.resolve("kernel"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dst.resolve("kernel").resolve(f.getFileName()));
            }
        }
        return dst;
    }

    @Test
    void unusableKallsymsIsBadInputNotAnInternalError() throws IOException {
        // Read without root: every address is zero. Given with --kallsyms, and found beside the trace.
        Path zeros = Files.writeString(tmp.resolve("zeros"), "0000000000000000 T _text\n0000000000000000 T tcp_v4_rcv\n");
        CliRun given = new CliRun().with(Services.defaults(), "--kallsyms", zeros.toString(), SAMPLE.toString());
        assertOneLineError(given, "kallsyms", "all addresses are zero");
        Path t = copySample();
        Files.copy(zeros, t.resolve("kallsyms"));
        assertOneLineError(new CliRun().with(Services.defaults(), t.toString()), "kallsyms", "all addresses are zero");
    }

    @Test
    void truncatedStreamNamesTheFileAndPacketOffset() throws IOException {
        Path t = copySample();
        Path stream = t.resolve("kernel/channel0_0");
        byte[] b = Files.readAllBytes(stream);
        Files.write(stream, java.util.Arrays.copyOf(b, b.length / 2 + 100));
        assertOneLineError(analyze(t), "channel0_0", "packet-offset=");
    }

    @Test
    void badMagicNamesTheFileAndPacketOffset() throws IOException {
        Path t = copySample();
        Path stream = t.resolve("kernel/channel0_1");
        byte[] b = Files.readAllBytes(stream);
        b[0] ^= 0x55;
        Files.write(stream, b);
        assertOneLineError(analyze(t), "channel0_1", "packet-offset=0", "magic");
    }

    @Test
    void garbageMetadataNamesTheLine() throws IOException {
        Path t = copySample();
        Files.writeString(t.resolve("kernel/metadata"), "/* CTF 1.8 */\ntrace { major = 1; minor = 8; ]\n");
        assertOneLineError(analyze(t), "metadata", "line=2");
    }

    /**
     * Property: a trace with random bytes overwritten either reads (the bytes landed in values) or
     * fails with exit 3 and one line; never an internal error.
     */
    @Test
    void randomlyCorruptedTracesNeverCrash() throws IOException {
        Path t = copySample();
        Path stream = t.resolve("kernel/channel0_0");
        byte[] original = Files.readAllBytes(stream);
        Random rnd = new Random(7);
        for (int i = 0; i < 40; i++) {
            byte[] b = original.clone();
            int n = 1 + rnd.nextInt(8);
            for (int k = 0; k < n; k++) {
                b[rnd.nextInt(Math.min(b.length, 64 * 1024))] = (byte) rnd.nextInt(256);
            }
            Files.write(stream, b);
            CliRun run = analyze(t);
            assertThat(run.status).as("run %d: %s", i, run.err).isIn(0, ExitCode.BAD_INPUT.code());
            if (run.status != 0) {
                assertOneLineError(run, "file=");
            }
        }
    }

    /** Babeltrace's own failing traces ({@code ctf-traces/1/fail}): each is refused in one line. */
    @TestFactory
    Stream<DynamicTest> babeltraceFailTraces() throws IOException {
        Path dir = SharedData.require().resolve("corpora/babeltrace/ctf-traces/1/fail");
        return Files.list(dir).sorted().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            CliRun run = analyze(p);
            String last = run.errLines().get(run.errLines().size() - 1);
            assertOneLineError(run, "file=");
            assertThat(last).containsAnyOf("line=", "offset=");
        }));
    }
}

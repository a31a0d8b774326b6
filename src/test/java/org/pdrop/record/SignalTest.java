package org.pdrop.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real signals to a real {@code pdrop record} process ({@link RecordChild}, a JVM of its own) on
 * stand-in lttng and tc: SIGINT and SIGTERM while recording, SIGINT while COMMAND runs, and a
 * second SIGINT during cleanup. Each must end with everything undone, once, and exit status 130.
 */
class SignalTest {
    static final String S = StandIns.session().substring(0, "pdrop-".length());
    static final String RESTORE = "tc qdisc replace dev eth0 root handle 5: tbf rate 1234560bit burst 3333 limit 4413";

    @TempDir
    Path tmp;

    @Test
    void sigintWhileRecordingUndoesEverythingAndExits130() throws Exception {
        assumeSigintNotIgnored();
        Child c = start(new StandIns(tmp), "--duration", "5m", "--netem-loss", "10%", "--dev", "eth0", "--force");
        c.awaitRecording();
        c.kill("INT");
        c.assertCleanedUpWith130();
        assertThat(c.err()).contains("pdrop: interrupted: recording stopped and everything undone");
        assertThat(c.out()).isEqualTo("pdrop " + c.output + "\n");
    }

    @Test
    void sigtermWhileRecordingUndoesEverythingAndExits130() throws Exception {
        Child c = start(new StandIns(tmp), "--duration", "5m", "--netem-loss", "10%", "--dev", "eth0", "--force");
        c.awaitRecording();
        c.kill("TERM");
        c.assertCleanedUpWith130();
    }

    @Test
    void sigintWhileCommandRunsStopsItAndUndoesEverything() throws Exception {
        assumeSigintNotIgnored();
        Child c = start(new StandIns(tmp), "--netem-loss", "10%", "--dev", "eth0", "--force", "--",
                "/bin/sleep", "60");
        c.awaitRecording();
        // "recording to" comes just before COMMAND starts.
        waitFor(() -> c.process.descendants().anyMatch(p -> p.info().command().orElse("").endsWith("sleep")),
                "COMMAND to run");
        c.kill("INT");
        c.assertCleanedUpWith130();
        assertThat(c.process.descendants().count()).isZero();
    }

    @Test
    void aSecondSigintDuringCleanupDoesNotCutItShort() throws Exception {
        assumeSigintNotIgnored();
        StandIns s = new StandIns(tmp);
        Child first = start(s, "--duration", "10ms", "--netem-loss", "10%", "--dev", "eth0", "--force");
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int restoreCall = s.calls().indexOf(RESTORE) + 1;
        assertThat(restoreCall).isPositive();

        StandIns slow = new StandIns(tmp.resolve("slow"));
        slow.env.put("STANDIN_SLOW_AT", Integer.toString(restoreCall));
        Child c = start(slow, "--duration", "5m", "--netem-loss", "10%", "--dev", "eth0", "--force");
        c.awaitRecording();
        c.kill("INT");
        waitFor(() -> slow.calls().contains(RESTORE), "the slow restore to start");
        c.kill("INT");
        c.assertCleanedUpWith130();
        assertThat(slow.calls().stream().filter(l -> l.startsWith("lttng destroy"))).hasSize(1);
    }

    // ---- helpers ----

    private static void assumeSigintNotIgnored() throws IOException {
        // A shell without job control starts background jobs with SIGINT ignored, and the JVM then
        // never sees it; children inherit that. SigIgn is a hex mask, SIGINT is bit 1.
        String mask = Files.readString(Path.of("/proc/self/status")).lines().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> l.substring(7).strip()).findFirst().orElse("0");
        Assumptions.assumeTrue((Long.parseLong(mask, 16) & 2) == 0,
                "SIGINT is ignored in this process tree (started in the background by a shell without job control)");
    }

    private Child start(StandIns s, String... recordArgs) throws IOException {
        s.device("eth0", StandIns.TBF);
        Path output = s.root.resolve("out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", RecordChild.class.getName(), s.root.toString(),
                "record", "-o", output.toString()));
        cmd.addAll(List.of(recordArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(s.root.resolve("stdout").toFile())
                .redirectError(s.root.resolve("stderr").toFile());
        pb.environment().clear();
        pb.environment().putAll(s.env);
        return new Child(s, pb.start(), output);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private record Child(StandIns s, Process process, Path output) {
        String err() throws IOException {
            return Files.readString(s.root.resolve("stderr"));
        }

        String out() throws IOException {
            return Files.readString(s.root.resolve("stdout"));
        }

        void awaitRecording() throws InterruptedException {
            waitFor(() -> {
                try {
                    assertThat(process.isAlive()).as("pdrop exited early: " + err()).isTrue();
                    return err().contains("pdrop: recording to");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }, "pdrop to record");
        }

        void kill(String signal) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
        }

        void assertCleanedUpWith130() throws Exception {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pdrop to exit").isTrue();
            String what = err();
            assertThat(process.exitValue()).as(what).isEqualTo(130);
            List<String> calls = s.calls();
            assertThat(calls).as(what).contains(RESTORE);
            assertThat(calls.subList(calls.indexOf(RESTORE), calls.size())).as(what).containsExactly(RESTORE,
                    "tc -j -d -r qdisc show dev eth0", "lttng stop " + calls.get(calls.size() - 2).substring(14),
                    calls.get(calls.size() - 2), "uname -a");
            assertThat(calls.get(calls.size() - 2)).startsWith("lttng destroy " + S);
            assertThat(s.qdiscs("eth0")).isEqualTo(StandIns.TBF);
            assertThat(s.sessionExists()).isFalse();
            assertThat(what).doesNotContain("left behind", "internal error");
            assertThat(output.resolve("pdrop-record.json")).content().contains("\"stopped_by\" : \"interrupt\"",
                    "\"exit_status\" : 130");
        }
    }
}

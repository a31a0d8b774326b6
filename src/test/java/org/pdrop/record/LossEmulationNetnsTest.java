package org.pdrop.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recorder's qdisc handling against the real {@code tc} and kernel, inside a network namespace
 * this test creates with a veth pair; lttng is still a stand-in. {@code tc} on the recorder's PATH
 * is a wrapper that logs the call and runs {@code ip netns exec NS tc ...}, so the host's own
 * devices are never touched.
 *
 * <p>Kernels without netem (the build machines: "Specified qdisc kind is unknown") cannot install
 * it, so the replace-and-restore path is driven with another qdisc in netem's place
 * ({@link Recorder#withLossQdisc}); netem itself is checked for the clean error, or for real where
 * the kernel has it. Skipped, with the reason, when not root or without namespaces.
 */
class LossEmulationNetnsTest {
    static final String DEV = "pdv0";
    static final List<String> STAND_IN_LOSS = List.of("bfifo", "limit", "4321");

    @TempDir
    Path tmp;

    String ns;
    String ip;
    String tc;
    StandIns s;

    @BeforeEach
    void namespace() throws Exception {
        Assumptions.assumeTrue(Files.readString(Path.of("/proc/self/status")).lines()
                .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*")), "needs root (network namespaces, qdiscs)");
        ip = which("ip").orElse(null);
        tc = which("tc").orElse(null);
        Assumptions.assumeTrue(ip != null && tc != null, "needs ip and tc (iproute2)");
        ns = "pdrop-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Result add = exec(ip, "netns", "add", ns);
        Assumptions.assumeTrue(add.status == 0, "network namespaces unavailable: " + add.err.strip());
        Result veth = exec(ip, "-n", ns, "link", "add", DEV, "type", "veth", "peer", "name", "pdv1");
        Assumptions.assumeTrue(veth.status == 0, "veth unavailable: " + veth.err.strip());
        nsTc("link", "set", DEV, "up");
        s = new StandIns(tmp.resolve("host"));
        wrap("tc", "exec " + ip + " netns exec " + ns + " " + tc + " \"$@\"");
        String unshare = which("unshare").orElse(null);
        if (unshare != null) {
            // The probe: the real unshare, with the real tc (unshare would look it up on the stand-ins' PATH).
            wrap("unshare", "[ \"$1\" = --net ] && [ \"$2\" = tc ] && shift 2\nexec " + unshare + " --net " + tc + " \"$@\"");
        } else {
            Files.delete(s.bin.resolve("unshare"));
        }
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        if (ns != null) {
            Result del = exec(ip, "netns", "del", ns);
            assertThat(del.status).as("ip netns del " + ns + ": " + del.err).isZero();
            assertThat(exec(ip, "netns", "list").out).doesNotContain(ns);
        }
    }

    @Test
    void aNonDefaultRootQdiscIsRefusedWithoutForceAndLeftUntouched() throws Exception {
        qdisc("add", "root", "handle", "5:", "tbf", "rate", "1234567bit", "burst", "3333", "latency", "7ms");
        String before = show();

        assertThatThrownBy(() -> s.recorder().withLossQdisc(r -> STAND_IN_LOSS).record(request(false, null)))
                .isInstanceOf(RecordException.class)
                .hasMessageStartingWith("Cannot emulate loss on dev=\"pdv0\": it already has a root qdisc: tbf 5: ")
                .hasMessageContaining("pass --force");
        assertThat(show()).isEqualTo(before);
        assertThat(String.join("\n", s.calls())).doesNotContain("lttng create");
    }

    /** Root qdiscs as the tests add them; each is replaced for a recording and must come back exactly. */
    @ParameterizedTest
    @ValueSource(strings = {
        "tbf rate 1234567bit burst 3333 latency 7ms",
        "tbf rate 1mbit burst 32kb limit 10000",
        "tbf rate 800kbit burst 5000 latency 70ms mpu 64",
        "tbf rate 1mbit burst 32kb latency 400ms overhead 10 linklayer atm",
        "tbf rate 10gbit burst 1600 limit 100000",
        "tbf rate 999999999bit burst 77777 limit 100000",
        "htb default 12 r2q 5",
        "htb",
        "pfifo limit 7",
        "bfifo limit 30000",
        "pfifo_head_drop limit 9",
        "pfifo_fast"})
    void forceReplacesTheRootQdiscAndRestoresItExactly(String spec) throws Exception {
        List<String> args = new ArrayList<>(List.of("add", "root", "handle", "5:"));
        args.addAll(List.of(spec.split(" ")));
        qdisc(args.toArray(String[]::new));
        String before = show();
        Path during = tmp.resolve("during.json");

        int status = s.recorder().withLossQdisc(r -> STAND_IN_LOSS).record(request(true, List.of("/bin/sh", "-c",
                ip + " netns exec " + ns + " " + tc + " -j qdisc show dev " + DEV + " > " + during)));

        assertThat(status).as(s.err.toString()).isZero();
        assertThat(Files.readString(during)).contains("{\"kind\":\"bfifo\",\"handle\":\"d7:\",\"root\":true");
        assertThat(show()).isEqualTo(before);
        assertThat(s.err.toString()).doesNotContain("left behind", "warning");
    }

    @Test
    void theDefaultRootIsBackAfterwards() throws Exception {
        String before = show();
        assertThat(before).contains("{\"kind\":\"noqueue\",\"handle\":\"0:\",\"root\":true");
        Path during = tmp.resolve("during.json");

        int status = s.recorder().withLossQdisc(r -> STAND_IN_LOSS).record(request(false, List.of("/bin/sh", "-c",
                ip + " netns exec " + ns + " " + tc + " -j qdisc show dev " + DEV + " > " + during)));

        assertThat(status).as(s.err.toString()).isZero();
        assertThat(Files.readString(during)).contains("{\"kind\":\"bfifo\",\"handle\":\"d7:\"");
        assertThat(s.calls()).contains("tc qdisc add dev pdv0 root handle d7: bfifo limit 4321",
                "tc qdisc del dev pdv0 root");
        assertThat(show()).isEqualTo(before);
    }

    /** Normal end, COMMAND failing, interrupt, and every failing step after the qdisc was replaced. */
    @Test
    void thePreviousQdiscIsRestoredOnEveryExitPath() throws Exception {
        qdisc("add", "root", "handle", "5:", "tbf", "rate", "1234567bit", "burst", "3333", "latency", "7ms");
        String before = show();

        assertThat(s.recorder().withLossQdisc(r -> STAND_IN_LOSS).record(request(true, null))).isZero();
        assertThat(show()).as("normal end").isEqualTo(before);
        List<String> calls = s.calls();
        int replace = calls.indexOf("tc qdisc replace dev pdv0 root handle d7: bfifo limit 4321");
        assertThat(replace).isPositive();

        assertThat(fresh().recorder().withLossQdisc(r -> STAND_IN_LOSS)
                .record(request(true, List.of("/bin/sh", "-c", "exit 7")))).isEqualTo(7);
        assertThat(show()).as("COMMAND failing").isEqualTo(before);

        StandIns interrupted = fresh();
        Thread worker = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!interrupted.err.toString().contains("recording to") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            worker.interrupt();
        });
        interrupter.start();
        assertThat(interrupted.recorder().withLossQdisc(r -> STAND_IN_LOSS).record(
                new RecordRequest(tmp.resolve("interrupted"), Duration.ofMinutes(5), List.of(), EventSet.DROPS,
                        List.of("pid"), new LossRequest(BigDecimal.TEN, DEV, true), List.of(), "v"))).isEqualTo(130);
        interrupter.join();
        assertThat(show()).as("interrupt").isEqualTo(before);

        for (int n = replace + 1; n <= calls.size(); n++) {
            StandIns failing = fresh().failAt(n);
            int status = failing.recorder().withLossQdisc(r -> STAND_IN_LOSS).record(request(true, null));
            String what = "call " + n + " (" + calls.get(n - 1) + ") fails: " + failing.err;
            if (failing.err.toString().contains("left behind: pdrop's bfifo root qdisc")) {
                // The restore itself failed: the message's command must do it.
                assertThat(status).as(what).isEqualTo(4);
                assertThat(failing.err.toString()).as(what).contains("remove it with: tc qdisc replace dev pdv0 root"
                        + " handle 5: tbf rate 1234560bit burst 3333 limit 4413");
                qdisc("replace", "root", "handle", "5:", "tbf", "rate", "1234560bit", "burst", "3333", "limit", "4413");
            }
            assertThat(show()).as(what).isEqualTo(before);
        }
    }

    @Test
    void netemWhereverTheKernelHasItOtherwiseAClearErrorAndNothingLeft() throws Exception {
        boolean netem = exec("unshare", "--net", tc, "qdisc", "add", "dev", "lo", "root", "netem", "loss", "1%")
                .status == 0;
        qdisc("add", "root", "handle", "5:", "tbf", "rate", "1mbit", "burst", "32kb", "latency", "400ms");
        String before = show();
        if (netem) {
            assertThat(s.recorder().record(request(true, List.of("/bin/true")))).as(s.err.toString()).isZero();
            assertThat(s.calls()).contains("tc qdisc replace dev pdv0 root handle d7: netem loss 10%");
            assertThat(show()).isEqualTo(before);
            return;
        }
        // The probe in a throw-away namespace refuses before anything changes...
        if (Files.exists(s.bin.resolve("unshare"))) {
            assertThatThrownBy(() -> s.recorder().record(request(true, null)))
                    .isInstanceOf(RecordException.class)
                    .hasMessageStartingWith("Cannot emulate loss: the kernel has no netem qdisc (module sch_netem):"
                            + " load it with `modprobe sch_netem`")
                    .hasMessageEndingWith("Error: Specified qdisc kind is unknown.");
            assertThat(String.join("\n", s.calls())).doesNotContain("lttng create");
            assertThat(show()).isEqualTo(before);
            Files.delete(s.bin.resolve("unshare"));
        }
        // ...and without the probe, the real replace fails the same way, after which all is undone.
        StandIns noProbe = fresh();
        Files.deleteIfExists(noProbe.bin.resolve("unshare"));
        int status = noProbe.recorder().record(request(true, null));

        assertThat(status).isEqualTo(4);
        assertThat(noProbe.err.toString()).contains("pdrop: Cannot emulate loss: the kernel has no netem qdisc (module"
                + " sch_netem)").doesNotContain("left behind");
        assertThat(noProbe.calls()).contains("tc qdisc replace dev pdv0 root handle d7: netem loss 10%")
                .endsWith("lttng stop " + StandIns.session(), "lttng destroy " + StandIns.session(), "uname -a");
        assertThat(noProbe.sessionExists()).isFalse();
        assertThat(show()).isEqualTo(before);
    }

    @Test
    void anUnknownDeviceIsNamed() {
        RecordRequest r = new RecordRequest(tmp.resolve("out"), Duration.ofMillis(10), List.of(), EventSet.DROPS,
                List.of("pid"), new LossRequest(BigDecimal.TEN, "pdv9", false), List.of(), "v");
        assertThatThrownBy(() -> s.recorder().record(r))
                .hasMessage("Cannot emulate loss: no network device dev=\"pdv9\": --dev must name an interface of this"
                        + " host (see `ip link`)");
    }

    // ---- helpers ----

    private RecordRequest request(boolean force, List<String> command) {
        return new RecordRequest(tmp.resolve("out-" + System.nanoTime()), command == null ? Duration.ofMillis(10) : null,
                command == null ? List.of() : command, EventSet.DROPS, List.of("pid"),
                new LossRequest(BigDecimal.TEN, DEV, force), List.of(), "v");
    }

    /** New stand-ins (fresh log and state) sharing the tc and unshare wrappers. */
    private StandIns fresh() throws IOException {
        StandIns old = s;
        s = new StandIns(Files.createTempDirectory(tmp, "host"));
        for (String name : List.of("tc", "unshare")) {
            Files.deleteIfExists(s.bin.resolve(name));
            if (Files.exists(old.bin.resolve(name))) {
                Files.copy(old.bin.resolve(name), s.bin.resolve(name));
            }
        }
        return s;
    }

    private void wrap(String name, String body) throws IOException {
        Path script = s.bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n. \"${0%/*}/common.sh\"\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String show() throws Exception {
        Result r = exec(ip, "netns", "exec", ns, tc, "-j", "-d", "-r", "qdisc", "show", "dev", DEV);
        assertThat(r.status).as(r.err).isZero();
        return r.out;
    }

    private void qdisc(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ip, "netns", "exec", ns, tc, "qdisc"));
        cmd.add(args[0]);
        cmd.addAll(List.of("dev", DEV));
        cmd.addAll(List.of(args).subList(1, args.length));
        Result r = exec(cmd.toArray(String[]::new));
        assertThat(r.status).as(String.join(" ", cmd) + ": " + r.err).isZero();
    }

    private void nsTc(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ip, "-n", ns));
        cmd.addAll(List.of(args));
        Result r = exec(cmd.toArray(String[]::new));
        assertThat(r.status).as(r.err).isZero();
    }

    private record Result(int status, String out, String err) {
    }

    private static Result exec(String... cmd) throws Exception {
        Path out = Files.createTempFile("netns", ".out");
        Path err = Files.createTempFile("netns", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(127, "", e.getMessage());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Optional<String> which(String program) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }
}

package org.pdrop.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fake host for the recorder: stand-in {@code lttng}, {@code lttng-sessiond}, {@code tc},
 * {@code unshare} and {@code uname} scripts (from {@code standin/} in the test resources) alone on
 * PATH, a fake procfs (root, kallsyms with addresses) and sysfs (tracefs format files). The
 * stand-ins log every call to {@link #calls()} and fail or hang at the call a test names.
 */
final class StandIns {
    static final List<String> SCRIPTS = List.of("common.sh", "lttng", "lttng-sessiond", "tc", "unshare", "uname");
    static final String NOQUEUE = "[{\"kind\":\"noqueue\",\"handle\":\"0:\",\"root\":true,\"refcnt\":2,\"options\":{}}]";
    static final String TBF = "[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,\"refcnt\":3,\"options\":{"
            + "\"rate\":154320,\"burst\":\"3332b/1\",\"mpu\":0,\"burst_raw\":\"5263c\",\"lat\":6999,\"limit\":4413,"
            + "\"linklayer\":\"ethernet\"}}]";
    static final Instant NOW = Instant.parse("2026-11-26T14:30:00Z");
    static final long SEED = 7;

    final Path root;
    final Path bin;
    final Path state;
    final Path log;
    final Path proc;
    final Path sys;
    final Map<String, String> env = new LinkedHashMap<>();
    Timeouts timeouts = new Timeouts(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20),
            Duration.ofSeconds(5));
    long minFreeBytes = 0;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    StandIns(Path root) {
        this.root = root;
        bin = root.resolve("bin");
        state = root.resolve("state");
        log = root.resolve("calls.log");
        proc = root.resolve("proc");
        sys = root.resolve("sys");
        try {
            Files.createDirectories(bin);
            Files.createDirectories(state);
            Files.writeString(log, "");
            for (String script : SCRIPTS) {
                try (InputStream in = StandIns.class.getResourceAsStream("standin/" + script)) {
                    Files.write(bin.resolve(script), in.readAllBytes());
                }
                Files.setPosixFilePermissions(bin.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.createDirectories(proc.resolve("self"));
            Files.writeString(proc.resolve("self/status"), "Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
            Files.writeString(proc.resolve("kallsyms"), "0000000000000000 A fixed_percpu_data\n"
                    + "ffffffff81000000 T _stext\nffffffff81a3c2d0 T kfree_skb_reason\n"
                    + "ffffffffc0a01000 t nft_do_chain\t[nf_tables]\n");
            Files.createDirectories(proc.resolve("sys/kernel"));
            Files.writeString(proc.resolve("sys/kernel/kptr_restrict"), "0\n");
            for (String event : List.of("kfree_skb", "consume_skb")) {
                Path dir = sys.resolve("kernel/tracing/events/skb/" + event);
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("format"), "name: " + event + "\nID: 1\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("PATH", bin.toString());
        env.put("STANDIN_LOG", log.toString());
        env.put("STANDIN_STATE", state.toString());
        sessiond(true);
    }

    StandIns sessiond(boolean running) {
        touch("sessiond", running);
        return this;
    }

    StandIns kernelTracer(boolean available) {
        touch("no-kernel-tracer", !available);
        return this;
    }

    /** A device whose qdiscs {@code tc -j -d -r qdisc show} prints as {@code json}. */
    StandIns device(String dev, String json) {
        write("qdisc-" + dev + ".json", json);
        write("qdisc-" + dev + ".orig", json);
        return this;
    }

    String qdiscs(String dev) {
        return read(state.resolve("qdisc-" + dev + ".json")).strip();
    }

    boolean sessionExists() {
        return Files.exists(state.resolve("session"));
    }

    StandIns failAt(int call, String message) {
        env.put("STANDIN_FAIL_AT", Integer.toString(call));
        env.put("STANDIN_FAIL_MESSAGE", message);
        return this;
    }

    StandIns failAt(int call) {
        return failAt(call, "Error: stand-in failure");
    }

    StandIns hangAt(int call) {
        env.put("STANDIN_HANG_AT", Integer.toString(call));
        return this;
    }

    List<String> calls() {
        return read(log).lines().toList();
    }

    Host host() {
        return new Host(proc, sys, env, Clock.fixed(NOW, ZoneOffset.UTC), new Random(SEED), timeouts, minFreeBytes);
    }

    ProcessRunner runner() {
        return new SystemProcessRunner(env);
    }

    Recorder recorder() {
        return new Recorder(host(), runner(), new ExitStatuses(0, 4, 130), new PrintWriter(out, true),
                new PrintWriter(err, true));
    }

    /** The session name the recorder picks with this clock and seed. */
    static String session() {
        return "pdrop-20261126-143000-" + String.format("%04x", new Random(SEED).nextInt(0x10000));
    }

    private void touch(String name, boolean present) {
        try {
            if (present) {
                Files.writeString(state.resolve(name), "");
            } else {
                Files.deleteIfExists(state.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String name, String text) {
        try {
            Files.writeString(state.resolve(name), text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.pdrop.record;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The machine pdrop records on, as far as the recorder looks at it: where procfs and sysfs are,
 * the environment programs run with, the clock, and limits. Tests point it at fake folders and a
 * {@code PATH} of stand-in executables.
 *
 * @param proc procfs ({@code self/status}, {@code kallsyms}, {@code sys/kernel/kptr_restrict})
 * @param sys sysfs ({@code kernel/tracing}, {@code kernel/debug/tracing})
 * @param environment the environment of every program pdrop runs, COMMAND included
 * @param random for the session name's suffix
 * @param minFreeBytes free space the output folder's file system must have before recording
 */
public record Host(Path proc, Path sys, Map<String, String> environment, Clock clock, RandomGenerator random,
        Timeouts timeouts, long minFreeBytes) {
    /** 200 MB: a minute of drop events on a busy host, with room to spare. */
    public static final long DEFAULT_MIN_FREE_BYTES = 200L * 1000 * 1000;
    /** tc, ip and modprobe live in sbin folders that a user's (or sudo's) PATH may lack. */
    private static final String[] SBIN = {"/usr/local/sbin", "/usr/sbin", "/sbin"};

    public Host {
        Objects.requireNonNull(proc, "proc");
        Objects.requireNonNull(sys, "sys");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /** This machine: {@code /proc}, {@code /sys}, the JVM's environment with the sbin folders added to PATH. */
    public static Host system() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        StringBuilder path = new StringBuilder(env.getOrDefault("PATH", "/usr/bin:/bin"));
        for (String dir : SBIN) {
            if (!(":" + path + ":").contains(":" + dir + ":")) {
                path.append(':').append(dir);
            }
        }
        env.put("PATH", path.toString());
        return new Host(Path.of("/proc"), Path.of("/sys"), env, Clock.systemDefaultZone(), new SecureRandom(),
                Timeouts.DEFAULT, DEFAULT_MIN_FREE_BYTES);
    }
}

package org.pdrop.drops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host pdrop runs on, as far as symbol choice cares: its name, kernel release and kallsyms.
 * Tests pass their own.
 *
 * @param hostname  {@code /proc/sys/kernel/hostname}, or null when unreadable
 * @param osRelease {@code /proc/sys/kernel/osrelease}, or null when unreadable
 * @param kallsyms  {@code /proc/kallsyms}
 */
public record HostInfo(String hostname, String osRelease, Path kallsyms) {

    /** This host's symbols, the last resort of {@link SymbolLocator}. */
    public static final Path PROC_KALLSYMS = Path.of("/proc/kallsyms");

    /** This host. */
    public static HostInfo current() {
        return new HostInfo(read(Path.of("/proc/sys/kernel/hostname")), read(Path.of("/proc/sys/kernel/osrelease")),
                PROC_KALLSYMS);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

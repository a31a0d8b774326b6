package org.pdrop.ctf.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code ../shared} (test traces, references and third-party corpora kept beside the
 * project, never committed into it). Tests that need it skip with a clear message when absent.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared folder, or null when it is not beside the project. */
    public static Path root() {
        Path p = Path.of("").toAbsolutePath().getParent();
        Path shared = p == null ? null : p.resolve("shared");
        return shared != null && Files.isDirectory(shared) ? shared : null;
    }

    /** The shared folder; skips the calling test when it is absent. */
    public static Path require() {
        Path r = root();
        Assumptions.assumeTrue(r != null, "../shared is absent: skipping tests on shared traces and corpora");
        return r;
    }
}

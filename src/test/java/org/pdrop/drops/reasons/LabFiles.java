package org.pdrop.drops.reasons;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths into the shared lab trace folder ({@code ../shared} next to the work tree); tests skip without it. */
final class LabFiles {

    static final Path SHARED = Path.of("").toAbsolutePath().getParent().resolve("shared");
    static final Path SYSTEM_INFO = SHARED.resolve("traces/lab-6.1/system-info");

    private LabFiles() {
    }

    /** The file, or a skipped test when the shared folder is absent. */
    static Path require(String name) {
        Path p = SYSTEM_INFO.resolve(name);
        assumeTrue(Files.isRegularFile(p), "shared lab file absent: " + p);
        return p;
    }
}

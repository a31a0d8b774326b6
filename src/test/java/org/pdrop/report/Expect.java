package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/org/pdrop/report/}. Run the tests with
 * {@code -Dpdrop.expect.update=true} to (re)write them, then review the diff.
 */
final class Expect {
    static final Path DIR = Path.of("src/test/resources/org/pdrop/report");

    private Expect() {
    }

    static void matches(String actual, String name) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("pdrop.expect.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (create it with -Dpdrop.expect.update=true)", file).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}

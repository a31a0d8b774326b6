package org.pdrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of STYLE.md §1, checked on the sources: every {@code org.pdrop.X} a file names
 * (imports and fully qualified names alike) and every non-JDK import.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    /** Top-level package to the org.pdrop packages it may use (itself and its subpackages included). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "ctf", Set.of("ctf"),
            "symbols", Set.of("symbols"),
            "lttng", Set.of("lttng", "ctf"),
            "live", Set.of("live", "ctf"),
            "gen", Set.of("gen", "ctf"),
            "drops", Set.of("drops", "ctf", "symbols"),
            "report", Set.of("report", "drops"),
            "dump", Set.of("dump", "ctf"),
            "record", Set.of("record"),
            "cli", Set.of("*"));
    /** Third-party libraries, allowed only where named; everywhere else is JDK only. */
    private static final Map<String, List<String>> LIBRARIES = Map.of(
            "report", List.of("com.fasterxml.jackson."),
            // tc -j output and pdrop-record.json: the streaming API only, no databind.
            "record", List.of("com.fasterxml.jackson.core."),
            "cli", List.of("picocli."));
    private static final Pattern PDROP_NAME = Pattern.compile("\\borg\\.pdrop\\.([a-z0-9_]+)");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+)");

    @Test
    void packagesUseOnlyWhatTheirArrowAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path rel = MAIN.relativize(file);
                String from = rel.getNameCount() > 3 ? rel.getName(2).toString() : "(org.pdrop itself)";
                Set<String> allowed = ALLOWED.get(from);
                if (allowed == null) {
                    violations.add(rel + ": package " + from + " has no rule in ArchitectureTest");
                    continue;
                }
                String text = Files.readString(file);
                Matcher m = PDROP_NAME.matcher(text);
                while (m.find()) {
                    if (!allowed.contains("*") && !allowed.contains(m.group(1))) {
                        violations.add(rel + ": " + from + " must not use org.pdrop." + m.group(1));
                    }
                }
                Matcher imports = IMPORT.matcher(text);
                while (imports.find()) {
                    String name = imports.group(1);
                    boolean ok = Stream.concat(Stream.of("java.", "javax.", "jdk.", "org.pdrop."),
                            LIBRARIES.getOrDefault(from, List.of()).stream()).anyMatch(name::startsWith);
                    if (!ok) {
                        violations.add(rel + ": " + from + " must not import " + name);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void nothingShippedPointsIntoTheSharedFolder() throws IOException {
        List<Path> shipped = new ArrayList<>(List.of(Path.of("pdrop"), Path.of(".ci/run")));
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            files.filter(Files::isRegularFile).forEach(shipped::add);
        }
        for (Path file : shipped) {
            String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).as(file.toString()).doesNotContain("../shared", "/work/shared");
        }
    }
}

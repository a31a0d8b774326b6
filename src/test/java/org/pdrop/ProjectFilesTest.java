package org.pdrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pdrop.cli.ExitCode;

/** What the README promises against what the code and CI do. */
class ProjectFilesTest {
    private static final Path README = Path.of("README.md");

    @Test
    void readmeExitCodeTableIsExitCode() throws IOException {
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| (.+) \\|$").matcher(Files.readString(README));
        StringBuilder table = new StringBuilder();
        while (row.find()) {
            table.append(row.group(1)).append(' ').append(row.group(2)).append('\n');
        }
        StringBuilder expected = new StringBuilder();
        for (ExitCode code : ExitCode.values()) {
            expected.append(code.code()).append(' ').append(code.description()).append('\n');
        }
        assertThat(table.toString()).isEqualTo(expected.toString());
    }

    @Test
    void readmeStartsWithTheSampleAndTheTestCommandThatCiRuns() throws IOException {
        List<String> readme = Files.readAllLines(README);
        int fence = readme.indexOf("```sh");
        assertThat(fence).as("first code block").isBetween(0, 5);
        List<String> block = readme.subList(fence + 1, readme.indexOf("```"));
        assertThat(block).hasSize(2).first().isEqualTo("./pdrop samples/lab-20261126");
        String testCommand = block.get(1);

        List<String> ci = Files.readAllLines(Path.of(".ci/run")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ci).last().isEqualTo(testCommand);
        assertThat(Path.of("samples/lab-20261126/kernel/metadata")).isRegularFile();
        assertThat(Files.isExecutable(Path.of("pdrop")) && Files.isExecutable(Path.of(".ci/run"))).isTrue();
    }

    /**
     * The launcher's compiler directives keep start-up code from C2: the JVM must accept the file
     * (it refuses to start on a malformed one), each pattern must still name code that exists (a
     * renamed package would silently undo it), and no pattern may reach the per-event code.
     */
    @Test
    void compilerDirectivesParseAndNameOnlyStartUpCode() throws IOException, InterruptedException {
        Path directives = Path.of("jvm/compiler-directives.json");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + directives, "-version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("1 compiler directives added");

        Matcher m = Pattern.compile("\"(org/pdrop/[^\"]*)\\.\\*\"").matcher(Files.readString(directives));
        List<String> patterns = new java.util.ArrayList<>();
        while (m.find()) {
            patterns.add(m.group(1));
        }
        assertThat(patterns).hasSizeGreaterThanOrEqualTo(4);
        List<String> classes;
        try (var files = Files.walk(Path.of("src/main/java"))) {
            classes = files.map(f -> Path.of("src/main/java").relativize(f).toString())
                    .filter(f -> f.endsWith(".java")).map(f -> f.substring(0, f.length() - 5)).toList();
        }
        for (String pattern : patterns) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            assertThat(pattern).endsWith("*");
            assertThat(classes).as(pattern).anyMatch(c -> c.startsWith(prefix));
            assertThat(List.of("org/pdrop/ctf/decode/EventSkipper", "org/pdrop/ctf/decode/BodyProgram",
                    "org/pdrop/ctf/decode/Decoders", "org/pdrop/ctf/decode/BitReader",
                    "org/pdrop/ctf/stream/StreamCursor", "org/pdrop/drops/ParallelScan", "org/pdrop/drops/SkbEvents",
                    "org/pdrop/report/JsonSink", "org/pdrop/dump/ScopePrinter"))
                    .as(pattern).noneMatch(c -> c.startsWith(prefix));
        }
    }

    @Test
    void exitCodeEnumIsTheOnlyPlaceWithExitCodes() throws IOException {
        // System.exit with a literal anywhere in main code would bypass ExitCode.
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContainPattern("System\\.exit\\(\\s*\\d");
            }
        }
        assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code)).contains(0, 1, 2, 3, 4, 130);
    }
}

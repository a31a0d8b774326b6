package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The import arrows of STYLE.md §1 for the analysis packages: {@code report} renders the drops
 * model only; {@code drops} reads traces ({@code ctf}) and symbols, and nothing above it.
 */
class PackageArrowsTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(org\\.pdrop\\.[\\w.]+)\\.\\w+;", Pattern.MULTILINE);
    private static final Path MAIN = Path.of("src/main/java/org/pdrop");

    private static List<String> pdropImports(Path packageDir) throws IOException {
        try (Stream<Path> files = Files.list(packageDir)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    return m.results().map(r -> f.getFileName() + " -> " + r.group(1)).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void reportImportsOnlyTheDropsModel() throws IOException {
        assertThat(pdropImports(MAIN.resolve("report"))).allSatisfy(i -> assertThat(i).endsWith("-> org.pdrop.drops"));
    }

    @Test
    void dropsImportsOnlyCtfSymbolsAndItsReasons() throws IOException {
        assertThat(pdropImports(MAIN.resolve("drops"))).allSatisfy(i -> assertThat(i)
                .matches(".* -> org\\.pdrop\\.(ctf(\\..*)?|symbols|drops\\.reasons)"));
    }
}

package org.pdrop.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity with the seed on real data: the lab host's kallsyms and what the seed printed for the lab
 * traces. Skipped when {@code ../shared} (next to the project) is absent.
 */
class SeedParityTest {
    private static final Path SHARED = Path.of("").toAbsolutePath().getParent().resolve("shared");
    private static final Path KALLSYMS = SHARED.resolve("traces/lab-6.1/kallsyms");

    private static SymbolTable table;

    @BeforeAll
    static void load() {
        if (Files.isRegularFile(KALLSYMS)) {
            table = KallsymsParser.strict().parse(KALLSYMS);
        }
    }

    /**
     * Each golden line is {@code [date time] 0x<location> <symbol>+<offset>}, or has no symbol when
     * the seed could not resolve the location. Both rules must print the same text: the CODE rule is
     * only allowed to differ where the seed's output is not affected.
     */
    @ParameterizedTest
    @ValueSource(strings = {"netem-loss", "all-net", "snapshot"})
    void resolvesEveryGoldenLineLikeTheSeed(String trace) throws IOException {
        Path golden = SHARED.resolve("golden/seed/" + trace + ".seed.txt");
        assumeTrue(table != null && Files.isRegularFile(golden), "needs " + golden + " and " + KALLSYMS);

        List<String> lines = Files.readAllLines(golden, StandardCharsets.UTF_8);
        assertThat(lines).isNotEmpty();
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            String[] columns = line.substring(line.indexOf("] ") + 2).split(" ", -1);
            assertThat(columns.length).as("%s:%d", golden, lineNumber).isBetween(1, 2);
            long location = Long.parseUnsignedLong(columns[0].substring(2), 16);
            String expected = columns.length == 2 ? columns[1] : "";

            assertThat(Addresses.hex(location)).as("%s:%d", golden, lineNumber).isEqualTo(columns[0]);
            for (ResolutionRule rule : ResolutionRule.values()) {
                String actual = table.resolve(location, rule).map(Resolution::format).orElse("");
                assertThat(actual).as("%s:%d rule %s", golden, lineNumber, rule).isEqualTo(expected);
            }
        }
    }

    @Test
    void readsTheWholeLabKallsyms() {
        assumeTrue(table != null, "needs " + KALLSYMS);

        assertThat(table.size()).isEqualTo(120_324);
        assertThat(table.skippedLines()).isZero();
        assertThat(table.resolve(0xffffffffab400000L).orElseThrow().format()).isEqualTo("startup_64+0");
        assertThat(table.resolve(0xffffffffc0cf154fL).orElseThrow().formatWithModule())
                .isEqualTo("nft_do_chain+1151 [nf_tables]");
    }

    /**
     * An independent model of the seed on every real symbol: per address, the greatest name in
     * code-point order wins, whatever its type (the file has 581 addresses with several symbols).
     */
    @Test
    void everyLabSymbolAddressResolvesLikeSortedTuples() throws IOException {
        assumeTrue(table != null, "needs " + KALLSYMS);

        Map<Long, String> greatest = new TreeMap<>(Long::compareUnsigned);
        for (String line : Files.readAllLines(KALLSYMS, StandardCharsets.UTF_8)) {
            String[] columns = line.split("\\s+");
            greatest.merge(Long.parseUnsignedLong(columns[0], 16), columns[2],
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        for (Map.Entry<Long, String> e : greatest.entrySet()) {
            assertThat(table.resolve(e.getKey()).orElseThrow().format())
                    .as("address %x", e.getKey()).isEqualTo(e.getValue() + "+0");
        }
    }
}

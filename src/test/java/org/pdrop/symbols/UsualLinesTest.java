package org.pdrop.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link KallsymsParser}'s path for lines laid out as kallsyms writes them gives the same table,
 * skipped lines and errors as its general path, which reads every line field by field: on random
 * files that mix usual lines with every near miss (other blanks, CRLF, long or bad addresses,
 * missing or malformed fields and modules, non-ASCII names, duplicate addresses, no final
 * newline), and on the real kallsyms files of the sample and of {@code ../shared}.
 */
class UsualLinesTest {
    private static final String[] NAMES = {"a", "tcp_v4_rcv", "__pfx_tcp_v4_rcv", "__cfi_x", "$x", "é", "z\u00ff",
        "kfree_skb_reason", "b[1]", "x]"};
    private static final String[] MODULES = {"nf_tables", "veth", "m", "a[b", "x]y"};

    /** What a table says about every address of interest, under both rules; or the parser's error. */
    private static List<String> outcome(KallsymsParser parser, byte[] file, List<Long> probes) {
        SymbolTable t;
        try {
            t = parser.parse(file, "test");
        } catch (SymbolsException e) {
            return List.of("error: " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        out.add(t.size() + " symbols, " + t.skippedLines() + " skipped");
        for (long a : probes) {
            for (ResolutionRule rule : ResolutionRule.values()) {
                out.add(Long.toHexString(a) + " " + rule + " "
                        + t.resolve(a, rule).map(r -> r.symbol() + "+" + r.offset()).orElse("-"));
            }
        }
        return out;
    }

    /** The first line where the two outcomes differ, or null (the lists can be large: no full diff). */
    private static String firstDifference(List<String> actual, List<String> expected) {
        for (int i = 0; i < Math.max(actual.size(), expected.size()); i++) {
            String a = i < actual.size() ? actual.get(i) : "(nothing)";
            String e = i < expected.size() ? expected.get(i) : "(nothing)";
            if (!a.equals(e)) {
                return "line " + i + ": usual-line path says <" + a + ">, general path <" + e + ">";
            }
        }
        return null;
    }

    private static String line(SplittableRandom rnd, List<Long> probes) {
        long address = rnd.nextInt(4) == 0 ? rnd.nextLong() : 0xffffffff81000000L + 16L * rnd.nextInt(64);
        probes.add(address);
        probes.add(address + 1);
        String hex = Long.toHexString(address);
        String type = String.valueOf("TtWwDdbBr".charAt(rnd.nextInt(9)));
        String name = NAMES[rnd.nextInt(NAMES.length)];
        String module = rnd.nextInt(3) == 0 ? "\t[" + MODULES[rnd.nextInt(MODULES.length)] + "]" : "";
        String usual = hex + " " + type + " " + name + module;
        return switch (rnd.nextInt(24)) {
            case 0 -> hex.toUpperCase() + " " + type + " " + name + module;
            case 1 -> "0000000000" + hex + " " + type + " " + name;
            case 2 -> "1" + "0".repeat(16) + " T toolong";
            case 3 -> hex + "g " + type + " " + name;
            case 4 -> hex + "  " + type + " " + name;
            case 5 -> hex + "\t" + type + "\t" + name + module;
            case 6 -> usual + "\r";
            case 7 -> usual + " ";
            case 8 -> hex + " " + type + " " + name + " [" + MODULES[0] + "]";
            case 9 -> hex + " " + type + " " + name + "\t[]";
            case 10 -> hex + " " + type + " " + name + "\t[" + MODULES[0];
            case 11 -> hex + " " + type + " " + name + "\t[" + MODULES[0] + "]x";
            case 12 -> hex + " " + type + " " + name + "\t[" + MODULES[0] + "] extra";
            case 13 -> hex + " " + type + type + " " + name;
            case 14 -> hex + " " + type;
            case 15 -> hex + " " + type + " ";
            case 16 -> "";
            case 17 -> "   ";
            case 18 -> " " + usual;
            case 19 -> hex + " " + type + " " + name + "\t\t[" + MODULES[0] + "]";
            case 20 -> hex + " \u00e9 " + name;
            case 21 -> hex + " " + type + name;
            case 22 -> hex + " " + type + "\t" + name + module;
            default -> usual;
        };
    }

    @Test
    void randomFilesGiveTheSameTablesBothWays() {
        SplittableRandom rnd = new SplittableRandom(20261127);
        for (int file = 0; file < 400; file++) {
            List<Long> probes = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int lines = 1 + rnd.nextInt(30);
            for (int i = 0; i < lines; i++) {
                text.append(line(rnd, probes));
                if (i < lines - 1 || rnd.nextBoolean()) {
                    text.append('\n');
                }
            }
            probes.add(0L);
            probes.add(-1L);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (rnd.nextInt(8) == 0) {
                bytes[rnd.nextInt(bytes.length)] = (byte) 0xFF; // malformed UTF-8 somewhere
            }
            for (KallsymsParser parser : List.of(KallsymsParser.lenient(), KallsymsParser.strict())) {
                List<String> general = outcome(parser.generalOnly(), bytes, probes);
                assertThat(firstDifference(outcome(parser, bytes, probes), general))
                        .as("file %d:\n%s", file, new String(bytes, StandardCharsets.UTF_8))
                        .isNull();
            }
        }
    }

    @Test
    void realFilesGiveTheSameTablesBothWays() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("samples/lab-20261126/kallsyms")));
        Path shared = Path.of("../shared/traces/lab-6.1/kallsyms");
        if (Files.isRegularFile(shared)) {
            files.add(shared);
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            List<Long> probes = new ArrayList<>();
            for (String l : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                long a = Long.parseUnsignedLong(l.substring(0, l.indexOf(' ')), 16);
                probes.add(a);
                probes.add(a + 0x10);
            }
            List<String> expected = outcome(KallsymsParser.lenient().generalOnly(), bytes, probes);
            assertThat(expected.get(0)).isEqualTo(probes.size() / 2 + " symbols, 0 skipped");
            assertThat(firstDifference(outcome(KallsymsParser.lenient(), bytes, probes), expected)).as(f.toString())
                    .isNull();
        }
    }
}

package org.pdrop.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KallsymsParserTest {
    private static final KallsymsParser LENIENT = KallsymsParser.lenient();

    private static String resolve(SymbolTable table, long address) {
        return table.resolve(address).map(Resolution::formatWithModule).orElse("unresolved");
    }

    @Test
    void readsKallsymsWithModules() {
        SymbolTable table = LENIENT.parse("""
                ffffffff81000000 T _stext
                ffffffff81000100 t helper
                ffffffffc0a01000 t nft_do_chain\t[nf_tables]
                ffffffffc0a02000 T nft_other\t[nf_tables]
                """, "kallsyms");

        assertThat(table.size()).isEqualTo(4);
        assertThat(table.skippedLines()).isZero();
        assertThat(table.source()).isEqualTo("kallsyms");
        Resolution r = table.resolve(0xffffffffc0a0147fL).orElseThrow();
        assertThat(r.symbol()).isEqualTo(new Symbol("nft_do_chain", "nf_tables", 0xffffffffc0a01000L));
        assertThat(r.offset()).isEqualTo(0x47f);
        assertThat(resolve(table, 0xffffffff81000105L)).isEqualTo("helper+5");
    }

    @Test
    void readsSystemMap() {
        SymbolTable table = LENIENT.parse("""
                ffffffff81000000 T _text
                ffffffff81000000 T startup_64
                ffffffff81000070 T secondary_startup_64
                """, "System.map");

        assertThat(resolve(table, 0xffffffff81000071L)).isEqualTo("secondary_startup_64+1");
        assertThat(table.resolve(0xffffffff81000010L).orElseThrow().symbol().module()).isNull();
    }

    @Test
    void acceptsCrlfBlankLinesTabsAndNoFinalNewline() {
        SymbolTable table = LENIENT.parse(
                "\r\nffffffff81000000 T a\r\n   \r\n\tffffffff81000010\tt\tb \r\n\nffffffff81000020 t c\t[m]\r",
                "crlf");

        assertThat(table.size()).isEqualTo(3);
        assertThat(table.skippedLines()).isZero();
        assertThat(resolve(table, 0xffffffff81000011L)).isEqualTo("b+1");
        assertThat(resolve(table, 0xffffffff81000022L)).isEqualTo("c+2 [m]");
    }

    @Test
    void sortsUnsortedInput() {
        SymbolTable table = LENIENT.parse("""
                ffffffffc0001000 t mod_fn\t[mod]
                ffffffff81000200 T third
                ffffffff81000000 T first
                ffffffff81000100 T second
                """, "unsorted");

        assertThat(resolve(table, 0xffffffff810000ffL)).isEqualTo("first+255");
        assertThat(resolve(table, 0xffffffff81000100L)).isEqualTo("second+0");
        assertThat(resolve(table, 0xffffffff81000fffL)).isEqualTo("third+3583");
        assertThat(resolve(table, 0xffffffffc0001001L)).isEqualTo("mod_fn+1 [mod]");
    }

    @Test
    void reads32BitAddresses() {
        SymbolTable table = LENIENT.parse("""
                c0008000 T stext
                c0100000 t arm_fn
                bf000000 t mod_fn\t[mod]
                """, "arm");

        assertThat(resolve(table, 0xc0100010L)).isEqualTo("arm_fn+16");
        assertThat(resolve(table, 0xc00fffffL)).isEqualTo("stext+1015807");
        assertThat(resolve(table, 0xbf000004L)).isEqualTo("mod_fn+4 [mod]");
        assertThat(table.resolve(0xbeffffffL)).isEmpty();
    }

    @Test
    void acceptsLeadingZerosBeyondSixteenDigits() {
        SymbolTable table = LENIENT.parse("0000ffffffff81000000 T a\n", "zeros");

        assertThat(resolve(table, 0xffffffff81000001L)).isEqualTo("a+1");
    }

    @Test
    void lenientParserSkipsAndCountsMalformedLines() {
        SymbolTable table = LENIENT.parse("""
                ffffffff81000000 T good
                not-hex T bad
                ffffffff81000010 T
                ffffffff81000020 TT two_char_type
                ffffffff81000030 t name junk
                ffffffff81000040 t name [mod] extra
                1ffffffff81000000 T too_wide
                ffffffff81000100 T also_good
                """, "mixed");

        assertThat(table.size()).isEqualTo(2);
        assertThat(table.skippedLines()).isEqualTo(6);
        assertThat(resolve(table, 0xffffffff81000050L)).isEqualTo("good+80");
    }

    @Test
    void strictParserReportsFileLineTextAndReason() {
        assertThatThrownBy(() -> KallsymsParser.strict().parse("""
                ffffffff81000000 T good

                zz T "quoted"
                """, "/tmp/kallsyms"))
                .isInstanceOf(SymbolsException.class)
                .hasMessage("Cannot parse kallsyms: file=\"/tmp/kallsyms\", line=3, text=\"zz T \\\"quoted\\\"\", "
                        + "reason=\"address is not hexadecimal\"");
    }

    @Test
    void fileWithoutValidLineIsAnError() {
        assertThatThrownBy(() -> LENIENT.parse("\nhello world\nsecond bad line\n", "junk"))
                .isInstanceOf(SymbolsException.class)
                .hasMessageStartingWith("Cannot parse kallsyms: file=\"junk\", line=2, text=\"hello world\", ")
                .hasMessageContaining("2 malformed");
    }

    @Test
    void emptyFileIsAnError() {
        assertThatThrownBy(() -> LENIENT.parse(" \r\n\n", "empty"))
                .isInstanceOf(SymbolsException.class)
                .hasMessage("Cannot parse kallsyms: file=\"empty\", reason=\"no symbol line (empty file)\"");
    }

    @Test
    void longAndControlCharactersAreEscapedAndAbbreviated() {
        String line = "\u0001bad" + "x".repeat(200);

        assertThatThrownBy(() -> KallsymsParser.strict().parse(line, "f"))
                .hasMessageContaining("text=\"\\x01bad" + "x".repeat(76) + "...\"");
    }

    @Test
    void allZeroAddressesAreDetected() {
        assertThatThrownBy(() -> LENIENT.parse("""
                0000000000000000 A fixed_percpu_data
                0000000000000000 T _stext
                0000000000000000 t nft_do_chain\t[nf_tables]
                """, "/tmp/k"))
                .isInstanceOf(SymbolsException.class)
                .hasMessage("Cannot use kallsyms: file=\"/tmp/k\", reason=\"all addresses are zero (read without "
                        + "root or kptr_restrict=1)\"; hint: copy /proc/kallsyms as root");
    }

    @Test
    void readsFilesAndReportsUnreadableOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kallsyms");
        Files.write(file, "ffffffff81000000 T a\n".getBytes(StandardCharsets.UTF_8));

        assertThat(LENIENT.parse(file).source()).isEqualTo(file.toString());
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> LENIENT.parse(missing))
                .isInstanceOf(SymbolsException.class)
                .hasMessageStartingWith("Cannot read kallsyms: file=\"" + missing + "\", reason=")
                .hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void reusesModuleStringsOnlyWhenTheyMatch() {
        SymbolTable table = LENIENT.parse("""
                ffffffffc0001000 t a\t[ab]
                ffffffffc0002000 t b\t[ab]
                ffffffffc0003000 t c\t[ac]
                ffffffffc0004000 t d\t[\u00e9t\u00e9]
                """, "modules");

        assertThat(resolve(table, 0xffffffffc0002000L)).isEqualTo("b+0 [ab]");
        assertThat(resolve(table, 0xffffffffc0003000L)).isEqualTo("c+0 [ac]");
        assertThat(resolve(table, 0xffffffffc0004000L)).isEqualTo("d+0 [\u00e9t\u00e9]");
    }
}

package org.pdrop.symbols;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymbolTableTest {
    private static SymbolTable table(String text) {
        return KallsymsParser.strict().parse(text, "test");
    }

    private static String seed(SymbolTable table, long address) {
        return table.resolve(address).map(Resolution::format).orElse("unresolved");
    }

    private static String code(SymbolTable table, long address) {
        return table.resolve(address, ResolutionRule.CODE).map(Resolution::format).orElse("unresolved");
    }

    @Test
    void addressBelowTheFirstSymbolIsUnresolved() {
        SymbolTable table = table("ffffffff81000000 T _stext\n");

        assertThat(table.resolve(0xffffffff80ffffffL)).isEmpty();
        assertThat(table.resolve(0)).isEmpty();
        assertThat(seed(table, 0xffffffff81000000L)).isEqualTo("_stext+0");
        assertThat(seed(table, -1L)).isEqualTo("_stext+" + (0xffffffffL - 0x81000000L));
    }

    @Test
    void comparesAddressesAsUnsigned() {
        SymbolTable table = table("""
                ffffffff81000000 T high
                7fffffffffffffff T middle
                0000000000001000 T low
                """);

        assertThat(seed(table, 0x1001)).isEqualTo("low+1");
        assertThat(seed(table, 0x8000000000000000L)).isEqualTo("middle+1");
        assertThat(seed(table, 0xffffffff80ffffffL)).isEqualTo("middle+" + (0xffffffff80ffffffL - 0x7fffffffffffffffL));
        assertThat(seed(table, 0xffffffff81000002L)).isEqualTo("high+2");
    }

    @Test
    void duplicateAddressesResolveToTheGreatestNameLikeTheSeed() {
        // The lab kernel lists startup_64, _stext and _text at one address; sorting (address, name)
        // tuples puts startup_64 last because 's' > '_', and the seed took the last one.
        SymbolTable table = table("""
                ffffffffab400000 T startup_64
                ffffffffab400000 T _stext
                ffffffffab400000 T _text
                ffffffffab4be350 t __do_sys_getpid
                ffffffffab4be350 T __ia32_sys_getpid
                ffffffffab4be350 T __x64_sys_getpid
                """);

        for (ResolutionRule rule : ResolutionRule.values()) {
            assertThat(table.resolve(0xffffffffab400010L, rule).orElseThrow().format()).isEqualTo("startup_64+16");
            assertThat(table.resolve(0xffffffffab4be351L, rule).orElseThrow().format())
                    .isEqualTo("__x64_sys_getpid+1");
        }
    }

    @Test
    void seedRuleUsesEveryTypeAndCodeRuleOnlyText() {
        SymbolTable table = table("""
                0000000000000000 A __per_cpu_start
                ffffffff81000000 T func
                ffffffff81000100 d some_data
                ffffffff81000200 T aa_strong
                ffffffff81000200 W zz_weak
                ffffffff81000300 T __pfx_zz
                ffffffff81000300 T __do_thing
                ffffffff81000400 W only_weak
                ffffffff81000500 r zz_rodata
                ffffffff81000500 t bb_text
                ffffffffc0000000 t mod_fn\t[mod]
                ffffffffc0000100 b mod_bss\t[mod]
                """);

        assertThat(seed(table, 0x10)).isEqualTo("__per_cpu_start+16");
        assertThat(code(table, 0x10)).isEqualTo("unresolved");
        assertThat(seed(table, 0xffffffff81000104L)).isEqualTo("some_data+4");
        assertThat(code(table, 0xffffffff81000104L)).isEqualTo("func+260");
        assertThat(seed(table, 0xffffffff81000201L)).isEqualTo("zz_weak+1");
        assertThat(code(table, 0xffffffff81000201L)).isEqualTo("aa_strong+1");
        assertThat(seed(table, 0xffffffff81000301L)).isEqualTo("__pfx_zz+1");
        assertThat(code(table, 0xffffffff81000301L)).isEqualTo("__do_thing+1");
        assertThat(code(table, 0xffffffff81000401L)).isEqualTo("only_weak+1");
        assertThat(seed(table, 0xffffffff81000501L)).isEqualTo("zz_rodata+1");
        assertThat(code(table, 0xffffffff81000501L)).isEqualTo("bb_text+1");
        assertThat(seed(table, 0xffffffffc0000101L)).isEqualTo("mod_bss+1");
        assertThat(table.resolve(0xffffffffc0000101L, ResolutionRule.CODE).orElseThrow().formatWithModule())
                .isEqualTo("mod_fn+257 [mod]");
    }

    @Test
    void armMappingSymbolsNeverWinUnderTheCodeRule() {
        SymbolTable table = table("""
                ffffffc008010000 t $x
                ffffffc008010000 T do_thing
                ffffffc008010040 t $d
                ffffffc008010048 t $x.12
                """);

        assertThat(seed(table, 0xffffffc008010044L)).isEqualTo("$d+4");
        assertThat(code(table, 0xffffffc008010044L)).isEqualTo("do_thing+68");
        assertThat(code(table, 0xffffffc00801004cL)).isEqualTo("do_thing+76");
        assertThat(code(table, 0xffffffc008010000L)).isEqualTo("do_thing+0");
    }

    @Test
    void tableWithoutTextSymbolsResolvesNothingUnderTheCodeRule() {
        SymbolTable table = table("ffffffff81000000 d data\n");

        assertThat(seed(table, 0xffffffff81000001L)).isEqualTo("data+1");
        assertThat(code(table, 0xffffffff81000001L)).isEqualTo("unresolved");
    }

    @Test
    void everyAddressBetweenTwoSymbolsResolvesToTheLowerOne() {
        long[] bases = {0x1000L, 0xbf000000L, 0xffffffff81000000L, 0xffffffffffff0000L};
        Random random = new Random(42);
        for (long base : bases) {
            int count = 200;
            long[] addresses = new long[count];
            List<String> lines = new ArrayList<>();
            long address = base;
            for (int i = 0; i < count; i++) {
                addresses[i] = address;
                lines.add(String.format("%016x %c fn_%d", address, i % 2 == 0 ? 'T' : 't', i));
                address += 1 + (i * 37L) % 64;
            }
            Collections.shuffle(lines, random);
            SymbolTable table = table(String.join("\n", lines));

            assertThat(table.resolve(base - 1)).as("below base %x", base).isEmpty();
            for (int i = 0; i < count; i++) {
                long end = i + 1 < count ? addresses[i + 1] : addresses[i] + 100;
                for (long a = addresses[i]; Long.compareUnsigned(a, end) < 0; a++) {
                    String expected = "fn_" + i + "+" + (a - addresses[i]);
                    assertThat(seed(table, a)).as("address %x", a).isEqualTo(expected);
                    assertThat(code(table, a)).as("address %x", a).isEqualTo(expected);
                }
            }
            assertThat(seed(table, -1L)).startsWith("fn_" + (count - 1) + "+");
        }
    }

    /** Python's model: sort (address, name) tuples, take the last one at or below the address. */
    @Test
    void seedRuleMatchesSortedTuplesWithManyDuplicates() {
        Random random = new Random(7);
        String alphabet = "_$aAzZ09";
        record Entry(long address, String name) {
        }
        for (int round = 0; round < 20; round++) {
            List<Entry> entries = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                long address = 0xffffffff81000000L + 16L * random.nextInt(40);
                StringBuilder name = new StringBuilder();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    name.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                entries.add(new Entry(address, name.toString()));
                text.append(String.format("%x %c %s%n", address, "tTdDAbrW".charAt(random.nextInt(8)), name));
            }
            entries.sort(Comparator.comparing(Entry::address, Long::compareUnsigned)
                    .thenComparing(Entry::name));
            SymbolTable table = table(text.toString());

            for (long a = 0xffffffff80ffffffL; a < 0xffffffff81000000L + 16 * 41; a += 3) {
                Entry last = null;
                for (Entry e : entries) {
                    if (Long.compareUnsigned(e.address(), a) <= 0) {
                        last = e;
                    }
                }
                String expected = last == null ? "unresolved" : last.name() + "+" + (a - last.address());
                assertThat(seed(table, a)).as("round %d address %x", round, a).isEqualTo(expected);
            }
        }
    }
}

package org.pdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @Test
    void generatesAndPrintsTotalsForScripts(@TempDir Path tmp) {
        CliRun run = CliRun.run("generate", "--template", "bench/template", "--out", tmp.toString(), "--size", "1MiB",
                "--cpus", "2", "--packet-size", "64KiB", "--discard-every", "3");
        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out).containsPattern("(?m)^trace=\\S+ streams=2 packets=16 events=\\d+ skb_kfree=\\d+ "
                + "discarded=\\d+ large_headers=\\d+ bytes=1048576 seconds=");
        assertThat(tmp.resolve("kernel/channel0_1")).hasSize(512 * 1024);
        assertThat(tmp.resolve("kernel/index/channel0_0.idx")).hasSize(16 + 8 * 72);
    }

    @Test
    void isHiddenFromTheHelp() {
        assertThat(CliRun.run("--help").out).doesNotContain("generate");
    }

    @Test
    void badValuesAreUsageErrors(@TempDir Path tmp) {
        CliRun share = CliRun.run("generate", "--template", "bench/template", "--out", tmp.toString(),
                "--kfree-share", "1.5");
        assertThat(share.status).isEqualTo(2);
        assertThat(share.err).startsWith("pdrop: skb_kfree share above 1: 1.5");
        CliRun size = CliRun.run("generate", "--template", "bench/template", "--out", tmp.toString(), "--size", "3 apples");
        assertThat(size.status).isEqualTo(2);
        assertThat(size.err).contains("expected bytes or a number with kB, MB, GB, KiB, MiB or GiB, got '3 apples'");
    }

    @Test
    void anOutputFolderThatHoldsATraceIsRefused(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("kernel"));
        Files.writeString(tmp.resolve("kernel/metadata"), "x");
        CliRun run = CliRun.run("generate", "--template", "bench/template", "--out", tmp.toString(), "--size", "1MiB");
        assertThat(run.status).isEqualTo(3);
        assertThat(run.err).contains("the folder exists and is not empty");
    }

    @Test
    void sizesTakeDecimalAndBinaryUnits() {
        assertThat(GenerateCommand.SizeConverter.parse("4096")).isEqualTo(4096);
        assertThat(GenerateCommand.SizeConverter.parse("1GB")).isEqualTo(1_000_000_000L);
        assertThat(GenerateCommand.SizeConverter.parse("1.5 MB")).isEqualTo(1_500_000L);
        assertThat(GenerateCommand.SizeConverter.parse("64KiB")).isEqualTo(65_536L);
        assertThat(GenerateCommand.SizeConverter.parse("8GiB")).isEqualTo(8L << 30);
    }
}

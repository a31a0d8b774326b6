package org.pdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.CorruptTraceException;
import org.pdrop.ctf.CtfException;
import org.pdrop.drops.OutputFormat;
import org.pdrop.drops.TimeBound;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void helpListsCommandsAnalyzeOptionsAndExitCodes() {
        CliRun run = CliRun.run("--help");

        assertThat(run.status).isZero();
        assertThat(run.err).isEmpty();
        assertThat(run.out).contains("Usage: pdrop [--debug] [ANALYZE-OPTIONS] TRACE...")
                .containsPattern("(?m)^  analyze ").containsPattern("(?m)^  dump ").containsPattern("(?m)^  help ")
                .contains("--summary", "--kallsyms=FILE", "--symbol=GLOB", "Exit codes:");
        for (ExitCode code : ExitCode.values()) {
            assertThat(run.out).containsPattern("(?m)^ *" + code.code() + "   " + code.description().split(" ")[0]);
        }
    }

    @Test
    void subcommandHelpHasExitCodesToo() {
        assertThat(CliRun.run("dump", "--help").out).contains("--utc, --clock-gmt", "Exit codes:", "130");
        assertThat(CliRun.run("help", "analyze").out).contains("Filters", "--begin=TIME", "Exit codes:");
    }

    @Test
    void versionComesFromTheFilteredResource() {
        CliRun run = CliRun.run("--version");

        assertThat(run.status).isZero();
        assertThat(run.out).matches("pdrop \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void unknownOptionIsOneLinePlusHint() {
        CliRun run = CliRun.run("--bogus");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.errLines()).containsExactly(
                "pdrop: Unknown option: '--bogus'", "Try 'pdrop --help' for more information.");
    }

    @Test
    void unknownOptionSuggestsTheClosestOne() {
        CliRun run = CliRun.run("--sumary", dir.toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "pdrop: Unknown option: '--sumary' (did you mean '--summary'?)",
                "Try 'pdrop --help' for more information.");
    }

    @Test
    void subcommandUsageErrorPointsAtItsHelp() {
        CliRun run = CliRun.run("dump", "--bogus", dir.toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "pdrop: Unknown option: '--bogus'", "Try 'pdrop dump --help' for more information.");
    }

    @Test
    void noArgumentsIsMissingTrace() {
        CliRun run = CliRun.run();

        assertThat(run.status).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "pdrop: Missing required parameter: 'TRACE'", "Try 'pdrop --help' for more information.");
    }

    @Test
    void invalidValuesAreUsageErrors() {
        assertThat(CliRun.run("--interval", "5", dir.toString()).errLines().get(0))
                .startsWith("pdrop: Invalid value for option '--interval': expected a number and a unit");
        assertThat(CliRun.run("--top", "-1", dir.toString()).status).isEqualTo(2);
        assertThat(CliRun.run("--format", "xml", dir.toString()).status).isEqualTo(2);
        CliRun reversed = CliRun.run("--begin", "+3s", "--end", "+1s", dir.toString());
        assertThat(reversed.status).isEqualTo(2);
        assertThat(reversed.errLines()).containsExactly(
                "pdrop: --end must not be before --begin", "Try 'pdrop --help' for more information.");
    }

    @Test
    void missingTraceIsExit3OneLine() {
        CliRun run = CliRun.run("/nonexistent/trace");

        assertThat(run.status).isEqualTo(3);
        assertThat(run.out).isEmpty();
        assertThat(run.errLines()).containsExactly(
                "pdrop: Cannot read trace: path=\"/nonexistent/trace\", reason=\"no such file or directory\"");
        assertThat(run.analyzed).isEmpty();
    }

    @Test
    void missingKallsymsIsExit3OneLine() {
        CliRun run = CliRun.run("--kallsyms", dir.resolve("nope").toString(), dir.toString());

        assertThat(run.status).isEqualTo(3);
        assertThat(run.errLines()).containsExactly("pdrop: Cannot read kallsyms: path=\""
                + dir.resolve("nope") + "\", reason=\"no such file or directory\"");
    }

    @Test
    void missingDumpTraceIsExit3() {
        CliRun run = CliRun.run("dump", "missing");

        assertThat(run.status).isEqualTo(3);
        assertThat(run.errLines()).containsExactly(
                "pdrop: Cannot read trace: path=\"missing\", reason=\"no such file or directory\"");
    }

    @Test
    void analyzeIsTheDefaultCommand() throws IOException {
        Path trace = Files.createDirectory(dir.resolve("trace"));
        Path other = Files.createDirectory(dir.resolve("other"));
        Path kallsyms = Files.writeString(dir.resolve("kallsyms"), "");
        String[] options = {"--summary", "--top", "3", "--format", "JSON", "--interval", "500ms",
            "--cpu", "0,1", "--cpu", "3", "--reason", "NO_SOCKET,45", "--symbol", "tcp_*",
            "--process", "ping", "--tid", "42", "--begin", "+1.5s", "--kallsyms", kallsyms.toString(),
            trace.toString(), other.toString()};

        CliRun implicit = CliRun.run(options);
        CliRun explicit = CliRun.run(concat(List.of("analyze"), options));
        CliRun debugFirst = CliRun.run(concat(List.of("--debug"), options));

        assertThat(implicit.status).isZero();
        assertThat(implicit.analyzed).hasSize(1).isEqualTo(explicit.analyzed).isEqualTo(debugFirst.analyzed);
        AnalyzeConfig config = implicit.analyzed.get(0);
        assertThat(config.input()).isEqualTo(new InputConfig(List.of(trace, other), Optional.of(kallsyms)));
        assertThat(config.output()).isEqualTo(
                new OutputConfig(OutputFormat.JSON, true, 3, Optional.of(Duration.ofMillis(500)), false));
        assertThat(config.filter().cpus()).containsExactly(0, 1, 3);
        assertThat(config.filter().reasons()).containsExactly("NO_SOCKET", "45");
        assertThat(config.filter().begin()).contains(new TimeBound.AfterStart(Duration.ofMillis(1500)));
        assertThat(config.filter().end()).isEmpty();
        assertThat(config.zone()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void defaultsAreTextWithoutFilters() {
        CliRun run = CliRun.run(dir.toString());

        AnalyzeConfig config = run.analyzed.get(0);
        assertThat(config.output()).isEqualTo(
                new OutputConfig(OutputFormat.TEXT, false, OutputConfig.DEFAULT_TOP, Optional.empty(), false));
        assertThat(config.filter()).isEqualTo(org.pdrop.drops.FilterSpec.NONE);
        assertThat(config.input().kallsyms()).isEmpty();
    }

    @Test
    void absoluteTimesUseTheDefaultZone() {
        CliRun run = CliRun.run("--end", "2026-11-26 12:39:30.25", dir.toString());

        assertThat(run.analyzed.get(0).filter().end())
                .contains(TimeSyntax.parseTime("2026-11-26T12:39:30.25", ZoneId.systemDefault()));
    }

    @Test
    void dumpConfigHonoursUtc() {
        assertThat(CliRun.run("dump", dir.toString()).dumped)
                .containsExactly(new DumpConfig(List.of(dir), ZoneId.systemDefault()));
        assertThat(CliRun.run("dump", "--clock-gmt", dir.toString()).dumped)
                .containsExactly(new DumpConfig(List.of(dir), ZoneOffset.UTC));
    }

    @Test
    void traceErrorsPrintTheMessageChainAndExit3() {
        CtfException failure = new CtfException("Cannot open trace: path=\"t\"",
                new CorruptTraceException("Cannot decode packet header: stream=\"kernel/channel0_0\", packet-offset=4096"));

        CliRun run = CliRun.failing(failure, dir.toString());

        assertThat(run.status).isEqualTo(3);
        assertThat(run.errLines()).containsExactly("pdrop: Cannot open trace: path=\"t\": "
                + "Cannot decode packet header: stream=\"kernel/channel0_0\", packet-offset=4096");
    }

    @Test
    void fileErrorsFromServicesAreExit3() {
        CliRun run = CliRun.failing(new UncheckedIOException(new NoSuchFileException("t/kernel/metadata")), dir.toString());

        assertThat(run.status).isEqualTo(3);
        assertThat(run.errLines()).containsExactly(
                "pdrop: Cannot read file: path=\"t/kernel/metadata\", reason=\"no such file or directory\"");
    }

    @Test
    void internalErrorsSayHowToGetTheStackTrace() {
        CliRun run = CliRun.failing(new IllegalStateException("boom"), dir.toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "pdrop: internal error: IllegalStateException: boom; run with --debug for the stack trace");
    }

    @Test
    void debugPrintsTheStackTrace() {
        CliRun run = CliRun.failing(new IllegalStateException("boom"), dir.toString(), "--debug");

        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).contains("java.lang.IllegalStateException: boom", "\tat org.pdrop.cli.");
        assertThat(run.errLines()).last().isEqualTo("pdrop: internal error: IllegalStateException: boom");
    }

    @Test
    void interruptionIsExit130() {
        CliRun run = CliRun.failing(new UncheckedIOException(new InterruptedIOException()), dir.toString());

        assertThat(run.status).isEqualTo(130);
        assertThat(run.errLines()).containsExactly("pdrop: interrupted");
    }

    @Test
    void aFolderWithoutTraceIsOneLineAndExit3() {
        CliRun run = new CliRun().with(Services.defaults(), dir.toString());

        assertThat(run.status).isEqualTo(3);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("pdrop: Cannot find a CTF trace: path=").contains("no folder below it holds a 'metadata' file");
    }

    @Test
    void defaultCommandIsInsertedAfterTopLevelOptionsOnly() {
        Set<String> commands = Set.of("analyze", "dump", "help");

        assertThat(Main.withDefaultCommand(new String[] {"t"}, commands)).containsExactly("analyze", "t");
        assertThat(Main.withDefaultCommand(new String[] {}, commands)).containsExactly("analyze");
        assertThat(Main.withDefaultCommand(new String[] {"--debug", "--summary", "t"}, commands))
                .containsExactly("--debug", "analyze", "--summary", "t");
        assertThat(Main.withDefaultCommand(new String[] {"--debug", "dump", "t"}, commands))
                .containsExactly("--debug", "dump", "t");
        assertThat(Main.withDefaultCommand(new String[] {"--help"}, commands)).containsExactly("--help");
        assertThat(Main.withDefaultCommand(new String[] {"--debug", "-V"}, commands)).containsExactly("--debug", "-V");
        assertThat(Main.withDefaultCommand(new String[] {"--", "dump"}, commands)).containsExactly("analyze", "--", "dump");
    }

    @Test
    void theGuessBeforeParsingNamesTheTracesAndKallsymsOfCommandsThatReadTraces() {
        Main.Guess g = Main.Guess.of(new String[] {"--debug", "--summary", "t1", "--kallsyms", "k", "t2"});
        assertThat(g.analysis()).isTrue();
        assertThat(g.traces()).containsExactly(Path.of("t1"), Path.of("t2"));
        assertThat(g.kallsyms()).contains(Path.of("k"));
        assertThat(Main.Guess.of(new String[] {"analyze", "--kallsyms=k2", "t"}))
                .isEqualTo(new Main.Guess(List.of(Path.of("t")), true, Optional.of(Path.of("k2"))));
        assertThat(Main.Guess.of(new String[] {"dump", "t"}))
                .isEqualTo(new Main.Guess(List.of(Path.of("t")), false, Optional.empty()));
        assertThat(Main.Guess.of(new String[] {"--", "dump"}))
                .as("after --, a path").isEqualTo(new Main.Guess(List.of(Path.of("dump")), true, Optional.empty()));
        for (String[] none : new String[][] {{"record", "ping", "host"}, {"generate", "--out", "x"}, {"help", "dump"},
            {"--help"}, {"t", "-V"}, {"t\u0000x"}}) {
            assertThat(Main.Guess.of(none)).as(String.join(" ", none)).isEqualTo(Main.Guess.NOTHING);
        }
    }

    @Test
    void exitCodesAreUnique() {
        assertThat(Set.of(ExitCode.values()).stream().map(ExitCode::code).distinct()).hasSize(ExitCode.values().length);
    }

    private static String[] concat(List<String> first, String[] rest) {
        return java.util.stream.Stream.concat(first.stream(), List.of(rest).stream()).toArray(String[]::new);
    }
}

package org.pdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pdrop.record.EventSet;
import org.pdrop.record.Host;
import org.pdrop.record.LossRequest;
import org.pdrop.record.RecordRequest;
import org.pdrop.record.Timeouts;

class RecordCommandTest {
    @TempDir
    Path dir;

    final List<RecordRequest> requests = new ArrayList<>();

    CliRun run(String... args) {
        RecordService service = (request, out, err) -> {
            requests.add(request);
            return 0;
        };
        return new CliRun().with(new Services(AnalyzeService.NOT_IMPLEMENTED, DumpService.NOT_IMPLEMENTED, service),
                args);
    }

    @Test
    void helpShowsUsageOptionsExamplesAndExitCodes() {
        CliRun run = run("record", "--help");

        assertThat(run.status).isZero();
        assertThat(run.err).isEmpty();
        assertThat(run.out).startsWith("Usage: pdrop record [-o DIR] [--duration DURATION] [--events SET]")
                .contains("pdrop record [OPTIONS] [--] COMMAND [ARGS...]", "-o, --output=DIR", "--duration=DURATION",
                        "--events=SET", "--context=NAME", "--netem-loss=PERCENT", "--dev=IFACE", "--force",
                        "(10%, 0.5%)", "Examples:", "sudo pdrop record --duration 30s -o /tmp/drops", "Exit codes:",
                        "130", "In record, exit status 4 means a check failed");
        assertThat(run("help", "record").out).isEqualTo(run.out);
        assertThat(run("--help").out).containsPattern("(?m)^  record +Record an LTTng kernel trace of packet drops");
    }

    @Test
    void defaults() {
        CliRun run = run("record");

        assertThat(run.status).as(run.err).isZero();
        RecordRequest r = requests.get(0);
        assertThat(r.output()).isNull();
        assertThat(r.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(r.command()).isEmpty();
        assertThat(r.events()).isEqualTo(EventSet.DROPS);
        assertThat(r.contexts()).containsExactly("procname", "tid", "pid");
        assertThat(r.loss()).isNull();
        assertThat(r.commandLine()).containsExactly("pdrop", "record");
        assertThat(r.pdropVersion()).isEqualTo(VersionProvider.version());
    }

    @Test
    void everyOption() {
        CliRun run = run("record", "-o", "out", "--duration", "1.5s", "--events", "net", "--context", "tid,pid",
                "--context", "procname", "--netem-loss", "0.5%", "--dev", "eth0", "--force");

        assertThat(run.status).as(run.err).isZero();
        RecordRequest r = requests.get(0);
        assertThat(r.output()).isEqualTo(Path.of("out"));
        assertThat(r.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(r.events()).isEqualTo(EventSet.NET);
        assertThat(r.contexts()).containsExactly("tid", "pid", "procname");
        assertThat(r.loss()).isEqualTo(new LossRequest(new BigDecimal("0.5"), "eth0", true));
        assertThat(r.loss().netemLoss()).isEqualTo("0.5%");
        assertThat(r.commandLine()).containsExactly("pdrop", "record", "-o", "out", "--duration", "1.5s", "--events",
                "net", "--context", "tid,pid", "--context", "procname", "--netem-loss", "0.5%", "--dev", "eth0",
                "--force");
    }

    @Test
    void commandAfterDoubleDashOrAfterTheOptions() {
        run("record", "--events", "all", "--", "ping", "-c", "3", "192.0.2.1");
        run("record", "--netem-loss", "10", "--dev", "lo", "ping", "-c", "3", "192.0.2.1");

        assertThat(requests).extracting(RecordRequest::command).containsExactly(
                List.of("ping", "-c", "3", "192.0.2.1"), List.of("ping", "-c", "3", "192.0.2.1"));
        assertThat(requests).extracting(RecordRequest::duration).containsOnlyNulls();
        assertThat(requests.get(1).loss().netemLoss()).isEqualTo("10%");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--duration 10x | Invalid value for option '--duration': expected a number and a unit (ns, us, ms, s, m, h)"
                + " such as 500ms, 1.5s or 2m, got '10x'",
        "--duration 0s | Invalid value for option '--duration': duration must be greater than zero, got '0s'",
        "--duration 5s -- sleep 1 | --duration and COMMAND exclude each other: record for a time, or while COMMAND runs",
        "--netem-loss 10% | --netem-loss needs --dev IFACE, the device whose outgoing packets to drop",
        "--dev eth0 | --dev is only used with --netem-loss",
        "--force | --force is only used with --netem-loss",
        "--netem-loss 150% --dev eth0 | Invalid value for option '--netem-loss' or '--dev': loss must be more than 0%"
                + " and at most 100%, got 150%",
        "--netem-loss 0 --dev eth0 | Invalid value for option '--netem-loss' or '--dev': loss must be more than 0%"
                + " and at most 100%, got 0%",
        "--netem-loss ten --dev eth0 | Invalid value for option '--netem-loss' or '--dev': expected a percentage"
                + " such as 10% or 0.5%, got 'ten'",
        "--netem-loss 1% --dev a/b | Invalid value for option '--netem-loss' or '--dev': not a network interface"
                + " name: 'a/b'",
        "--context pid,prio | Invalid value for option '--context': prio crashes some kernels at the first"
                + " sched_switch (lttng-modules 2.13 on Linux 6.1): leave it out",
        "--context 'p id' | Invalid value for option '--context': not an LTTng context name: ''p id''",
        "--events bogus | Invalid value for option '--events': expected drops, net or all, got 'bogus'"})
    void usageErrorsExitWith2(String args, String message) {
        List<String> argv = new ArrayList<>(List.of("record"));
        argv.addAll(List.of(args.replace("'p id'", "p\u0000id").split(" ")));
        argv.replaceAll(a -> a.replace('\u0000', ' '));
        CliRun run = run(argv.toArray(String[]::new));

        assertThat(run.status).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("pdrop: " + message.replace("''p id''", "'p id'"),
                "Try 'pdrop record --help' for more information.");
        assertThat(requests).isEmpty();
    }

    @Test
    void notRootIsAOneLineErrorWithExitCode4() throws IOException {
        Path proc = Files.createDirectories(dir.resolve("proc/self"));
        Files.writeString(proc.resolve("status"), "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n");
        Host host = new Host(dir.resolve("proc"), dir.resolve("sys"), Map.of("PATH", dir.toString()),
                Clock.systemUTC(), new Random(1), Timeouts.DEFAULT, 0);
        CliRun run = new CliRun().with(new Services(AnalyzeService.NOT_IMPLEMENTED, DumpService.NOT_IMPLEMENTED,
                RecordService.on(host)), "record", "-o", dir.resolve("out").toString());

        assertThat(run.status).isEqualTo(4);
        assertThat(run.out).isEmpty();
        assertThat(run.errLines()).containsExactly("pdrop: Cannot record: kernel tracing and qdisc changes need root,"
                + " and pdrop runs as uid 1000: run it as root (sudo pdrop record ...)");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void theRecorderUsesExitCodeForItsStatuses() {
        assertThat(RecordService.STATUSES.ok()).isEqualTo(ExitCode.OK.code());
        assertThat(RecordService.STATUSES.failed()).isEqualTo(ExitCode.TRACER_FAILURE.code());
        assertThat(RecordService.STATUSES.interrupted()).isEqualTo(ExitCode.INTERRUPTED.code());
    }
}

package org.pdrop.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One {@code pdrop} run in memory: exit status, stdout, stderr, and the configs the services got. */
final class CliRun {
    final List<AnalyzeConfig> analyzed = new ArrayList<>();
    final List<DumpConfig> dumped = new ArrayList<>();
    int status;
    String out;
    String err;

    /** Runs with services that record their config and succeed. */
    static CliRun run(String... args) {
        CliRun run = new CliRun();
        return run.with(new Services(
                (config, out, err) -> {
                    run.analyzed.add(config);
                    return ExitCode.OK;
                },
                (config, out, err) -> {
                    run.dumped.add(config);
                    return ExitCode.OK;
                }), args);
    }

    /** Runs with an analyze service that throws {@code failure}. */
    static CliRun failing(RuntimeException failure, String... args) {
        return new CliRun().with(new Services((c, o, e) -> {
            throw failure;
        }, DumpService.NOT_IMPLEMENTED), args);
    }

    CliRun with(Services services, String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        status = Main.execute(services, new PrintWriter(outText), new PrintWriter(errText), args);
        out = outText.toString();
        err = errText.toString();
        return this;
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}

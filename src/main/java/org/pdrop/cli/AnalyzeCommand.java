package org.pdrop.cli;

import org.pdrop.drops.FilterSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pdrop [analyze] [OPTIONS] TRACE...}: options to {@link AnalyzeConfig} to {@link AnalyzeService}. */
@Command(name = "analyze", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Find where the kernel dropped packets (skb_kfree events) in TRACE...",
                "This is the default command: 'pdrop [OPTIONS] TRACE...' is 'pdrop analyze [OPTIONS] TRACE...'."})
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;
    @Mixin
    OutputOptions output;
    @Mixin
    FilterOptions filter;
    @Spec
    CommandSpec spec;

    private final AnalyzeService service;
    private final OutputStream rawOut;

    /** @param rawOut standard output as bytes, ending where the command line's writer does */
    AnalyzeCommand(AnalyzeService service, OutputStream rawOut) {
        this.service = service;
        this.rawOut = rawOut;
    }

    /** The config the options describe; also checks that the input paths are readable. */
    AnalyzeConfig config() {
        OutputConfig outputConfig;
        FilterSpec filterConfig;
        try {
            outputConfig = output.toConfig();
            filterConfig = filter.toConfig();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        // After the usage checks: a bad command line is reported before a missing file.
        return new AnalyzeConfig(input.toConfig(), outputConfig, filterConfig, ZoneId.systemDefault());
    }

    @Override
    public Integer call() throws IOException {
        AnalyzeConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        try {
            return service.analyze(config, rawOut, out, spec.commandLine().getErr()).code();
        } finally {
            out.flush();
            rawOut.flush();
        }
    }
}

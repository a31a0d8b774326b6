package org.pdrop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pdrop dump TRACE...}: options to {@link DumpConfig} to {@link DumpService}. */
@Command(name = "dump", sortOptions = false, optionListHeading = "%nOptions:%n", mixinStandardHelpOptions = true,
        description = "Print every event of TRACE... in babeltrace2's default text format.")
final class DumpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "1..*",
            description = "A trace folder, an LTTng session folder or any folder with traces below it.")
    List<Path> traces;

    // babeltrace2 spells it --clock-gmt; both are accepted.
    @Option(names = {"--utc", "--clock-gmt"},
            description = "Print times in UTC instead of the local time zone (which follows TZ).")
    boolean utc;

    @Spec
    CommandSpec spec;

    private final DumpService service;
    private final OutputStream rawOut;

    /** @param rawOut standard output as bytes; whatever was printed through the command line's writer is flushed first */
    DumpCommand(DumpService service, OutputStream rawOut) {
        this.service = service;
        this.rawOut = rawOut;
    }

    DumpConfig config() {
        for (Path trace : traces) {
            UnreadableInputException.check("trace", trace);
        }
        return new DumpConfig(traces, utc ? ZoneOffset.UTC : ZoneId.systemDefault());
    }

    @Override
    public Integer call() throws IOException {
        DumpConfig config = config();
        spec.commandLine().getOut().flush();
        try {
            return service.dump(config, rawOut, spec.commandLine().getErr()).code();
        } finally {
            rawOut.flush();
        }
    }
}

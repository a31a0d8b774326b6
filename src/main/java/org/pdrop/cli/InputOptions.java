package org.pdrop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Mixin: what analyze reads. */
final class InputOptions {
    @Parameters(paramLabel = "TRACE", arity = "1..*",
            description = "A trace folder, an LTTng session folder or any folder with traces below it."
                    + " All traces found are read together, merged by time.")
    List<Path> traces;

    @Option(names = "--kallsyms", paramLabel = "FILE",
            description = "Kernel symbols of the traced host's boot (a /proc/kallsyms copy or a System.map)."
                    + " Default: a 'kallsyms' file in the trace folder, else this host's /proc/kallsyms.")
    Path kallsyms;

    /** Also checks that every path can be read, so a typo fails before any work starts. */
    InputConfig toConfig() {
        for (Path trace : traces) {
            UnreadableInputException.check("trace", trace);
        }
        if (kallsyms != null) {
            UnreadableInputException.check("kallsyms", kallsyms);
        }
        return new InputConfig(traces, Optional.ofNullable(kallsyms));
    }
}

package org.pdrop.cli;

import java.io.IOException;
import java.io.PrintWriter;

/** The seam between {@code pdrop dump} and the trace reader's Babeltrace-style text printer. */
@FunctionalInterface
public interface DumpService {
    /** Placeholder until the dump is wired in {@link Services#defaults()}. */
    DumpService NOT_IMPLEMENTED = (config, out, err) -> {
        throw new UnsupportedOperationException("dump: not implemented yet");
    };

    /**
     * Prints every event. Contract as {@link AnalyzeService#analyze}: paths exist, fatal problems
     * are thrown, warnings (discarded events) go to {@code err}.
     */
    ExitCode dump(DumpConfig config, PrintWriter out, PrintWriter err) throws IOException;
}

package org.pdrop.cli;

import java.io.IOException;
import java.io.OutputStream;
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
     * are thrown, warnings (discarded events) go to {@code err}. {@code out} takes bytes, not
     * characters: strings in a trace need not be UTF-8, and Babeltrace prints them as they are.
     */
    ExitCode dump(DumpConfig config, OutputStream out, PrintWriter err) throws IOException;
}

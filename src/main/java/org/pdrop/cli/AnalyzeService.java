package org.pdrop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The seam between {@code pdrop [analyze]} and the drop analysis. The implementation turns the
 * config into the analysis' own filter and sink types; the CLI knows nothing about drops.
 */
@FunctionalInterface
public interface AnalyzeService {
    /** Placeholder until the analysis is wired in {@link Services#defaults()}. */
    AnalyzeService NOT_IMPLEMENTED = (config, out, err) -> {
        throw new UnsupportedOperationException("analyze: not implemented yet");
    };

    /**
     * Runs the analysis. The trace paths exist and are readable when this is called.
     *
     * @param out results (the caller flushes it). A PrintWriter hides write errors: check
     *     {@code out.checkError()} now and then and stop when the reader has gone ({@code | head})
     * @param err warnings and the lost-events footer; never a stack trace
     * @return {@link ExitCode#OK} when a report was written
     * @throws IOException when a file cannot be read. This and any other exception (such as
     *     {@code org.pdrop.ctf.CtfException}) is fatal: the CLI prints its message chain on one
     *     line and maps it to an exit code, so messages must say what failed and where
     *     ("Cannot ...: path=..., offset=...").
     */
    ExitCode analyze(AnalyzeConfig config, PrintWriter out, PrintWriter err) throws IOException;

    /**
     * As {@link #analyze(AnalyzeConfig, PrintWriter, PrintWriter)}, with standard output also as
     * bytes: {@code rawOut} ends where {@code out} does (flush {@code out} before writing to it;
     * the caller flushes both after). Implementations that write a lot of UTF-8 (JSON, CSV) use it
     * to skip encoding chars; by default the PrintWriter is used.
     */
    default ExitCode analyze(AnalyzeConfig config, OutputStream rawOut, PrintWriter out, PrintWriter err)
            throws IOException {
        return analyze(config, out, err);
    }
}

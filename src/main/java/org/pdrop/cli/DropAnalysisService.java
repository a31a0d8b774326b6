package org.pdrop.cli;

import java.io.BufferedOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import org.pdrop.drops.AnalysisRequest;
import org.pdrop.drops.DropAnalysis;
import org.pdrop.drops.DropSink;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.lttng.LttngIndexProvider;
import org.pdrop.report.Sinks;

/** {@code pdrop [analyze]} wired to the drop analysis: maps the CLI config to an {@link AnalysisRequest}. */
final class DropAnalysisService implements AnalyzeService {
    /** Bytes per write(2) for byte output: as the PrintWriter's buffer in {@link Main}. */
    private static final int BUFFER = 1 << 16;

    @Override
    public ExitCode analyze(AnalyzeConfig config, PrintWriter out, PrintWriter err) throws IOException {
        AnalysisRequest request = request(config, new LttngIndexProvider(m -> err.println("pdrop: warning: " + m)));
        DropAnalysis.run(request, Sinks.forRequest(request, out, err), err);
        return ExitCode.OK;
    }

    @Override
    public ExitCode analyze(AnalyzeConfig config, OutputStream rawOut, PrintWriter out, PrintWriter err)
            throws IOException {
        AnalysisRequest request = request(config, new LttngIndexProvider(m -> err.println("pdrop: warning: " + m)));
        out.flush(); // nothing should be pending, but it would come first
        DropSink sink = Sinks.forRequest(request, new BufferedOutputStream(rawOut, BUFFER), out, err);
        Throwable failure = null;
        try {
            DropAnalysis.run(request, sink, err);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            // Records written before a failure still come out, as they did through the PrintWriter
            // (end() flushes on success). A failure to flush (the reader went away) must not hide
            // the first one.
            if (sink instanceof Flushable f) {
                try {
                    f.flush();
                } catch (IOException e) {
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        }
        return ExitCode.OK;
    }

    static AnalysisRequest request(AnalyzeConfig config, PacketIndexProvider index) {
        OutputConfig o = config.output();
        AnalysisRequest.Builder b = AnalysisRequest.builder(config.input().traces())
                .format(o.format())
                .summary(o.summary())
                .top(o.top())
                .allFrees(o.allFrees())
                .filters(config.filter())
                .zone(config.zone())
                .progress(AnalysisRequest.interactive())
                .index(index);
        config.input().kallsyms().ifPresent(b::kallsyms);
        o.interval().ifPresent(b::interval);
        return b.build();
    }
}

package org.pdrop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.pdrop.drops.AnalysisRequest;
import org.pdrop.drops.DropAnalysis;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.lttng.LttngIndexProvider;
import org.pdrop.report.Sinks;

/** {@code pdrop [analyze]} wired to the drop analysis: maps the CLI config to an {@link AnalysisRequest}. */
final class DropAnalysisService implements AnalyzeService {

    @Override
    public ExitCode analyze(AnalyzeConfig config, PrintWriter out, PrintWriter err) throws IOException {
        AnalysisRequest request = request(config, new LttngIndexProvider(m -> err.println("pdrop: warning: " + m)));
        DropAnalysis.run(request, Sinks.forRequest(request, out, err), err);
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

package org.pdrop.report;

import java.io.PrintWriter;
import org.pdrop.drops.AnalysisRequest;
import org.pdrop.drops.DropSink;

/** The sink a request asks for: its format, listing or summary. */
public final class Sinks {
    private Sinks() {
    }

    /**
     * @param out results
     * @param err the text and CSV loss footer
     */
    public static DropSink forRequest(AnalysisRequest request, PrintWriter out, PrintWriter err) {
        switch (request.format()) {
            case TEXT:
                return request.summary() ? new TextSummarySink(out, request.zone())
                        : new TextSink(out, err, request.zone());
            case JSON:
                return new JsonSink(out, request.zone(), request.summary());
            case CSV:
                return new CsvSink(out, err, request.zone(), request.summary());
            default:
                throw new AssertionError(request.format());
        }
    }
}

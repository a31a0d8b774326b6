package org.pdrop.report;

import java.io.OutputStream;
import java.io.PrintWriter;
import org.pdrop.drops.AnalysisRequest;
import org.pdrop.drops.DropSink;
import org.pdrop.drops.OutputFormat;

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

    /**
     * As {@link #forRequest(AnalysisRequest, PrintWriter, PrintWriter)}, but JSON goes to
     * {@code bytes} as UTF-8: many records, and a byte generator skips encoding chars. The sink
     * flushes {@code bytes} in {@code end}; sinks that write to {@code bytes} are
     * {@link java.io.Flushable}, for output written before a failure.
     *
     * @param bytes standard output as bytes, ending where {@code out} does ({@code out} is
     *     flushed already)
     */
    public static DropSink forRequest(AnalysisRequest request, OutputStream bytes, PrintWriter out,
                                      PrintWriter err) {
        if (request.format() == OutputFormat.JSON) {
            return new JsonSink(bytes, request.zone(), request.summary());
        }
        return forRequest(request, out, err);
    }
}

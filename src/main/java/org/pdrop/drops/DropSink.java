package org.pdrop.drops;

import java.io.IOException;

/**
 * Receives the results of one run, in this order: {@link #begin} once, then {@link #event} and
 * {@link #loss} interleaved in time order, then {@link #end} once. Events arrive already
 * filtered; a sink that only summarises may ignore them and render the report given to
 * {@link #end}. Implementations live in the report package.
 */
public interface DropSink {
    void begin(RunInfo info) throws IOException;

    /** A drop (or, with {@code allFrees}, a normal free) that passed the filters. */
    void event(DropEvent event) throws IOException;

    /** Tracer-side loss, at the time it is found (before the events that follow it). */
    void loss(Loss loss) throws IOException;

    /** The run's aggregate; the sink writes its footer or summary here. */
    void end(DropReport report) throws IOException;
}

package org.pdrop.gen;

/**
 * Events for a {@link StreamWriter}, one at a time: class id, timestamp and raw body (stream event
 * context, event context and payload, starting on a byte). The accessors describe the event the
 * last {@link #next()} moved to; the body array may be reused by the following call.
 */
interface EventSource {
    /** Moves to the next event; false when there is none. */
    boolean next();

    long eventId();

    long timestampCycles();

    byte[] body();

    int bodyOffset();

    long bodyBits();

    /** Whether this is an {@code skb_kfree} event. */
    boolean kfree();

    /**
     * Moves this and every later event {@code cycles} later: time in which the events the tracer
     * discarded would have happened. Sources that replay a trace do not support it.
     */
    default void delay(long cycles) {
        throw new UnsupportedOperationException("this source replays recorded times");
    }
}

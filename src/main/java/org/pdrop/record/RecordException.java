package org.pdrop.record;

/**
 * A recording that cannot start, or a step that failed. The message is written for the person at
 * the terminal: what failed, the key facts as {@code key=value}, and what to do about it.
 */
public class RecordException extends RuntimeException {
    public RecordException(String message) {
        super(message);
    }

    public RecordException(String message, Throwable cause) {
        super(message, cause);
    }
}

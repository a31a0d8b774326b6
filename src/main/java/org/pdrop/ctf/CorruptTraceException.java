package org.pdrop.ctf;

/**
 * A data stream that cannot be decoded: the message names the stream file, the packet's byte
 * offset in it and, where known, the bit offset within the packet and the event class.
 */
public class CorruptTraceException extends CtfException {
    public CorruptTraceException(String message) {
        super(message);
    }

    public CorruptTraceException(String message, Throwable cause) {
        super(message, cause);
    }
}

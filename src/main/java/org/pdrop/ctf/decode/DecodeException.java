package org.pdrop.ctf.decode;

/**
 * A field that cannot be decoded from the bytes at hand: past the packet content, a length that
 * cannot fit, a variant tag that selects nothing. Cheap (no stack trace): the stream layer catches
 * it and rethrows a {@code CorruptTraceException} naming the file and the offset.
 */
public class DecodeException extends RuntimeException {
    public DecodeException(String message) {
        super(message, null, false, false);
    }
}

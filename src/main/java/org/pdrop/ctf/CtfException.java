package org.pdrop.ctf;

/**
 * Base of every error the CTF reader raises. Unchecked: callers that can do something useful
 * (the CLI) catch it at one place and print the message chain.
 *
 * <p>Messages follow one grammar: "Cannot …" or "Failed to …", then {@code : } and
 * {@code key=value} pairs naming where the problem is (file, offset, line).
 */
public class CtfException extends RuntimeException {
    public CtfException(String message) {
        super(message);
    }

    public CtfException(String message, Throwable cause) {
        super(message, cause);
    }
}

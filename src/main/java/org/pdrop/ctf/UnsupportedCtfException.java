package org.pdrop.ctf;

/** Valid CTF that this reader does not support (for example a 128-bit float or CTF 2 metadata). */
public class UnsupportedCtfException extends CtfException {
    public UnsupportedCtfException(String message) {
        super(message);
    }
}

package org.pdrop.ctf;

/** Invalid TSDL metadata: the message names the metadata file and the line (and column) at fault. */
public class MetadataException extends CtfException {
    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.pdrop.ctf.metadata;

import java.nio.file.Path;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.ir.TraceClass;

/** Temporary stand-in until the TSDL parser lands (replaced by the metadata branch). */
public final class MetadataReader {
    private MetadataReader() {}

    public static TraceClass read(Path metadataFile, Diagnostics diag) {
        throw new UnsupportedCtfException("metadata parser not merged yet");
    }

    public static TraceClass parse(String text, String sourceName, Diagnostics diag) {
        throw new UnsupportedCtfException("metadata parser not merged yet");
    }
}

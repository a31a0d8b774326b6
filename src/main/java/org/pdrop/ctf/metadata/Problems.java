package org.pdrop.ctf.metadata;

import org.pdrop.ctf.MetadataException;
import org.pdrop.ctf.UnsupportedCtfException;

/**
 * Builds the metadata error messages in the project's grammar: {@code Cannot <action>: file="…",
 * line=N[, column=C], reason="…"}. Reasons quote TSDL text with backticks so they need no escaping.
 */
final class Problems {
    private Problems() {
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static MetadataException syntax(String source, int line, int column, String reason) {
        return new MetadataException("Cannot parse metadata: file=" + quote(source) + ", line=" + line
                + ", column=" + column + ", reason=" + quote(reason));
    }

    static MetadataException semantic(String action, String source, int line, String reason) {
        return new MetadataException("Cannot " + action + ": file=" + quote(source) + ", line=" + line
                + ", reason=" + quote(reason));
    }

    static UnsupportedCtfException unsupported(String action, String source, int line, String reason) {
        return new UnsupportedCtfException("Cannot " + action + ": file=" + quote(source) + ", line=" + line
                + ", reason=" + quote(reason));
    }
}

package org.pdrop.ctf.ir;

import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.MetadataException;

/**
 * What an IR pass needs besides the IR: where warnings go and the {@link SourceMap} that turns an
 * element into a file and line for error messages.
 */
public final class PassContext {
    private final Diagnostics diagnostics;
    private final SourceMap source;

    public PassContext(Diagnostics diagnostics, SourceMap source) {
        this.diagnostics = diagnostics;
        this.source = source;
    }

    /** A context for IR built by hand: no file, no lines. */
    public static PassContext of(Diagnostics diagnostics) {
        return new PassContext(diagnostics, SourceMap.none());
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public SourceMap source() {
        return source;
    }

    /**
     * An error {@code Cannot <action>: file="…", line=N, <details>, reason="…"}, located at the first
     * of {@code sites} with a known line (pass the most precise element first).
     *
     * @param details key=value pairs naming the element (may be empty)
     */
    public MetadataException error(String action, String details, String reason, Object... sites) {
        StringBuilder m = new StringBuilder("Cannot ").append(action).append(':');
        String sep = " ";
        if (source.file() != null) {
            m.append(sep).append("file=").append(quote(source.file()));
            sep = ", ";
            for (Object site : sites) {
                int line = source.line(site);
                if (line > 0) {
                    m.append(sep).append("line=").append(line);
                    break;
                }
            }
        }
        if (details != null && !details.isEmpty()) {
            m.append(sep).append(details);
            sep = ", ";
        }
        m.append(sep).append("reason=").append(quote(reason));
        return new MetadataException(m.toString());
    }

    /** Double-quotes a value for a key=value pair. */
    public static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

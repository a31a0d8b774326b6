package org.pdrop.drops;

/** How the analysis writes its results. */
public enum OutputFormat {
    /** One line per drop in the seed's format (or a readable summary with {@code --summary}). */
    TEXT,
    /** JSON lines: one object per line, each with a {@code type}; see docs/output-schema.md. */
    JSON,
    /** A header row and one row per drop (or per summary row with {@code --summary}). */
    CSV;

    /** Lower case, as typed on the command line and listed in the help. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

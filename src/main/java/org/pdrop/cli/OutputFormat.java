package org.pdrop.cli;

import java.util.Locale;

/** {@code --format}: how analyze writes drops (and the summary) to standard output. */
public enum OutputFormat {
    /** Human-readable; without {@code --summary}, one line per drop in the seed's format. */
    TEXT,
    /** JSON lines: one object per line. */
    JSON,
    /** Comma-separated values with a header line. */
    CSV;

    /** Lower case, as typed on the command line and listed in the help. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

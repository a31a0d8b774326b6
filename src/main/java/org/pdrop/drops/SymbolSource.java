package org.pdrop.drops;

/**
 * Where the symbols of a trace come from, in the order they are tried.
 *
 * @param origin where the file was found
 * @param path   the file read, or null for {@link Origin#NONE}
 * @param count  symbols read
 */
public record SymbolSource(Origin origin, String path, int count) {
    public enum Origin {
        /** {@code --kallsyms FILE}. */
        OPTION,
        /** A {@code kallsyms} file in the trace folder or its session folder. */
        TRACE_FOLDER,
        /** This host's {@code /proc/kallsyms}: right only for a trace of this host's current boot. */
        HOST,
        /** No symbols: locations are printed as addresses only. */
        NONE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static final SymbolSource NONE = new SymbolSource(Origin.NONE, null, 0);
}

package org.pdrop.drops.reasons;

/**
 * Where a drop-reason name (or a whole {@link ReasonTable}) came from, best first.
 *
 * <p>The order of the constants is the order in which {@link ReasonNamer} consults the sources.
 */
public enum ReasonSource {
    /** The traced kernel's own {@code kfree_skb} tracepoint format file: exact for that kernel. */
    FORMAT_FILE,
    /** A table shipped with pdrop for the same release line (major.minor) as the traced kernel. */
    SHIPPED_EXACT,
    /**
     * A shipped table that may not match the traced kernel: the nearest older release line, or a
     * same-line table whose end (MAX, last entries) differs from what the trace or format file says.
     */
    SHIPPED_APPROXIMATE,
    /** A label of the {@code reason} enum in the trace's own metadata (LTTng names only a few). */
    TRACE_ENUM_LABEL,
    /** No name is known; only the number. */
    NUMBER;

    /** True for sources whose names may be wrong for the traced kernel. */
    public boolean isApproximate() {
        return this == SHIPPED_APPROXIMATE;
    }
}

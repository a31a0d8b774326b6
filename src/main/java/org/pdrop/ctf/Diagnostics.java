package org.pdrop.ctf;

/**
 * Where non-fatal problems go: unknown metadata attributes, an index file that was ignored, a
 * packet skipped after an unknown event id. Processing continues after a report. Implementations
 * decide whether to print, count or collect.
 */
@FunctionalInterface
public interface Diagnostics {
    /** One-line message in the "Cannot …: key=value" grammar (or a plain warning sentence). */
    void warn(String message);

    /** Drops every warning. */
    Diagnostics IGNORE = message -> { };
}

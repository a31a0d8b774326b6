package org.pdrop.drops;

import java.util.List;

/**
 * What the analysis learned about one trace before reading its events: where it is, which host
 * and kernel recorded it, and which symbols and reason names it is reported with.
 *
 * @param name          the trace folder (several folders of one UUID are one trace)
 * @param hostname      the {@code env} hostname, or null
 * @param kernelRelease the {@code env} kernel_release, or null
 * @param tracer        e.g. {@code lttng-modules 2.13.9}, or null
 * @param hasReasons    whether its {@code skb_kfree} events carry a {@code reason} field
 * @param hasKfree      whether it declares an {@code skb_kfree} event at all
 * @param symbols       where its symbols come from
 * @param reasons       how its reasons are named (one line, e.g. {@code shipped table for 6.1})
 * @param notes         details about the choices above (why a table was not used, ...)
 */
public record TraceInfo(String name, String hostname, String kernelRelease, String tracer, boolean hasReasons,
                        boolean hasKfree, SymbolSource symbols, String reasons, List<String> notes) {
    public TraceInfo {
        notes = List.copyOf(notes);
    }
}

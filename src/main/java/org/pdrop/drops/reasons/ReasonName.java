package org.pdrop.drops.reasons;

import java.util.Objects;
import java.util.Optional;

/**
 * The name pdrop gives to one recorded drop-reason value, with how much to trust it.
 *
 * @param value             the value as recorded in the trace
 * @param name              the reason name without the {@code SKB_DROP_REASON_} prefix (e.g.
 *                          {@code QDISC_DROP}), or {@code null} when no source names the value
 * @param source            where the name came from ({@link ReasonSource#NUMBER} when unnamed)
 * @param approximate       true when the name comes from a table that may not match the traced
 *                          kernel (see {@link ReasonSource#SHIPPED_APPROXIMATE})
 * @param possiblyTruncated true when the recorded value may be the low byte of a larger kernel
 *                          value (LTTng keeps 8 bits); see {@link ReasonNamer} for the exact rule
 */
public record ReasonName(long value, String name, ReasonSource source, boolean approximate,
                         boolean possiblyTruncated) {

    public ReasonName {
        Objects.requireNonNull(source, "source");
        if (name == null && source != ReasonSource.NUMBER) {
            throw new IllegalArgumentException("a name is required for source " + source);
        }
        if (name != null && source == ReasonSource.NUMBER) {
            throw new IllegalArgumentException("source NUMBER has no name");
        }
    }

    /** The name, if any source named the value. */
    public Optional<String> optionalName() {
        return Optional.ofNullable(name);
    }

    /** The name, or the decimal value when unnamed: what a report shows. */
    public String label() {
        return name != null ? name : Long.toString(value);
    }

    /** True when the name says the packet was not dropped ({@code NOT_DROPPED_YET}, {@code CONSUMED}). */
    public boolean isNotADrop() {
        return name != null && DropReasons.isNotADrop(name);
    }
}

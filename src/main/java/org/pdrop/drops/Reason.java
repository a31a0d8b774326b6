package org.pdrop.drops;

import java.util.Objects;

/**
 * A drop-reason value as recorded in a trace, with the name pdrop gives it and how far to trust it.
 *
 * @param value       the recorded value (LTTng keeps 8 bits)
 * @param name        the name without the {@code SKB_DROP_REASON_} prefix ({@code QDISC_DROP}), or
 *                    null when no source names the value
 * @param source      where the name came from: {@code format-file}, {@code shipped-table},
 *                    {@code shipped-table-approximate}, {@code trace-enum} or {@code number}
 * @param approximate the name comes from a table that may not match the traced kernel
 * @param truncated   the value may be the low byte of a larger kernel value
 * @param notADrop    the name means a normal free ({@code NOT_DROPPED_YET}, {@code CONSUMED})
 */
public record Reason(long value, String name, String source, boolean approximate, boolean truncated,
                     boolean notADrop) {
    public static final String FORMAT_FILE = "format-file";
    public static final String SHIPPED_TABLE = "shipped-table";
    public static final String SHIPPED_TABLE_APPROXIMATE = "shipped-table-approximate";
    public static final String TRACE_ENUM = "trace-enum";
    public static final String NUMBER = "number";

    public Reason {
        Objects.requireNonNull(source, "source");
    }

    /** A value nothing names. */
    public static Reason unnamed(long value, boolean truncated) {
        return new Reason(value, null, NUMBER, false, truncated, false);
    }

    // equals and hashCode as a record's, written out (see Site).
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Reason r && value == r.value && approximate == r.approximate
                && truncated == r.truncated && notADrop == r.notADrop && Objects.equals(name, r.name)
                && source.equals(r.source);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(value);
        h = 31 * h + Objects.hashCode(name);
        h = 31 * h + source.hashCode();
        h = 31 * h + Boolean.hashCode(approximate);
        h = 31 * h + Boolean.hashCode(truncated);
        return 31 * h + Boolean.hashCode(notADrop);
    }

    /** The name, or the decimal value when unnamed: what a report shows. */
    public String label() {
        return name != null ? name : Long.toString(value);
    }
}

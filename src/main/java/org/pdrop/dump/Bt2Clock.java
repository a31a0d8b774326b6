package org.pdrop.dump;

import org.pdrop.ctf.ir.ClockClass;

/**
 * Clock cycles to nanoseconds from the origin exactly as Babeltrace 2.0 computes them
 * ({@code bt_util_ns_from_origin()} in {@code lib/trace-ir/utils.h}): the offset in seconds times
 * 10^9, plus the offset cycles and the value each converted on their own through a
 * {@code double} ({@code 1e9 * cycles / frequency}, truncated) unless the clock runs at 1 GHz.
 * pdrop's own {@code ClockMath} is exact; this one reproduces Babeltrace's rounding, which can
 * differ by a nanosecond or more for other frequencies.
 */
final class Bt2Clock {
    private static final long NS_PER_S = 1_000_000_000L;

    private final long frequency;
    private final long baseOffsetNs;
    private final boolean overflows;

    Bt2Clock(ClockClass c) {
        this(c.frequency(), c.offsetSeconds(), c.offsetCycles());
    }

    Bt2Clock(long frequency, long offsetSeconds, long offsetCycles) {
        this.frequency = frequency;
        // The CTF source brings the offset's cycles below one second first.
        long s = offsetSeconds;
        long c = offsetCycles;
        if (Long.compareUnsigned(c, frequency) >= 0) {
            long whole = Long.divideUnsigned(c, frequency);
            s += whole;
            c -= whole * frequency;
        }
        if (s <= Long.MIN_VALUE / NS_PER_S - 1 || s >= Long.MAX_VALUE / NS_PER_S - 1) {
            overflows = true;
            baseOffsetNs = 0;
        } else {
            overflows = false;
            baseOffsetNs = s * NS_PER_S + nsFromValue(frequency, c);
        }
    }

    /** A 1 GHz clock at the origin: what Babeltrace makes up for a trace without clock. */
    static Bt2Clock implicitClock() {
        return new Bt2Clock(NS_PER_S, 0, 0);
    }

    static long nsFromValue(long frequency, long cycles) {
        if (frequency == NS_PER_S) {
            return cycles;
        }
        double d = (1e9 * unsignedToDouble(cycles)) / unsignedToDouble(frequency);
        if (d >= 18446744073709551615.0) {
            return -1L;
        }
        return doubleToUnsigned(d);
    }

    private static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        // Round like a C (double) conversion of uint64 (to nearest).
        return ((v >>> 1) | (v & 1)) * 2.0;
    }

    private static long doubleToUnsigned(double d) {
        if (d < 9.223372036854775807E18) {
            return (long) d;
        }
        return (long) (d - 9.223372036854775807E18) ^ Long.MIN_VALUE;
    }

    /**
     * Nanoseconds from the origin, or {@link Long#MIN_VALUE} when Babeltrace would fail the
     * conversion (it then prints {@code Error} in place of the time).
     */
    long toNs(long cycles) {
        if (overflows) {
            return Long.MIN_VALUE;
        }
        long valueNs = nsFromValue(frequency, cycles);
        if (valueNs < 0) {
            return Long.MIN_VALUE;
        }
        long r = baseOffsetNs + valueNs;
        if (((baseOffsetNs ^ r) & (valueNs ^ r)) < 0) {
            return Long.MIN_VALUE;
        }
        return r;
    }
}

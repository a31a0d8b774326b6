package org.pdrop.ctf.decode;

import org.pdrop.ctf.ir.ClockClass;

/**
 * Converts clock cycles to nanoseconds from the clock's origin (the Unix epoch for LTTng), as
 * CTF 1.8 §8 defines: {@code offset_s} seconds plus {@code offset + cycles} cycles at
 * {@code freq} Hz. The offset is first normalised so that its cycles part is below one second.
 *
 * <p>For clocks not at 1 GHz the conversion is Babeltrace 2's ({@code bt_util_ns_from_origin()}):
 * the offset cycles and the value are each converted on their own as {@code 1e9 * cycles / freq}
 * in {@code double} and truncated. That can be a nanosecond or so off the exact value, but it
 * makes pdrop's times, and the order of events from different streams whose times are that close,
 * the same as Babeltrace's. At 1 GHz (LTTng) the conversion is exact either way.
 */
public final class ClockMath {
    private static final long NS_PER_S = 1_000_000_000L;

    private final long frequency;
    private final long baseNs;

    public ClockMath(ClockClass clock) {
        this(clock.frequency(), clock.offsetSeconds(), clock.offsetCycles());
    }

    public ClockMath(long frequency, long offsetSeconds, long offsetCycles) {
        this.frequency = frequency;
        long s = offsetSeconds + Math.floorDiv(offsetCycles, frequency);
        long c = Math.floorMod(offsetCycles, frequency);
        this.baseNs = s * NS_PER_S + valueNs(frequency, c);
    }

    /** A 1 GHz clock with no offset: what a trace without a clock gets. */
    public static ClockMath defaultClock() {
        return new ClockMath(NS_PER_S, 0, 0);
    }

    public long frequency() {
        return frequency;
    }

    /** Nanoseconds from the origin for a raw clock value (unsigned cycles). */
    public long toNs(long cycles) {
        return baseNs + valueNs(frequency, cycles);
    }

    /** {@code cycles} (unsigned) in ns, as Babeltrace 2's {@code bt_util_ns_from_value()}. */
    static long valueNs(long frequency, long cycles) {
        if (frequency == NS_PER_S) {
            return cycles;
        }
        double ns = 1e9 * unsignedToDouble(cycles) / unsignedToDouble(frequency);
        if (ns >= 0x1p64) {
            return -1L;
        }
        return ns < 0x1p63 ? (long) ns : (long) (ns - 0x1p63) ^ Long.MIN_VALUE;
    }

    /** As C's {@code (double)} of a {@code uint64_t}: rounded to nearest. */
    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }
}

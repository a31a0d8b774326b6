package org.pdrop.ctf.decode;

import org.pdrop.ctf.ir.ClockClass;

/**
 * Converts clock cycles to nanoseconds from the clock's origin (the Unix epoch for LTTng), as
 * CTF 1.8 §8 defines: {@code offset_s} seconds plus {@code offset + cycles} cycles at
 * {@code freq} Hz. The offset is first normalised so that its cycles part is below one second.
 */
public final class ClockMath {
    private final long frequency;
    private final long offsetNs;
    private final long offsetCycles;

    public ClockMath(ClockClass clock) {
        this(clock.frequency(), clock.offsetSeconds(), clock.offsetCycles());
    }

    public ClockMath(long frequency, long offsetSeconds, long offsetCycles) {
        this.frequency = frequency;
        long s = offsetSeconds + Math.floorDiv(offsetCycles, frequency);
        long c = Math.floorMod(offsetCycles, frequency);
        this.offsetNs = s * 1_000_000_000L;
        this.offsetCycles = c;
    }

    /** A 1 GHz clock with no offset: what a trace without a clock gets. */
    public static ClockMath defaultClock() {
        return new ClockMath(1_000_000_000L, 0, 0);
    }

    public long frequency() {
        return frequency;
    }

    /** Nanoseconds from the origin for a raw clock value (unsigned cycles). */
    public long toNs(long cycles) {
        long total = offsetCycles + cycles;
        if (frequency == 1_000_000_000L) {
            return offsetNs + total;
        }
        long whole = Long.divideUnsigned(total, frequency);
        long rem = Long.remainderUnsigned(total, frequency);
        return offsetNs + whole * 1_000_000_000L + rem * 1_000_000_000L / frequency;
    }
}

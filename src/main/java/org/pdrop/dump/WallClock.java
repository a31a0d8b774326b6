package org.pdrop.dump;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Formats nanoseconds from the Unix epoch as Babeltrace 2.0's {@code sink.text.pretty} does
 * ({@code print_timestamp_wall()} in {@code plugins/text/pretty/print.c}): {@code HH:MM:SS.nnnnnnnnn}
 * in the local time zone.
 *
 * <p>Negative times reproduce Babeltrace's behaviour exactly: the first one is printed as
 * {@code -S.nnnnnnnnn} and a warning goes to stderr once; later negative times are printed as the
 * wall-clock time of their absolute value (a Babeltrace quirk, kept for byte-identical output).
 *
 * <p>The zone offset is cached between transitions, so the common case is two compares.
 */
final class WallClock {
    private static final long NS_PER_S = 1_000_000_000L;
    static final String NEGATIVE_WARNING =
            "[warning] Fallback to [sec.ns] to print negative time value. Use --clock-seconds.";

    private final ZoneRules rules;
    private final PrintWriter err;
    private boolean negativeWarned;
    private long offsetValidFrom = Long.MAX_VALUE;
    private long offsetValidTo = Long.MIN_VALUE;
    private int offsetSeconds;
    /** {@code HH:MM:SS.} of {@link #cachedSecond} (events come in bursts within one second). */
    private final byte[] cachedText = {'0', '0', ':', '0', '0', ':', '0', '0', '.'};
    private long cachedSecond = -1;

    WallClock(ZoneId zone, PrintWriter err) {
        this.rules = zone.getRules();
        this.err = err;
        if (rules.isFixedOffset()) {
            offsetSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
            offsetValidFrom = Long.MIN_VALUE;
            offsetValidTo = Long.MAX_VALUE;
        }
    }

    /** Bytes of a time of day as {@link #write} writes it: {@code HH:MM:SS.nnnnnnnnn}. */
    static final int BYTES = 18;

    /**
     * Writes the time of {@code ns} (ns from the epoch, not negative) into {@code a} at {@code p}
     * ({@link #BYTES} bytes) and returns the index after it.
     */
    int write(byte[] a, int p, long ns) {
        long sec = ns / NS_PER_S;
        if (sec != cachedSecond) {
            cache(sec);
        }
        System.arraycopy(cachedText, 0, a, p, cachedText.length);
        return ByteOut.putNineDigits(a, p + cachedText.length, ns - sec * NS_PER_S);
    }

    /** Appends the time of {@code ns} (ns from the epoch, signed). */
    void append(ByteOut out, long ns) {
        long sec = ns / NS_PER_S;
        long nsec = ns - sec * NS_PER_S;
        boolean negative = sec < 0 || nsec < 0;
        if (negative) {
            sec = -sec;
            nsec = -nsec;
            if (!negativeWarned) {
                negativeWarned = true;
                err.println(NEGATIVE_WARNING);
                out.put((byte) '-').putDecimal(sec).put((byte) '.').putZeroPadded(nsec, 9);
                return;
            }
        }
        if (sec != cachedSecond) {
            cache(sec);
        }
        out.put(cachedText).putNineDigits(nsec);
    }

    /** Makes {@link #cachedText} the {@code HH:MM:SS.} of second {@code sec} (from the epoch, not negative). */
    private void cache(long sec) {
        long local = sec + offsetAt(sec);
        long secOfDay = Math.floorMod(local, 86_400L);
        int h = (int) (secOfDay / 3600);
        int m = (int) (secOfDay / 60 % 60);
        int s = (int) (secOfDay % 60);
        byte[] c = cachedText;
        c[0] = (byte) ('0' + h / 10);
        c[1] = (byte) ('0' + h % 10);
        c[3] = (byte) ('0' + m / 10);
        c[4] = (byte) ('0' + m % 10);
        c[6] = (byte) ('0' + s / 10);
        c[7] = (byte) ('0' + s % 10);
        cachedSecond = sec;
    }

    private int offsetAt(long epochSecond) {
        if (epochSecond >= offsetValidFrom && epochSecond < offsetValidTo) {
            return offsetSeconds;
        }
        Instant at = Instant.ofEpochSecond(Math.max(Math.min(epochSecond, Instant.MAX.getEpochSecond()),
                Instant.MIN.getEpochSecond()));
        ZoneOffset off = rules.getOffset(at);
        offsetSeconds = off.getTotalSeconds();
        ZoneOffsetTransition prev = rules.previousTransition(at.plusSeconds(1));
        ZoneOffsetTransition next = rules.nextTransition(at);
        offsetValidFrom = prev == null ? Long.MIN_VALUE : prev.toEpochSecond();
        offsetValidTo = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        return offsetSeconds;
    }
}

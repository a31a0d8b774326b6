package org.pdrop.report;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;

/**
 * Formats timestamps (ns since the epoch) in one zone. Not thread-safe: it caches the text of
 * the last second, since consecutive drops mostly share it.
 */
final class TimeText {
    private final ZoneId zone;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedSeed;
    private String cachedIsoPrefix;
    private String cachedOffset;

    TimeText(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone);
    }

    /** {@code YYYY-mm-dd HH:MM:SS.nnnnnnnnn} in local time: the seed's format without brackets. */
    String dateTime(long ns) {
        load(Math.floorDiv(ns, 1_000_000_000L));
        return cachedSeed + nanos(ns);
    }

    /** {@code HH:MM:SS.nnnnnnnnn} in local time, for tables. */
    String timeOfDay(long ns) {
        return dateTime(ns).substring(11);
    }

    /** ISO 8601 with nanoseconds and offset: {@code 2026-11-26T12:39:30.612253605+00:00}. */
    String iso(long ns) {
        load(Math.floorDiv(ns, 1_000_000_000L));
        return cachedIsoPrefix + nanos(ns) + cachedOffset;
    }

    private void load(long sec) {
        if (sec == cachedSecond) {
            return;
        }
        ZonedDateTime t = Instant.ofEpochSecond(sec).atZone(zone);
        LocalDateTime l = t.toLocalDateTime();
        StringBuilder b = new StringBuilder(20);
        pad(b, l.getYear(), 4).append('-');
        pad(b, l.getMonthValue(), 2).append('-');
        pad(b, l.getDayOfMonth(), 2).append(' ');
        pad(b, l.getHour(), 2).append(':');
        pad(b, l.getMinute(), 2).append(':');
        pad(b, l.getSecond(), 2).append('.');
        cachedSeed = b.toString();
        cachedIsoPrefix = cachedSeed.replace(' ', 'T');
        cachedOffset = offset(t.getOffset());
        cachedSecond = sec;
    }

    private static String offset(ZoneOffset o) {
        int total = o.getTotalSeconds();
        int abs = Math.abs(total);
        StringBuilder b = new StringBuilder(6).append(total < 0 ? '-' : '+');
        pad(b, abs / 3600, 2).append(':');
        pad(b, (abs / 60) % 60, 2);
        return b.toString();
    }

    private static String nanos(long ns) {
        String s = Long.toString(Math.floorMod(ns, 1_000_000_000L));
        return "000000000".substring(s.length()) + s;
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    /** A duration in seconds with three decimals ({@code 21.345 s}). */
    static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }
}

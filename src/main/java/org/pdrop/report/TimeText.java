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
    // The same two texts as ASCII bytes, for iso(long, byte[]): per-event output copies them
    // instead of concatenating Strings (only the nine fraction digits change within a second).
    private byte[] cachedIsoPrefixBytes;
    private byte[] cachedOffsetBytes;

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
        byte[] b = new byte[ISO_MAX];
        return new String(b, 0, iso(ns, b), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Longest {@link #iso(long, byte[])} text: a year of up to 10 digits, then 30 more bytes. */
    static final int ISO_MAX = 40;

    /**
     * {@link #iso(long)} written into {@code buf} (at least {@link #ISO_MAX} long) as ASCII,
     * without making a String: for sinks that write one per event.
     *
     * @return the number of bytes written
     */
    int iso(long ns, byte[] buf) {
        return iso(ns, buf, 0);
    }

    /** {@link #iso(long, byte[])} written at {@code buf[at]} (with {@link #ISO_MAX} bytes of room). */
    int iso(long ns, byte[] buf, int at) {
        load(Math.floorDiv(ns, 1_000_000_000L));
        byte[] prefix = cachedIsoPrefixBytes;
        System.arraycopy(prefix, 0, buf, at, prefix.length);
        int n = at + prefix.length;
        int frac = (int) Math.floorMod(ns, 1_000_000_000L);
        for (int i = n + 8; i >= n; i--) {
            buf[i] = (byte) ('0' + frac % 10);
            frac /= 10;
        }
        n += 9;
        byte[] offset = cachedOffsetBytes;
        System.arraycopy(offset, 0, buf, n, offset.length);
        return n + offset.length - at;
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
        cachedIsoPrefixBytes = cachedIsoPrefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        cachedOffsetBytes = cachedOffset.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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

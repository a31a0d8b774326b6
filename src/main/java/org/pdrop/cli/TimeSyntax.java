package org.pdrop.cli;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import org.pdrop.drops.TimeBound;

/**
 * The command line's time syntax.
 *
 * <ul>
 *   <li>Duration: a decimal number and a unit, {@code 100ns 250us 500ms 1s 1.5s 2m 1h}; exact to
 *       the nanosecond (computed in decimal, so {@code 0.1s} is exactly 100 ms).
 *   <li>Time: absolute local time {@code 2026-11-26 12:39:30[.nnnnnnnnn]} (a {@code T} may
 *       replace the space; a trailing {@code Z} or {@code +01:00} gives the offset explicitly), or
 *       {@code +DURATION} after the trace's first event.
 * </ul>
 */
public final class TimeSyntax {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L,
            "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final String DURATION_HELP =
            "expected a number and a unit (ns, us, ms, s, m, h) such as 500ms, 1.5s or 2m";
    private static final String TIME_HELP =
            "expected 'YYYY-MM-DD HH:MM:SS[.nnnnnnnnn]' (local time) or '+DURATION' after the trace start";

    private TimeSyntax() {
    }

    /** Parses a non-negative duration; throws {@link IllegalArgumentException} saying what is expected. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(DURATION_HELP + ", got '" + text + "'");
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNIT_NANOS.get(m.group(2))));
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "duration must be a whole number of nanoseconds below 292 years, got '" + text + "'");
        }
    }

    /** Parses a {@code --begin}/{@code --end} value; local times are resolved in {@code zone}. */
    public static TimeBound parseTime(String text, ZoneId zone) {
        String s = text.strip();
        if (s.startsWith("+")) {
            try {
                return new TimeBound.AfterStart(parseDuration(s.substring(1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TIME_HELP + "; " + e.getMessage());
            }
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            return new TimeBound.At(LocalDateTime.parse(iso).atZone(zone).toInstant());
        } catch (DateTimeException local) {
            try {
                return new TimeBound.At(OffsetDateTime.parse(iso).toInstant());
            } catch (DateTimeException offset) {
                throw new IllegalArgumentException(TIME_HELP + ", got '" + text + "'");
            }
        }
    }

    /** picocli converter for {@code DURATION} options that must be positive ({@code --interval}). */
    static final class PositiveDurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (d.isZero()) {
                throw new TypeConversionException("duration must be greater than zero, got '" + value + "'");
            }
            return d;
        }
    }

    /**
     * picocli converter for {@code --begin}/{@code --end}. Local times use the JVM's default zone,
     * which follows {@code TZ}, the same zone the text output prints times in.
     */
    static final class TimeBoundConverter implements ITypeConverter<TimeBound> {
        @Override
        public TimeBound convert(String value) {
            try {
                return parseTime(value, ZoneId.systemDefault());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

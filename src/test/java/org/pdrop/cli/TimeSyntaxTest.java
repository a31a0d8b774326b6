package org.pdrop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdrop.drops.TimeBound;

class TimeSyntaxTest {
    @ParameterizedTest
    @CsvSource({
        "1s, 1000000000", "500ms, 500000000", "2m, 120000000000", "1h, 3600000000000",
        "1.5s, 1500000000", "0.1s, 100000000", "250us, 250000", "100ns, 100", "0s, 0"})
    void durations(String text, long nanos) {
        assertThat(TimeSyntax.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "", "s", "-1s", "1sec", "1 s", "1.s", ".5s", "1e3ms", "999999999h",
        "1.0000000005s"}) // finer than a nanosecond: refused, not rounded
    void badDurations(String text) {
        assertThatThrownBy(() -> TimeSyntax.parseDuration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-11-26 12:39:30           | UTC          | 2026-11-26T12:39:30Z",
        "2026-11-26 12:39:30.5         | UTC          | 2026-11-26T12:39:30.500Z",
        "2026-11-26 12:39:30.123456789 | UTC          | 2026-11-26T12:39:30.123456789Z",
        "2026-11-26T12:39:30           | UTC          | 2026-11-26T12:39:30Z",
        "2026-11-26 12:39:30           | Europe/Paris | 2026-11-26T11:39:30Z",
        "2026-07-01 12:00:00           | Europe/Paris | 2026-07-01T10:00:00Z",
        "2026-11-26T12:39:30Z          | Europe/Paris | 2026-11-26T12:39:30Z",
        "2026-11-26T12:39:30+01:00     | UTC          | 2026-11-26T11:39:30Z"})
    void absoluteTimes(String text, String zone, String expected) {
        assertThat(TimeSyntax.parseTime(text, ZoneId.of(zone))).isEqualTo(new TimeBound.At(Instant.parse(expected)));
    }

    @ParameterizedTest
    @CsvSource({"+1.5s, 1500000000", "+0s, 0", "+2m, 120000000000", "+250us, 250000"})
    void relativeTimes(String text, long nanos) {
        assertThat(TimeSyntax.parseTime(text, ZoneOffset.UTC)).isEqualTo(new TimeBound.AfterStart(Duration.ofNanos(nanos)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01 00:00:00", "2026-02-30 00:00:00", "yesterday", "+", "+5", "12:39:30",
        "2026-11-26 12:39:30.1234567890", "-1s"})
    void badTimes(String text) {
        assertThatThrownBy(() -> TimeSyntax.parseTime(text, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 'YYYY-MM-DD HH:MM:SS");
    }
}

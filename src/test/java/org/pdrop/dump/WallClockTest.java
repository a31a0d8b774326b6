package org.pdrop.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Local times as {@code localtime_r()} gives them, across zone transitions. */
class WallClockTest {
    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Europe/Dublin"})
    void matchesJavaTimeAcrossTransitions(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        WallClock clock = new WallClock(zone, new PrintWriter(new ByteArrayOutputStream(), true));
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").withZone(zone);
        SplittableRandom rnd = new SplittableRandom(7);
        long t = 946_684_800_000_000_000L; // 2000-01-01
        for (int i = 0; i < 50_000; i++) {
            // Mostly small steps (the cache), sometimes days or years (transitions, both ways).
            int k = rnd.nextInt(100);
            long step = k < 90 ? rnd.nextLong(10_000_000_000L) : rnd.nextLong(400L * 86_400 * 1_000_000_000L);
            t = Math.max(0, t + (rnd.nextBoolean() || k < 90 ? step : -step));
            ByteOut b = new ByteOut(32);
            clock.append(b, t);
            Instant at = Instant.ofEpochSecond(t / 1_000_000_000L, t % 1_000_000_000L);
            assertThat(b.toString()).as("t=%d", t).isEqualTo(f.format(at));
        }
    }

    @Test
    void negativeTimesLikeBabeltrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WallClock clock = new WallClock(ZoneId.of("UTC"), new PrintWriter(err, true));
        ByteOut b = new ByteOut(64);
        clock.append(b, -1_500_000_000L);
        b.put(' ');
        clock.append(b, -1_500_000_000L);
        b.put(' ');
        clock.append(b, -86_399_000_000_001L);
        assertThat(b.toString()).isEqualTo("-1.500000000 00:00:01.500000000 23:59:59.000000001");
        assertThat(err.toString()).isEqualTo(WallClock.NEGATIVE_WARNING + System.lineSeparator());
    }
}

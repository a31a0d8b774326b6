package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeTextTest {
    private static final long NS = 1_795_696_770_612_253_605L;

    @Test
    void seedStyleLocalTime() {
        TimeText t = new TimeText(ZoneOffset.UTC);
        assertThat(t.dateTime(NS)).isEqualTo("2026-11-26 12:39:30.612253605");
        assertThat(t.timeOfDay(NS)).isEqualTo("12:39:30.612253605");
        assertThat(t.dateTime(NS - 612_253_605L)).isEqualTo("2026-11-26 12:39:30.000000000");
        assertThat(t.dateTime(NS + 387_746_394L)).as("never rounds up to the next second")
                .isEqualTo("2026-11-26 12:39:30.999999999");
    }

    @Test
    void isoWithOffset() {
        assertThat(new TimeText(ZoneOffset.UTC).iso(NS)).isEqualTo("2026-11-26T12:39:30.612253605+00:00");
        assertThat(new TimeText(ZoneId.of("Asia/Kolkata")).iso(NS)).isEqualTo("2026-11-26T18:09:30.612253605+05:30");
        assertThat(new TimeText(ZoneId.of("America/Montreal")).iso(NS)).isEqualTo("2026-11-26T07:39:30.612253605-05:00");
    }

    @Test
    void beforeTheEpoch() {
        assertThat(new TimeText(ZoneOffset.UTC).dateTime(-1)).isEqualTo("1969-12-31 23:59:59.999999999");
    }

    @Test
    void cacheFollowsTheSecond() {
        TimeText t = new TimeText(ZoneOffset.UTC);
        assertThat(t.dateTime(NS)).isEqualTo("2026-11-26 12:39:30.612253605");
        assertThat(t.dateTime(NS + 1_000_000_000L)).isEqualTo("2026-11-26 12:39:31.612253605");
        assertThat(t.iso(NS)).isEqualTo("2026-11-26T12:39:30.612253605+00:00");
    }

    @Test
    void isoIntoABuffer() {
        TimeText t = new TimeText(ZoneId.of("Asia/Kolkata"));
        byte[] buf = new byte[TimeText.ISO_MAX];
        for (long ns : new long[] {NS, NS + 1, NS - 612_253_605L, NS + 1_000_000_000L, -1, 0}) {
            assertThat(new String(buf, 0, t.iso(ns, buf), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(new TimeText(ZoneId.of("Asia/Kolkata")).iso(ns));
        }
        assertThat(new String(buf, 0, t.iso(-1, buf), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("1970-01-01T05:29:59.999999999+05:30");
    }
}

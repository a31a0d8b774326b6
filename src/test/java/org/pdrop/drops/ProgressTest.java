package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void silentWhenDisabledOrShort() {
        StringWriter w = new StringWriter();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintWriter(w), true, 4096, now::get);
        now.set(1_000_000_000L);
        p.tick(1024, 10);
        Progress off = new Progress(new PrintWriter(w), false, 4096, now::get);
        now.set(10_000_000_000L);
        off.tick(1024, 10);
        off.done();
        assertThat(w.toString()).isEmpty();
    }

    @Test
    void oneUpdatingLineAfterTheDelay() {
        StringWriter w = new StringWriter();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintWriter(w), true, 4096, now::get);
        now.set(2_000_000_000L);
        p.tick(2048, 20_000);
        assertThat(w.toString()).isEqualTo("\rpdrop: 2.0 KiB / 4.0 KiB (50%), 10.0k events/s, 2s left");
        now.set(2_100_000_000L);
        p.tick(3072, 21_000);
        assertThat(w.toString()).as("at most every 250 ms").doesNotContain("75%");
        now.set(3_000_000_000L);
        p.tick(3072, 30_000);
        assertThat(w.toString()).contains("\rpdrop: 3.0 KiB / 4.0 KiB (75%), 10.0k events/s, 1s left");
        p.done();
        assertThat(w.toString()).endsWith("\r");
        assertThat(w.toString()).doesNotContain("\n");
    }

    @Test
    void units() {
        assertThat(Progress.bytes(512)).isEqualTo("512 B");
        assertThat(Progress.bytes(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(Progress.count(2_500_000)).isEqualTo("2.5M");
        assertThat(Progress.duration(59)).isEqualTo("59s");
        assertThat(Progress.duration(61)).isEqualTo("1m01s");
        assertThat(Progress.duration(3700)).isEqualTo("1h01m");
    }
}

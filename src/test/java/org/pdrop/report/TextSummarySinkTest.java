package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TextSummarySinkTest {
    @Test
    void summary() throws IOException {
        SinkFixture f = new SinkFixture();
        String out = f.run(new TextSummarySink(f.outW, ZoneOffset.UTC), false);
        Expect.matches(out, "fixture.summary.txt.expect");
        assertThat(out).contains("lower bound");
        assertThat(f.err.toString()).isEmpty();
    }

    @Test
    void durations() {
        assertThat(TextSummarySink.duration(1_000_000_000L)).isEqualTo("1s");
        assertThat(TextSummarySink.duration(250_000_000L)).isEqualTo("250ms");
        assertThat(TextSummarySink.duration(1_500L)).isEqualTo("1500ns");
    }
}

package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TextSinkTest {
    @Test
    void printsTheSeedFormatForDrops() throws IOException {
        SinkFixture f = new SinkFixture();
        String out = f.run(new TextSink(f.outW, f.errW, ZoneOffset.UTC), false);
        assertThat(out).isEqualTo(""
                + "[2026-11-26 12:39:30.612253605] 0xffffffff814171b8 tcp_v4_rcv+424\n"
                + "[2026-11-26 12:39:30.999999950] 0xffffffffc0a01234 nft_do_chain+52\n"
                + "[2026-11-26 12:39:32.000000001] 0xffffffff00000010\n");
        assertThat(f.err.toString()).isEqualTo(""
                + "pdrop: warning: the tracer discarded 17 events and lost 0 packets: drop counts are lower bounds\n"
                + "pdrop:   kernel/channel0_1: 17 events discarded in 1 range between [2026-11-26 12:39:31.500000000]"
                + " and [2026-11-26 12:39:31.800000000]\n");
    }

    @Test
    void marksNormalFreesWithAllFrees() throws IOException {
        SinkFixture f = new SinkFixture();
        String out = f.run(new TextSink(f.outW, f.errW, ZoneOffset.UTC), true);
        assertThat(out).contains("[2026-11-26 12:39:30.700000000] - (free: skb_consume)\n")
                .contains("[2026-11-26 12:39:32.500000000] 0xffffffff814171b8 tcp_v4_rcv+424 (free: NOT_DROPPED_YET)\n");
        assertThat(out.lines()).hasSize(5);
    }

    @Test
    void honoursTheZone() throws IOException {
        SinkFixture f = new SinkFixture();
        String out = f.run(new TextSink(f.outW, f.errW, ZoneId.of("America/Montreal")), false);
        assertThat(out).startsWith("[2026-11-26 07:39:30.612253605] ");
    }

    @Test
    void noFooterWithoutLoss() throws IOException {
        SinkFixture f = new SinkFixture();
        TextSink sink = new TextSink(f.outW, f.errW, ZoneOffset.UTC);
        sink.begin(SinkFixture.INFO);
        sink.end(new org.pdrop.drops.Aggregator(0).build(SinkFixture.INFO, 10));
        assertThat(f.err.toString()).isEmpty();
        assertThat(f.out.toString()).isEmpty();
    }
}

package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pdrop.drops.Site;

class HexTextTest {
    @Test
    void spellsAddressesAsSiteHex() {
        byte[] buf = new byte[HexText.MAX];
        long[] values = {0, 1, 0xf, 0x10, 0xff3c912789c09300L, 0xffffffffabbc0c3aL, -1, Long.MIN_VALUE,
                Long.MAX_VALUE, 0x0800_0000_0000L};
        for (long v : values) {
            assertThat(new String(buf, 0, HexText.write(v, buf), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(Site.hex(v));
        }
    }
}

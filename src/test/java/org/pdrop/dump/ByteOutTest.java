package org.pdrop.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Number formatting of {@link ByteOut} against the JDK's, on edges and random values. */
class ByteOutTest {
    @Test
    void numbersMatchTheJdk() {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] edges = {0, 1, 9, 10, 99, 100, 999, 1000, 999_999_999, 1_000_000_000, Long.MAX_VALUE, Long.MIN_VALUE,
            -1, -10, 1L << 62, (1L << 62) - 1, 9_999_999_999_999_999L, 10_000_000_000_000_000L,
            999_999_999_999_999_999L, 1_000_000_000_000_000_000L};
        for (int i = 0; i < 20_000; i++) {
            long v = i < edges.length ? edges[i] : rnd.nextLong() >> rnd.nextInt(64);
            ByteOut b = new ByteOut(8);
            b.putDecimal(v).put(' ').putUnsignedDecimal(v).put(' ').putHex(v).put(' ').putOctal(v);
            String want = v + " " + Long.toUnsignedString(v) + " " + Long.toHexString(v).toUpperCase() + " "
                    + Long.toOctalString(v);
            if (v >= 0) {
                b.put(' ').putZeroPadded(v, 9);
                want += " " + String.format("%09d", v);
            }
            assertThat(b.toString()).isEqualTo(want);
        }
    }
}

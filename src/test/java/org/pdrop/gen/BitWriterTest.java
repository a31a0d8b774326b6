package org.pdrop.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pdrop.ctf.decode.BitReader;

/** The writer is the reader's inverse, for every size, bit offset and byte order, and writes nothing else. */
class BitWriterTest {
    @Test
    void whatIsWrittenReadsBackAndTheBitsAroundItStay() {
        SplittableRandom rng = new SplittableRandom(5);
        BitReader r = new BitReader();
        for (int i = 0; i < 20_000; i++) {
            int bits = 1 + rng.nextInt(64);
            long pos = rng.nextInt(64 * 8);
            boolean be = rng.nextBoolean();
            long value = rng.nextLong();
            byte[] buf = new byte[80];
            for (int k = 0; k < buf.length; k++) {
                buf[k] = (byte) rng.nextInt();
            }
            byte[] before = buf.clone();
            long head = pos & 7;
            long tailStart = pos + bits;
            long tailBits = (8 - (tailStart & 7)) & 7;
            r.reset(ByteBuffer.wrap(before), buf.length * 8L);
            long headBefore = head == 0 ? 0 : read(r, pos - head, (int) head, be);
            long tailBefore = tailBits == 0 ? 0 : read(r, tailStart, (int) tailBits, be);

            BitWriter.write(buf, pos, value, bits, be);

            r.reset(ByteBuffer.wrap(buf), buf.length * 8L);
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            assertThat(read(r, pos, bits, be)).as("bits=%d pos=%d be=%b", bits, pos, be).isEqualTo(value & mask);
            if (head > 0) {
                assertThat(read(r, pos - head, (int) head, be)).isEqualTo(headBefore);
            }
            if (tailBits > 0) {
                assertThat(read(r, tailStart, (int) tailBits, be)).isEqualTo(tailBefore);
            }
            int first = (int) (pos >>> 3);
            int end = (int) ((tailStart + 7) >>> 3);
            assertThat(Arrays.copyOfRange(buf, 0, first)).isEqualTo(Arrays.copyOfRange(before, 0, first));
            assertThat(Arrays.copyOfRange(buf, end, buf.length)).isEqualTo(Arrays.copyOfRange(before, end, buf.length));
        }
    }

    private static long read(BitReader r, long pos, int bits, boolean be) {
        r.positionBits(pos);
        return r.readUnsigned(bits, be);
    }
}

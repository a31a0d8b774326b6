package org.pdrop.ctf.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitReaderTest {

    @Test
    void readsByteAlignedIntegersInBothOrders() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08});
        BitReader r = new BitReader();
        r.reset(b, 64);
        assertThat(r.readUnsigned(16, false)).isEqualTo(0x0201);
        assertThat(r.readUnsigned(16, true)).isEqualTo(0x0304);
        assertThat(r.readUnsigned(32, true)).isEqualTo(0x05060708L);
        r.positionBits(0);
        assertThat(r.readUnsigned(64, false)).isEqualTo(0x0807060504030201L);
    }

    @Test
    void littleEndianBitfieldsFillFromTheLeastSignificantBit() {
        // LTTng compact header: 5-bit id then 27-bit timestamp, little endian.
        long id = 17;
        long ts = 0x5ABCDEF;
        long word = id | (ts << 5);
        ByteBuffer b = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, (int) word);
        BitReader r = new BitReader();
        r.reset(b, 32);
        assertThat(r.readUnsigned(5, false)).isEqualTo(id);
        assertThat(r.readUnsigned(27, false)).isEqualTo(ts);
    }

    @Test
    void bigEndianBitfieldsFillFromTheMostSignificantBit() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {(byte) 0b1010_0110, (byte) 0b1100_0000});
        BitReader r = new BitReader();
        r.reset(b, 16);
        assertThat(r.readUnsigned(3, true)).isEqualTo(0b101);
        assertThat(r.readUnsigned(7, true)).isEqualTo(0b0_0110_11);
    }

    @Test
    void signedValuesAreSignExtended() {
        BitWriter w = new BitWriter().le(-3 & 0x7, 3).le(-100 & 0xFFF, 12).align(8).be(-1L, 64);
        BitReader r = new BitReader();
        r.reset(w.toBuffer(), w.positionBits());
        assertThat(r.readSigned(3, false)).isEqualTo(-3);
        assertThat(r.readSigned(12, false)).isEqualTo(-100);
        r.align(8);
        assertThat(r.readSigned(64, true)).isEqualTo(-1);
    }

    /**
     * Property: any sequence of fields written at any bit offset reads back the same. The byte
     * order only changes at byte boundaries: a change inside a byte is refused (see below).
     */
    @Test
    void randomFieldsRoundTripAtEveryOffsetAndOrder() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            BitWriter w = new BitWriter();
            List<long[]> fields = new ArrayList<>();
            boolean be = false;
            for (int i = 0; i < 40; i++) {
                int bits = 1 + rnd.nextInt(64);
                if (rnd.nextInt(4) == 0) {
                    w.align(8);
                    be = !be;
                }
                long v = rnd.nextLong();
                if (bits < 64) {
                    v &= (1L << bits) - 1;
                }
                w.write(v, bits, be);
                fields.add(new long[] {v, bits, be ? 1 : 0});
            }
            BitReader r = new BitReader();
            r.reset(w.toBuffer(), w.positionBits());
            boolean lastBe = false;
            for (long[] f : fields) {
                if (f[2] == 1 != lastBe) {
                    r.align(8);
                    lastBe = f[2] == 1;
                }
                assertThat(r.readUnsigned((int) f[1], f[2] == 1)).isEqualTo(f[0]);
            }
            assertThat(r.remainingBits()).isZero();
        }
    }

    @Test
    void aByteOrderChangeInsideAByteIsRefused() {
        // be 5 bits take bits 7..3 of byte 0; le 3 bits at bit 5 would be bits 5..7 again.
        BitReader r = new BitReader();
        r.reset(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x00}), 16);
        r.readUnsigned(5, true);
        assertThatThrownBy(() -> r.readUnsigned(3, false)).isInstanceOf(BitReader.ByteOrderChangeException.class)
                .hasMessageContaining("byte-order-change=be-to-le, at-bit=5");
        // Skipping records the byte order too.
        r.reset(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x00}), 16);
        r.skipField(3, false);
        assertThatThrownBy(() -> r.skipField(5, true)).isInstanceOf(BitReader.ByteOrderChangeException.class);
        // At a byte boundary, after alignment, the order may change.
        r.reset(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x01}), 16);
        r.readUnsigned(5, true);
        r.align(8);
        assertThat(r.readUnsigned(3, false)).isEqualTo(1);
        // The same order may go on inside a byte.
        r.reset(ByteBuffer.wrap(new byte[] {(byte) 0b1010_0110}), 8);
        assertThat(r.readUnsigned(5, true)).isEqualTo(0b10100);
        assertThat(r.readUnsigned(3, true)).isEqualTo(0b110);
    }

    @Test
    void readsPastTheContentAreRefused() {
        BitReader r = new BitReader();
        r.reset(ByteBuffer.allocate(8), 20);
        r.readUnsigned(16, false);
        assertThatThrownBy(() -> r.readUnsigned(8, false)).isInstanceOf(BitReader.OutOfBoundsException.class)
                .hasMessageContaining("at-bit=16");
        assertThatThrownBy(() -> r.align(32)).isInstanceOf(BitReader.OutOfBoundsException.class);
    }

    @Test
    void stringsStopAtNulAndMustEndInsideTheContent() {
        BitWriter w = new BitWriter().string("eth0").string("");
        BitReader r = new BitReader();
        r.reset(w.toBuffer(), w.positionBits());
        assertThat(new String(r.readCString())).isEqualTo("eth0");
        assertThat(r.readCString()).isEmpty();
        BitReader unterminated = new BitReader();
        unterminated.reset(ByteBuffer.wrap("abc".getBytes()), 24);
        assertThatThrownBy(unterminated::readCString).isInstanceOf(BitReader.OutOfBoundsException.class);
    }

    @Test
    void clockUpdatesCarryWhenTheLowBitsWrap() {
        DecodeState s = new DecodeState(0);
        s.updateClock(0x1_0000_0000L - 10, 64);
        s.updateClock(5, 27); // low 27 bits went from 0x7FFFFF6 to 5: one wrap
        assertThat(s.clockCycles).isEqualTo(0x1_0000_0000L + 5);
        s.updateClock(6, 27);
        assertThat(s.clockCycles).isEqualTo(0x1_0000_0000L + 6);
        s.updateClock(6, 27); // equal value: no wrap
        assertThat(s.clockCycles).isEqualTo(0x1_0000_0000L + 6);
    }

    @Test
    void clockMathHonoursFrequencyAndOffsets() {
        ClockMath ghz = new ClockMath(1_000_000_000L, 10, 5);
        assertThat(ghz.toNs(100)).isEqualTo(10_000_000_105L);
        ClockMath mhz = new ClockMath(1_000_000L, 1, 2_500_000); // offset 2.5 s in cycles: normalised
        assertThat(mhz.toNs(1)).isEqualTo(3_500_001_000L);
        ClockMath neg = new ClockMath(1_000_000_000L, -2, 0);
        assertThat(neg.toNs(1)).isEqualTo(-1_999_999_999L);
    }
}

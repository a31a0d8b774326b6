package org.pdrop.ctf.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdrop.gen.Tsdl;

/**
 * {@link TaggedHeaderDecoder#skip}'s word loads leave the reader and the decode state exactly as
 * the generic decoder it was specialised from does, field by field: same position, event id,
 * clock (wraps included) and byte-order bookkeeping, and the same error where the generic one
 * fails. Random bytes, positions on and off a byte, content ending anywhere.
 */
class TaggedHeaderDecoderTest {
    private static TaggedHeaderDecoder header(String shape) {
        String text = Tsdl.kernel("le", shape.equals("gap") ? "event_header_compact" : shape, 3, "uint8_t _x;");
        if (shape.equals("gap")) {
            // Tag 30 chooses no option: the generic decoder's error.
            text = text.replace("compact = 0 ... 30, extended = 31", "compact = 0 ... 29, extended = 31");
        }
        FieldDecoder h = DecoderCompiler.compile(Tsdl.parse(text)).stream(0).eventHeader();
        assertThat(h).isInstanceOf(TaggedHeaderDecoder.class);
        return (TaggedHeaderDecoder) h;
    }

    /** What a skip leaves behind, or its error. */
    private static String outcome(FieldDecoder d, ByteBuffer buf, long limit, long start, long clock) {
        BitReader r = new BitReader();
        r.reset(buf, limit);
        r.positionBits(start);
        DecodeState s = new DecodeState(4);
        s.clockCycles = clock;
        s.beginEvent();
        try {
            d.skip(r, s);
        } catch (DecodeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        String after = r.positionBits() + " id=" + s.eventId + "/" + s.eventIdSeen + " ts=" + s.timestampSeen
                + " clock=" + s.clockCycles;
        // The byte order of the last field read: a big-endian field inside the next byte is
        // refused after a little-endian one.
        if (r.remainingBits() >= 2) {
            r.positionBits(r.positionBits() + 1);
            try {
                r.readUnsigned(1, true);
                after += " then-be-ok";
            } catch (DecodeException e) {
                after += " then-be-refused";
            }
        }
        return after;
    }

    @ParameterizedTest
    @ValueSource(strings = {"event_header_compact", "event_header_large", "gap"})
    void wordLoadsLeaveWhatTheFieldsLeave(String shape) {
        TaggedHeaderDecoder t = header(shape);
        SplittableRandom rnd = new SplittableRandom(shape.hashCode());
        int fast = 0;
        for (int n = 0; n < 30_000; n++) {
            int capacity = 1 + rnd.nextInt(48);
            byte[] bytes = new byte[capacity];
            rnd.nextBytes(bytes);
            long start = rnd.nextInt(4) == 0 ? rnd.nextInt(capacity * 8) : 8L * rnd.nextInt(capacity);
            int at = (int) (start >>> 3);
            if (rnd.nextInt(3) == 0) {
                // The extended option, and the tag without an option, more often than at random.
                bytes[at] = (byte) (shape.equals("gap") && rnd.nextBoolean() ? 30 : 31);
                if (shape.equals("event_header_large") && at + 1 < capacity) {
                    bytes[at] = (byte) 0xFF;
                    bytes[at + 1] = (byte) 0xFF;
                }
            }
            long limit = rnd.nextInt(4) == 0 ? start + rnd.nextInt(120) : capacity * 8L;
            limit = Math.min(limit, capacity * 8L);
            long clock = rnd.nextBoolean() ? rnd.nextLong() : rnd.nextLong(1L << 40);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            String expected = outcome(t.generic(), buf, limit, start, clock);
            assertThat(outcome(t, buf, limit, start, clock))
                    .as("%s bytes %s from bit %d, limit %d, clock %d", shape, java.util.HexFormat.of().formatHex(bytes),
                            start, limit, clock)
                    .isEqualTo(expected);
            if ((start & 7) == 0 && !expected.contains("Exception")) {
                fast++;
            }
        }
        assertThat(fast).as("headers read on a byte").isGreaterThan(5_000);
    }
}

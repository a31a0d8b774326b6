package org.pdrop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.decode.BitReader;
import org.pdrop.ctf.decode.DecodeState;
import org.pdrop.ctf.decode.DecoderCompiler;
import org.pdrop.ctf.decode.StreamDecoder;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.ir.TraceClass;

/** Headers the encoder writes decode, with the reader's own decoders, to the id and time it was given. */
class EventHeaderEncoderTest {
    @ParameterizedTest
    @CsvSource({"le, event_header_compact, 31, 27", "be, event_header_compact, 31, 27",
            "le, event_header_large, 65535, 32", "be, event_header_large, 65535, 32"})
    void encodedHeadersDecodeToTheirIdAndTimestamp(String order, String header, long firstExtendedId, int tsBits) {
        TraceClass tc = Tsdl.parse(Tsdl.kernel(order, header, 70, "uint32_t _x;"));
        EventHeaderEncoder enc = EventHeaderEncoder.compile(tc.stream(0));
        TraceDecoder td = DecoderCompiler.compile(tc);
        StreamDecoder sd = td.stream(0);
        SplittableRandom rng = new SplittableRandom(3);
        long[] ids = {0, 1, 30, 31, 32, 69, 65534, 65535, 65536, 1L << 31};
        BitReader r = new BitReader();
        DecodeState s = td.newState();
        for (int i = 0; i < 20_000; i++) {
            long id = ids[rng.nextInt(ids.length)];
            long clock = rng.nextLong(1L << 62);
            long delta = switch (rng.nextInt(4)) {
                case 0 -> rng.nextLong(1L << tsBits);
                case 1 -> (1L << tsBits) - 1 - rng.nextInt(2);
                case 2 -> 1L << tsBits;
                default -> rng.nextLong(1L << 40);
            };
            long ts = clock + delta;
            long start = 8L * rng.nextInt(8);
            EventHeaderEncoder.Plan plan = enc.choose(start, id, ts, clock);
            assertThat(plan).isNotNull();
            boolean compact = id < firstExtendedId && delta < (1L << tsBits);
            assertThat(plan.index == 0).as("id=%d delta=%d", id, delta).isEqualTo(compact);
            byte[] buf = new byte[64];
            plan.write(buf, start, id, ts);
            r.reset(ByteBuffer.wrap(buf), buf.length * 8L);
            r.positionBits(start);
            s.clockCycles = clock;
            s.beginEvent();
            sd.eventHeader().skip(r, s);
            assertThat(s.eventId).isEqualTo(id);
            assertThat(s.clockCycles).isEqualTo(ts);
            assertThat(r.positionBits() - start).isEqualTo(plan.sizeBits);
        }
    }

    @Test
    void lttngHeadersAreFourOrSixBytesCompactAndThirteenOrFourteenExtended() {
        EventHeaderEncoder compact = EventHeaderEncoder.compile(
                Tsdl.parse(Tsdl.kernel("le", "event_header_compact", 40, "uint8_t _x;")).stream(0));
        EventHeaderEncoder large = EventHeaderEncoder.compile(
                Tsdl.parse(Tsdl.kernel("le", "event_header_large", 40, "uint8_t _x;")).stream(0));
        assertThat(compact.choose(0, 3, 100, 50).sizeBits).isEqualTo(32);
        assertThat(compact.choose(0, 33, 100, 50).sizeBits).isEqualTo(13 * 8);
        assertThat(large.choose(0, 33, 100, 50).sizeBits).isEqualTo(48);
        assertThat(large.choose(0, 33, 1L << 33, 50).sizeBits).isEqualTo(14 * 8);
        assertThat(compact.maxSizeBits()).isEqualTo(13 * 8);
    }

    @Test
    void refusesAHeaderWithoutTimestamp() {
        String text = Tsdl.kernel("le", "event_header_compact", 2, "uint8_t _x;")
                .replace("event.header := struct event_header_compact;", "event.header := struct { uint32_t id; };");
        assertThatThrownBy(() -> EventHeaderEncoder.compile(Tsdl.parse(text).stream(0)))
                .isInstanceOf(UnsupportedCtfException.class)
                .hasMessageContaining("an event header without timestamp");
    }

    @Test
    void refusesAHeaderThatDoesNotStartOnAByte() {
        String text = Tsdl.kernel("le", "event_header_compact", 2, "uint8_t _x;")
                .replace("} v;\n} align(8);\nstruct event_header_large", "} v;\n};\nstruct event_header_large");
        assertThatThrownBy(() -> EventHeaderEncoder.compile(Tsdl.parse(text).stream(0)))
                .isInstanceOf(UnsupportedCtfException.class)
                .hasMessageContaining("aligned to less than a byte");
    }
}

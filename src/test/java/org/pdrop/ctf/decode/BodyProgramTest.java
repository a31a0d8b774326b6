package org.pdrop.ctf.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.gen.Tsdl;

/**
 * Which bodies get a {@link BodyProgram}, and that compiling one stays bounded on hostile
 * metadata. (That programs skip exactly what the decoders skip is {@code SkippingCursorTest}'s
 * job, on real traces.)
 */
class BodyProgramTest {
    private static EventSkipper skipper(String payload) {
        TraceClass tc = Tsdl.parse(Tsdl.kernel("le", "event_header_large", 3, payload));
        EventSkipper s = DecoderCompiler.compile(tc).stream(0).skipper();
        assertThat(s).isNotNull();
        return s;
    }

    @Test
    void fixedFieldsBitFieldsAndStringsGetAProgram() {
        assertThat(skipper("uint32_t a; uint8_t b[16];").fixedBody(0)).isTrue();
        EventSkipper bits = skipper("integer { size = 4; align = 1; signed = false; byte_order = be; } v; "
                + "integer { size = 4; align = 1; signed = false; byte_order = be; } l; uint8_t tos;");
        assertThat(bits.fixedBody(0)).as("two 4-bit fields and a byte: 2 bytes").isTrue();
        EventSkipper string = skipper("uint32_t a; string s; uint16_t b;");
        assertThat(string.fixedBody(0)).isFalse();
        assertThat(string.skipsBody(0)).isTrue();
        EventSkipper sequence = skipper("uint32_t n; uint16_t items[n]; string s;");
        assertThat(sequence.skipsBody(0)).isTrue();
        EventSkipper variant = skipper("enum : uint8_t { a = 0, b = 1 } tag; "
                + "variant <tag> { struct { } a; struct { uint32_t x; string y; } b; } v;");
        assertThat(variant.skipsBody(0)).isTrue();
    }

    @Test
    void aBodyThatDoesNotEndOnAByteGetsNone() {
        EventSkipper s = skipper("integer { size = 3; align = 1; signed = false; } x; string s;");
        assertThat(s.skipsBody(0)).isFalse();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void nestedArraysAndSequencesOfThemDoNotMakeCompilingExplode() {
        // 4096^4 one-bit fields: laid out one by one, this would never end.
        EventSkipper s = skipper("uint32_t n; integer { size = 1; align = 1; signed = false; } a[n][4096][4096][4096][4096];");
        assertThat(s.skipsBody(0)).isFalse();
        EventSkipper bytes = skipper("uint8_t a[4096][4096][4];");
        assertThat(bytes.fixedBody(0)).as("whole bytes: the decoder's own size, no walk").isTrue();
    }
}

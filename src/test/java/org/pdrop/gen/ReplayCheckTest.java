package org.pdrop.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.metadata.MetadataReader;

class ReplayCheckTest {
    private static List<String> problems(String payload) {
        TraceClass tc = Tsdl.parse(Tsdl.kernel("le", "event_header_compact", 2, payload));
        StreamClass sc = tc.stream(0);
        return ReplayCheck.problems(sc, sc.events());
    }

    @Test
    void lttngKernelMetadataReplays() {
        TraceClass tc = MetadataReader.read(Path.of("bench/template/kernel/metadata"), Diagnostics.IGNORE);
        for (StreamClass sc : tc.streams()) {
            assertThat(ReplayCheck.problems(sc, sc.events())).isEmpty();
        }
        assertThat(problems("uint32_t _len; string _s; uint8_t _a[_len]; uint16_t _b[3];")).isEmpty();
    }

    @Test
    void aFieldAlignedBeyondAByteDoesNot() {
        assertThat(problems("uint8_t _a; integer { size = 64; align = 64; signed = false; } _b;"))
                .contains("event \"ev0\" (id 0) event.fields.b: aligned to 64 bits (more than 8)");
    }

    @Test
    void aSequenceWhoseLengthIsOutsideTheBodyDoesNot() {
        assertThat(problems("uint8_t _a[stream.packet.context.cpu_id];"))
                .contains("event \"ev0\" (id 0) event.fields.a: sequence length stream.packet.context.cpu_id is"
                        + " outside the event body");
    }

    @Test
    void aPayloadIntegerMappedToTheClockDoesNot() {
        assertThat(problems("uint64_clock_monotonic_t _when;"))
                .contains("event \"ev0\" (id 0) event.fields.when: maps to clock monotonic");
    }
}

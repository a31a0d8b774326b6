package org.pdrop.ctf.ir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pdrop.ctf.ir.Ir.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.MetadataException;

class ValidatePassTest {

    private static TraceClass validate(TraceClass tc) {
        return ValidatePass.apply(tc, PassContext.of(Diagnostics.IGNORE));
    }

    private static final StructType GOOD_HEADER = st(f("magic", u(32)), f("uuid", new ArrayType(u(8), 16)),
            f("stream_id", u(32)));

    @Test
    void goodTracePasses() {
        StructType pc = st(f("content_size", u(64)), f("packet_size", u(64)));
        StructType eh = st(f("id", u(16)), f("timestamp", u(64)));
        assertThatCode(() -> validate(trace(GOOD_HEADER, List.of(),
                stream(0, pc, eh, null, event(0, "a", null), event(1, "b", null)), stream(1, null, null, null))))
                .doesNotThrowAnyException();
    }

    @Test
    void packetHeaderRules() {
        assertThatThrownBy(() -> validate(trace(st(f("x", u(8)), f("magic", u(32))), List.of())))
                .isInstanceOf(MetadataException.class).hasMessageContaining("not the first field");
        assertThatThrownBy(() -> validate(trace(st(f("magic", u(64))), List.of())))
                .hasMessageContaining("`magic` is not a 32-bit unsigned integer");
        assertThatThrownBy(() -> validate(trace(st(f("uuid", new ArrayType(u(8), 15))), List.of())))
                .hasMessageContaining("`uuid` is not an array of 16");
        assertThatThrownBy(() -> validate(trace(st(f("uuid", new ArrayType(s(8), 16))), List.of())))
                .hasMessageContaining("`uuid` is not an array of 16");
        assertThatThrownBy(() -> validate(trace(st(f("stream_id", s(32))), List.of())))
                .hasMessageContaining("`stream_id` is not an unsigned integer");
        assertThatThrownBy(() -> validate(trace(st(f("magic", u(32))), List.of(),
                stream(0, null, null, null), stream(1, null, null, null))))
                .hasMessageContaining("more than one stream class but its packet header has no `stream_id`");
    }

    @Test
    void packetContextAndEventHeaderRules() {
        assertThatThrownBy(() -> validate(trace(null, List.of(), stream(0, st(f("content_size", s(64))), null, null))))
                .hasMessageContaining("stream=0, scope=stream.packet.context, field=\"content_size\"")
                .hasMessageContaining("not an unsigned integer");
        assertThatThrownBy(() -> validate(trace(null, List.of(),
                stream(0, null, st(f("id", new StringType(Encoding.UTF8))), null))))
                .hasMessageContaining("`id` is not an unsigned integer");
        assertThatThrownBy(() -> validate(trace(null, List.of(),
                stream(0, null, null, null, event(0, "a", null), event(1, "b", null)))))
                .hasMessageContaining("has 2 event classes but its event header has no `id` field");
    }

    @Test
    void unresolvedReferencesAreRejected() {
        assertThatThrownBy(() -> validate(trace(null, List.of(),
                stream(0, null, null, null, event(0, "a", st(f("len", u(8)), f("a", seq(u(8), "len"))))))))
                .hasMessageContaining("a sequence length is not resolved");
    }
}

package org.pdrop.ctf.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.decode.FieldValue.ArrayValue;
import org.pdrop.ctf.decode.FieldValue.IntValue;
import org.pdrop.ctf.decode.FieldValue.StructValue;
import org.pdrop.ctf.decode.FieldValue.VariantValue;
import org.pdrop.ctf.stream.EventMerger;

/**
 * A sequence length or variant tag inside an array element may name a field of the same element
 * (CTF 1.8 §4.2.2, §4.2.4; the resolve pass allows it): each element is decoded with its own
 * length and tag.
 */
class ArrayElementRefsTest {
    private static final String METADATA = """
            /* CTF 1.8 */
            trace { major = 1; minor = 8; byte_order = le; };
            typealias integer { size = 8; } := u8;
            typealias integer { size = 16; } := u16;
            event {
                name = e;
                fields := struct {
                    u8 n;
                    struct {
                        u8 len;
                        u8 arr[len];
                        enum : u8 { A, B } tag;
                        variant <tag> { u8 A; u16 B; } v;
                    } items[n];
                };
            };
            """;

    @Test
    void eachElementUsesItsOwnLengthAndTag() {
        byte[] data = {
            2,                      // n
            3, 10, 11, 12, 0, 7,    // items[0]: len=3, arr, tag=A, v (u8)
            1, 20, 1, 0x34, 0x12,   // items[1]: len=1, arr, tag=B, v (u16le)
        };
        StructValue payload;
        try (CtfTrace t = CtfTrace.fromMemory(METADATA, Map.of("data", ByteBuffer.wrap(data)), Diagnostics.IGNORE)) {
            EventMerger m = t.merger(true);
            assertThat(m.next()).isTrue();
            payload = m.current().payload();
            assertThat(m.next()).isFalse();
        }
        FieldValue[] items = ((ArrayValue) payload.get("items")).elements();
        assertThat(items).hasSize(2);
        assertThat(ints(((StructValue) items[0]).get("arr"))).containsExactly(10L, 11L, 12L);
        assertThat(((IntValue) ((VariantValue) ((StructValue) items[0]).get("v")).value()).bits()).isEqualTo(7);
        assertThat(ints(((StructValue) items[1]).get("arr"))).containsExactly(20L);
        assertThat(((IntValue) ((VariantValue) ((StructValue) items[1]).get("v")).value()).bits()).isEqualTo(0x1234);
    }

    private static List<Long> ints(FieldValue array) {
        List<Long> out = new ArrayList<>();
        for (FieldValue e : ((ArrayValue) array).elements()) {
            out.add(((IntValue) e).bits());
        }
        return out;
    }
}

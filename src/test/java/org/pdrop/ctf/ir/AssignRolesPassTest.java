package org.pdrop.ctf.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pdrop.ctf.ir.Ir.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pdrop.ctf.Diagnostics;

class AssignRolesPassTest {

    private static TraceClass roles(TraceClass tc) {
        return AssignRolesPass.apply(tc, PassContext.of(Diagnostics.IGNORE));
    }

    @Test
    void packetHeaderRoles() {
        StructType ph = st(f("magic", u(32)), f("uuid", new ArrayType(u(8), 16)), f("stream_id", u(32)),
                f("stream_instance_id", u(64)), f("other", u(8)));
        StructType out = roles(trace(ph, List.of())).packetHeader();
        assertThat(out.fields()).extracting(Field::role).containsExactly(FieldRole.PACKET_MAGIC, FieldRole.TRACE_UUID,
                FieldRole.STREAM_CLASS_ID, FieldRole.STREAM_INSTANCE_ID, FieldRole.NONE);
    }

    @Test
    void packetContextRolesAreTopLevelOnly() {
        StructType pc = st(f("timestamp_begin", u(64)), f("timestamp_end", u(64)), f("content_size", u(64)),
                f("packet_size", u(64)), f("packet_seq_num", u(64)), f("events_discarded", u(64)), f("cpu_id", u(32)),
                f("nested", st(f("cpu_id", u(32)))));
        StructType out = roles(trace(null, List.of(), stream(0, pc, null, null))).streams().get(0).packetContext();
        assertThat(out.fields()).extracting(Field::role).containsExactly(FieldRole.BEGIN_TIME, FieldRole.END_TIME,
                FieldRole.CONTENT_SIZE_BITS, FieldRole.PACKET_SIZE_BITS, FieldRole.PACKET_SEQ_NUM,
                FieldRole.DISCARDED_COUNT, FieldRole.CPU_ID, FieldRole.NONE);
        assertThat(((StructType) out.field("nested").type()).field("cpu_id").role()).isEqualTo(FieldRole.NONE);
    }

    @Test
    void eventHeaderIdAndTimestampAtAnyDepth() {
        VariantType v = new VariantType(new FieldRef("id", Scope.EVENT_HEADER, List.of(0)), List.of(
                f("compact", st(f("timestamp", u(27)))),
                f("extended", st(f("id", u(32)), f("timestamp", u(64)))),
                f("id", u(8))));
        StructType eh = st(f("id", en("compact", "extended", "id")), f("v", v));
        StructType out = roles(trace(null, List.of(), stream(0, null, eh, null))).streams().get(0).eventHeader();
        assertThat(out.field("id").role()).isEqualTo(FieldRole.EVENT_ID);
        VariantType ov = (VariantType) out.field("v").type();
        assertThat(((StructType) ov.options().get(0).type()).field("timestamp").role()).isEqualTo(FieldRole.TIMESTAMP);
        StructType ext = (StructType) ov.options().get(1).type();
        assertThat(ext.fields()).extracting(Field::role).containsExactly(FieldRole.EVENT_ID, FieldRole.TIMESTAMP);
        assertThat(ov.options().get(2).role()).isEqualTo(FieldRole.NONE); // an option's own name does not count
    }

    @Test
    void rolesNeedIntegersAndMatchUnescapedNames() {
        StructType ph = st(f("_magic", u(32)), f("stream_id", new StringType(Encoding.UTF8)), f("uuid", u(8)));
        StructType out = roles(trace(ph, List.of())).packetHeader();
        assertThat(out.fields()).extracting(Field::role).containsExactly(FieldRole.PACKET_MAGIC, FieldRole.NONE,
                FieldRole.NONE);
    }
}

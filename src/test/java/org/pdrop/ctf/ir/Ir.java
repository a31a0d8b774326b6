package org.pdrop.ctf.ir;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/** Small factories for IR built by hand in pass tests. */
final class Ir {
    private Ir() {
    }

    static IntType u(int bits) {
        return new IntType(bits, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, null);
    }

    static IntType s(int bits) {
        return new IntType(bits, 8, true, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, null);
    }

    static IntType clocked(int bits, String clock) {
        return new IntType(bits, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, clock);
    }

    static EnumType en(String... labels) {
        List<EnumType.Mapping> m = new java.util.ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            m.add(new EnumType.Mapping(labels[i], i, i));
        }
        return new EnumType(u(8), m);
    }

    static Field f(String name, FieldType type) {
        return new Field(name, type);
    }

    static StructType st(Field... fields) {
        return new StructType(List.of(fields), 1);
    }

    static SequenceType seq(FieldType element, String ref) {
        return new SequenceType(element, FieldRef.unresolved(ref));
    }

    static VariantType var(String tag, Field... options) {
        return new VariantType(FieldRef.unresolved(tag), List.of(options));
    }

    static EventClass event(long id, String name, StructType payload) {
        return new EventClass(id, name, 0, null, null, null, payload);
    }

    static StreamClass stream(long id, StructType pc, StructType eh, StructType ec, EventClass... events) {
        return new StreamClass(id, pc, eh, ec, null, List.of(events));
    }

    static TraceClass trace(StructType ph, List<ClockClass> clocks, StreamClass... streams) {
        return new TraceClass(1, 8, null, ByteOrder.LITTLE_ENDIAN, ph, Map.of(), clocks, List.of(streams));
    }

    static ClockClass clock(String name) {
        return new ClockClass(name, null, null, 1_000_000_000L, 0, 0, 0, false);
    }
}

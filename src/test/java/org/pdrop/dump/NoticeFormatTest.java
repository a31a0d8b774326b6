package org.pdrop.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.decode.ClockMath;
import org.pdrop.ctf.decode.DecoderCompiler;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.ir.ClockClass;
import org.pdrop.ctf.ir.Encoding;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.Notice;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.StreamFile;

/**
 * Loss warnings in the sentence form of Babeltrace 2.0.4's {@code print_discarded_elements_msg()}
 * (compare {@code shared/reference/bt2-2.0.4/traces__lab-6.1__discarded.err}).
 */
class NoticeFormatTest {
    static final IntType U64 = new IntType(64, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, null);
    static final IntType TS = new IntType(64, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, "monotonic");
    static final ClockClass CLOCK = new ClockClass("monotonic", null, null, 1_000_000_000L, 0, 1_795_696_800L, 0, true);
    static final UUID TRACE_UUID = UUID.fromString("df26ce39-f745-4a4a-b63f-3e9d2dbdd2f2");

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private DataStream stream(boolean times, UUID uuid, long instance) {
        StructType pc = new StructType(times
                ? List.of(new Field("timestamp_begin", "timestamp_begin", TS, FieldRole.BEGIN_TIME),
                        new Field("timestamp_end", "timestamp_end", TS, FieldRole.END_TIME),
                        new Field("events_discarded", "events_discarded", U64, FieldRole.DISCARDED_COUNT))
                : List.of(new Field("events_discarded", "events_discarded", U64, FieldRole.DISCARDED_COUNT)), 8);
        EventClass ev = new EventClass(0, "e", 0, null, null, null, null);
        StreamClass sc = new StreamClass(0, pc, null, null, times ? CLOCK : null, List.of(ev));
        TraceClass tc = new TraceClass(1, 8, uuid, ByteOrder.LITTLE_ENDIAN, null, Map.of("hostname", "kernel-lab"),
                List.of(CLOCK), List.of(sc));
        TraceDecoder decoder = DecoderCompiler.compile(tc);
        DataStream.TraceHandle h = new DataStream.TraceHandle("kernel-lab/kernel", "x", decoder, new ClockMath(CLOCK), 0);
        StreamFile file = new StreamFile("tiny_1", ByteBuffer.allocate(8));
        PacketInfo p = new PacketInfo(file, 0, 64, 64, 0, instance, 0, 0, times, 0, -1);
        return new DataStream(h, "tiny_1", 0, instance, List.of(p), 0);
    }

    private String print(DataStream s, Notice... notices) {
        CtfTrace.Trace t = new CtfTrace.Trace(s.trace().name(), List.of(), s.trace().decoder().traceClass(),
                s.trace().decoder(), s.trace().clock(), List.of(s));
        PrettyPrinter p = new PrettyPrinter(List.of(t), List.of(t.name()), new ByteArrayOutputStream(),
                new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true), ZoneOffset.UTC);
        for (Notice n : notices) {
            p.notice(n);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Notice notice(DataStream s, Notice.Kind kind, long count, long begin, long end, boolean first) {
        return new Notice(kind, s, count, 0, 0, false, begin, end, first);
    }

    @Test
    void discardedEventsAndLostPackets() {
        DataStream s = stream(true, TRACE_UUID, 1);
        String text = print(s,
                notice(s, Notice.Kind.DISCARDED_EVENTS, 1947, 37_985_264_335L, 38_118_443_215L, false),
                notice(s, Notice.Kind.DISCARDED_EVENTS, 1, 1, 2, false),
                notice(s, Notice.Kind.DISCARDED_EVENTS, 17, 3, 4, true),
                notice(s, Notice.Kind.LOST_PACKETS, 2, 5, 6, false));
        String where = " in trace \"kernel-lab/kernel\" (UUID: df26ce39-f745-4a4a-b63f-3e9d2dbdd2f2) within stream "
                + "\"tiny_1\" (stream class ID: 0, stream ID: 1).\n";
        assertThat(text).isEqualTo(""
                + "WARNING: Tracer discarded 1947 events between [12:40:37.985264335] and [12:40:38.118443215]" + where
                + "WARNING: Tracer discarded 1 event between [12:40:00.000000001] and [12:40:00.000000002]" + where
                + "WARNING: Tracer may have discarded events between [12:40:00.000000003] and [12:40:00.000000004]"
                + where
                + "WARNING: Tracer discarded 2 packets between [12:40:00.000000005] and [12:40:00.000000006]" + where);
    }

    @Test
    void withoutPacketTimesOrUuid() {
        DataStream s = stream(false, null, 0);
        assertThat(print(s, notice(s, Notice.Kind.DISCARDED_EVENTS, 17, 0, 0, false))).isEqualTo(
                "WARNING: Tracer discarded 17 events (unknown time range) in trace \"kernel-lab/kernel\" (no UUID) "
                        + "within stream \"tiny_1\" (stream class ID: 0, stream ID: 0).\n");
    }
}

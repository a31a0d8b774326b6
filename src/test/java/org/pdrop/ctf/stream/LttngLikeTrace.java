package org.pdrop.ctf.stream;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pdrop.ctf.decode.BitWriter;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.ClockClass;
import org.pdrop.ctf.ir.Encoding;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRef;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.StringType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.ir.VariantType;

/**
 * Test fixture: the IR of an LTTng kernel trace built by hand (no parser), with roles and the
 * header variant reference resolved as the passes would, and a writer of its packets.
 */
final class LttngLikeTrace {
    static final UUID UUID_ = UUID.fromString("015f5663-9774-5049-8431-62593d919f09");
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    static IntType u(int bits, int align) {
        return new IntType(bits, align, false, LE, 10, Encoding.NONE, null);
    }

    static IntType clockU(int bits, int align) {
        return new IntType(bits, align, false, LE, 10, Encoding.NONE, "monotonic");
    }

    static TraceClass traceClass() {
        IntType u8 = u(8, 8);
        IntType u32 = u(32, 8);
        IntType u64 = u(64, 8);
        StructType header = new StructType(List.of(
                new Field("magic", u32).withRole(FieldRole.PACKET_MAGIC),
                new Field("uuid", new ArrayType(u8, 16)).withRole(FieldRole.TRACE_UUID),
                new Field("stream_id", u32).withRole(FieldRole.STREAM_CLASS_ID),
                new Field("stream_instance_id", u64).withRole(FieldRole.STREAM_INSTANCE_ID)), 8);
        StructType context = new StructType(List.of(
                new Field("timestamp_begin", clockU(64, 8)).withRole(FieldRole.BEGIN_TIME),
                new Field("timestamp_end", clockU(64, 8)).withRole(FieldRole.END_TIME),
                new Field("content_size", u64).withRole(FieldRole.CONTENT_SIZE_BITS),
                new Field("packet_size", u64).withRole(FieldRole.PACKET_SIZE_BITS),
                new Field("packet_seq_num", u64).withRole(FieldRole.PACKET_SEQ_NUM),
                new Field("events_discarded", u64).withRole(FieldRole.DISCARDED_COUNT),
                new Field("cpu_id", u32).withRole(FieldRole.CPU_ID)), 8);
        EnumType idEnum = new EnumType(u(5, 1), List.of(
                new EnumType.Mapping("compact", 0, 30), new EnumType.Mapping("extended", 31, 31)));
        StructType compact = new StructType(List.of(
                new Field("timestamp", clockU(27, 1)).withRole(FieldRole.TIMESTAMP)), 1);
        StructType extended = new StructType(List.of(
                new Field("id", u32).withRole(FieldRole.EVENT_ID),
                new Field("timestamp", clockU(64, 8)).withRole(FieldRole.TIMESTAMP)), 1);
        VariantType v = new VariantType(new FieldRef("id", Scope.EVENT_HEADER, List.of(0)),
                List.of(new Field("compact", compact), new Field("extended", extended)));
        StructType eventHeader = new StructType(List.of(
                new Field("id", idEnum).withRole(FieldRole.EVENT_ID), new Field("v", v)), 8);
        StructType kfree = new StructType(List.of(
                new Field("_skbaddr", u(64, 8)), new Field("_location", u(64, 8)),
                new Field("_protocol", new IntType(16, 8, false, ByteOrder.BIG_ENDIAN, 10, Encoding.NONE, null))), 1);
        StructType comm = new StructType(List.of(new Field("_comm", new StringType(Encoding.UTF8))), 1);
        ClockClass clock = new ClockClass("monotonic", null, "Monotonic Clock", 1_000_000_000L, 0, 0,
                1_700_000_000_000_000_000L, false);
        var events = List.of(
                new EventClass(0, "skb_kfree", 0, null, null, null, kfree),
                new EventClass(1, "sched_comm", 0, null, null, null, comm),
                new EventClass(40, "rare", 0, null, null, null, comm));
        var stream = new org.pdrop.ctf.ir.StreamClass(0, context, eventHeader, null, clock, events);
        return new TraceClass(1, 8, UUID_, LE, header, Map.of("hostname", "lab"), List.of(clock), List.of(stream));
    }

    /** One event to write: class id, full timestamp, payload writer. */
    record Ev(int id, long ts, java.util.function.Consumer<BitWriter> payload) {}

    /** Writes one packet of {@code packetBytes} with the given events (compact or extended headers). */
    static byte[] packet(long cpu, long seq, long discarded, long begin, long end, List<Ev> events, int packetBytes) {
        BitWriter body = new BitWriter();
        long prev = begin;
        List<byte[]> unused = new ArrayList<>();
        BitWriter w = new BitWriter();
        w.le(0xC1FC1FC1L, 32);
        byte[] u = org.pdrop.ctf.stream.PacketScanner.uuidBytes(UUID_);
        for (byte b : u) {
            w.le(b & 0xFF, 8);
        }
        w.le(0, 32).le(cpu, 64);
        long contentPos = w.positionBits() + 64 * 2; // content_size written after the event loop
        w.le(begin, 64).le(end, 64).le(0, 64).le((long) packetBytes * 8, 64).le(seq, 64).le(discarded, 64).le(cpu, 32);
        for (Ev e : events) {
            w.align(8);
            boolean fits = e.id() < 31 && e.ts() - prev < (1L << 27) && e.ts() >= prev;
            if (fits) {
                w.le(e.id(), 5).le(e.ts() & ((1L << 27) - 1), 27);
            } else {
                w.le(31, 5).align(8).le(e.id(), 32).le(e.ts(), 64);
            }
            prev = e.ts();
            e.payload().accept(w);
        }
        long content = w.positionBits();
        byte[] bytes = w.toBytes();
        byte[] out = new byte[packetBytes];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        java.nio.ByteBuffer.wrap(out).order(LE).putLong((int) (contentPos / 8), content);
        return out;
    }
}

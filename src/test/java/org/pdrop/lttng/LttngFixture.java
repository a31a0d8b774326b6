package org.pdrop.lttng;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pdrop.ctf.decode.DecoderCompiler;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.ClockClass;
import org.pdrop.ctf.ir.Encoding;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.TraceClass;

/**
 * Synthetic LTTng-shaped traces without a metadata parser: the packet header and context of
 * lttng-modules (formats.md §5.2) built directly as IR, packets holding only header and context,
 * and index files written byte by byte from the layout in formats.md §3 (not from
 * {@link IndexFormat}, so that a wrong constant there shows up here).
 */
final class LttngFixture {
    static final UUID UUID_A = UUID.fromString("2a6422d0-6cee-11e0-8c08-cb07d7b3a564");
    static final long STREAM_CLASS = 0;

    /** Which optional fields the trace declares. */
    record Shape(boolean instanceIdInHeader, boolean seqNumInContext, ByteOrder order) {
        static final Shape LTTNG_2_8 = new Shape(true, true, ByteOrder.LITTLE_ENDIAN);
        static final Shape LTTNG_2_7 = new Shape(true, false, ByteOrder.LITTLE_ENDIAN);
        static final Shape LTTNG_2_5 = new Shape(false, false, ByteOrder.LITTLE_ENDIAN);
    }

    /** One packet: where it is and what its context says. */
    record Packet(long offset, long packetBits, long contentBits, long begin, long end, long discarded,
                  long seqNum, long instanceId) {}

    private LttngFixture() {}

    static TraceDecoder decoder(Shape shape) {
        return DecoderCompiler.compile(traceClass(shape));
    }

    static TraceClass traceClass(Shape shape) {
        return traceClass(shape, UUID_A);
    }

    static TraceClass traceClass(Shape shape, UUID uuid) {
        ByteOrder o = shape.order();
        ClockClass clock = new ClockClass("monotonic", null, "Monotonic Clock", 1_000_000_000L, 0, 0, 0, false);
        List<Field> header = new ArrayList<>();
        header.add(field("magic", u(32, o, null), FieldRole.PACKET_MAGIC));
        header.add(field("uuid", new ArrayType(u(8, o, null), 16), FieldRole.TRACE_UUID));
        header.add(field("stream_id", u(32, o, null), FieldRole.STREAM_CLASS_ID));
        if (shape.instanceIdInHeader()) {
            header.add(field("stream_instance_id", u(64, o, null), FieldRole.STREAM_INSTANCE_ID));
        }
        List<Field> ctx = new ArrayList<>();
        ctx.add(field("timestamp_begin", u(64, o, "monotonic"), FieldRole.BEGIN_TIME));
        ctx.add(field("timestamp_end", u(64, o, "monotonic"), FieldRole.END_TIME));
        ctx.add(field("content_size", u(64, o, null), FieldRole.CONTENT_SIZE_BITS));
        ctx.add(field("packet_size", u(64, o, null), FieldRole.PACKET_SIZE_BITS));
        if (shape.seqNumInContext()) {
            ctx.add(field("packet_seq_num", u(64, o, null), FieldRole.PACKET_SEQ_NUM));
        }
        ctx.add(field("events_discarded", u(64, o, null), FieldRole.DISCARDED_COUNT));
        ctx.add(field("cpu_id", u(32, o, null), FieldRole.CPU_ID));
        StreamClass sc = new StreamClass(STREAM_CLASS, new StructType(ctx, 1), null, null, clock, List.of());
        return new TraceClass(1, 8, uuid, o, new StructType(header, 1), Map.of("hostname", "fixture"),
                List.of(clock), List.of(sc));
    }

    private static IntType u(int bits, ByteOrder o, String clock) {
        return new IntType(bits, 8, false, o, 10, Encoding.NONE, clock);
    }

    private static Field field(String name, FieldType t, FieldRole role) {
        return new Field(name, name, t, role);
    }

    /** Bytes of header plus context, which is the content of our event-less packets. */
    static int headerAndContextBytes(Shape shape) {
        int header = 4 + 16 + 4 + (shape.instanceIdInHeader() ? 8 : 0);
        int ctx = 8 * 4 + (shape.seqNumInContext() ? 8 : 0) + 8 + 4;
        return header + ctx;
    }

    /**
     * Packets of the given sizes (bytes), back to back from offset 0, with increasing times,
     * discarded counts and sequence numbers derived from the packet's position.
     */
    static List<Packet> packets(Shape shape, long instanceId, int... sizes) {
        List<Packet> out = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            long content = (headerAndContextBytes(shape) + 3L * (i % 8)) * 8;
            out.add(new Packet(offset, sizes[i] * 8L, content, 1000 + 100L * i, 1050 + 100L * i, 7L * i, 10 + i,
                    instanceId));
            offset += sizes[i];
        }
        return out;
    }

    /** The stream file holding these packets (each padded with 0xAB to its size). */
    static byte[] streamBytes(Shape shape, List<Packet> packets) {
        int total = 0;
        for (Packet p : packets) {
            total += (int) (p.packetBits() / 8);
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(shape.order());
        for (Packet p : packets) {
            int start = (int) p.offset();
            b.position(start);
            b.putInt(0xC1FC1FC1);
            b.put(ByteBuffer.allocate(16).putLong(UUID_A.getMostSignificantBits())
                    .putLong(UUID_A.getLeastSignificantBits()).array());
            b.putInt((int) STREAM_CLASS);
            if (shape.instanceIdInHeader()) {
                b.putLong(p.instanceId());
            }
            b.putLong(p.begin()).putLong(p.end()).putLong(p.contentBits()).putLong(p.packetBits());
            if (shape.seqNumInContext()) {
                b.putLong(p.seqNum());
            }
            b.putLong(p.discarded()).putInt((int) p.instanceId());
            while (b.position() < start + p.packetBits() / 8) {
                b.put((byte) 0xAB);
            }
        }
        return b.array();
    }

    /** An index file: header {magic, major, minor, entry size}, then one entry per packet. */
    static byte[] indexBytes(int major, int minor, int entryBytes, List<Packet> packets) {
        ByteBuffer b = ByteBuffer.allocate(16 + entryBytes * packets.size()); // big-endian
        b.putInt(0xC1F1DCC1).putInt(major).putInt(minor).putInt(entryBytes);
        for (Packet p : packets) {
            int start = b.position();
            b.putLong(p.offset()).putLong(p.packetBits()).putLong(p.contentBits()).putLong(p.begin())
                    .putLong(p.end()).putLong(p.discarded()).putLong(STREAM_CLASS);
            if (entryBytes >= 72) {
                b.putLong(p.instanceId()).putLong(p.seqNum());
            }
            while (b.position() < start + entryBytes) {
                b.put((byte) 0x5A);
            }
        }
        return b.array();
    }

    /** Writes {@code dir/name} and, unless {@code index} is null, {@code dir/index/name.idx}. */
    static Path write(Path dir, String name, byte[] stream, byte[] index) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(dir);
        Files.write(f, stream);
        if (index != null) {
            Files.createDirectories(dir.resolve("index"));
            Files.write(dir.resolve("index").resolve(name + ".idx"), index);
        }
        return f;
    }
}

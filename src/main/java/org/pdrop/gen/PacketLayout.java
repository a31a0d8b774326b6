package org.pdrop.gen;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.TraceClass;

/**
 * Encodes the start of a packet, its header (CTF 1.8 §5.1) and context (§5.2), from the IR: each
 * field gets the value its role calls for ({@code magic} 0xC1FC1FC1, the trace UUID, the stream
 * class and instance ids, the sizes, times, sequence number, discarded count and CPU); a field
 * without role is zero. Both scopes must have a fixed layout.
 */
final class PacketLayout {
    static final long MAGIC = 0xC1FC1FC1L;

    private final Layouts.Leaf[] leaves;
    private final long endBits;
    private final byte[] uuid;

    private PacketLayout(Layouts.Leaf[] leaves, long endBits, byte[] uuid) {
        this.leaves = leaves;
        this.endBits = endBits;
        this.uuid = uuid;
    }

    static PacketLayout compile(TraceClass tc, StreamClass sc) {
        String where = "trace.packet.header and stream.packet.context, stream-id=" + sc.id();
        List<Layouts.Shape> shapes = Layouts.expand(Arrays.asList(tc.packetHeader(), sc.packetContext()),
                List.of(Scope.PACKET_HEADER, Scope.PACKET_CONTEXT), 0, where);
        if (shapes.size() != 1) {
            throw Layouts.unsupported(where, "a variant in the packet header or context");
        }
        Layouts.Shape s = shapes.get(0);
        boolean packetSize = false;
        boolean contentSize = false;
        for (Layouts.Leaf l : s.leaves) {
            packetSize |= l.role() == FieldRole.PACKET_SIZE_BITS;
            contentSize |= l.role() == FieldRole.CONTENT_SIZE_BITS;
            if (l.role() == FieldRole.TIMESTAMP || l.role() == FieldRole.EVENT_ID) {
                throw Layouts.unsupported(where, "a field with role " + l.role() + " in a packet");
            }
        }
        if (!packetSize || !contentSize) {
            throw Layouts.unsupported(where, "packets without packet_size and content_size (one packet per file)");
        }
        return new PacketLayout(s.leaves.toArray(Layouts.Leaf[]::new), s.endBits, uuidBytes(tc.uuid()));
    }

    private static byte[] uuidBytes(UUID u) {
        if (u == null) {
            return new byte[16];
        }
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    /** Where the first event header may start (before its own alignment). */
    long endBits() {
        return endBits;
    }

    /** The clock the decoder holds after this packet's context, {@code clockCycles} before it. */
    long clockAfter(long clockCycles, long beginCycles) {
        long clock = clockCycles;
        for (Layouts.Leaf l : leaves) {
            if (Layouts.updatesClock(l)) {
                clock = Layouts.updateClock(clock, beginCycles & l.mask(), l.sizeBits());
            }
        }
        return clock;
    }

    /** What one packet's header and context say. Sizes in bits, times in cycles. */
    record Values(long streamClassId, long streamInstanceId, long beginCycles, long endCycles, long contentSizeBits,
                  long packetSizeBits, long seqNum, long discarded, long cpuId) {}

    /** Writes the header and context at the start of {@code buf}. */
    void write(byte[] buf, Values v) {
        for (Layouts.Leaf l : leaves) {
            long value = switch (l.role()) {
                case PACKET_MAGIC -> MAGIC;
                case TRACE_UUID -> l.element() >= 0 && l.element() < 16 ? uuid[l.element()] & 0xFF : 0;
                case STREAM_CLASS_ID -> v.streamClassId();
                case STREAM_INSTANCE_ID -> v.streamInstanceId();
                case CONTENT_SIZE_BITS -> v.contentSizeBits();
                case PACKET_SIZE_BITS -> v.packetSizeBits();
                case BEGIN_TIME -> v.beginCycles();
                case END_TIME -> v.endCycles();
                case DISCARDED_COUNT -> v.discarded();
                case PACKET_SEQ_NUM -> v.seqNum();
                case CPU_ID -> v.cpuId();
                case NONE -> l.clockMapped() ? v.beginCycles() : 0;
                case EVENT_ID, TIMESTAMP -> throw new AssertionError(l.role());
            };
            BitWriter.write(buf, l.offsetBits(), value, l.sizeBits(), l.bigEndian());
        }
    }
}

package org.pdrop.ctf.decode;

import org.pdrop.ctf.ir.FieldRole;

/**
 * Mutable per-stream state the compiled decoders write into while decoding: values kept for
 * later sequence lengths and variant tags ({@link #slots}), values of fields with a role, and the
 * stream's clock (CTF 1.8 §8: an N-bit field mapped to a clock replaces the clock's low N bits
 * and carries into the upper bits when it wrapped).
 */
public final class DecodeState {
    /** Values of fields that a later sequence or variant refers to, by compiled slot number. */
    public final long[] slots;

    /** Reusable bytes for strings handed to a {@link FieldVisitor}. */
    public byte[] scratch = new byte[256];

    /** Full value of the stream's clock, in cycles. */
    public long clockCycles;

    public long eventId;
    public boolean eventIdSeen;
    public boolean timestampSeen;

    public long magic;
    public boolean magicSeen;
    public byte[] uuid;
    public long streamClassId;
    public boolean streamClassIdSeen;
    public long streamInstanceId = -1;
    public long contentSizeBits = -1;
    public long packetSizeBits = -1;
    public long beginCycles;
    public boolean beginSeen;
    public long endCycles;
    public boolean endSeen;
    public long discardedCount;
    public boolean discardedSeen;
    public long packetSeqNum;
    public boolean packetSeqNumSeen;
    public long cpuId = -1;

    public DecodeState(int slotCount) {
        this.slots = new long[Math.max(1, slotCount)];
    }

    /** Clears what a packet header and context set, before decoding a new packet. */
    public void beginPacket() {
        magicSeen = false;
        uuid = null;
        streamClassIdSeen = false;
        streamClassId = 0;
        streamInstanceId = -1;
        contentSizeBits = -1;
        packetSizeBits = -1;
        beginSeen = false;
        endSeen = false;
        discardedSeen = false;
        packetSeqNumSeen = false;
        cpuId = -1;
    }

    /** Clears what an event header sets, before decoding an event. */
    public void beginEvent() {
        eventIdSeen = false;
        timestampSeen = false;
        eventId = 0;
    }

    /** Replaces the low {@code sizeBits} bits of the clock, assuming at most one wrap since the last update. */
    public void updateClock(long value, int sizeBits) {
        if (sizeBits >= 64) {
            clockCycles = value;
            return;
        }
        long mask = (1L << sizeBits) - 1;
        if (Long.compareUnsigned(value, clockCycles & mask) < 0) {
            clockCycles += mask + 1;
        }
        clockCycles = (clockCycles & ~mask) | value;
    }

    void role(FieldRole role, long value, int sizeBits, boolean clockMapped) {
        switch (role) {
            case NONE:
                if (clockMapped) {
                    updateClock(value, sizeBits);
                }
                break;
            case CPU_ID:
                cpuId = value;
                if (clockMapped) {
                    updateClock(value, sizeBits);
                }
                break;
            case PACKET_MAGIC:
                magic = value;
                magicSeen = true;
                break;
            case TRACE_UUID:
                break;
            case STREAM_CLASS_ID:
                streamClassId = value;
                streamClassIdSeen = true;
                break;
            case STREAM_INSTANCE_ID:
                streamInstanceId = value;
                break;
            case CONTENT_SIZE_BITS:
                contentSizeBits = value;
                break;
            case PACKET_SIZE_BITS:
                packetSizeBits = value;
                break;
            case BEGIN_TIME:
                beginCycles = value;
                beginSeen = true;
                updateClock(value, sizeBits);
                break;
            case END_TIME:
                endCycles = value;
                endSeen = true;
                break;
            case DISCARDED_COUNT:
                discardedCount = value;
                discardedSeen = true;
                break;
            case PACKET_SEQ_NUM:
                packetSeqNum = value;
                packetSeqNumSeen = true;
                break;
            case EVENT_ID:
                eventId = value;
                eventIdSeen = true;
                break;
            case TIMESTAMP:
                timestampSeen = true;
                updateClock(value, sizeBits);
                break;
            default:
                throw new AssertionError(role);
        }
    }
}

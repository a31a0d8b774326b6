package org.pdrop.ctf.decode;

import java.util.Map;
import org.pdrop.ctf.ir.TraceClass;

/** All compiled decoders of one trace. Immutable and shareable between threads. */
public final class TraceDecoder {
    private final TraceClass traceClass;
    private final FieldDecoder packetHeader;
    private final Map<Long, StreamDecoder> streams;
    private final int slotCount;
    private final long uuidOffsetBits;

    TraceDecoder(TraceClass traceClass, FieldDecoder packetHeader, Map<Long, StreamDecoder> streams, int slotCount,
                 long uuidOffsetBits) {
        this.uuidOffsetBits = uuidOffsetBits;
        this.traceClass = traceClass;
        this.packetHeader = packetHeader;
        this.streams = Map.copyOf(streams);
        this.slotCount = slotCount;
    }

    public TraceClass traceClass() {
        return traceClass;
    }

    /** Packet header decoder, or null when the trace declares none. */
    public FieldDecoder packetHeader() {
        return packetHeader;
    }

    public StreamDecoder stream(long id) {
        return streams.get(id);
    }

    public int streamCount() {
        return streams.size();
    }

    /** Bit offset of the packet header's {@code uuid} field, or -1 when absent or not at a fixed place. */
    public long uuidOffsetBits() {
        return uuidOffsetBits;
    }

    /** A fresh per-stream decode state sized for this trace's slots. */
    public DecodeState newState() {
        return new DecodeState(slotCount);
    }
}

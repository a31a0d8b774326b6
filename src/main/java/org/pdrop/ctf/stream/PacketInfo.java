package org.pdrop.ctf.stream;

/**
 * Where one packet is and what its context says, from an index file or from scanning
 * (CTF 1.8 §5: packet header and context). Sizes are in bits as in the trace; times are raw
 * cycles of the stream's clock; -1 stands for "not in this trace" where a field is optional.
 *
 * @param streamClassId    the packet header's {@code stream_id} (0 when absent)
 * @param streamInstanceId the packet header's {@code stream_instance_id}, or -1
 * @param discarded        the {@code events_discarded} snapshot, or -1
 * @param seqNum           {@code packet_seq_num}, or -1
 */
public record PacketInfo(StreamFile file, long offsetBytes, long packetSizeBits, long contentSizeBits,
                         long streamClassId, long streamInstanceId, long beginCycles, long endCycles,
                         boolean hasTimes, long discarded, long seqNum) {}

package org.pdrop.ctf.ir;

/**
 * What the decoder does with a field besides decoding it, assigned once by a pass from the field's
 * scope and name (CTF 1.8 §5 and §6 name these fields). The decoder acts on roles, never on names.
 */
public enum FieldRole {
    NONE,
    /** Packet header {@code magic}: must be 0xC1FC1FC1. */
    PACKET_MAGIC,
    /** Packet header {@code uuid}: must equal the trace UUID. */
    TRACE_UUID,
    /** Packet header {@code stream_id}: selects the stream class. */
    STREAM_CLASS_ID,
    /** Packet header {@code stream_instance_id}. */
    STREAM_INSTANCE_ID,
    /** Packet context {@code content_size}, in bits. */
    CONTENT_SIZE_BITS,
    /** Packet context {@code packet_size}, in bits. */
    PACKET_SIZE_BITS,
    /** Packet context {@code timestamp_begin}. */
    BEGIN_TIME,
    /** Packet context {@code timestamp_end}. */
    END_TIME,
    /** Packet context {@code events_discarded}: a running count (snapshot) per stream. */
    DISCARDED_COUNT,
    /** Packet context {@code packet_seq_num}. */
    PACKET_SEQ_NUM,
    /** Packet context {@code cpu_id}: kept visible, only remembered. */
    CPU_ID,
    /** Event header {@code id}, at any depth of the header. */
    EVENT_ID,
    /** Event header {@code timestamp}, at any depth of the header. */
    TIMESTAMP
}

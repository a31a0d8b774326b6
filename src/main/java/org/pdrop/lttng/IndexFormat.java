package org.pdrop.lttng;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The LTTng packet index file ABI in one place: lttng-tools {@code src/common/index/ctf-index.hpp}
 * ({@code struct ctf_packet_index_file_hdr}, {@code struct ctf_packet_index}), read the way
 * Babeltrace's {@code fs-src/lttng-index.hpp} does.
 *
 * <p>An index file is a 16-byte header followed by fixed-size entries, one per packet of the
 * stream file, in file order. Every integer is big-endian whatever the trace's byte order. Entries
 * are stepped by the header's entry size, so a later minor version that appends fields still
 * reads. Version 1.0 entries are 56 bytes; 1.1 (LTTng 2.8 and later) adds the stream instance id
 * and packet sequence number for 72 bytes.
 *
 * <p>Accessors read absolute positions of a buffer, whatever its byte order.
 */
public final class IndexFormat {
    /** {@code CTF_INDEX_MAGIC}. */
    public static final int MAGIC = 0xC1F1DCC1;
    public static final ByteOrder BYTE_ORDER = ByteOrder.BIG_ENDIAN;
    /** The only major version there is; another one means an incompatible layout. */
    public static final int MAJOR = 1;
    /** The first minor version with {@code stream_instance_id} and {@code packet_seq_num}. */
    public static final int MINOR_WITH_INSTANCE_ID = 1;

    /** Name of the folder, beside the stream files, that holds the index files. */
    public static final String FOLDER = "index";
    /** Suffix appended to a stream file's name to name its index. */
    public static final String SUFFIX = ".idx";

    // File header: four u32.
    public static final int HEADER_BYTES = 16;
    static final int HEADER_MAGIC = 0;
    static final int HEADER_MAJOR = 4;
    static final int HEADER_MINOR = 8;
    static final int HEADER_ENTRY_BYTES = 12;

    // Entry: u64 fields at these byte offsets from the entry's start.
    static final int OFFSET_BYTES = 0;
    static final int PACKET_SIZE_BITS = 8;
    static final int CONTENT_SIZE_BITS = 16;
    static final int TIMESTAMP_BEGIN = 24;
    static final int TIMESTAMP_END = 32;
    static final int EVENTS_DISCARDED = 40;
    static final int STREAM_ID = 48;
    /** Version 1.1 and later. */
    static final int STREAM_INSTANCE_ID = 56;
    /** Version 1.1 and later. */
    static final int PACKET_SEQ_NUM = 64;

    /** Entry size of version 1.0: every field up to {@code stream_id}. */
    public static final int ENTRY_BYTES_1_0 = 56;
    /** Entry size of version 1.1. */
    public static final int ENTRY_BYTES_1_1 = 72;

    private IndexFormat() {}

    /**
     * Where the index of a stream file is: {@code DIR/index/NAME.idx} for {@code DIR/NAME}, also
     * for tracefile rotation ({@code CHANNEL_CPU_N} has {@code index/CHANNEL_CPU_N.idx}).
     */
    public static Path indexPathFor(Path streamFile) {
        Path dir = streamFile.getParent();
        String name = streamFile.getFileName() + SUFFIX;
        return dir == null ? Path.of(FOLDER, name) : dir.resolve(FOLDER).resolve(name);
    }

    /** The file header (CTF_INDEX header); fields are unsigned 32-bit values. */
    public record Header(long magic, long major, long minor, long entryBytes) {
        /** Whether entries carry {@code stream_instance_id} and {@code packet_seq_num}. */
        public boolean hasInstanceId() {
            return minor >= MINOR_WITH_INSTANCE_ID;
        }
    }

    /** Reads the header at position 0; the caller checks that 16 bytes are there. */
    public static Header header(ByteBuffer b) {
        return new Header(u32(b, HEADER_MAGIC), u32(b, HEADER_MAJOR), u32(b, HEADER_MINOR),
                u32(b, HEADER_ENTRY_BYTES));
    }

    /** Byte offset of entry {@code i} (from 0) in a file whose entries have {@code entryBytes} bytes. */
    public static long entryStart(long i, long entryBytes) {
        return HEADER_BYTES + i * entryBytes;
    }

    public static long offsetBytes(ByteBuffer b, int entry) {
        return u64(b, entry + OFFSET_BYTES);
    }

    public static long packetSizeBits(ByteBuffer b, int entry) {
        return u64(b, entry + PACKET_SIZE_BITS);
    }

    public static long contentSizeBits(ByteBuffer b, int entry) {
        return u64(b, entry + CONTENT_SIZE_BITS);
    }

    /** Raw cycles of the stream's clock, as in the packet context. */
    public static long timestampBegin(ByteBuffer b, int entry) {
        return u64(b, entry + TIMESTAMP_BEGIN);
    }

    /** Raw cycles of the stream's clock, as in the packet context. */
    public static long timestampEnd(ByteBuffer b, int entry) {
        return u64(b, entry + TIMESTAMP_END);
    }

    /** The packet context's running count of discarded events. */
    public static long eventsDiscarded(ByteBuffer b, int entry) {
        return u64(b, entry + EVENTS_DISCARDED);
    }

    /** The stream class id ("ID of the channel"). */
    public static long streamId(ByteBuffer b, int entry) {
        return u64(b, entry + STREAM_ID);
    }

    /** Version 1.1 and later only. */
    public static long streamInstanceId(ByteBuffer b, int entry) {
        return u64(b, entry + STREAM_INSTANCE_ID);
    }

    /** Version 1.1 and later only. */
    public static long packetSeqNum(ByteBuffer b, int entry) {
        return u64(b, entry + PACKET_SEQ_NUM);
    }

    private static long u32(ByteBuffer b, int at) {
        int v = b.order() == BYTE_ORDER ? b.getInt(at) : Integer.reverseBytes(b.getInt(at));
        return v & 0xFFFF_FFFFL;
    }

    private static long u64(ByteBuffer b, int at) {
        return b.order() == BYTE_ORDER ? b.getLong(at) : Long.reverseBytes(b.getLong(at));
    }
}

package org.pdrop.gen;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Writes LTTng packet index files, version 1.1 (lttng-tools {@code src/common/index/ctf-index.hpp}:
 * a 16-byte header then one 72-byte entry per packet, every integer big-endian). The reader side,
 * with the same layout, is {@code IndexFormat} in the lttng package, which this package may not use.
 */
final class IndexWriter {
    static final int MAGIC = 0xC1F1DCC1;
    static final int MAJOR = 1;
    static final int MINOR = 1;
    static final int ENTRY_BYTES = 72;

    private IndexWriter() {
    }

    static void header(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(MAJOR);
        out.writeInt(MINOR);
        out.writeInt(ENTRY_BYTES);
    }

    /** One packet: {@code offsetBytes} in the stream file, then what its context says. */
    static void entry(DataOutputStream out, long offsetBytes, PacketLayout.Values v) throws IOException {
        out.writeLong(offsetBytes);
        out.writeLong(v.packetSizeBits());
        out.writeLong(v.contentSizeBits());
        out.writeLong(v.beginCycles());
        out.writeLong(v.endCycles());
        out.writeLong(v.discarded());
        out.writeLong(v.streamClassId());
        out.writeLong(v.streamInstanceId());
        out.writeLong(v.seqNum());
    }
}

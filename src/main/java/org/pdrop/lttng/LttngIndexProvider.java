package org.pdrop.lttng;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pdrop.ctf.CtfException;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.PacketScanner;
import org.pdrop.ctf.stream.StreamFile;

/**
 * Packet lists of LTTng stream files read from their index files ({@link IndexFormat}), so that
 * opening a trace reads 56 or 72 bytes per packet instead of decoding every packet's header and
 * context.
 *
 * <p>An index is used only when all of this holds, else one warning goes to {@link Diagnostics}
 * and the caller scans the file: the header has the magic, major version 1 and an entry size of at
 * least 56 bytes (72 from version 1.1); the file is the header plus whole entries, at least one;
 * packets start at 0 and follow each other without gap or overlap up to exactly the stream file's
 * size; each packet size is a positive multiple of 8 bits and at least its content size; no
 * {@code timestamp_end} is before its {@code timestamp_begin}; all entries name the same stream
 * class (and, from 1.1, stream instance), as a stream file holds one stream. Those are
 * Babeltrace's rules ({@code ctf_fs_ds_file_build_index}) made strict. Last, the first and the
 * last packets are decoded and must match their entries field for field, which catches an index
 * left over from another recording.
 *
 * <p>A missing index is not reported: LTTng writes none for snapshots and Babeltrace is silent
 * too. Version 1.0 entries lack the stream instance id, which is taken from the first packet's
 * header (a file holds one stream instance). Optional packet context fields the trace lacks
 * ({@code events_discarded}, {@code packet_seq_num}) come out as -1, as a scan gives them, so
 * the result equals {@link PacketScanner#scan}'s. A 1.0 index of a trace whose packet context has
 * {@code packet_seq_num} cannot give that number and is not used.
 */
public final class LttngIndexProvider implements PacketIndexProvider {
    /** Index files are read whole into one heap buffer addressed by int. */
    private static final long MAX_INDEX_BYTES = Integer.MAX_VALUE - 8;

    private final Diagnostics diag;

    public LttngIndexProvider(Diagnostics diag) {
        this.diag = diag;
    }

    @Override
    public Optional<List<PacketInfo>> packets(StreamFile file, PacketScanner scanner) {
        Path stream = file.path();
        if (stream == null) {
            return Optional.empty();
        }
        Path index = IndexFormat.indexPathFor(stream);
        if (!Files.isRegularFile(index)) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(file, readAll(index), scanner));
        } catch (Rejected e) {
            diag.warn("Cannot use index: file=\"" + index + "\", reason=\"" + e.getMessage().replace('"', '\'')
                    + "\"; scanning packets instead");
            return Optional.empty();
        }
    }

    /** The whole file in one read (index files are small: 72 bytes per packet). */
    private static ByteBuffer readAll(Path index) throws Rejected {
        try (FileChannel ch = FileChannel.open(index, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_INDEX_BYTES) {
                throw new Rejected("index file too large: size=" + size);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size).order(IndexFormat.BYTE_ORDER);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // A short read only means "call again"; -1 means the file shrank, seen below.
            }
            return buf.flip();
        } catch (IOException e) {
            throw new Rejected("cannot read it: " + e);
        }
    }

    private static List<PacketInfo> decode(StreamFile file, ByteBuffer buf, PacketScanner scanner)
            throws Rejected {
        long size = buf.limit();
        if (size < IndexFormat.HEADER_BYTES) {
            throw new Rejected("file is shorter than the " + IndexFormat.HEADER_BYTES + "-byte header: size=" + size);
        }
        IndexFormat.Header h = IndexFormat.header(buf);
        if (h.magic() != Integer.toUnsignedLong(IndexFormat.MAGIC)) {
            throw new Rejected("bad magic: magic=0x" + Long.toHexString(h.magic()) + ", expected=0x"
                    + Integer.toHexString(IndexFormat.MAGIC));
        }
        if (h.major() != IndexFormat.MAJOR) {
            throw new Rejected("unsupported index version: version=" + h.major() + "." + h.minor());
        }
        long minEntry = h.hasInstanceId() ? IndexFormat.ENTRY_BYTES_1_1 : IndexFormat.ENTRY_BYTES_1_0;
        if (h.entryBytes() < minEntry) {
            throw new Rejected("entries too small for index version " + h.major() + "." + h.minor()
                    + ": entry-size=" + h.entryBytes() + ", minimum=" + minEntry);
        }
        long body = size - IndexFormat.HEADER_BYTES;
        if (body % h.entryBytes() != 0) {
            throw new Rejected("file does not end on an entry boundary (truncated?): size=" + size
                    + ", entry-size=" + h.entryBytes());
        }
        int count = (int) (body / h.entryBytes());
        if (count == 0) {
            throw new Rejected("no entries, but the stream file is not empty: stream-file-size=" + file.size());
        }
        int entryBytes = (int) h.entryBytes();
        boolean v11 = h.hasInstanceId();
        int firstAt = IndexFormat.HEADER_BYTES;
        long streamId = IndexFormat.streamId(buf, firstAt);
        long instanceId = v11 ? IndexFormat.streamInstanceId(buf, firstAt) : -1;
        long fileSize = file.size();
        long expected = 0;
        for (int i = 0, at = firstAt; i < count; i++, at += entryBytes) {
            long offset = IndexFormat.offsetBytes(buf, at);
            long packetBits = IndexFormat.packetSizeBits(buf, at);
            long contentBits = IndexFormat.contentSizeBits(buf, at);
            if (offset != expected) {
                throw new Rejected((Long.compareUnsigned(offset, expected) < 0
                        ? "packet offsets go backwards or overlap" : "packet offsets leave a gap")
                        + ": entry=" + i + ", offset=" + Long.toUnsignedString(offset) + ", expected=" + expected);
            }
            if (packetBits == 0 || packetBits % 8 != 0) {
                throw new Rejected("packet size is not a positive multiple of 8 bits: entry=" + i
                        + ", packet-size-bits=" + Long.toUnsignedString(packetBits));
            }
            if (Long.compareUnsigned(contentBits, packetBits) > 0) {
                throw new Rejected("content size exceeds packet size: entry=" + i + ", content-size-bits="
                        + Long.toUnsignedString(contentBits) + ", packet-size-bits=" + Long.toUnsignedString(packetBits));
            }
            if (Long.compareUnsigned(packetBits >>> 3, fileSize - offset) > 0) {
                throw new Rejected("packet runs past the end of the stream file: entry=" + i + ", offset=" + offset
                        + ", packet-size-bits=" + Long.toUnsignedString(packetBits) + ", stream-file-size=" + fileSize);
            }
            long begin = IndexFormat.timestampBegin(buf, at);
            long end = IndexFormat.timestampEnd(buf, at);
            if (Long.compareUnsigned(end, begin) < 0) {
                throw new Rejected("timestamp_end is before timestamp_begin: entry=" + i + ", timestamp-begin="
                        + Long.toUnsignedString(begin) + ", timestamp-end=" + Long.toUnsignedString(end));
            }
            if (IndexFormat.streamId(buf, at) != streamId) {
                throw new Rejected("entries name different stream classes: entry=" + i + ", stream-id="
                        + Long.toUnsignedString(IndexFormat.streamId(buf, at)) + ", first=" + Long.toUnsignedString(streamId));
            }
            if (v11 && IndexFormat.streamInstanceId(buf, at) != instanceId) {
                throw new Rejected("entries name different stream instances: entry=" + i + ", stream-instance-id="
                        + Long.toUnsignedString(IndexFormat.streamInstanceId(buf, at)) + ", first="
                        + Long.toUnsignedString(instanceId));
            }
            expected = offset + (packetBits >>> 3);
        }
        if (expected != fileSize) {
            throw new Rejected("packets cover " + expected + " bytes but the stream file has " + fileSize);
        }

        int lastAt = firstAt + (count - 1) * entryBytes;
        PacketInfo first = probe(scanner, file, 0);
        PacketInfo last = count == 1 ? first : probe(scanner, file, IndexFormat.offsetBytes(buf, lastAt));
        if (!first.hasTimes()) {
            throw new Rejected("the packet context has no timestamp_begin and timestamp_end to check the index with");
        }
        if (!v11 && first.seqNum() != -1) {
            throw new Rejected("index version 1.0 lacks packet_seq_num, which the packet context has");
        }
        // What a scan reports: the header's instance id, -1 for context fields the trace lacks.
        long instance = first.streamInstanceId();
        if (v11 && instance != -1 && instance != instanceId) {
            throw new Rejected("index and packet header name different stream instances: stream-instance-id="
                    + Long.toUnsignedString(instanceId) + ", packet-header=" + instance);
        }
        boolean hasDiscarded = first.discarded() != -1;
        boolean hasSeqNum = v11 && first.seqNum() != -1;

        List<PacketInfo> out = new ArrayList<>(count);
        for (int i = 0, at = firstAt; i < count; i++, at += entryBytes) {
            out.add(new PacketInfo(file, IndexFormat.offsetBytes(buf, at), IndexFormat.packetSizeBits(buf, at),
                    IndexFormat.contentSizeBits(buf, at), streamId, instance, IndexFormat.timestampBegin(buf, at),
                    IndexFormat.timestampEnd(buf, at), true,
                    hasDiscarded ? IndexFormat.eventsDiscarded(buf, at) : -1,
                    hasSeqNum ? IndexFormat.packetSeqNum(buf, at) : -1));
        }
        agree(out.get(0), first);
        agree(out.get(count - 1), last);
        return out;
    }

    private static PacketInfo probe(PacketScanner scanner, StreamFile file, long offset) throws Rejected {
        try {
            return scanner.probe(file, offset);
        } catch (CtfException e) {
            throw new Rejected("the packet at offset " + offset + " is unreadable: " + e.getMessage());
        }
    }

    /** Fails with the first field in which the entry and the decoded packet differ. */
    static void agree(PacketInfo entry, PacketInfo packet) throws Rejected {
        String field = null;
        long a = 0;
        long b = 0;
        if (entry.packetSizeBits() != packet.packetSizeBits()) {
            field = "packet-size-bits";
            a = entry.packetSizeBits();
            b = packet.packetSizeBits();
        } else if (entry.contentSizeBits() != packet.contentSizeBits()) {
            field = "content-size-bits";
            a = entry.contentSizeBits();
            b = packet.contentSizeBits();
        } else if (entry.streamClassId() != packet.streamClassId()) {
            field = "stream-id";
            a = entry.streamClassId();
            b = packet.streamClassId();
        } else if (entry.streamInstanceId() != packet.streamInstanceId()) {
            field = "stream-instance-id";
            a = entry.streamInstanceId();
            b = packet.streamInstanceId();
        } else if (entry.beginCycles() != packet.beginCycles()) {
            field = "timestamp-begin";
            a = entry.beginCycles();
            b = packet.beginCycles();
        } else if (entry.endCycles() != packet.endCycles()) {
            field = "timestamp-end";
            a = entry.endCycles();
            b = packet.endCycles();
        } else if (entry.discarded() != packet.discarded()) {
            field = "events-discarded";
            a = entry.discarded();
            b = packet.discarded();
        } else if (entry.seqNum() != packet.seqNum()) {
            field = "packet-seq-num";
            a = entry.seqNum();
            b = packet.seqNum();
        } else if (entry.file() != packet.file() || entry.offsetBytes() != packet.offsetBytes()
                || entry.hasTimes() != packet.hasTimes()) {
            // The remaining components, compared one by one: a record's equals() is made at run
            // time by a bootstrap method, which cost every run 15 to 25 ms of start-up on the
            // main thread (LttngIndexProviderTest checks that no component is left out).
            field = "packet";
        }
        if (field != null) {
            throw new Rejected("entry disagrees with the packet it indexes: offset=" + entry.offsetBytes() + ", field="
                    + field + ", index=" + text(a) + ", packet=" + text(b));
        }
    }

    /** Unsigned, except -1, which PacketInfo uses for "absent". */
    private static String text(long v) {
        return v == -1 ? "-1" : Long.toUnsignedString(v);
    }

    /** Why an index is not used; becomes the warning's reason. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}

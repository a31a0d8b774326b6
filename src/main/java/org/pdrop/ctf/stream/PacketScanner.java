package org.pdrop.ctf.stream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.pdrop.ctf.CorruptTraceException;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.decode.BitReader;
import org.pdrop.ctf.decode.DecodeException;
import org.pdrop.ctf.decode.DecodeState;
import org.pdrop.ctf.decode.FieldDecoder;
import org.pdrop.ctf.decode.StreamDecoder;
import org.pdrop.ctf.decode.TraceDecoder;

/**
 * Finds the packets of a stream file by decoding each packet's header and context (CTF 1.8 §5.1,
 * §5.2): {@code packet_size} gives the next packet's offset. Also the one place that checks a
 * packet's framing (magic, UUID, stream class, sizes), so the cursor can trust what it is given.
 */
public final class PacketScanner {
    static final long CTF_MAGIC = 0xC1FC1FC1L;
    /** Bytes mapped to decode a header and context; retried with the whole rest when too small. */
    private static final int PROBE_BYTES = 64 * 1024;

    private final TraceDecoder decoder;
    private final BitReader reader = new BitReader();
    private final DecodeState state;
    private final Diagnostics diag;
    /** The last file whose UUID mismatch was reported (one warning per file). */
    private StreamFile uuidWarned;

    /** A scanner that refuses packets whose UUID differs from the metadata's. */
    public PacketScanner(TraceDecoder decoder) {
        this(decoder, null);
    }

    /**
     * @param diag where a packet UUID that differs from the metadata's is reported (once per
     *             file) before the packet is read anyway, as Babeltrace 2.0 reads it; null to
     *             refuse such packets
     */
    public PacketScanner(TraceDecoder decoder, Diagnostics diag) {
        this.decoder = decoder;
        this.state = decoder.newState();
        this.diag = diag;
    }

    /** Every packet of the file, in file order. */
    public List<PacketInfo> scan(StreamFile file) {
        List<PacketInfo> out = new ArrayList<>();
        long offset = 0;
        long size = file.size();
        while (offset < size) {
            PacketInfo p = probe(file, offset);
            out.add(p);
            offset += p.packetSizeBits() / 8;
        }
        return out;
    }

    /** Decodes the header and context of the packet at {@code offset} and checks its framing. */
    public PacketInfo probe(StreamFile file, long offset) {
        long remaining = file.size() - offset;
        long probe = Math.min(remaining, PROBE_BYTES);
        try {
            return probe(file, offset, probe);
        } catch (BitReader.OutOfBoundsException e) {
            if (probe < remaining && remaining <= Integer.MAX_VALUE - 8) {
                return probe(file, offset, remaining);
            }
            throw corrupt(file, offset, "packet header or context runs past the end of the file", e);
        } catch (DecodeException e) {
            throw corrupt(file, offset, "cannot decode packet header or context", e);
        }
    }

    private PacketInfo probe(StreamFile file, long offset, long probeBytes) {
        ByteBuffer buf = file.slice(offset, probeBytes);
        long remainingBits = (file.size() - offset) * 8;
        reader.reset(buf, probeBytes * 8);
        state.beginPacket();
        StreamDecoder sd = decodeHeaderAndContext(file, offset, reader, state);
        long packetBits = state.packetSizeBits;
        long contentBits = state.contentSizeBits;
        if (packetBits < 0) {
            // Without packet_size the packet ends with its content, as Babeltrace reads it; without
            // either, it is the rest of the file.
            packetBits = contentBits >= 0 ? contentBits : remainingBits;
        }
        if (contentBits < 0) {
            contentBits = packetBits;
        }
        if (packetBits <= 0 || packetBits % 8 != 0) {
            throw corrupt(file, offset, "packet size is not a positive multiple of 8 bits: packet-size-bits="
                    + Long.toUnsignedString(packetBits), null);
        }
        if (Long.compareUnsigned(packetBits, remainingBits) > 0) {
            throw corrupt(file, offset, "packet runs past the end of the file: packet-size-bits="
                    + Long.toUnsignedString(packetBits) + ", file-bits-left=" + remainingBits, null);
        }
        if (Long.compareUnsigned(contentBits, packetBits) > 0) {
            throw corrupt(file, offset, "content size is larger than packet size: content-size-bits="
                    + Long.toUnsignedString(contentBits) + ", packet-size-bits=" + packetBits, null);
        }
        if (reader.positionBits() > contentBits) {
            throw corrupt(file, offset, "packet header and context are larger than the content: header-bits="
                    + reader.positionBits() + ", content-size-bits=" + contentBits, null);
        }
        return new PacketInfo(file, offset, packetBits, contentBits, sd.streamClass().id(),
                state.streamInstanceId, state.beginCycles, state.endCycles, state.beginSeen && state.endSeen,
                state.discardedSeen ? state.discardedCount : -1, state.packetSeqNumSeen ? state.packetSeqNum : -1);
    }

    /**
     * Decodes (skipping values) the packet header and context from the reader's position 0 and
     * returns the packet's stream class. Shared with the event cursor so both check the same way.
     */
    private StreamDecoder decodeHeaderAndContext(StreamFile file, long offset, BitReader r, DecodeState s) {
        FieldDecoder header = decoder.packetHeader();
        if (header != null) {
            header.skip(r, s);
            checkHeader(file, offset, r, s);
        }
        StreamDecoder sd = decoder.stream(s.streamClassId);
        if (sd == null) {
            throw corrupt(file, offset, "unknown stream class: stream-id=" + s.streamClassId, null);
        }
        if (sd.packetContext() != null) {
            sd.packetContext().skip(r, s);
        }
        return sd;
    }

    private void checkHeader(StreamFile file, long offset, BitReader r, DecodeState s) {
        if (s.magicSeen && s.magic != CTF_MAGIC) {
            throw corrupt(file, offset, "bad packet magic: magic=0x" + Long.toHexString(s.magic)
                    + ", expected=0xc1fc1fc1", null);
        }
        UUID expected = decoder.traceClass().uuid();
        if (expected != null && decoder.uuidOffsetBits() >= 0) {
            long save = r.positionBits();
            r.positionBits(decoder.uuidOffsetBits());
            byte[] got = r.readBytes(16);
            r.positionBits(save);
            byte[] want = uuidBytes(expected);
            if (!Arrays.equals(got, want)) {
                String what = "packet UUID differs from the metadata's: uuid=" + HexFormat.of().formatHex(got)
                        + ", expected=" + HexFormat.of().formatHex(want);
                if (diag == null) {
                    throw corrupt(file, offset, what, null);
                }
                if (uuidWarned != file) {
                    uuidWarned = file;
                    diag.warn("Reading packets anyway: file=\"" + file.displayName() + "\", packet-offset=" + offset
                            + ", reason=\"" + what + "\"");
                }
            }
        }
    }

    static byte[] uuidBytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    /**
     * The one error for undecodable stream data. A decoder's exception carries no stack trace and
     * only positions, so its message is folded in and it is not chained (it would print twice).
     */
    static CorruptTraceException corrupt(StreamFile file, long offset, String what, DecodeException cause) {
        String msg = "Cannot read packet: file=\"" + file.displayName() + "\", packet-offset=" + offset + ", reason=\""
                + what.replace("\"", "'") + "\"";
        if (cause != null && cause.getMessage() != null) {
            msg += ", " + cause.getMessage();
        }
        return new CorruptTraceException(msg);
    }
}

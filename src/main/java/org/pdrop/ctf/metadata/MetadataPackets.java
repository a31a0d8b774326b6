package org.pdrop.ctf.metadata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.pdrop.ctf.MetadataException;
import org.pdrop.ctf.UnsupportedCtfException;

/**
 * Packet-based metadata (CTF 1.8 §7.1): a sequence of packets, each a 37-byte header
 * {@code {u32 magic = 0x75D11D57, u8 uuid[16], u32 checksum, u32 content_size, u32 packet_size,
 * u8 compression_scheme, u8 encryption_scheme, u8 checksum_scheme, u8 major, u8 minor}} in the
 * producer's byte order, then TSDL text up to {@code content_size} bits, then padding up to
 * {@code packet_size} bits. The text of the whole stream is the packets' texts concatenated.
 *
 * <p>Like Babeltrace: the byte order comes from the first packet's magic; compression, encryption
 * and checksums are refused; every packet must say version 1.8 and carry the first packet's UUID;
 * trailing bytes too short for a header are ignored, as is missing padding after the last packet;
 * the text ends at its first NUL byte.
 */
final class MetadataPackets {
    static final int MAGIC = 0x75D11D57;
    static final int HEADER_SIZE = 37;

    /** The text of a packetized metadata stream and what its headers said. */
    record Unwrapped(String text, ByteOrder byteOrder, UUID uuid, int packets) {}

    private MetadataPackets() {
    }

    /** Whether {@code raw} starts with the metadata packet magic in either byte order. */
    static boolean isPacketized(byte[] raw) {
        if (raw.length < 4) {
            return false;
        }
        int be = ByteBuffer.wrap(raw, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        return be == MAGIC || Integer.reverseBytes(be) == MAGIC;
    }

    static Unwrapped unwrap(byte[] raw, String source) {
        if (!isPacketized(raw)) {
            throw error(source, 0, "no metadata packet magic 0x75D11D57 at the start");
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        ByteOrder order = buf.order(ByteOrder.BIG_ENDIAN).getInt(0) == MAGIC ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN;
        buf.order(order);
        byte[] text = new byte[raw.length];
        int textLength = 0;
        UUID uuid = null;
        int packets = 0;
        int offset = 0;
        while (raw.length - offset >= HEADER_SIZE) {
            int magic = buf.getInt(offset);
            if (magic != MAGIC) {
                throw error(source, offset, String.format("bad metadata packet magic 0x%08X", magic));
            }
            UUID packetUuid = new UUID(ByteBuffer.wrap(raw, offset + 4, 8).getLong(),
                    ByteBuffer.wrap(raw, offset + 12, 8).getLong());
            long checksum = buf.getInt(offset + 20) & 0xFFFFFFFFL;
            long contentBits = buf.getInt(offset + 24) & 0xFFFFFFFFL;
            long packetBits = buf.getInt(offset + 28) & 0xFFFFFFFFL;
            int compression = raw[offset + 32] & 0xFF;
            int encryption = raw[offset + 33] & 0xFF;
            int checksumScheme = raw[offset + 34] & 0xFF;
            int major = raw[offset + 35] & 0xFF;
            int minor = raw[offset + 36] & 0xFF;
            if (compression != 0) {
                throw unsupported(source, offset, "compressed metadata packets are not supported: compression-scheme="
                        + compression);
            }
            if (encryption != 0) {
                throw unsupported(source, offset, "encrypted metadata packets are not supported: encryption-scheme="
                        + encryption);
            }
            if (checksum != 0 || checksumScheme != 0) {
                throw unsupported(source, offset, "metadata packet checksums are not supported: checksum-scheme="
                        + checksumScheme);
            }
            if (major != 1 || minor != 8) {
                throw error(source, offset, "invalid metadata packet version " + major + "." + minor
                        + ": expecting 1.8");
            }
            if (uuid == null) {
                uuid = packetUuid;
            } else if (!uuid.equals(packetUuid)) {
                throw error(source, offset, "metadata packet UUID " + packetUuid + " differs from the first packet's "
                        + uuid);
            }
            if (contentBits % 8 != 0 || packetBits % 8 != 0) {
                throw error(source, offset, "metadata packet sizes are not whole bytes: content-size=" + contentBits
                        + ", packet-size=" + packetBits);
            }
            if (contentBits / 8 < HEADER_SIZE) {
                throw error(source, offset, "metadata packet content size " + contentBits
                        + " bits is smaller than its header");
            }
            if (packetBits < contentBits) {
                throw error(source, offset, "metadata packet size " + packetBits + " bits is smaller than its content size "
                        + contentBits + " bits");
            }
            long contentEnd = offset + contentBits / 8;
            if (contentEnd > raw.length) {
                throw error(source, offset, "metadata packet content (" + contentBits / 8 + " bytes) runs past the end of"
                        + " the file (" + (raw.length - offset) + " bytes left)");
            }
            int n = (int) (contentEnd - offset - HEADER_SIZE);
            System.arraycopy(raw, offset + HEADER_SIZE, text, textLength, n);
            textLength += n;
            packets++;
            long next = offset + packetBits / 8;
            if (next > raw.length) {
                break; // padding missing after the last packet: accepted, as Babeltrace does
            }
            offset = (int) next;
        }
        int end = 0;
        while (end < textLength && text[end] != 0) {
            end++;
        }
        return new Unwrapped(new String(text, 0, end, StandardCharsets.UTF_8), order, uuid, packets);
    }

    private static MetadataException error(String source, int offset, String reason) {
        return new MetadataException("Cannot read metadata packet: file=" + Problems.quote(source) + ", offset="
                + offset + ", reason=" + Problems.quote(reason));
    }

    private static UnsupportedCtfException unsupported(String source, int offset, String reason) {
        return new UnsupportedCtfException("Cannot read metadata packet: file=" + Problems.quote(source) + ", offset="
                + offset + ", reason=" + Problems.quote(reason));
    }
}

package org.pdrop.ctf.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.MetadataException;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.ir.TraceClass;

/** File formats of the metadata stream (CTF 1.8 §7.1) and the reader's entry points. */
class MetadataReaderTest {

    private static final String TEXT = "typealias integer { size = 8; } := uint8_t;\n"
            + "trace { major = 1; minor = 8; byte_order = le; };\n"
            + "event { name = e; fields := struct { uint8_t x; }; };\n";
    private static final UUID UUID_1 = UUID.fromString("2a6422d0-6cee-11e0-8c08-cb07d7b3a564");

    private final List<String> warnings = new ArrayList<>();

    /** One metadata packet: header, text, {@code padding} zero bytes. */
    static byte[] packet(ByteOrder order, UUID uuid, String text, int padding, int major, int minor, int compression) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        int content = MetadataPackets.HEADER_SIZE + body.length;
        ByteBuffer b = ByteBuffer.allocate(content + padding).order(order);
        b.putInt(0x75D11D57);
        b.order(ByteOrder.BIG_ENDIAN).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        b.order(order).putInt(0).putInt(content * 8).putInt((content + padding) * 8);
        b.put((byte) compression).put((byte) 0).put((byte) 0).put((byte) major).put((byte) minor);
        b.put(body);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void plainTextFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("metadata");
        Files.writeString(f, "/* CTF 1.8 */\r\n" + TEXT.replace("\n", "\r\n"));
        TraceClass tc = MetadataReader.read(f, warnings::add);
        assertThat(tc.streams().get(0).events().get(0).name()).isEqualTo("e");
        assertThat(warnings).isEmpty();
    }

    @Test
    void missingSignatureIsAWarning() {
        MetadataReader.read(TEXT.getBytes(StandardCharsets.UTF_8), "m", warnings::add);
        assertThat(warnings).singleElement().asString().startsWith("Missing `/* CTF 1.8` signature");
    }

    @Test
    void signatureMustSay18() {
        assertThatThrownBy(() -> MetadataReader.parse("/* CTF 1.9 */\n" + TEXT, "m", warnings::add))
                .hasMessage("Cannot parse metadata: file=\"m\", line=1, column=1,"
                        + " reason=\"unsupported metadata version 1.9 in signature: expecting 1.8\"");
        assertThatThrownBy(() -> MetadataReader.parse("/* CTF 1 */\n" + TEXT, "m", warnings::add))
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> MetadataReader.parse("/* CTF 10000000000000.8 */\n" + TEXT, "m", warnings::add))
                .hasMessageContaining("malformed");
        MetadataReader.parse("/* CTF 1.8\n * with a longer comment\n */\n" + TEXT, "m", warnings::add);
    }

    @Test
    void emptyAndUnreadableFiles(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("metadata"));
        assertThatThrownBy(() -> MetadataReader.read(empty, warnings::add)).isInstanceOf(MetadataException.class)
                .hasMessage("Cannot read metadata: file=\"" + empty + "\", line=1, reason=\"empty metadata\"");
        assertThatThrownBy(() -> MetadataReader.read(dir.resolve("missing"), warnings::add))
                .isInstanceOf(MetadataException.class).hasMessageContaining("Cannot read metadata: file=");
    }

    @Test
    void ctf2IsRefused() {
        byte[] json = "\u001e{\"type\":\"preamble\",\"version\":2}\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MetadataReader.read(json, "t/metadata", warnings::add))
                .isInstanceOf(UnsupportedCtfException.class)
                .hasMessage("Cannot read metadata: file=\"t/metadata\", reason=\"CTF 2 metadata is not supported yet\"");
    }

    @Test
    void packetizedInBothByteOrders() {
        byte[] le = packet(ByteOrder.LITTLE_ENDIAN, UUID_1, "/* CTF 1.8 */\n" + TEXT, 11, 1, 8, 0);
        assertThat(MetadataReader.read(le, "m", warnings::add).streams()).hasSize(1);
        byte[] be = packet(ByteOrder.BIG_ENDIAN, UUID_1, TEXT.replace("byte_order = le", "byte_order = be"), 0, 1, 8, 0);
        assertThat(MetadataReader.read(be, "m", warnings::add).byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(warnings).isEmpty();
    }

    @Test
    void packetsAreConcatenated() {
        int cut = TEXT.indexOf("event");
        byte[] raw = concat(
                packet(ByteOrder.LITTLE_ENDIAN, UUID_1, TEXT.substring(0, 10), 5, 1, 8, 0),
                packet(ByteOrder.LITTLE_ENDIAN, UUID_1, TEXT.substring(10, cut), 0, 1, 8, 0),
                packet(ByteOrder.LITTLE_ENDIAN, UUID_1, TEXT.substring(cut), 100, 1, 8, 0),
                new byte[] {1, 2, 3}); // trailing bytes shorter than a header are ignored
        assertThat(MetadataReader.unwrap(raw, "m")).isEqualTo(TEXT);
        MetadataPackets.Unwrapped u = MetadataPackets.unwrap(raw, "m");
        assertThat(u.packets()).isEqualTo(3);
        assertThat(u.uuid()).isEqualTo(UUID_1);
        assertThat(u.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void lastPacketMayLackItsPadding() {
        byte[] p = packet(ByteOrder.LITTLE_ENDIAN, UUID_1, TEXT, 64, 1, 8, 0);
        byte[] cut = java.util.Arrays.copyOf(p, p.length - 64);
        assertThat(MetadataReader.unwrap(cut, "m")).isEqualTo(TEXT);
    }

    @Test
    void badPackets() {
        assertThatThrownBy(() -> MetadataReader.unwrap(packet(ByteOrder.LITTLE_ENDIAN, UUID_1, TEXT, 0, 1, 9, 0), "m"))
                .isInstanceOf(MetadataException.class)
                .hasMessage("Cannot read metadata packet: file=\"m\", offset=0, reason=\"invalid metadata packet version 1.9: expecting 1.8\"");
        assertThatThrownBy(() -> MetadataReader.unwrap(packet(ByteOrder.LITTLE_ENDIAN, UUID_1, TEXT, 0, 1, 8, 2), "m"))
                .isInstanceOf(UnsupportedCtfException.class).hasMessageContaining("compressed");
        byte[] first = packet(ByteOrder.LITTLE_ENDIAN, UUID_1, "a", 0, 1, 8, 0);
        byte[] other = packet(ByteOrder.LITTLE_ENDIAN, UUID.randomUUID(), "b", 0, 1, 8, 0);
        assertThatThrownBy(() -> MetadataReader.unwrap(concat(first, other), "m"))
                .hasMessageContaining("offset=" + first.length).hasMessageContaining("differs from the first packet's");
        byte[] truncated = java.util.Arrays.copyOf(packet(ByteOrder.LITTLE_ENDIAN, UUID_1, TEXT, 0, 1, 8, 0), 60);
        assertThatThrownBy(() -> MetadataReader.unwrap(truncated, "m")).hasMessageContaining("runs past the end");
        byte[] garbage = concat(first, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> MetadataReader.unwrap(garbage, "m")).hasMessageContaining("bad metadata packet magic");
    }

    @Test
    void packetByteOrderMustMatchTheTraces() {
        byte[] be = packet(ByteOrder.BIG_ENDIAN, UUID_1, TEXT, 0, 1, 8, 0);
        assertThatThrownBy(() -> MetadataReader.read(be, "m", warnings::add)).isInstanceOf(MetadataException.class)
                .hasMessage("Cannot read metadata: file=\"m\", line=2, reason=\"the trace's byte order (little-endian)"
                        + " differs from the metadata packets' (big-endian)\"");
    }

    @Test
    void textEndsAtFirstNulByteOfPackets() {
        byte[] raw = packet(ByteOrder.LITTLE_ENDIAN, UUID_1, TEXT + "\u0000garbage", 0, 1, 8, 0);
        assertThat(MetadataReader.unwrap(raw, "m")).isEqualTo(TEXT);
    }
}

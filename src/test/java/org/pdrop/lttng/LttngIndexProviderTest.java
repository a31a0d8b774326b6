package org.pdrop.lttng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.PacketScanner;
import org.pdrop.ctf.stream.StreamFile;
import org.pdrop.lttng.LttngFixture.Packet;
import org.pdrop.lttng.LttngFixture.Shape;

class LttngIndexProviderTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final LttngIndexProvider provider = new LttngIndexProvider(warnings::add);
    private final List<StreamFile> open = new ArrayList<>();
    /** The stream file {@link #read} gave the provider. */
    private StreamFile last;

    @AfterEach
    void closeFiles() throws IOException {
        for (StreamFile f : open) {
            f.close();
        }
    }

    private StreamFile stream(Path p) throws IOException {
        StreamFile f = new StreamFile(p, p.toString());
        open.add(f);
        return f;
    }

    /** Writes the stream and index, reads both ways, returns what the provider gave. */
    private Optional<List<PacketInfo>> read(Shape shape, List<Packet> packets, byte[] index) throws IOException {
        Path p = LttngFixture.write(dir, "channel0_1", LttngFixture.streamBytes(shape, packets), index);
        PacketScanner scanner = new PacketScanner(LttngFixture.decoder(shape));
        last = stream(p);
        return provider.packets(last, scanner);
    }

    private List<PacketInfo> scan(Shape shape) {
        return new PacketScanner(LttngFixture.decoder(shape)).scan(last);
    }

    private void assertOneWarning(String reasonPart) {
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .startsWith("Cannot use index: file=\"" + dir.resolve("index").resolve("channel0_1.idx") + "\", reason=\"")
                .contains(reasonPart)
                .endsWith("\"; scanning packets instead");
    }

    @Test
    void version11GivesWhatAScanGives() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        List<Packet> packets = LttngFixture.packets(shape, 1, 4096, 8192, 4096, 512);
        Optional<List<PacketInfo>> got = read(shape, packets, LttngFixture.indexBytes(1, 1, 72, packets));

        assertThat(warnings).isEmpty();
        assertThat(got).isPresent();
        assertThat(got.get()).isEqualTo(scan(shape));
        assertThat(got.get()).extracting(PacketInfo::offsetBytes).containsExactly(0L, 4096L, 12288L, 16384L);
        assertThat(got.get()).extracting(PacketInfo::seqNum).containsExactly(10L, 11L, 12L, 13L);
        assertThat(got.get()).extracting(PacketInfo::discarded).containsExactly(0L, 7L, 14L, 21L);
        assertThat(got.get()).extracting(PacketInfo::streamInstanceId).containsOnly(1L);
    }

    @Test
    void version10TakesTheInstanceIdFromThePacketHeader() throws IOException {
        Shape shape = Shape.LTTNG_2_7;
        List<Packet> packets = LttngFixture.packets(shape, 3, 4096, 4096, 4096);
        Optional<List<PacketInfo>> got = read(shape, packets, LttngFixture.indexBytes(1, 0, 56, packets));

        assertThat(warnings).isEmpty();
        assertThat(got).isPresent();
        assertThat(got.get()).isEqualTo(scan(shape));
        assertThat(got.get()).extracting(PacketInfo::streamInstanceId).containsOnly(3L);
        assertThat(got.get()).extracting(PacketInfo::seqNum).containsOnly(-1L);
    }

    @Test
    void headerWithoutInstanceIdGivesMinusOneAsAScanDoes() throws IOException {
        Shape shape = Shape.LTTNG_2_5;
        List<Packet> packets = LttngFixture.packets(shape, 0, 4096, 4096);
        Optional<List<PacketInfo>> got = read(shape, packets, LttngFixture.indexBytes(1, 0, 56, packets));

        assertThat(warnings).isEmpty();
        assertThat(got.get()).isEqualTo(scan(shape));
        assertThat(got.get()).extracting(PacketInfo::streamInstanceId).containsOnly(-1L);
    }

    @Test
    void laterMinorVersionWithLongerEntriesStillReads() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        List<Packet> packets = LttngFixture.packets(shape, 0, 4096, 4096, 4096);
        Optional<List<PacketInfo>> got = read(shape, packets, LttngFixture.indexBytes(1, 2, 88, packets));

        assertThat(warnings).isEmpty();
        assertThat(got.get()).isEqualTo(scan(shape));
    }

    @Test
    void singlePacket() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        List<Packet> packets = LttngFixture.packets(shape, 0, 4096);
        Optional<List<PacketInfo>> got = read(shape, packets, LttngFixture.indexBytes(1, 1, 72, packets));

        assertThat(warnings).isEmpty();
        assertThat(got.get()).isEqualTo(scan(shape));
    }

    @Test
    void missingIndexIsSilent() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        assertThat(read(shape, LttngFixture.packets(shape, 0, 4096), null)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void inMemoryStreamHasNoIndex() {
        Shape shape = Shape.LTTNG_2_8;
        StreamFile mem = new StreamFile("mem", ByteBuffer.wrap(
                LttngFixture.streamBytes(shape, LttngFixture.packets(shape, 0, 4096))));
        assertThat(provider.packets(mem, new PacketScanner(LttngFixture.decoder(shape)))).isEmpty();
        assertThat(warnings).isEmpty();
    }

    // --- fallbacks: each gives empty and exactly one warning ---------------------------------

    private void assertFallback(Shape shape, List<Packet> packets, byte[] index, String reasonPart)
            throws IOException {
        assertThat(read(shape, packets, index)).isEmpty();
        assertOneWarning(reasonPart);
    }

    @Test
    void badMagic() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096, 4096);
        byte[] index = LttngFixture.indexBytes(1, 1, 72, packets);
        index[0] = 0x43; // Trace Compass's own "CTFIDX" files start like this
        assertFallback(Shape.LTTNG_2_8, packets, index, "bad magic: magic=0x43f1dcc1, expected=0xc1f1dcc1");
    }

    @Test
    void unknownMajorVersion() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096);
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(2, 0, 72, packets),
                "unsupported index version: version=2.0");
    }

    @Test
    void entriesTooSmall() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096);
        byte[] index = LttngFixture.indexBytes(1, 0, 56, packets);
        ByteBuffer.wrap(index).putInt(12, 48);
        assertFallback(Shape.LTTNG_2_8, packets, index, "entries too small for index version 1.0: entry-size=48");
    }

    @Test
    void version11EntriesNeed72Bytes() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096);
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(1, 1, 56, packets),
                "entries too small for index version 1.1: entry-size=56, minimum=72");
    }

    @Test
    void shorterThanHeader() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096);
        assertFallback(Shape.LTTNG_2_8, packets, new byte[] {(byte) 0xC1, (byte) 0xF1, (byte) 0xDC},
                "file is shorter than the 16-byte header: size=3");
    }

    @Test
    void truncatedEntry() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096, 4096, 4096);
        byte[] index = LttngFixture.indexBytes(1, 1, 72, packets);
        assertFallback(Shape.LTTNG_2_8, packets, Arrays.copyOf(index, index.length - 5),
                "file does not end on an entry boundary (truncated?): size=227, entry-size=72");
    }

    @Test
    void headerOnly() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096);
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(1, 1, 72, List.of()),
                "no entries, but the stream file is not empty: stream-file-size=4096");
    }

    @Test
    void indexMissesTheLastPacket() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096, 4096, 4096);
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(1, 1, 72, packets.subList(0, 2)),
                "packets cover 8192 bytes but the stream file has 12288");
    }

    @Test
    void streamFileLongerThanItsPackets() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        List<Packet> packets = LttngFixture.packets(shape, 0, 4096, 4096);
        byte[] index = LttngFixture.indexBytes(1, 1, 72, packets);
        LttngFixture.write(dir, "channel0_1", Arrays.copyOf(LttngFixture.streamBytes(shape, packets), 8192 + 100), index);
        assertThat(provider.packets(stream(dir.resolve("channel0_1")), new PacketScanner(LttngFixture.decoder(shape))))
                .isEmpty();
        assertOneWarning("packets cover 8192 bytes but the stream file has 8292");
    }

    @Test
    void offsetsOutOfOrder() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096, 4096, 4096);
        List<Packet> swapped = List.of(packets.get(0), packets.get(2), packets.get(1));
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(1, 1, 72, swapped),
                "packet offsets leave a gap: entry=1, offset=8192, expected=4096");
    }

    @Test
    void offsetRepeated() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096, 4096, 4096);
        List<Packet> repeated = List.of(packets.get(0), packets.get(1), packets.get(1));
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(1, 1, 72, repeated),
                "packet offsets go backwards or overlap: entry=2, offset=4096, expected=8192");
    }

    @Test
    void packetSizeNotWholeBytes() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096, 4096);
        List<Packet> bad = new ArrayList<>(packets);
        Packet p = packets.get(1);
        bad.set(1, new Packet(p.offset(), p.packetBits() - 3, p.contentBits(), p.begin(), p.end(), p.discarded(),
                p.seqNum(), p.instanceId()));
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(1, 1, 72, bad),
                "packet size is not a positive multiple of 8 bits: entry=1, packet-size-bits=32765");
    }

    @Test
    void contentLargerThanPacket() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096, 4096);
        List<Packet> bad = new ArrayList<>(packets);
        Packet p = packets.get(0);
        bad.set(0, new Packet(p.offset(), p.packetBits(), p.packetBits() + 8, p.begin(), p.end(), p.discarded(),
                p.seqNum(), p.instanceId()));
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(1, 1, 72, bad),
                "content size exceeds packet size: entry=0");
    }

    @Test
    void endBeforeBegin() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096, 4096);
        List<Packet> bad = new ArrayList<>(packets);
        Packet p = packets.get(1);
        bad.set(1, new Packet(p.offset(), p.packetBits(), p.contentBits(), p.begin(), p.begin() - 1, p.discarded(),
                p.seqNum(), p.instanceId()));
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(1, 1, 72, bad),
                "timestamp_end is before timestamp_begin: entry=1, timestamp-begin=1100, timestamp-end=1099");
    }

    @Test
    void entriesOfDifferentStreamInstances() throws IOException {
        List<Packet> packets = LttngFixture.packets(Shape.LTTNG_2_8, 0, 4096, 4096);
        List<Packet> bad = new ArrayList<>(packets);
        Packet p = packets.get(1);
        bad.set(1, new Packet(p.offset(), p.packetBits(), p.contentBits(), p.begin(), p.end(), p.discarded(),
                p.seqNum(), 5));
        assertFallback(Shape.LTTNG_2_8, packets, LttngFixture.indexBytes(1, 1, 72, bad),
                "entries name different stream instances: entry=1, stream-instance-id=5, first=0");
    }

    @Test
    void staleIndexFromAnotherRecording() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        List<Packet> packets = LttngFixture.packets(shape, 0, 4096, 4096);
        List<Packet> stale = new ArrayList<>();
        for (Packet p : packets) {
            stale.add(new Packet(p.offset(), p.packetBits(), p.contentBits(), p.begin() + 5, p.end() + 5,
                    p.discarded(), p.seqNum(), p.instanceId()));
        }
        assertFallback(shape, packets, LttngFixture.indexBytes(1, 1, 72, stale),
                "entry disagrees with the packet it indexes: offset=0, field=timestamp-begin, index=1005, packet=1000");
    }

    @Test
    void staleLastEntryIsCaughtToo() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        List<Packet> packets = LttngFixture.packets(shape, 0, 4096, 4096, 4096);
        List<Packet> stale = new ArrayList<>(packets);
        Packet p = packets.get(2);
        stale.set(2, new Packet(p.offset(), p.packetBits(), p.contentBits(), p.begin(), p.end(), p.discarded() + 1,
                p.seqNum(), p.instanceId()));
        assertFallback(shape, packets, LttngFixture.indexBytes(1, 1, 72, stale),
                "offset=8192, field=events-discarded, index=15, packet=14");
    }

    @Test
    void instanceIdDiffersFromThePacketHeader() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        List<Packet> packets = LttngFixture.packets(shape, 2, 4096, 4096);
        List<Packet> other = new ArrayList<>();
        for (Packet p : packets) {
            other.add(new Packet(p.offset(), p.packetBits(), p.contentBits(), p.begin(), p.end(), p.discarded(),
                    p.seqNum(), 3));
        }
        assertFallback(shape, packets, LttngFixture.indexBytes(1, 1, 72, other),
                "index and packet header name different stream instances: stream-instance-id=3, packet-header=2");
    }

    @Test
    void version10CannotGiveSequenceNumbersTheContextHas() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        List<Packet> packets = LttngFixture.packets(shape, 0, 4096, 4096);
        assertFallback(shape, packets, LttngFixture.indexBytes(1, 0, 56, packets),
                "index version 1.0 lacks packet_seq_num, which the packet context has");
    }

    @Test
    void unreadablePacketBehindTheIndex() throws IOException {
        Shape shape = Shape.LTTNG_2_8;
        List<Packet> packets = LttngFixture.packets(shape, 0, 4096, 4096);
        byte[] stream = LttngFixture.streamBytes(shape, packets);
        stream[4096] = 0; // second packet's magic
        LttngFixture.write(dir, "channel0_1", stream, LttngFixture.indexBytes(1, 1, 72, packets));
        assertThat(provider.packets(stream(dir.resolve("channel0_1")), new PacketScanner(LttngFixture.decoder(shape))))
                .isEmpty();
        assertOneWarning("the packet at offset 4096 is unreadable: ");
    }

    /**
     * An entry and its packet must agree on every component of {@link PacketInfo}: each one
     * changed alone is refused, whatever components the record gains later (the comparison is
     * written out, so that no run bootstraps a record's {@code equals}).
     */
    @Test
    void entryAndPacketAgreeOnEveryComponent() throws Exception {
        PacketInfo base = new PacketInfo(new StreamFile("a", ByteBuffer.allocate(64)), 0, 512, 256, 0, 1, 1000,
                2000, true, 3, 4);
        LttngIndexProvider.agree(base, base);
        RecordComponent[] parts = PacketInfo.class.getRecordComponents();
        Class<?>[] types = Arrays.stream(parts).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<PacketInfo> make = PacketInfo.class.getDeclaredConstructor(types);
        for (int i = 0; i < parts.length; i++) {
            Object[] values = new Object[parts.length];
            for (int j = 0; j < parts.length; j++) {
                values[j] = parts[j].getAccessor().invoke(base);
            }
            values[i] = values[i] instanceof Long v ? (Object) (v + 1)
                    : values[i] instanceof Boolean b ? (Object) !b
                    : values[i] instanceof StreamFile ? new StreamFile("b", ByteBuffer.allocate(64))
                    : null;
            assertThat(values[i]).as("a changed %s", parts[i].getName()).isNotNull();
            PacketInfo changed = make.newInstance(values);
            assertThatThrownBy(() -> LttngIndexProvider.agree(base, changed)).as(parts[i].getName())
                    .isInstanceOf(LttngIndexProvider.Rejected.class)
                    .hasMessageStartingWith("entry disagrees with the packet it indexes: offset=");
        }
    }

    @Test
    void indexPathRule() {
        assertThat(IndexFormat.indexPathFor(Path.of("s/kernel/chan_3_12")))
                .isEqualTo(Path.of("s/kernel/index/chan_3_12.idx"));
        assertThat(IndexFormat.indexPathFor(Path.of("channel0_0"))).isEqualTo(Path.of("index/channel0_0.idx"));
    }
}

package org.pdrop.lttng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.decode.DecoderCompiler;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.metadata.MetadataReader;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.PacketScanner;
import org.pdrop.ctf.stream.StreamFile;

/**
 * The index reader and the trace layouts against the real traces in {@code ../shared}: LTTng
 * 2.13 kernel and UST recordings and Babeltrace's test traces. Skipped when {@code ../shared} is
 * absent, and while the TSDL parser is not merged (these need real metadata).
 */
class LttngRealTracesTest {
    static final Path SHARED = Path.of("").toAbsolutePath().getParent().resolve("shared");
    static final Path LAB = SHARED.resolve("traces/lab-6.1");
    static final Path BT_SUCCEED = SHARED.resolve("corpora/babeltrace/ctf-traces/1/succeed");

    private final List<String> warnings = new ArrayList<>();
    private final Diagnostics diag = warnings::add;

    private static void assumeShared() {
        assumeTrue(Files.isDirectory(SHARED.resolve("traces")), "no shared traces at " + SHARED);
    }

    private static TraceClass metadata(Path folder) {
        try {
            return MetadataReader.read(folder.resolve("metadata"), Diagnostics.IGNORE);
        } catch (UnsupportedCtfException e) {
            abort("TSDL parser not available: " + e.getMessage());
            throw e;
        }
    }

    private CtfTrace open(Path root, PacketIndexProvider index) {
        try {
            return CtfTrace.open(List.of(root), diag, index);
        } catch (UnsupportedCtfException e) {
            abort("TSDL parser not available: " + e.getMessage());
            throw e;
        }
    }

    private List<String> indexWarnings() {
        return warnings.stream().filter(w -> w.startsWith("Cannot use index")).toList();
    }

    /** Every stream file that has an index, below the LTTng recordings and Babeltrace's passing traces. */
    static List<Path> indexedStreamFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : List.of(SHARED.resolve("traces"), BT_SUCCEED)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path idx : walk.filter(p -> p.toString().endsWith(IndexFormat.SUFFIX)).sorted().toList()) {
                    Path dir = idx.getParent().getParent();
                    String name = idx.getFileName().toString();
                    Path stream = dir.resolve(name.substring(0, name.length() - IndexFormat.SUFFIX.length()));
                    // LTTng leaves an index for a stream file that stayed empty; readers skip those files.
                    if (Files.isRegularFile(dir.resolve("metadata")) && Files.isRegularFile(stream)
                            && Files.size(stream) > 0) {
                        out.add(stream);
                    }
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> indexGivesWhatAScanGives() throws IOException {
        assumeShared();
        return indexedStreamFiles().stream().map(stream -> DynamicTest.dynamicTest(
                SHARED.relativize(stream).toString(), () -> {
                    PacketScanner scanner = new PacketScanner(DecoderCompiler.compile(metadata(stream.getParent())));
                    List<String> mine = new ArrayList<>();
                    try (StreamFile f = new StreamFile(stream, stream.toString())) {
                        Optional<List<PacketInfo>> indexed = new LttngIndexProvider(mine::add).packets(f, scanner);
                        assertThat(mine).isEmpty();
                        assertThat(indexed).isPresent();
                        assertThat(indexed.get()).isEqualTo(scanner.scan(f));
                    }
                }));
    }

    /** What a stream is, without the file objects: for comparing two openings. */
    private static List<String> describe(CtfTrace t) {
        List<String> out = new ArrayList<>();
        for (CtfTrace.Trace tr : t.traces()) {
            for (DataStream s : tr.streams()) {
                out.add(tr.name() + " | " + s.name() + " | " + s.streamClassId() + "/" + s.streamInstanceId() + " | "
                        + s.packets().stream().map(p -> p.file().displayName() + "@" + p.offsetBytes() + ":"
                                + p.packetSizeBits() + "," + p.contentSizeBits() + "," + p.beginCycles() + "-"
                                + p.endCycles() + ",d" + p.discarded() + ",s" + p.seqNum())
                        .collect(Collectors.joining(" ")));
            }
        }
        return out;
    }

    @Test
    void openingWithTheIndexEqualsOpeningWithout() {
        assumeShared();
        for (Path root : List.of(LAB.resolve("all-net"), LAB.resolve("discarded"), LAB.resolve("tracefile-rotation"),
                SHARED.resolve("traces/ust"), BT_SUCCEED.resolve("multi-domains"),
                BT_SUCCEED.resolve("session-rotation"), BT_SUCCEED.resolve("lttng-tracefile-rotation"))) {
            List<String> scanned;
            try (CtfTrace t = open(root, PacketIndexProvider.NONE)) {
                scanned = describe(t);
            }
            try (CtfTrace t = open(root, new LttngIndexProvider(diag))) {
                assertThat(describe(t)).as(root.toString()).isEqualTo(scanned);
            }
            assertThat(indexWarnings()).as(root.toString()).isEmpty();
        }
    }

    private static void assertTimeOrderedWithoutRepeats(DataStream s) {
        for (int i = 1; i < s.packets().size(); i++) {
            assertThat(Long.compareUnsigned(s.packets().get(i - 1).beginCycles(), s.packets().get(i).beginCycles()))
                    .as(s.name() + " packet " + i).isNegative();
        }
    }

    @Test
    void snapshotsOfOneSessionAreOneTrace() {
        assumeShared();
        try (CtfTrace t = open(LAB.resolve("snapshot"), new LttngIndexProvider(diag))) {
            assertThat(t.traces()).singleElement().satisfies(tr -> {
                assertThat(tr.name()).isEqualTo("kernel-lab");
                assertThat(tr.folders()).hasSize(2);
                assertThat(tr.streams()).extracting(DataStream::streamInstanceId).containsExactly(0L, 1L);
                tr.streams().forEach(LttngRealTracesTest::assertTimeOrderedWithoutRepeats);
            });
        }
    }

    @Test
    void rotationChunksWithTracefileRotationAreOneTrace() {
        assumeShared();
        try (CtfTrace t = open(LAB.resolve("tracefile-rotation"), new LttngIndexProvider(diag))) {
            assertThat(t.traces()).singleElement().satisfies(tr -> {
                assertThat(tr.name()).isEqualTo("kernel-lab");
                assertThat(tr.folders()).hasSize(2);
                assertThat(tr.streams()).extracting(DataStream::streamInstanceId).containsExactlyInAnyOrder(0L, 1L);
                // Chunk 0 holds rot_0_{0,1,2} and rot_1_{0,1,2}, chunk 1 rot_0_0, rot_1_0 and rot_1_1.
                assertThat(tr.streams().stream().flatMap(s -> s.packets().stream()).map(p -> p.file().path())
                        .distinct()).hasSize(9);
                tr.streams().forEach(LttngRealTracesTest::assertTimeOrderedWithoutRepeats);
            });
        }
        assertThat(indexWarnings()).isEmpty();
    }

    @Test
    void tracesAreNamedHostnameSlashRelativePath() {
        assumeShared();
        try (CtfTrace t = open(LAB.resolve("discarded"), new LttngIndexProvider(diag))) {
            assertThat(t.traces()).extracting(CtfTrace.Trace::name).containsExactly("kernel-lab/kernel");
            assertThat(t.streams()).extracting(s -> SHARED.relativize(Path.of(s.name())).toString())
                    .containsExactly("traces/lab-6.1/discarded/kernel/tiny_0", "traces/lab-6.1/discarded/kernel/tiny_1");
        }
        try (CtfTrace t = open(SHARED.resolve("traces/ust/pid-discard"), new LttngIndexProvider(diag))) {
            assertThat(t.traces()).extracting(CtfTrace.Trace::name)
                    .containsExactly("vm/ust/pid/pdrop-oracle-ap-16815-20261126-121202");
        }
        try (CtfTrace t = open(BT_SUCCEED.resolve("multi-domains/kernel"), new LttngIndexProvider(diag))) {
            assertThat(t.traces()).extracting(CtfTrace.Trace::name).containsExactly("joraj-alpa");
        }
        try (CtfTrace t = open(BT_SUCCEED.resolve("multi-domains"), new LttngIndexProvider(diag))) {
            assertThat(t.traces()).extracting(CtfTrace.Trace::name)
                    .containsExactly("joraj-alpa/kernel", "joraj-alpa/ust");
        }
    }

    @Test
    void perProcessFoldersAcrossRotationChunksMergeByUuid() {
        assumeShared();
        try (CtfTrace t = open(BT_SUCCEED.resolve("session-rotation"), new LttngIndexProvider(diag))) {
            assertThat(t.traces()).extracting(CtfTrace.Trace::name)
                    .containsExactly("smarchi-efficios", "smarchi-efficios");
            assertThat(t.traces()).extracting(tr -> tr.folders().get(0).getFileName().toString())
                    .containsExactly("10352", "10353");
            for (CtfTrace.Trace tr : t.traces()) {
                assertThat(tr.folders()).hasSize(3);
                tr.streams().forEach(LttngRealTracesTest::assertTimeOrderedWithoutRepeats);
            }
        }
    }

    @Test
    void theMetadataDeclaringMostIsReadWhateverTheFolderOrder() {
        assumeShared();
        // Chunk 3's metadata has 41 event blocks, chunks a/1 and a/2 31; a/1 comes first. Chunk 3
        // repeats 14 of its blocks (same ids, same text), so both declare 27 distinct event classes.
        Path rotation = BT_SUCCEED.resolve("session-rotation");
        try (CtfTrace t = CtfTrace.open(List.of(rotation.resolve("a"), rotation.resolve("3")), diag,
                new LttngIndexProvider(diag))) {
            for (CtfTrace.Trace tr : t.traces()) {
                assertThat(tr.folders()).hasSize(3);
                assertThat(tr.traceClass().streams().stream().mapToInt(sc -> sc.events().size()).sum()).isEqualTo(27);
            }
        } catch (UnsupportedCtfException e) {
            abort("TSDL parser not available: " + e.getMessage());
        }
    }
}

package org.pdrop.ctf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.stream.PacketIndexProvider;

/**
 * The metadata read ahead of the command line ({@link MetadataPrefetch}) is used only for the
 * very file and bytes that {@link CtfTrace#open} reads, and a run with it warns and fails exactly
 * as a run without it.
 */
class MetadataPrefetchTest {
    private static final Path SAMPLE = Path.of("samples/lab-20261126");

    /** Plain-text metadata without the {@code /* CTF 1.8} signature: valid, with one warning. */
    private static final String UNSIGNED = """
            typealias integer { size = 32; align = 8; signed = false; } := uint32_t;
            trace { major = 1; minor = 8; byte_order = le; };
            event { name = e; fields := struct { uint32_t x; }; };
            """;

    @TempDir
    Path tmp;

    @AfterEach
    void forget() {
        MetadataPrefetch.reset();
    }

    private static TraceDecoder decoderOf(Path root, List<String> warnings) {
        try (CtfTrace t = CtfTrace.open(List.of(root), warnings::add, PacketIndexProvider.NONE)) {
            return t.traces().get(0).decoder();
        }
    }

    /** The prefetch's result, waited for. */
    private static MetadataPrefetch.Result prefetched(Path file) throws IOException {
        return MetadataPrefetch.take(file.toString(), Files.readAllBytes(file), m -> { }).orElseThrow();
    }

    @Test
    void theLikelyMetadataFileOfARoot() throws IOException {
        Path kernel = SAMPLE.resolve("kernel");
        assertThat(MetadataPrefetch.metadataOf(SAMPLE)).isEqualTo(kernel.resolve("metadata"));
        assertThat(MetadataPrefetch.metadataOf(kernel)).isEqualTo(kernel.resolve("metadata"));
        assertThat(MetadataPrefetch.metadataOf(kernel.resolve("metadata"))).isEqualTo(kernel.resolve("metadata"));
        assertThat(MetadataPrefetch.metadataOf(SAMPLE.resolve("kallsyms"))).isNull();
        assertThat(MetadataPrefetch.metadataOf(tmp)).isNull();
        assertThat(MetadataPrefetch.metadataOf(tmp.resolve("missing"))).isNull();
    }

    @Test
    void openUsesThePrefetchedDecodersForTheSameFile() throws IOException {
        MetadataPrefetch.start(List.of(tmp.resolve("missing"), SAMPLE));
        List<String> warnings = new ArrayList<>();
        int given = MetadataPrefetch.given;
        TraceDecoder used = decoderOf(SAMPLE, warnings);
        assertThat(MetadataPrefetch.given).as("the prefetch was used").isEqualTo(given + 1);
        // A second open reads the metadata itself: the prefetch is given out once.
        TraceDecoder again = decoderOf(SAMPLE, new ArrayList<>());
        assertThat(again).isNotSameAs(used);
        assertThat(MetadataPrefetch.given).isEqualTo(given + 1);
        MetadataPrefetch.reset();
        MetadataPrefetch.start(List.of(SAMPLE));
        assertThat(prefetched(SAMPLE.resolve("kernel/metadata")).traceClass())
                .as("the prefetch parses what open would").isEqualTo(used.traceClass());
    }

    @Test
    void theWarningsOfAUsedPrefetchAreReplayedInOrder() throws IOException {
        Path trace = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(trace.resolve("metadata"), UNSIGNED);
        List<String> without = new ArrayList<>();
        decoderOf(trace, without);
        assertThat(without).hasSize(1).first().asString().contains("signature");

        MetadataPrefetch.start(List.of(trace));
        List<String> with = new ArrayList<>();
        int given = MetadataPrefetch.given;
        decoderOf(trace, with);
        assertThat(MetadataPrefetch.given).as("the prefetch was used").isEqualTo(given + 1);
        assertThat(with).isEqualTo(without);
        assertThat(MetadataPrefetch.take(trace.resolve("metadata").toString(),
                Files.readAllBytes(trace.resolve("metadata")), m -> { })).as("taken already").isEmpty();
    }

    @Test
    void otherBytesOrAnotherFileAreReadAsUsual() throws IOException {
        Path trace = Files.createDirectories(tmp.resolve("t"));
        Path file = trace.resolve("metadata");
        Files.writeString(file, "/* CTF 1.8 */\n" + UNSIGNED);
        MetadataPrefetch.start(List.of(trace));
        awaitPrefetch();
        // The file changed after the prefetch read it: its result must not be used.
        Files.writeString(file, "/* CTF 1.8 */\n" + UNSIGNED.replace("uint32_t x;", "uint32_t x; uint32_t y;"));
        int given = MetadataPrefetch.given;
        TraceDecoder read = decoderOf(trace, new ArrayList<>());
        assertThat(MetadataPrefetch.given).as("not used").isEqualTo(given);
        assertThat(read.traceClass().stream(0).events().get(0).payload().fields()).hasSize(2);

        // A prefetch of another file is not taken for this one.
        MetadataPrefetch.reset();
        MetadataPrefetch.start(List.of(SAMPLE));
        assertThat(MetadataPrefetch.take(file.toString(), Files.readAllBytes(file), m -> { })).isEmpty();
    }

    @Test
    void aFailedPrefetchLeavesTheErrorToTheRun() throws IOException {
        Path trace = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(trace.resolve("metadata"), "/* CTF 1.8 */\ntrace { major = 1; minor = 8; byte_order = le; \n");
        String without = null;
        try {
            decoderOf(trace, new ArrayList<>());
        } catch (CtfException e) {
            without = e.getMessage();
        }
        assertThat(without).isNotNull();
        MetadataPrefetch.start(List.of(trace));
        assertThat(MetadataPrefetch.take(trace.resolve("metadata").toString(),
                Files.readAllBytes(trace.resolve("metadata")), m -> { })).isEmpty();
        MetadataPrefetch.reset();
        MetadataPrefetch.start(List.of(trace));
        assertThatThrownBy(() -> decoderOf(trace, new ArrayList<>())).isInstanceOf(CtfException.class).hasMessage(without);
    }

    /** Waits for the prefetch threads to finish. */
    private static void awaitPrefetch() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("pdrop-metadata")) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

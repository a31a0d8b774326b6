package org.pdrop.ctf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trace folder discovery and naming against LTTng session layouts (formats.md §5.1). */
class TraceDiscoveryTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    /** A trace folder: metadata, the given stream files (4 bytes each) and their index files. */
    private Path trace(String rel, String... streams) throws IOException {
        Path d = tmp.resolve(rel);
        Files.createDirectories(d.resolve("index"));
        Files.writeString(d.resolve("metadata"), "/* CTF 1.8 */");
        for (String s : streams) {
            Files.write(d.resolve(s), new byte[4]);
            Files.write(d.resolve("index").resolve(s + ".idx"), new byte[16]);
        }
        return d;
    }

    private List<String> found(Path root) {
        List<String> out = new ArrayList<>();
        for (Path p : CtfTrace.findTraceFolders(root, warnings::add)) {
            out.add(CtfTrace.relativeName(tmp, p));
        }
        return out;
    }

    @Test
    void sessionFolderWithKernelAndUserSpaceTraces() throws IOException {
        trace("s/kernel", "channel0_0", "channel0_1");
        trace("s/ust/uid/1000/64-bit", "ch0_0", "ch0_1");
        trace("s/ust/uid/1000/32-bit", "ch0_0");
        trace("s/ust/pid/app-4242-20240101-120000", "ch0_0");

        assertThat(found(tmp.resolve("s"))).containsExactly("s/kernel", "s/ust/pid/app-4242-20240101-120000",
                "s/ust/uid/1000/32-bit", "s/ust/uid/1000/64-bit");
        assertThat(warnings).isEmpty();
    }

    @Test
    void snapshotsAndRotationChunks() throws IOException {
        trace("s/snapshot-1-20240101-120000-0/kernel", "channel0_0");
        trace("s/snapshot-1-20240101-120005-1/kernel", "channel0_0");
        trace("s/archives/20240101T120000+0000-20240101T120010+0000-0/kernel", "rot_0_0", "rot_0_1", "rot_0_2");
        trace("s/archives/20240101T120010+0000-20240101T120020+0000-1/kernel", "rot_0_0");

        assertThat(found(tmp.resolve("s"))).containsExactly(
                "s/archives/20240101T120000+0000-20240101T120010+0000-0/kernel",
                "s/archives/20240101T120010+0000-20240101T120020+0000-1/kernel",
                "s/snapshot-1-20240101-120000-0/kernel",
                "s/snapshot-1-20240101-120005-1/kernel");
    }

    @Test
    void neverEntersATraceFolderSoIndexIsNeverATrace() throws IOException {
        Path k = trace("s/kernel", "channel0_0");
        Files.writeString(k.resolve("index").resolve("metadata"), "not a trace");
        Files.createDirectories(k.resolve("nested"));
        Files.writeString(k.resolve("nested").resolve("metadata"), "not a trace either");

        assertThat(found(tmp.resolve("s"))).containsExactly("s/kernel");
        assertThat(found(k.resolve("index"))).containsExactly("s/kernel/index"); // named explicitly: taken
    }

    @Test
    void streamFilesAreTheRegularVisibleNonEmptyFilesBesideTheMetadata() throws IOException {
        Path k = trace("s/kernel", "chan_0_0", "chan_0_1", "chan_1_0");
        Files.write(k.resolve("chan_1_1"), new byte[0]);
        Files.write(k.resolve(".lock"), new byte[3]);

        assertThat(CtfTrace.streamFiles(k)).extracting(p -> p.getFileName().toString())
                .containsExactly("chan_0_0", "chan_0_1", "chan_1_0");
    }

    @Test
    void hiddenFoldersBelowTheRootAreSkipped() throws IOException {
        trace("s/.git/kernel", "c_0");
        trace("s/kernel", "c_0");
        assertThat(found(tmp.resolve("s"))).containsExactly("s/kernel");
        trace(".hidden-root/kernel", "c_0");
        assertThat(found(tmp.resolve(".hidden-root"))).containsExactly(".hidden-root/kernel");
    }

    @Test
    void fileRootsStandForTheirFolder() throws IOException {
        Path k = trace("s/kernel", "channel0_0");
        assertThat(found(k.resolve("metadata"))).containsExactly("s/kernel");
        assertThat(found(k.resolve("channel0_0"))).containsExactly("s/kernel");
        assertThat(found(k.resolve("index").resolve("channel0_0.idx"))).isEmpty();
    }

    @Test
    void symbolicLinkLoopIsReportedAndSkipped() throws IOException {
        trace("s/kernel", "c_0");
        Files.createSymbolicLink(tmp.resolve("s/loop"), tmp.resolve("s"));
        assertThat(found(tmp.resolve("s"))).containsExactly("s/kernel");
        assertThat(warnings).singleElement().asString()
                .isEqualTo("Cannot list folder: path=\"" + tmp.resolve("s/loop")
                        + "\", reason=\"symbolic link loop\"; skipping it");
    }

    @Test
    void linkedTraceFolderIsFound() throws IOException {
        Path k = trace("elsewhere/kernel", "c_0");
        Files.createDirectories(tmp.resolve("s"));
        Files.createSymbolicLink(tmp.resolve("s/kernel"), k);
        assertThat(found(tmp.resolve("s"))).containsExactly("s/kernel");
    }

    @Test
    void unreadableFolderIsReportedAndSkipped() throws IOException {
        trace("s/kernel", "c_0");
        Path locked = tmp.resolve("s/locked");
        trace("s/locked/ust", "c_0");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeTrue(!Files.isReadable(locked), "permissions are not enforced for this user (root?)");
            assertThat(found(tmp.resolve("s"))).containsExactly("s/kernel");
            assertThat(warnings).singleElement().asString().contains("reason=\"permission denied\"");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void relativeNames() {
        Path root = tmp.resolve("lab/discarded");
        assertThat(CtfTrace.relativeName(root, root.resolve("kernel"))).isEqualTo("kernel");
        assertThat(CtfTrace.relativeName(root, root.resolve("ust/pid/app-1-20240101-120000")))
                .isEqualTo("ust/pid/app-1-20240101-120000");
        assertThat(CtfTrace.relativeName(root, root)).isEmpty();
        assertThat(CtfTrace.relativeName(root.resolve("."), root.resolve("x/../kernel"))).isEqualTo("kernel");
        assertThat(CtfTrace.relativeName(Path.of(""), Path.of("a/b"))).isEqualTo("a/b");
    }

    /** Babeltrace 2.0.4's names in shared/reference/bt2-2.0.4/*.err. */
    @Test
    void traceNamesAsBabeltraceGivesThem() {
        assertThat(CtfTrace.traceName("kernel-lab", "kernel")).isEqualTo("kernel-lab/kernel");
        assertThat(CtfTrace.traceName("vm", "ust/pid/pdrop-oracle-ap-16815-20261126-121202"))
                .isEqualTo("vm/ust/pid/pdrop-oracle-ap-16815-20261126-121202");
        assertThat(CtfTrace.traceName("joraj-alpa", "")).isEqualTo("joraj-alpa");
        assertThat(CtfTrace.traceName(null, "")).isEmpty();
        assertThat(CtfTrace.traceName(null, "kernel")).isEqualTo("kernel");
        assertThat(CtfTrace.traceName("", "kernel")).isEqualTo("kernel");
    }
}

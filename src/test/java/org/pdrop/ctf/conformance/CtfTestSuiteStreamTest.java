package org.pdrop.ctf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pdrop.ctf.CtfException;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * The CTF test suite's stream cases ({@code ctf-testsuite/regression/stream/{pass,fail}}): every
 * pass case reads to the end with every field decoded, every fail case is refused with a
 * {@link CtfException} (never another exception, never an endless loop).
 */
class CtfTestSuiteStreamTest {

    /** Reads every event of the trace, decoding all of it; returns the number of events. */
    static long readAll(Path trace) {
        try (CtfTrace t = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            EventMerger m = t.merger(true);
            long n = 0;
            while (m.next()) {
                StreamCursor c = m.current();
                if (c.kind() == StreamCursor.Kind.EVENT) {
                    c.payload();
                    n++;
                }
            }
            return n;
        }
    }

    private static Stream<Path> cases(String kind) throws IOException {
        Path dir = SharedData.require().resolve("corpora/ctf-testsuite/regression/stream").resolve(kind);
        return Files.list(dir).filter(Files::isDirectory).sorted();
    }

    /**
     * Valid CTF that pdrop refuses as unsupported, like Babeltrace 2.0.4 (see docs/conformance.md):
     * integers wider than 64 bits.
     */
    static final Set<String> UNSUPPORTED = Set.of("integer-large-size");

    @TestFactory
    Stream<DynamicTest> passCasesRead() throws IOException {
        return cases("pass").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            if (UNSUPPORTED.contains(p.getFileName().toString())) {
                assertThatThrownBy(() -> readAll(p)).isInstanceOf(UnsupportedCtfException.class);
            } else {
                assertThat(readAll(p)).isGreaterThanOrEqualTo(0);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> failCasesAreRefused() throws IOException {
        return cases("fail").map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> assertThatThrownBy(() -> readAll(p)).isInstanceOf(CtfException.class)));
    }
}

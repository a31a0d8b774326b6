package org.pdrop.ctf.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.decode.FieldDecoder;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * The allocation-free path ({@link StreamCursor#visit}) reports exactly what the value path
 * ({@link StreamCursor#payload()} and friends) decodes, event by event, on real traces of every
 * shape: kernel and userspace LTTng, variants, sequences, text arrays, floats, nested arrays.
 */
class FieldVisitorTest {
    static final List<String> TRACES = List.of("traces/ust/small", "traces/lab-6.1/netem-loss",
            "corpora/babeltrace/ctf-traces/1/succeed/meta-variant-one-underscore",
            "corpora/babeltrace/ctf-traces/1/succeed/sequence", "corpora/babeltrace/ctf-traces/1/succeed/succeed1",
            "corpora/ctf-testsuite/regression/stream/pass/array-with-empty-struct",
            "corpora/ctf-testsuite/regression/stream/pass/in-bound-variant-selected-element",
            "corpora/tracecompass/ctf/ctf-sequence-empty", "corpora/tracecompass/ctf/papi_counters");

    @TestFactory
    Stream<DynamicTest> visitingEqualsReading() {
        Path shared = SharedData.require();
        return TRACES.stream().map(t -> DynamicTest.dynamicTest(t, () -> compare(shared.resolve(t))));
    }

    private static void compare(Path trace) {
        try (CtfTrace a = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE);
             CtfTrace b = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            EventMerger ma = a.merger(true);
            EventMerger mb = b.merger(true);
            long events = 0;
            while (ma.next()) {
                assertThat(mb.next()).isTrue();
                StreamCursor ca = ma.current();
                StreamCursor cb = mb.current();
                if (ca.kind() != StreamCursor.Kind.EVENT) {
                    continue;
                }
                RecordingVisitor visited = new RecordingVisitor();
                RecordingVisitor read = new RecordingVisitor();
                ca.visit(visited, visited, visited);
                for (var v : new org.pdrop.ctf.decode.FieldValue[] {cb.commonContext(), cb.specificContext(),
                        cb.payload()}) {
                    if (v != null) {
                        FieldDecoder.replay(v, read);
                    }
                }
                assertThat(visited.text()).as("event %d", events).isEqualTo(read.text());
                events++;
            }
            assertThat(mb.next()).isFalse();
            assertThat(events).isPositive();
        }
    }
}

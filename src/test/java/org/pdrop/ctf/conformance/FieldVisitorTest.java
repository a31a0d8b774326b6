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
import org.pdrop.ctf.decode.FieldVisitor;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * The allocation-free path ({@link StreamCursor#visit}) reports exactly what the value path
 * ({@link StreamCursor#payload()} and friends) decodes, event by event, on real traces of every
 * shape: kernel and userspace LTTng, variants, sequences, text arrays, floats, nested arrays.
 */
class FieldVisitorTest {
    /** Writes every callback as text, so two runs compare as strings. */
    static final class Recorder implements FieldVisitor {
        final StringBuilder b = new StringBuilder();

        @Override
        public void integer(long bits) {
            b.append(bits).append(',');
        }

        @Override
        public void floatingPoint(double value) {
            b.append(Double.doubleToRawLongBits(value)).append('f');
        }

        @Override
        public void string(byte[] bytes, int offset, int length) {
            b.append('"').append(new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .append('"');
        }

        @Override
        public void beginStruct() {
            b.append('{');
        }

        @Override
        public void endStruct() {
            b.append('}');
        }

        @Override
        public void beginArray(int length) {
            b.append('[').append(length).append(':');
        }

        @Override
        public void endArray() {
            b.append(']');
        }

        @Override
        public void beginVariant(int option) {
            b.append('<').append(option).append(':');
        }

        @Override
        public void endVariant() {
            b.append('>');
        }
    }

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
                Recorder visited = new Recorder();
                Recorder read = new Recorder();
                ca.visit(visited, visited, visited);
                for (var v : new org.pdrop.ctf.decode.FieldValue[] {cb.commonContext(), cb.specificContext(),
                        cb.payload()}) {
                    if (v != null) {
                        FieldDecoder.replay(v, read);
                    }
                }
                assertThat(visited.b.toString()).as("event %d", events).isEqualTo(read.b.toString());
                events++;
            }
            assertThat(mb.next()).isFalse();
            assertThat(events).isPositive();
        }
    }
}

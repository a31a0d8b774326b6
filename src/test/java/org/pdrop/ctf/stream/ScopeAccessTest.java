package org.pdrop.ctf.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.conformance.RecordingVisitor;

/**
 * The cursor's per-scope access ({@link StreamCursor#fixedScopeAt}, {@link StreamCursor#passScope},
 * {@link StreamCursor#visitScope}), which lets the dump print a common context from remembered
 * text: on real LTTng kernel traces committed in the project, passing or visiting scope by scope
 * ends every event where decoding it whole does, visits the same fields, and finds the scopes'
 * bytes where the body starts.
 */
class ScopeAccessTest {
    private static final List<Path> TRACES = List.of(Path.of("samples/lab-20261126"), Path.of("bench/template"));

    @Test
    void scopeByScopeEndsWhereAWholeVisitEndsAndVisitsTheSameFields() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (Path trace : TRACES) {
            try (CtfTrace whole = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE);
                 CtfTrace parts = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
                long events = 0;
                long passed = 0;
                for (int si = 0; si < whole.streams().size(); si++) {
                    StreamCursor a = new StreamCursor(whole.streams().get(si), false);
                    StreamCursor b = new StreamCursor(parts.streams().get(si), false);
                    while (a.advance()) {
                        assertThat(b.advance()).isTrue();
                        if (a.kind() != StreamCursor.Kind.EVENT) {
                            continue;
                        }
                        events++;
                        RecordingVisitor[] ra = {new RecordingVisitor(), new RecordingVisitor(), new RecordingVisitor()};
                        a.visit(ra[0], ra[1], ra[2]);
                        assertThat(b.fixedScopeAt(StreamCursor.COMMON_CONTEXT))
                                .as("LTTng's common context (procname, tid, pid) is a fixed run of bytes at the body's start")
                                .isEqualTo((int) (b.bodyStartBits() >>> 3));
                        for (int s = StreamCursor.COMMON_CONTEXT; s <= StreamCursor.PAYLOAD; s++) {
                            int at = b.fixedScopeAt(s);
                            if (at >= 0 && rnd.nextBoolean()) {
                                assertThat(b.scopeFixedBits(s)).isPositive();
                                b.passScope(s);
                                passed++;
                            } else {
                                RecordingVisitor r = new RecordingVisitor();
                                b.visitScope(s, r);
                                assertThat(r.text()).isEqualTo(ra[s].text());
                            }
                        }
                        assertThat(b.bodyEndBits()).isEqualTo(a.bodyEndBits());
                    }
                    assertThat(b.advance()).isFalse();
                }
                assertThat(events).as(trace + ": events").isPositive();
                assertThat(passed).as(trace + ": scopes passed").isPositive();
            }
        }
    }

    @Test
    void aPayloadIsNextOnlyOnceTheScopesBeforeItAreReadOrAbsent() {
        try (CtfTrace t = CtfTrace.open(List.of(TRACES.get(0)), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            StreamCursor c = new StreamCursor(t.streams().get(0), false);
            boolean checked = false;
            while (!checked && c.advance()) {
                if (c.kind() != StreamCursor.Kind.EVENT || c.scopeFixedBits(StreamCursor.PAYLOAD) <= 0) {
                    continue;
                }
                assertThat(c.fixedScopeAt(StreamCursor.PAYLOAD)).as("the common context comes first").isEqualTo(-1);
                assertThatThrownBy(() -> c.passScope(StreamCursor.PAYLOAD)).isInstanceOf(IllegalStateException.class);
                long start = c.bodyStartBits();
                c.passScope(StreamCursor.COMMON_CONTEXT);
                // LTTng kernel events have no specific context: the payload is next.
                assertThat(c.fixedScopeAt(StreamCursor.PAYLOAD))
                        .isEqualTo((int) ((start + c.scopeFixedBits(StreamCursor.COMMON_CONTEXT)) >>> 3));
                assertThat(c.fixedScopeAt(StreamCursor.COMMON_CONTEXT)).as("already passed").isEqualTo(-1);
                checked = true;
            }
            assertThat(checked).isTrue();
        }
    }
}

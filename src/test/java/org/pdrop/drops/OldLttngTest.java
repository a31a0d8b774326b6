package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Traces from older LTTng versions: 2.5 on 32-bit ARM (base-10 32-bit addresses, native-order
 * protocol, no reasons) and 2.10 on x86_64 (a partial trace), against Babeltrace 2.
 */
class OldLttngTest {
    @BeforeEach
    void traces() {
        LabTraces.assumeAvailable();
    }

    @ParameterizedTest
    @CsvSource({"bug446190, lttng-modules 2.5.0, 3.10.31-ltsi", "uneven-streams, lttng-modules 2.10.0, 4.11.0-10-generic"})
    void skbKfreeEventsMatchBabeltrace(String name, String tracer, String release) throws IOException {
        Path trace = LabTraces.shared().resolve("corpora/tracecompass/ctf/" + name);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(trace));
        List<LabTraces.Bt2Event> expected = LabTraces.bt2Events(LabTraces.bt2Output("corpora__tracecompass__ctf__" + name))
                .stream().filter(e -> e.name().equals("skb_kfree")).toList();
        LabTraces.Run run = LabTraces.run(AnalysisRequest.builder(List.of(trace)).zone(ZoneOffset.UTC)
                .progress(false).build());
        assertThat(run.events()).hasSameSizeAs(expected);
        LabAnalysisTest.TimeOfDay tod = new LabAnalysisTest.TimeOfDay();
        for (int i = 0; i < expected.size(); i++) {
            DropEvent e = run.events().get(i);
            LabTraces.Bt2Event x = expected.get(i);
            assertThat(tod.of(e.timestampNs())).isEqualTo(x.timeOfDay());
            assertThat(e.location().address()).isEqualTo(x.location());
            assertThat(e.protocol()).isEqualTo(x.protocol());
            assertThat(e.cpu()).isEqualTo(x.cpu());
            assertThat(e.reason()).isNull();
            assertThat(e.isDrop()).isTrue();
        }
        TraceInfo info = run.report().info().traces().get(0);
        assertThat(info.tracer()).isEqualTo(tracer);
        assertThat(info.kernelRelease()).isEqualTo(release);
        assertThat(info.hasReasons()).isFalse();
        assertThat(run.report().info().someTraceWithoutReasons()).isTrue();
        assertThat(run.err()).contains("records no drop reasons: some reported drops may be normal frees");
    }
}

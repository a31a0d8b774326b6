package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pdrop.drops.AnalysisRequest;
import org.pdrop.drops.FilterSpec;
import org.pdrop.drops.LabTraces;
import org.pdrop.drops.OutputFormat;
import org.pdrop.drops.TimeBound;

/**
 * Golden files ({@code lab-*.expect}) for every sink on real traces: a short time window of
 * {@code netem-loss} for the listings (with normal frees), the whole trace for the summaries, and
 * the {@code discarded} trace for loss reporting. Paths are relative to the project folder so the
 * files do not depend on where it is checked out. Stderr is part of each golden file, after a
 * {@code --- stderr} line.
 */
class LabGoldenTest {
    private static Path rel(Path p) {
        return Path.of("").toAbsolutePath().relativize(p);
    }

    private static FilterSpec window(String beginSeconds, String endSeconds) {
        return new FilterSpec(Optional.of(new TimeBound.AfterStart(Duration.parse("PT" + beginSeconds + "S"))),
                Optional.of(new TimeBound.AfterStart(Duration.parse("PT" + endSeconds + "S"))), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    @ParameterizedTest(name = "{0} {1} summary={2}")
    @CsvSource({
            "netem-loss, TEXT, false",
            "netem-loss, JSON, false",
            "netem-loss, CSV, false",
            "netem-loss, TEXT, true",
            "netem-loss, JSON, true",
            "netem-loss, CSV, true",
            "discarded, TEXT, false",
            "discarded, JSON, false",
            "discarded, TEXT, true",
    })
    void sinkOnLabTrace(String trace, OutputFormat format, boolean summary) throws IOException {
        LabTraces.assumeAvailable();
        AnalysisRequest.Builder b = AnalysisRequest.builder(List.of(rel(LabTraces.trace(trace))))
                .kallsyms(rel(LabTraces.kallsyms())).zone(java.time.ZoneOffset.UTC).progress(false)
                .format(format).summary(summary).top(5).interval(Duration.ofSeconds(1));
        Consumer<AnalysisRequest.Builder> listing = trace.equals("netem-loss")
                ? x -> x.allFrees(true).filters(window("3", "3.05"))
                : x -> x.filters(window("2.4", "2.8"));
        if (!summary) {
            listing.accept(b);
        }
        StringWriter err = new StringWriter();
        String out = LabSeedParityTest.run(b.build(), err);
        String name = "lab-" + trace + (summary ? ".summary" : ".window") + "." + format.name().toLowerCase() + ".expect";
        Expect.matches(out + "--- stderr\n" + err, name);
        if (format == OutputFormat.JSON) {
            JsonSinkTest.assertValidJsonLines(out);
        }
        if (trace.equals("discarded")) {
            assertThat(out + err).contains(summary ? "166879" : "discarded");
        }
    }
}

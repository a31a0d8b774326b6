package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdrop.drops.AnalysisRequest;
import org.pdrop.drops.DropAnalysis;
import org.pdrop.drops.HostInfo;
import org.pdrop.drops.LabTraces;

/**
 * The default output against the seed's own output on the lab traces (golden/seed/*.seed.txt,
 * made with TZ=UTC and the lab's kallsyms): byte for byte, except for the seed's float rounding
 * (a timestamp less than ~100 ns below a second boundary printed with the next second), and
 * except that the seed printed the overlapping snapshots twice.
 */
class LabSeedParityTest {
    private static final Pattern LINE = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)\\.(\\d{9})\\](.*)$");

    static String run(AnalysisRequest request, StringWriter err) throws IOException {
        StringWriter out = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err, true);
        DropAnalysis.run(request, Sinks.forRequest(request, o, e), e,
                new HostInfo("test-host", "0.0", Path.of("/nonexistent/kallsyms")));
        o.flush();
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"netem-loss", "all-net", "snapshot"})
    void defaultOutputIsTheSeeds(String name) throws IOException {
        LabTraces.assumeAvailable();
        List<String> golden = Files.readAllLines(LabTraces.shared().resolve("golden/seed/" + name + ".seed.txt"));
        if (name.equals("snapshot")) {
            golden = dedupeAdjacent(golden);
        }
        StringWriter err = new StringWriter();
        String out = run(LabTraces.request(LabTraces.trace(name)).build(), err);
        assertThat(out).endsWith("\n");
        List<String> ours = out.lines().toList();
        assertThat(ours).hasSameSizeAs(golden);
        int rounded = 0;
        for (int i = 0; i < ours.size(); i++) {
            if (!ours.get(i).equals(golden.get(i))) {
                assertThat(seedRoundedUp(ours.get(i), golden.get(i))).as("line %d:%n ours %s%n seed %s", i + 1,
                        ours.get(i), golden.get(i)).isTrue();
                rounded++;
            }
        }
        assertThat(rounded).as("lines that differ only by the seed's rounding").isLessThan(ours.size() / 100 + 1);
        assertThat(err.toString()).as("no warning with --kallsyms and no loss").isEmpty();
    }

    @Test
    void discardedTraceHasTheLossFooterOnStderr() throws IOException {
        LabTraces.assumeAvailable();
        StringWriter err = new StringWriter();
        String out = run(LabTraces.request(LabTraces.trace("discarded")).build(), err);
        assertThat(out.lines()).hasSize(601);
        assertThat(err.toString()).contains("pdrop: warning: the tracer discarded 166879 events",
                "drop counts are lower bounds", "discarded/kernel/tiny_0:", "discarded/kernel/tiny_1:");
    }

    /**
     * True when the seed's line is ours with the seconds one higher, our fraction is within 120 ns
     * of the next second, and the rest is identical: the seed's float conversion rounded up.
     */
    static boolean seedRoundedUp(String ours, String seed) {
        Matcher o = LINE.matcher(ours);
        Matcher s = LINE.matcher(seed);
        if (!o.matches() || !s.matches() || !o.group(2).equals(s.group(2)) || !o.group(3).equals(s.group(3))) {
            return false;
        }
        if (Long.parseLong(o.group(2)) < 1_000_000_000L - 120) {
            return false;
        }
        java.time.LocalDateTime ot = java.time.LocalDateTime.parse(o.group(1).replace(' ', 'T'));
        java.time.LocalDateTime st = java.time.LocalDateTime.parse(s.group(1).replace(' ', 'T'));
        return ot.plusSeconds(1).equals(st);
    }

    @Test
    void roundingToleranceIsExactlyTheSeedsQuirk() {
        assertThat(seedRoundedUp("[2026-11-26 12:39:30.999999950] 0x1 f+1", "[2026-11-26 12:39:31.999999950] 0x1 f+1"))
                .isTrue();
        assertThat(seedRoundedUp("[2026-11-26 23:59:59.999999990] 0x1", "[2026-11-27 00:00:00.999999990] 0x1")).isTrue();
        assertThat(seedRoundedUp("[2026-11-26 12:39:30.999999000] 0x1", "[2026-11-26 12:39:31.999999000] 0x1"))
                .as("too far from the boundary").isFalse();
        assertThat(seedRoundedUp("[2026-11-26 12:39:30.999999950] 0x1", "[2026-11-26 12:39:32.999999950] 0x1"))
                .isFalse();
        assertThat(seedRoundedUp("[2026-11-26 12:39:30.999999950] 0x1", "[2026-11-26 12:39:31.999999950] 0x2"))
                .isFalse();
    }

    static List<String> dedupeAdjacent(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(l)) {
                out.add(l);
            }
        }
        return out;
    }
}

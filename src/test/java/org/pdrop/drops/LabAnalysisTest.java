package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The analysis on the real lab traces, checked against Babeltrace 2.0.4's output of them. */
class LabAnalysisTest {
    private static final TimeOfDay UTC = new TimeOfDay();

    @BeforeEach
    void traces() {
        LabTraces.assumeAvailable();
    }

    static List<String> names() {
        return LabTraces.NAMES;
    }

    private static List<LabTraces.Bt2Event> bt2(String name, String event) throws IOException {
        return LabTraces.bt2Events(LabTraces.bt2Output("traces__lab-6.1__" + name)).stream()
                .filter(e -> e.name().equals(event)).toList();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everySkbKfreeMatchesBabeltrace(String name) throws IOException {
        List<LabTraces.Bt2Event> expected = bt2(name, "skb_kfree");
        LabTraces.Run run = LabTraces.run(name, b -> { });
        assertThat(run.events()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            LabTraces.Bt2Event x = expected.get(i);
            DropEvent e = run.events().get(i);
            assertThat(UTC.of(e.timestampNs())).as("time #%d", i).isEqualTo(x.timeOfDay());
            assertThat(e.location().address()).as("location #%d", i).isEqualTo(x.location());
            assertThat(e.cpu()).as("cpu #%d", i).isEqualTo(x.cpu());
            assertThat(e.protocol()).as("protocol #%d", i).isEqualTo(x.protocol());
            assertThat(e.reason().value()).as("reason #%d", i).isEqualTo(x.reason());
            assertThat(e.context().procname()).as("procname #%d", i).isEqualTo(x.procname());
            assertThat(e.kind()).isEqualTo(DropEvent.Kind.DROP);
            assertThat(e.event()).isEqualTo("skb_kfree");
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void countsPerReasonAndLocationMatchBabeltrace(String name) throws IOException {
        List<LabTraces.Bt2Event> expected = bt2(name, "skb_kfree");
        DropReport r = LabTraces.run(name, b -> b.top(0)).report();
        Map<Long, Long> reasons = new TreeMap<>(expected.stream()
                .collect(Collectors.groupingBy(LabTraces.Bt2Event::reason, Collectors.counting())));
        Map<Long, Long> locations = new TreeMap<>(expected.stream()
                .collect(Collectors.groupingBy(LabTraces.Bt2Event::location, Collectors.counting())));
        Map<Long, Long> ourReasons = new TreeMap<>();
        r.reasons().rows().forEach(row -> ourReasons.merge(row.key().value(), row.count(), Long::sum));
        Map<Long, Long> ourLocations = new TreeMap<>();
        r.locations().rows().forEach(row -> ourLocations.merge(row.key().address(), row.count(), Long::sum));
        assertThat(ourReasons).isEqualTo(reasons);
        assertThat(ourLocations).isEqualTo(locations);
        assertThat(r.totals().drops()).isEqualTo(expected.size());
        assertThat(r.totals().frees()).isEqualTo(bt2(name, "skb_consume").size());
        assertThat(r.locations().othersCount()).isZero();
    }

    @ParameterizedTest
    @MethodSource("names")
    void reasonNamesAreThoseOfKernel61(String name) throws IOException {
        DropReport r = LabTraces.run(name, b -> b.top(0)).report();
        Map<Long, String> names = r.reasons().rows().stream()
                .collect(Collectors.toMap(row -> row.key().value(), row -> row.key().name(), (a, b) -> a, TreeMap::new));
        Map<Long, String> expected = Map.of(1L, "NOT_SPECIFIED", 2L, "NO_SOCKET", 5L, "SOCKET_FILTER",
                45L, "QDISC_DROP", 7L, "NETFILTER_DROP", 26L, "TCP_RFC7323_PAWS", 27L, "TCP_INVALID_SEQUENCE",
                15L, "SOCKET_RCVBUFF", 23L, "TCP_OLD_DATA");
        assertThat(expected).containsAllEntriesOf(names);
        for (DropReport.Row<Reason> row : r.reasons().rows()) {
            assertThat(row.key().source()).isEqualTo(Reason.SHIPPED_TABLE);
            assertThat(row.key().approximate()).isFalse();
            assertThat(row.key().truncated()).isFalse();
        }
        assertThat(r.info().traces()).allSatisfy(t -> {
            assertThat(t.hasReasons()).isTrue();
            assertThat(t.kernelRelease()).isEqualTo("6.1.0-56-amd64");
            assertThat(t.symbols().origin()).isEqualTo(SymbolSource.Origin.OPTION);
        });
    }

    @Test
    void theSavedFormatFileNamesReasonsExactly() throws IOException {
        Path format = LabTraces.lab().resolve("system-info/ftrace-kfree_skb-format.txt");
        DropReport r = LabTraces.run("netem-loss", b -> b.formatFile(format)).report();
        assertThat(r.reasons().rows()).allSatisfy(row -> assertThat(row.key().source()).isEqualTo(Reason.FORMAT_FILE));
        assertThat(r.reasons().rows()).anySatisfy(row -> {
            assertThat(row.key().value()).isEqualTo(45);
            assertThat(row.key().name()).isEqualTo("QDISC_DROP");
            assertThat(row.count()).isEqualTo(1104);
        });
        assertThat(r.info().traces().get(0).reasons()).contains("format file");
    }

    @Test
    void discardedEventsAreAccountedPerStream() throws IOException {
        LabTraces.Run run = LabTraces.run("discarded", b -> { });
        DropReport r = run.report();
        // The trace README: 166,879 events discarded; the per-packet counter goes backwards in 2
        // packets, which counts as nothing (Babeltrace 2 prints a wrapped-around count there).
        assertThat(r.discardedEvents()).isEqualTo(166_879);
        assertThat(r.lossy()).isTrue();
        assertThat(r.losses()).extracting(DropReport.StreamLoss::stream)
                .allSatisfy(s -> assertThat(s).matches(".*/discarded/kernel/tiny_[01]"));
        assertThat(r.losses()).hasSize(2);
        assertThat(run.losses().stream().mapToLong(Loss::count).sum()).isEqualTo(166_879);
        assertThat(run.losses()).allSatisfy(l -> assertThat(l.kind()).isEqualTo(Loss.Kind.DISCARDED_EVENTS));
        for (DropReport.StreamLoss s : r.losses()) {
            assertThat(s.discardedEvents()).isEqualTo(run.losses().stream().filter(l -> l.stream().equals(s.stream()))
                    .mapToLong(Loss::count).sum());
            assertThat(s.firstNs()).isLessThan(s.lastNs());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void tracesWithoutLossSayNothingWasLost(String name) throws IOException {
        DropReport r = LabTraces.run(name, b -> { }).report();
        assertThat(r.lossy()).isEqualTo(name.equals("discarded"));
    }

    @Test
    void allFreesAddsEverySkbConsume() throws IOException {
        LabTraces.Run run = LabTraces.run("netem-loss", b -> b.allFrees(true));
        long frees = run.events().stream().filter(e -> !e.isDrop()).count();
        assertThat(frees).isEqualTo(8510);
        assertThat(run.events()).filteredOn(e -> !e.isDrop()).allSatisfy(e -> {
            assertThat(e.event()).isEqualTo("skb_consume");
            assertThat(e.location()).as("6.1 skb_consume has no location").isNull();
            assertThat(e.reason()).isNull();
            assertThat(e.protocol()).isEqualTo(-1);
        });
        assertThat(run.events()).isSortedAccordingTo((a, b) -> Long.compare(a.timestampNs(), b.timestampNs()));
    }

    @Test
    void filtersOnTheRealTrace() throws IOException {
        assertThat(LabTraces.run("netem-loss", b -> b.filters(reasons("QDISC_DROP"))).events()).hasSize(1104);
        assertThat(LabTraces.run("netem-loss", b -> b.filters(reasons("45", "7"))).events()).hasSize(1117);
        long cpu0 = LabTraces.run("netem-loss", b -> b.filters(cpus(0))).events().size();
        long cpu1 = LabTraces.run("netem-loss", b -> b.filters(cpus(1))).events().size();
        assertThat(cpu0 + cpu1).isEqualTo(13_447);
        List<DropEvent> ping = LabTraces.run("netem-loss", b -> b.filters(new FilterSpec(Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of("ping"), List.of()))).events();
        assertThat(ping).hasSize(6323).allSatisfy(e -> assertThat(e.context().procname()).isEqualTo("ping"));
        List<DropEvent> arp = LabTraces.run("netem-loss", b -> b.filters(new FilterSpec(Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of("arp"), List.of(), List.of(), List.of()))).events();
        assertThat(arp).hasSize(1);
    }

    @Test
    void relativeWindowStartsAtTheFirstEvent() throws IOException {
        LabTraces.Run all = LabTraces.run("netem-loss", b -> { });
        long start = all.report().totals().traceBeginNs();
        FilterSpec w = new FilterSpec(Optional.of(new TimeBound.AfterStart(Duration.ofSeconds(5))),
                Optional.of(new TimeBound.AfterStart(Duration.ofSeconds(6))), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        LabTraces.Run part = LabTraces.run("netem-loss", b -> b.filters(w).interval(Duration.ofMillis(250)));
        long expected = all.events().stream().filter(e -> e.timestampNs() >= start + 5_000_000_000L
                && e.timestampNs() <= start + 6_000_000_000L).count();
        assertThat(part.events()).hasSize((int) expected);
        assertThat(expected).isPositive();
        assertThat(part.report().intervals().get().startNs()).isEqualTo(start + 5_000_000_000L);
        assertThat(part.report().intervals().get().buckets()).hasSize(4);
        assertThat(part.report().intervals().get().buckets().stream().mapToLong(DropReport.Bucket::drops).sum())
                .isEqualTo(expected);
    }

    /**
     * Without a filter on event fields, frees are only counted by the streams' threads; with
     * {@code --all-frees} or a field filter they are read and merged. Both ways must agree, with
     * and without a time window.
     */
    @ParameterizedTest
    @MethodSource("names")
    void countedFreesEqualTheFreesRead(String name) throws IOException {
        LabTraces.Run counted = LabTraces.run(name, b -> { });
        LabTraces.Run listed = LabTraces.run(name, b -> b.allFrees(true));
        long read = listed.events().stream().filter(e -> !e.isDrop()).count();
        assertThat(counted.report().totals().frees()).isEqualTo(read).isEqualTo(listed.report().totals().frees());
        assertThat(counted.report().totals().drops()).isEqualTo(listed.report().totals().drops());

        long start = counted.report().totals().traceBeginNs();
        FilterSpec w = new FilterSpec(Optional.of(new TimeBound.AfterStart(Duration.ofSeconds(2))),
                Optional.of(new TimeBound.AfterStart(Duration.ofSeconds(4))), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        long inWindow = listed.events().stream().filter(e -> !e.isDrop() && e.timestampNs() >= start + 2_000_000_000L
                && e.timestampNs() <= start + 4_000_000_000L).count();
        assertThat(LabTraces.run(name, b -> b.filters(w)).report().totals().frees()).isEqualTo(inWindow);

        // A field filter reads the frees again: the count follows the filter.
        FilterSpec cpu0 = new FilterSpec(Optional.empty(), Optional.empty(), List.of(0), List.of(), List.of(),
                List.of(), List.of(), List.of());
        long onCpu0 = listed.events().stream().filter(e -> !e.isDrop() && e.cpu() == 0).count();
        assertThat(LabTraces.run(name, b -> b.filters(cpu0)).report().totals().frees()).isEqualTo(onCpu0);
    }

    @Test
    void symbolsComeFromTheGivenKallsyms() throws IOException {
        LabTraces.Run run = LabTraces.run("netem-loss", b -> b.filters(new FilterSpec(Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), List.of("unix_stream_connect"), List.of(),
                List.of())));
        assertThat(run.events()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.location().symbol()).isEqualTo("unix_stream_connect");
            assertThat(e.location().symbolAndOffset()).isEqualTo("unix_stream_connect+496");
        });
    }

    @Test
    void withoutKallsymsTheHostFallbackWarns() throws IOException {
        LabTraces.Run run = LabTraces.run(AnalysisRequest.builder(List.of(LabTraces.trace("netem-loss")))
                .zone(ZoneOffset.UTC).progress(false).build());
        assertThat(run.err()).contains("no symbols");
        assertThat(run.events()).allSatisfy(e -> assertThat(e.location().resolved()).isFalse());
    }

    @Test
    void filtersThatCannotMatchAreWarnedAbout() throws IOException {
        LabTraces.Run typo = LabTraces.run("netem-loss", b -> b.filters(reasons("QDISK_DROP")));
        assertThat(typo.events()).isEmpty();
        assertThat(typo.err()).contains("--reason QDISK_DROP is not a drop reason known for the traced kernel");
        assertThat(LabTraces.run("netem-loss", b -> b.filters(reasons("qdisc_drop"))).err()).isEmpty();
        LabTraces.Run noProc = LabTraces.run("discarded", b -> b.filters(new FilterSpec(Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of("ping"), List.of(1L))));
        assertThat(noProc.events()).isEmpty();
        assertThat(noProc.err()).contains("--process matches nothing", "--tid matches nothing");
    }

    static FilterSpec reasons(String... r) {
        return new FilterSpec(Optional.empty(), Optional.empty(), List.of(), List.of(r), List.of(), List.of(),
                List.of(), List.of());
    }

    static FilterSpec cpus(Integer... c) {
        return new FilterSpec(Optional.empty(), Optional.empty(), List.of(c), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    /** Babeltrace's time of day in UTC. */
    static final class TimeOfDay implements Function<Long, String> {
        String of(long ns) {
            return apply(ns);
        }

        @Override
        public String apply(Long ns) {
            long s = Math.floorMod(Math.floorDiv(ns, 1_000_000_000L), 86_400L);
            return String.format("%02d:%02d:%02d.%09d", s / 3600, (s / 60) % 60, s % 60, Math.floorMod(ns, 1_000_000_000L));
        }
    }
}

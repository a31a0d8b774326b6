package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pdrop.drops.TestEvents.T0;
import static org.pdrop.drops.TestEvents.context;
import static org.pdrop.drops.TestEvents.drop;
import static org.pdrop.drops.TestEvents.reason;
import static org.pdrop.drops.TestEvents.site;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DropFiltersTest {
    private static final Site TCP = site(0xffffffffab914171L, "tcp_v4_rcv", 424);
    private static final Site UNIX = site(0xffffffffabd16e90L, "unix_stream_connect", 496);
    private static final DropEvent A = drop(T0, 0, TCP, 0x0800, reason(45, "QDISC_DROP"), context("ping", 301));
    private static final DropEvent B = drop(T0 + 2_000_000_000L, 1, UNIX, 0, reason(1, "NOT_SPECIFIED"),
            context("bash", 302));
    private static final DropEvent C = drop(T0 + 5_000_000_000L, 1, Site.unresolved(0x1234), 0x86DD, null,
            ContextFields.EMPTY);

    private static FilterSpec spec(Optional<TimeBound> begin, Optional<TimeBound> end, List<Integer> cpus,
                                   List<String> reasons, List<String> protocols, List<String> symbols,
                                   List<String> processes, List<Long> tids) {
        return new FilterSpec(begin, end, cpus, reasons, protocols, symbols, processes, tids);
    }

    private static List<DropEvent> keep(FilterSpec s) {
        Predicate<DropEvent> p = DropFilters.predicate(DropFilters.compile(s, T0));
        return List.of(A, B, C).stream().filter(p).toList();
    }

    @Test
    void emptySpecKeepsEverything() {
        assertThat(DropFilters.compile(FilterSpec.NONE, T0)).isEmpty();
        assertThat(keep(FilterSpec.NONE)).containsExactly(A, B, C);
    }

    @Test
    void relativeWindowCountsFromTheTraceStart() {
        FilterSpec s = spec(Optional.of(new TimeBound.AfterStart(Duration.ofMillis(1500))),
                Optional.of(new TimeBound.AfterStart(Duration.ofSeconds(3))), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        assertThat(DropFilters.compile(s, T0)).containsExactly(
                new DropFilter.Window(T0 + 1_500_000_000L, T0 + 3_000_000_000L));
        assertThat(keep(s)).containsExactly(B);
    }

    @Test
    void absoluteWindowIsInclusive() {
        Instant at = Instant.ofEpochSecond(0, T0 + 2_000_000_000L);
        FilterSpec s = spec(Optional.of(new TimeBound.At(at)), Optional.of(new TimeBound.At(at)), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(keep(s)).containsExactly(B);
        FilterSpec open = spec(Optional.of(new TimeBound.At(at)), Optional.empty(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        assertThat(keep(open)).containsExactly(B, C);
    }

    @Test
    void windowThatEndsBeforeItBeginsIsRejected() {
        FilterSpec s = spec(Optional.of(new TimeBound.AfterStart(Duration.ofSeconds(3))),
                Optional.of(new TimeBound.AfterStart(Duration.ofSeconds(1))), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        assertThatThrownBy(() -> DropFilters.compile(s, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends before it begins");
    }

    @Test
    void cpus() {
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(1), List.of(), List.of(), List.of(),
                List.of(), List.of()))).containsExactly(B, C);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(0, 1), List.of(), List.of(), List.of(),
                List.of(), List.of()))).containsExactly(A, B, C);
    }

    @Test
    void reasonsByNameInAnySpellingOrByNumber() {
        for (String r : List.of("QDISC_DROP", "qdisc_drop", "SKB_DROP_REASON_QDISC_DROP", "45", "0x2d")) {
            assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(r), List.of(), List.of(),
                    List.of(), List.of()))).as(r).containsExactly(A);
        }
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of("45", "not_specified"),
                List.of(), List.of(), List.of(), List.of()))).containsExactly(A, B);
    }

    @Test
    void protocols() {
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of("ipv6", "2048"),
                List.of(), List.of(), List.of()))).containsExactly(A, C);
        assertThatThrownBy(() -> keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(),
                List.of("tcp"), List.of(), List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value=\"tcp\"");
    }

    @Test
    void symbolGlobs() {
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of("tcp_*"), List.of(), List.of()))).containsExactly(A);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of("*_stream_*"), List.of(), List.of()))).containsExactly(B);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of("tcp_v?_rcv"), List.of(), List.of()))).containsExactly(A);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of("[tu]*"), List.of(), List.of()))).containsExactly(A, B);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of("[!t]*"), List.of(), List.of()))).containsExactly(B);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of("unix_stream_connect+496"), List.of(), List.of()))).containsExactly(B);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of("*"), List.of(), List.of()))).as("unresolved never matches").containsExactly(A, B);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of("tcp.v4_rcv"), List.of(), List.of()))).as("dot is literal").isEmpty();
    }

    @Test
    void processesAndTids() {
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of(),
                List.of("bash"), List.of()))).containsExactly(B);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(301L, 999L)))).containsExactly(A);
    }

    @Test
    void criteriaCombineWithAnd() {
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(1), List.of(), List.of(),
                List.of("unix_*"), List.of("bash"), List.of()))).containsExactly(B);
        assertThat(keep(spec(Optional.empty(), Optional.empty(), List.of(0), List.of(), List.of(),
                List.of("unix_*"), List.of(), List.of()))).isEmpty();
    }

    @Test
    void tidFallsBackToVtid() {
        DropEvent v = drop(T0, 0, TCP, 0x0800, null, ContextFields.of(java.util.Map.of("vtid", 7L)));
        Predicate<DropEvent> p = DropFilters.predicate(List.of(new DropFilter.TidIn(java.util.Set.of(7L))));
        assertThat(p.test(v)).isTrue();
    }
}

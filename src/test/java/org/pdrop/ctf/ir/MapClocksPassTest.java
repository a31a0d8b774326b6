package org.pdrop.ctf.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pdrop.ctf.ir.Ir.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pdrop.ctf.Diagnostics;

class MapClocksPassTest {

    private static TraceClass map(TraceClass tc) {
        return MapClocksPass.apply(tc, PassContext.of(Diagnostics.IGNORE));
    }

    /** An LTTng-like event header: {@code id} enum and a variant whose options hold {@code timestamp}s. */
    private static StructType lttngHeader(IntType ts) {
        return lttngHeader(ts, u(64));
    }

    private static StructType lttngHeader(IntType compact, IntType extended) {
        VariantType v = new VariantType(new FieldRef("id", Scope.EVENT_HEADER, List.of(0)), List.of(
                f("compact", st(f("timestamp", compact))),
                f("extended", st(f("id", u(32)), f("timestamp", extended)))));
        return st(f("id", en("compact", "extended")), f("v", v));
    }

    @Test
    void unmappedTimestampsGoToTheOnlyClock() {
        StructType pc = st(f("timestamp_begin", u(64)), f("timestamp_end", u(64)), f("content_size", u(64)));
        TraceClass tc = map(trace(null, List.of(clock("mono")), stream(0, pc, lttngHeader(u(27)), null)));
        StreamClass sc = tc.streams().get(0);
        assertThat(sc.clock().name()).isEqualTo("mono");
        assertThat(((IntType) sc.packetContext().field("timestamp_begin").type()).mappedClock()).isEqualTo("mono");
        assertThat(((IntType) sc.packetContext().field("timestamp_end").type()).mappedClock()).isEqualTo("mono");
        assertThat(((IntType) sc.packetContext().field("content_size").type()).mappedClock()).isNull();
        VariantType v = (VariantType) sc.eventHeader().field("v").type();
        assertThat(((IntType) ((StructType) v.options().get(0).type()).field("timestamp").type()).mappedClock())
                .isEqualTo("mono");
        assertThat(((IntType) ((StructType) v.options().get(1).type()).field("id").type()).mappedClock()).isNull();
    }

    @Test
    void noClockMeansAnImplicitDefaultClock() {
        TraceClass tc = map(trace(null, List.of(), stream(0, null, st(f("timestamp", u(64))), null)));
        assertThat(tc.clocks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("default");
            assertThat(c.frequency()).isEqualTo(1_000_000_000L);
        });
        assertThat(tc.streams().get(0).clock().name()).isEqualTo("default");
    }

    @Test
    void streamWithoutTimestampsHasNoClock() {
        TraceClass tc = map(trace(null, List.of(clock("mono")), stream(0, st(f("content_size", u(64))), null, null)));
        assertThat(tc.streams().get(0).clock()).isNull();
    }

    @Test
    void explicitMappingWins() {
        TraceClass tc = map(trace(null, List.of(clock("a"), clock("b")),
                stream(0, null, lttngHeader(clocked(27, "b"), clocked(64, "b")), null)));
        assertThat(tc.streams().get(0).clock().name()).isEqualTo("b");
    }

    @Test
    void ambiguousOrConflictingClocksAreErrors() {
        assertThatThrownBy(() -> map(trace(null, List.of(clock("a"), clock("b")),
                stream(0, null, st(f("timestamp", u(64))), null)))).hasMessageContaining("more than one clock");
        assertThatThrownBy(() -> map(trace(null, List.of(clock("a"), clock("b")),
                stream(0, st(f("timestamp_begin", clocked(64, "a"))), st(f("timestamp", clocked(64, "b"))), null))))
                .hasMessageContaining("map to more than one clock: a, b");
        assertThatThrownBy(() -> map(trace(st(f("t", clocked(64, "a"))), List.of(clock("a")))))
                .hasMessageContaining("packet header maps to clock `a`");
    }
}

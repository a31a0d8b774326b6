package org.pdrop.drops.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DropReasonsTest {

    @Test
    void notDroppedYetAndConsumedAreNotDrops() {
        assertThat(DropReasons.isNotADrop("NOT_DROPPED_YET")).isTrue();
        assertThat(DropReasons.isNotADrop("CONSUMED")).isTrue();
        assertThat(DropReasons.isNotADrop("SKB_CONSUMED")).isTrue();
        assertThat(DropReasons.isNotADrop("SKB_NOT_DROPPED_YET")).isTrue();
        assertThat(DropReasons.isNotADrop("_CONSUMED")).isTrue();
        assertThat(DropReasons.isNotADrop("NOT_SPECIFIED")).isFalse();
        assertThat(DropReasons.isNotADrop("QDISC_DROP")).isFalse();
        assertThat(DropReasons.isNotADrop("MAX")).isFalse();
        assertThat(DropReasons.isNotADrop(null)).isFalse();
    }

    @Test
    void namesAreNormalisedToTheTracepointSpelling() {
        assertThat(DropReasons.normalizeName("SKB_DROP_REASON_QDISC_DROP")).isEqualTo("QDISC_DROP");
        assertThat(DropReasons.normalizeName("_NOT_SPECIFIED")).isEqualTo("NOT_SPECIFIED");
        assertThat(DropReasons.normalizeName(" tcp_csum ")).isEqualTo("TCP_CSUM");
        assertThat(DropReasons.normalizeName("SKB_CONSUMED")).isEqualTo("CONSUMED");
        assertThat(DropReasons.normalizeName("SKB_CSUM")).isEqualTo("SKB_CSUM");
        assertThat(DropReasons.normalizeName("SKB_DROP_REASON_SKB_GSO_SEG")).isEqualTo("SKB_GSO_SEG");
    }

    @Test
    void reasonNameKnowsWhetherItIsADrop() {
        ReasonTable t = ReasonTable.of(Map.of(0L, "NOT_DROPPED_YET", 1L, "CONSUMED", 2L, "NOT_SPECIFIED"),
                ReasonSource.SHIPPED_EXACT, "test");
        ReasonNamer namer = ReasonNamer.builder()
                .shippedTables(ShippedTables.of(java.util.List.of(new ShippedTables.ShippedTable(
                        KernelRelease.parse("6.2").orElseThrow(), "6.2.txt", t))))
                .kernelRelease("6.2.0").build();
        assertThat(namer.name(0).isNotADrop()).isTrue();
        assertThat(namer.name(1).isNotADrop()).isTrue();
        assertThat(namer.name(2).isNotADrop()).isFalse();
        assertThat(namer.name(3).isNotADrop()).isFalse();
        assertThat(namer.name(3).label()).isEqualTo("3");
        assertThat(namer.name(2).label()).isEqualTo("NOT_SPECIFIED");
    }
}

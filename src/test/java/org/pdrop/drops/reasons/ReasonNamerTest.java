package org.pdrop.drops.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReasonNamerTest {

    /** The labels LTTng 2.13 wrote into the lab trace's metadata (kernel 6.1.0-56-amd64). */
    private static final Map<String, Long> LAB_LABELS = labels(
            "NOT_SPECIFIED", 1, "NO_SOCKET", 2, "PKT_TOO_SMALL", 3, "TCP_CSUM", 4,
            "SOCKET_FILTER", 5, "UDP_CSUM", 6, "MAX", 66);

    /** Labels as a kernel with CONSUMED = 1 (6.12, 7.x) gives them: everything shifted by one. */
    private static final Map<String, Long> LABELS_6_2_PLUS = labels(
            "NOT_SPECIFIED", 2, "NO_SOCKET", 3, "PKT_TOO_SMALL", 4, "TCP_CSUM", 5,
            "SOCKET_FILTER", 6, "UDP_CSUM", 7, "MAX", 90);

    @Test
    void formatFileComesFirst() throws IOException {
        ReasonNamer namer = ReasonNamer.builder()
                .formatFile(LabFiles.require("ftrace-kfree_skb-format.txt"))
                .kernelRelease("6.1.0-56-amd64")
                .traceEnumLabels(LAB_LABELS)
                .build();

        assertThat(namer.name(45)).isEqualTo(new ReasonName(45, "QDISC_DROP", ReasonSource.FORMAT_FILE, false, false));
        assertThat(namer.name(7).name()).isEqualTo("NETFILTER_DROP");
        assertThat(namer.name(26).name()).isEqualTo("TCP_RFC7323_PAWS");
        assertThat(namer.name(15).name()).isEqualTo("SOCKET_RCVBUFF");
        assertThat(namer.name(1).source()).isEqualTo(ReasonSource.FORMAT_FILE);
        // 0 is not printed by the tracepoint; the enum layout (NOT_SPECIFIED = 1) implies it
        assertThat(namer.name(0)).isEqualTo(new ReasonName(0, "NOT_DROPPED_YET", ReasonSource.FORMAT_FILE, false, false));
        assertThat(namer.name(0).isNotADrop()).isTrue();
        assertThat(namer.name(200)).isEqualTo(new ReasonName(200, null, ReasonSource.NUMBER, false, false));
        assertThat(namer.shippedTable().orElseThrow().kind()).isEqualTo(ReasonSource.SHIPPED_EXACT);
        assertThat(namer.subsystemReasonsPossible()).isFalse();
    }

    @Test
    void formatWithConsumedImpliesZeroAndOne() {
        ReasonNamer namer = ReasonNamer.builder()
                .formatText("print fmt: \"%s\", __print_symbolic(REC->reason, { 2, \"NOT_SPECIFIED\" }, { 3, \"NO_SOCKET\" })")
                .build();

        assertThat(namer.name(0).name()).isEqualTo("NOT_DROPPED_YET");
        assertThat(namer.name(1).name()).isEqualTo("CONSUMED");
        assertThat(namer.name(1).source()).isEqualTo(ReasonSource.FORMAT_FILE);
        assertThat(namer.name(3).name()).isEqualTo("NO_SOCKET");
    }

    @Test
    void shippedTableForTheReleaseLineWithoutFormatFile() {
        ReasonNamer namer = ReasonNamer.of(null, "6.1.0-56-amd64", LAB_LABELS);

        assertThat(namer.name(45)).isEqualTo(new ReasonName(45, "QDISC_DROP", ReasonSource.SHIPPED_EXACT, false, false));
        assertThat(namer.name(0).name()).isEqualTo("NOT_DROPPED_YET");
        assertThat(namer.name(250).source()).isEqualTo(ReasonSource.NUMBER);
    }

    @Test
    void sameLineWithADifferentMaxIsApproximate() {
        // upstream 6.1.0 ends at 64 PKT_TOO_BIG, MAX = 65; the shipped 6.1 table (6.1.192) has 65 TC_CHAIN_NOTFOUND
        Map<String, Long> older61 = new LinkedHashMap<>(LAB_LABELS);
        older61.put("MAX", 65L);
        ReasonNamer namer = ReasonNamer.of(null, "6.1.0-1-amd64", older61);

        assertThat(namer.name(45)).isEqualTo(new ReasonName(45, "QDISC_DROP", ReasonSource.SHIPPED_APPROXIMATE, true, false));
        assertThat(namer.notes()).anyMatch(n -> n.contains("end of the enum"));
    }

    @Test
    void newerReleaseFallsBackToTheNearestOlderTableFlaggedApproximate() {
        ReasonNamer namer = ReasonNamer.of(null, "6.99.0", null);

        ReasonName n = namer.name(2);
        assertThat(n.source()).isEqualTo(ReasonSource.SHIPPED_APPROXIMATE);
        assertThat(n.approximate()).isTrue();
        assertThat(n.name()).isEqualTo("NOT_SPECIFIED"); // from the 6.12 table
        assertThat(namer.shippedTable().orElseThrow().source()).contains("6.12.txt");
        assertThat(namer.notes()).anyMatch(s -> s.contains("using 6.12"));
    }

    @Test
    void approximateTableContradictedByTheTraceLabelsIsNotUsed() {
        // a 6.8 kernel: nearest older table is 6.1, whose numbering (no CONSUMED) is off by one
        ReasonNamer namer = ReasonNamer.of(null, "6.8.0-45-generic", LABELS_6_2_PLUS);

        assertThat(namer.shippedTable()).isEmpty();
        assertThat(namer.name(2)).isEqualTo(new ReasonName(2, "NOT_SPECIFIED", ReasonSource.TRACE_ENUM_LABEL, false, true));
        assertThat(namer.name(45)).isEqualTo(new ReasonName(45, null, ReasonSource.NUMBER, false, true));
        assertThat(namer.notes()).anyMatch(s -> s.contains("not used"));
    }

    @Test
    void shippedTableContradictedByTheFormatFileIsNotUsed() {
        ReasonNamer namer = ReasonNamer.builder()
                .formatText("__print_symbolic(REC->reason, { 2, \"NOT_SPECIFIED\" }, { 3, \"NO_SOCKET\" }, { 9, \"MAX\" })")
                .kernelRelease("6.1.0-56-amd64")
                .build();

        assertThat(namer.shippedTable()).isEmpty();
        assertThat(namer.name(45).source()).isEqualTo(ReasonSource.NUMBER);
    }

    @Test
    void kernelsBefore517GetNoShippedTable() {
        // Ubuntu 5.15 has backported reasons with its own numbering (NOT_SPECIFIED = 0)
        ReasonNamer ubuntu = ReasonNamer.of(null, "5.15.0-91-generic", labels("NOT_SPECIFIED", 0, "NO_SOCKET", 1, "MAX", 5));
        assertThat(ubuntu.shippedTable()).isEmpty();
        assertThat(ubuntu.name(0)).isEqualTo(new ReasonName(0, "NOT_SPECIFIED", ReasonSource.TRACE_ENUM_LABEL, false, false));
        assertThat(ubuntu.name(3).source()).isEqualTo(ReasonSource.NUMBER);

        ReasonNamer rhel = ReasonNamer.of(null, "4.18.0-477.el8", null);
        assertThat(rhel.shippedTable()).isEmpty();
        assertThat(rhel.name(1).source()).isEqualTo(ReasonSource.NUMBER);
        assertThat(rhel.notes()).anyMatch(s -> s.contains("older than 5.17"));
    }

    @Test
    void releaseBetween517AndTheOldestTableGetsNoTable() {
        ReasonNamer namer = ReasonNamer.of(null, "6.0.12", null);
        assertThat(namer.shippedTable()).isEmpty();
        assertThat(namer.name(1).source()).isEqualTo(ReasonSource.NUMBER);
    }

    @Test
    void traceLabelsAreNormalisedAndUsedWhenNothingElseKnows() {
        ReasonNamer namer = ReasonNamer.of(null, null, labels("_NOT_SPECIFIED", 1, "SKB_DROP_REASON_UDP_CSUM", 6));
        assertThat(namer.name(1).name()).isEqualTo("NOT_SPECIFIED");
        assertThat(namer.name(6).name()).isEqualTo("UDP_CSUM");
        assertThat(namer.name(6).source()).isEqualTo(ReasonSource.TRACE_ENUM_LABEL);
        assertThat(namer.notes()).anyMatch(s -> s.contains("no kernel release"));
    }

    @Test
    void truncationFlagFollowsTheTableWhenOneIsKnown() {
        // a kernel whose enum passed 255: 300 is recorded by LTTng as 300 & 0xff = 44
        TreeMap<Long, String> entries = new TreeMap<>();
        entries.put(0L, "NOT_DROPPED_YET");
        entries.put(1L, "CONSUMED");
        entries.put(2L, "NOT_SPECIFIED");
        entries.put(44L, "FORTY_FOUR");
        entries.put(45L, "FORTY_FIVE");
        entries.put(300L, "THREE_HUNDRED");
        entries.put(301L, "MAX");
        ShippedTables tables = ShippedTables.of(List.of(new ShippedTables.ShippedTable(
                KernelRelease.parse("9.0").orElseThrow(), "9.0.txt",
                new ReasonTable(entries, ReasonSource.SHIPPED_EXACT, "synthetic"))));
        ReasonNamer namer = ReasonNamer.builder().shippedTables(tables).kernelRelease("9.0.1").build();

        assertThat(namer.name(44).possiblyTruncated()).isTrue();
        assertThat(namer.name(44).name()).isEqualTo("FORTY_FOUR");
        assertThat(namer.name(45).possiblyTruncated()).isFalse(); // 301 is MAX, never emitted
        assertThat(namer.name(2).possiblyTruncated()).isFalse();
        assertThat(namer.name(300).possiblyTruncated()).isFalse(); // cannot come from an 8-bit field
        assertThat(namer.subsystemReasonsPossible()).isTrue();
    }

    @Test
    void truncationFlagWithoutATableDependsOnTheKernel() {
        assertThat(ReasonNamer.of(null, "5.15.0-91-generic", null).name(3).possiblyTruncated()).isFalse();
        assertThat(ReasonNamer.of(null, null, null).name(3).possiblyTruncated()).isTrue();
        assertThat(ReasonNamer.of(null, "6.8.0-45-generic", LABELS_6_2_PLUS).name(3).possiblyTruncated()).isTrue();
        // with the real shipped tables no reason reaches 256 yet
        assertThat(ReasonNamer.of(null, "7.3.4+deb13-amd64", null).name(3).possiblyTruncated()).isFalse();
        assertThat(ReasonNamer.of(null, "7.3.4+deb13-amd64", null).subsystemReasonsPossible()).isTrue();
    }

    @Test
    void consumeSkbFormatIsIgnoredForNaming() throws IOException {
        ReasonNamer namer = ReasonNamer.builder()
                .formatFile(LabFiles.require("ftrace-consume_skb-format.txt"))
                .kernelRelease("6.1.0-56-amd64")
                .build();
        assertThat(namer.formatTable()).isEmpty();
        assertThat(namer.name(45).source()).isEqualTo(ReasonSource.SHIPPED_EXACT);
        assertThat(namer.notes()).anyMatch(s -> s.contains("consume_skb"));
    }

    @Test
    void unreadableReleaseIsTreatedAsUnknown() {
        ReasonNamer namer = ReasonNamer.of(null, "unknown", null);
        assertThat(namer.kernelRelease()).isEmpty();
        assertThat(namer.shippedTable()).isEmpty();
    }

    private static Map<String, Long> labels(Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return m;
    }
}

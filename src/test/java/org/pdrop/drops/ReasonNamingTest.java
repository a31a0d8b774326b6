package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReasonNamingTest {
    /** The enum labels lttng-modules 2.13.9 wrote into the lab traces' metadata. */
    static Map<String, Long> labLabels() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("NOT_SPECIFIED", 1L);
        m.put("NO_SOCKET", 2L);
        m.put("PKT_TOO_SMALL", 3L);
        m.put("TCP_CSUM", 4L);
        m.put("SOCKET_FILTER", 5L);
        m.put("UDP_CSUM", 6L);
        m.put("MAX", 66L);
        return m;
    }

    @Test
    void kernel61NamesUnlabelledValuesFromTheShippedTable() {
        ReasonNaming n = ReasonNaming.of(Optional.empty(), "6.1.0-56-amd64", labLabels());
        assertThat(n.name(45)).isEqualTo(new Reason(45, "QDISC_DROP", Reason.SHIPPED_TABLE, false, false, false));
        assertThat(n.name(7).name()).isEqualTo("NETFILTER_DROP");
        assertThat(n.name(26).name()).isEqualTo("TCP_RFC7323_PAWS");
        assertThat(n.name(27).name()).isEqualTo("TCP_INVALID_SEQUENCE");
        assertThat(n.name(15).name()).isEqualTo("SOCKET_RCVBUFF");
        assertThat(n.name(23).name()).isEqualTo("TCP_OLD_DATA");
        assertThat(n.name(1).name()).isEqualTo("NOT_SPECIFIED");
        assertThat(n.name(0)).satisfies(r -> {
            assertThat(r.name()).isEqualTo("NOT_DROPPED_YET");
            assertThat(r.notADrop()).isTrue();
        });
        assertThat(n.description).contains("table shipped with pdrop");
    }

    @Test
    void unknownKernelFallsBackToTraceLabelsThenNumbers() {
        ReasonNaming n = ReasonNaming.of(Optional.empty(), null, labLabels());
        assertThat(n.name(5)).satisfies(r -> {
            assertThat(r.name()).isEqualTo("SOCKET_FILTER");
            assertThat(r.source()).isEqualTo(Reason.TRACE_ENUM);
        });
        assertThat(n.name(45)).satisfies(r -> {
            assertThat(r.name()).isNull();
            assertThat(r.label()).isEqualTo("45");
            assertThat(r.source()).isEqualTo(Reason.NUMBER);
            assertThat(r.truncated()).as("unknown kernel: a subsystem reason could have been cut to 8 bits").isTrue();
        });
        assertThat(n.description).contains("enum labels only");
    }

    @Test
    void formatFileWins(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("ftrace-kfree_skb-format.txt"), "name: kfree_skb\n"
                + "\tfield:enum skb_drop_reason reason;\toffset:28;\tsize:4;\tsigned:0;\n"
                + "print fmt: \"reason: %s\", __print_symbolic(REC->reason, { 1, \"NOT_SPECIFIED\" }, { 2, \"CONSUMED_X\" },"
                + " { 45, \"SOMETHING_ELSE\" }, { 66, \"MAX\" })\n");
        ReasonNaming n = ReasonNaming.of(Optional.of(f), "6.1.0-56-amd64", labLabels());
        assertThat(n.name(45)).isEqualTo(new Reason(45, "SOMETHING_ELSE", Reason.FORMAT_FILE, false, false, false));
        assertThat(n.description).startsWith("format file ");
    }

    @Test
    void newerKernelWithoutTableIsApproximate() {
        ReasonNaming n = ReasonNaming.of(Optional.empty(), "6.5.0-1-amd64", Map.of());
        Reason r = n.name(45);
        assertThat(r.source()).isEqualTo(Reason.SHIPPED_TABLE_APPROXIMATE);
        assertThat(r.approximate()).isTrue();
        assertThat(n.description).contains("approximate");
    }
}

package org.pdrop.drops.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FormatFileTest {

    @Test
    void labKfreeSkbFormatGivesTheKernelsNumbering() throws IOException {
        FormatFile f = FormatFile.read(LabFiles.require("ftrace-kfree_skb-format.txt"));

        assertThat(f.eventName()).isEqualTo("kfree_skb");
        assertThat(f.kind()).isEqualTo(FormatFile.EventKind.KFREE_SKB);
        assertThat(f.hasReasonField()).isTrue();
        ReasonTable t = f.table().orElseThrow();
        assertThat(t.kind()).isEqualTo(ReasonSource.FORMAT_FILE);
        assertThat(t.name(45)).contains("QDISC_DROP");
        assertThat(t.name(7)).contains("NETFILTER_DROP");
        assertThat(t.name(26)).contains("TCP_RFC7323_PAWS");
        assertThat(t.name(15)).contains("SOCKET_RCVBUFF");
        assertThat(t.name(1)).contains("NOT_SPECIFIED");
        assertThat(t.name(0)).isEmpty();
        assertThat(t.max()).hasValue(66);
        assertThat(t.size()).isEqualTo(66);
        assertThat(t.source()).contains("ftrace-kfree_skb-format.txt");
    }

    @Test
    void labConsumeSkbFormatIsRecognisedAndHasNoReasons() throws IOException {
        FormatFile f = FormatFile.read(LabFiles.require("ftrace-consume_skb-format.txt"));

        assertThat(f.kind()).isEqualTo(FormatFile.EventKind.CONSUME_SKB);
        assertThat(f.hasReasonField()).isFalse();
        assertThat(f.table()).isEmpty();
    }

    @Test
    void syntheticFormatWithOddWhitespaceAndLineBreaks() {
        String text = "name:   kfree_skb\n"
                + "format:\n"
                + "\tfield:enum skb_drop_reason reason;\toffset:28;\tsize:4;\tsigned:0;\n\n"
                + "print fmt: \"skbaddr=%p reason: %s\", REC->skbaddr,\n"
                + "  __print_symbolic( REC->reason ,{2,\"NOT_SPECIFIED\"},  {  3 , \"NO_SOCKET\" },\n"
                + "{ 0x4,\"PKT_TOO_SMALL\"}, { 104, \"MAX\" } )\n";

        FormatFile f = FormatFile.parse(text);

        assertThat(f.kind()).isEqualTo(FormatFile.EventKind.KFREE_SKB);
        assertThat(f.table().orElseThrow().entries())
                .containsExactly(
                        java.util.Map.entry(2L, "NOT_SPECIFIED"),
                        java.util.Map.entry(3L, "NO_SOCKET"),
                        java.util.Map.entry(4L, "PKT_TOO_SMALL"),
                        java.util.Map.entry(104L, "MAX"));
    }

    @Test
    void printFmtAloneIsEnough() {
        FormatFile f = FormatFile.parse("__print_symbolic(REC->reason, { 1, \"NOT_SPECIFIED\" }, { 2, \"NO_SOCKET\" })");

        assertThat(f.kind()).isEqualTo(FormatFile.EventKind.OTHER);
        assertThat(f.table().orElseThrow().name(2)).contains("NO_SOCKET");
    }

    @Test
    void olderFormatWithoutReasonGivesNoTable() {
        String text = "name: kfree_skb\nID: 1257\nformat:\n"
                + "\tfield:void * skbaddr;\toffset:8;\tsize:8;\tsigned:0;\n"
                + "\tfield:void * location;\toffset:16;\tsize:8;\tsigned:0;\n"
                + "\tfield:unsigned short protocol;\toffset:24;\tsize:2;\tsigned:0;\n\n"
                + "print fmt: \"skbaddr=%p protocol=%u location=%p\", REC->skbaddr, REC->protocol, REC->location\n";

        FormatFile f = FormatFile.parse(text);

        assertThat(f.kind()).isEqualTo(FormatFile.EventKind.KFREE_SKB);
        assertThat(f.hasReasonField()).isFalse();
        assertThat(f.table()).isEmpty();
    }

    @Test
    void reasonPrintedThroughAnArrayGivesNoTable() {
        String text = "name: kfree_skb\n"
                + "\tfield:enum skb_drop_reason reason;\toffset:28;\tsize:4;\tsigned:0;\n"
                + "print fmt: \"skbaddr=%p reason: %s\", REC->skbaddr, drop_reasons[REC->reason]\n";

        FormatFile f = FormatFile.parse(text);

        assertThat(f.hasReasonField()).isTrue();
        assertThat(f.table()).isEmpty();
    }

    @Test
    void otherSymbolicFieldsAndUnevaluatedConstantsAreIgnored() {
        String text = "print fmt: \"%s %s\", __print_symbolic(REC->proto, { 6, \"TCP\" }),"
                + " __print_symbolic(REC->reason, { SKB_DROP_REASON_NOT_SPECIFIED, \"NOT_SPECIFIED\" },"
                + " { 5, \"TCP_CSUM\" })";

        ReasonTable t = FormatFile.parse(text).table().orElseThrow();

        assertThat(t.entries()).containsOnlyKeys(5L);
    }
}

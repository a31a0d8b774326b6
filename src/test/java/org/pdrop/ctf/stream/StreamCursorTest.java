package org.pdrop.ctf.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdrop.ctf.CorruptTraceException;
import org.pdrop.ctf.decode.ClockMath;
import org.pdrop.ctf.decode.DecoderCompiler;
import org.pdrop.ctf.decode.FieldValue.IntValue;
import org.pdrop.ctf.decode.FieldValue.StringValue;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.stream.LttngLikeTrace.Ev;

class StreamCursorTest {
    private static final long T0 = 5_000_000_000L;

    private static Ev kfree(long ts, long skb) {
        return new Ev(0, ts, w -> w.align(8).le(skb, 64).le(0xffffffff81000010L, 64).be(0x0800, 16));
    }

    private static Ev comm(long ts, String s) {
        return new Ev(1, ts, w -> w.string(s));
    }

    private static DataStream stream(TraceDecoder td, String name, int ordinal, byte[]... packets) {
        int total = 0;
        for (byte[] p : packets) {
            total += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        for (byte[] p : packets) {
            all.put(p);
        }
        all.flip();
        StreamFile f = new StreamFile(name, all);
        List<PacketInfo> infos = new PacketScanner(td).scan(f);
        var handle = new DataStream.TraceHandle("t", "t", td, new ClockMath(td.traceClass().clocks().get(0)), 0);
        return new DataStream(handle, name, 0, infos.get(0).streamInstanceId(), infos, ordinal);
    }

    @Test
    void decodesCompactAndExtendedHeadersAndReconstructsTimestampsAcrossWraps() {
        TraceDecoder td = DecoderCompiler.compile(LttngLikeTrace.traceClass());
        long wrap = 1L << 27;
        List<Ev> evs = List.of(kfree(T0 + 10, 1), comm(T0 + wrap - 5, "a"), kfree(T0 + wrap + 3, 2),
                new Ev(40, T0 + 10 * wrap, w -> w.string("rare")), comm(T0 + 10 * wrap + 1, "b"));
        byte[] p = LttngLikeTrace.packet(1, 0, 0, T0, T0 + 10 * wrap + 1, evs, 4096);
        DataStream s = stream(td, "chan_1", 0, p);
        StreamCursor c = new StreamCursor(s, true);
        List<Long> ts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (c.advance()) {
            ts.add(c.timestampCycles());
            names.add(c.eventClass().name());
            if (c.eventClass().name().equals("skb_kfree")) {
                assertThat(((IntValue) c.payload().get("protocol")).bits()).isEqualTo(0x0800);
            }
            if (c.eventClass().name().equals("rare")) {
                assertThat(((StringValue) c.payload().get("comm")).text()).isEqualTo("rare");
            }
        }
        assertThat(names).containsExactly("skb_kfree", "sched_comm", "skb_kfree", "rare", "sched_comm");
        assertThat(ts).containsExactly(T0 + 10, T0 + wrap - 5, T0 + wrap + 3, T0 + 10 * wrap, T0 + 10 * wrap + 1);
        assertThat(c.cpuId()).isEqualTo(1);
    }

    @Test
    void bodyBoundsAreWhereTheHeaderEndsAndWhereTheNextEventStarts() {
        TraceDecoder td = DecoderCompiler.compile(LttngLikeTrace.traceClass());
        long wrap = 1L << 27;
        // Compact header (4 bytes) then kfree body (8 + 8 + 2 bytes); extended header (1 + 4 + 8
        // bytes) then a string body "rare\0" (5 bytes).
        List<Ev> evs = List.of(kfree(T0 + 10, 1), new Ev(40, T0 + 2 * wrap, w -> w.string("rare")), kfree(T0 + 2 * wrap + 1, 2));
        byte[] p = LttngLikeTrace.packet(0, 0, 0, T0, T0 + 2 * wrap + 1, evs, 4096);
        StreamCursor c = new StreamCursor(stream(td, "a", 0, p), false);
        long context = (4 + 16 + 4 + 8 + 8 * 6 + 4) * 8L; // packet header and context, in bits
        List<long[]> bounds = new ArrayList<>();
        while (c.advance()) {
            bounds.add(new long[] {c.bodyStartBits(), c.bodyEndBits()});
        }
        assertThat(bounds).containsExactly(
                new long[] {context + 32, context + 32 + 18 * 8},
                new long[] {context + 32 + 18 * 8 + 13 * 8, context + 32 + 18 * 8 + 13 * 8 + 5 * 8},
                new long[] {context + 32 + 18 * 8 + 18 * 8 + 32, context + 32 + 18 * 8 + 18 * 8 + 32 + 18 * 8});
    }

    @Test
    void skippingBodiesLandsOnTheSameEventsAsReadingThem() {
        TraceDecoder td = DecoderCompiler.compile(LttngLikeTrace.traceClass());
        List<Ev> evs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            evs.add(i % 3 == 0 ? comm(T0 + i * 100L, "x".repeat(i % 7)) : kfree(T0 + i * 100L, i));
        }
        byte[] p = LttngLikeTrace.packet(0, 0, 0, T0, T0 + 10_000, evs, 8192);
        StreamCursor read = new StreamCursor(stream(td, "a", 0, p), false);
        StreamCursor skip = new StreamCursor(stream(td, "a", 0, p), false);
        int n = 0;
        while (read.advance()) {
            assertThat(skip.advance()).isTrue();
            read.payload();
            assertThat(skip.timestampCycles()).isEqualTo(read.timestampCycles());
            n++;
        }
        assertThat(skip.advance()).isFalse();
        assertThat(n).isEqualTo(100);
    }

    @Test
    void mergesStreamsByTimeAndReportsDiscardedEventsAndLostPackets() {
        TraceDecoder td = DecoderCompiler.compile(LttngLikeTrace.traceClass());
        byte[] a1 = LttngLikeTrace.packet(0, 0, 0, T0, T0 + 100, List.of(kfree(T0 + 10, 1), kfree(T0 + 30, 2)), 1024);
        byte[] a2 = LttngLikeTrace.packet(0, 1, 7, T0 + 200, T0 + 300, List.of(kfree(T0 + 250, 3)), 1024);
        byte[] b1 = LttngLikeTrace.packet(1, 0, 0, T0, T0 + 100, List.of(kfree(T0 + 20, 4), kfree(T0 + 30, 5)), 1024);
        byte[] b2 = LttngLikeTrace.packet(1, 3, 0, T0 + 400, T0 + 500, List.of(kfree(T0 + 450, 6)), 1024);
        DataStream sa = stream(td, "chan_0", 0, a1, a2);
        DataStream sb = stream(td, "chan_1", 1, b1, b2);
        EventMerger m = new EventMerger(List.of(new StreamCursor(sa, false), new StreamCursor(sb, false)));
        List<String> seen = new ArrayList<>();
        while (m.next()) {
            StreamCursor c = m.current();
            if (c.kind() == StreamCursor.Kind.NOTICE) {
                Notice n = c.notice();
                seen.add(n.kind() + ":" + n.count() + "@" + c.stream().name() + "[" + (n.beginCycles() - T0) + ","
                        + (n.endCycles() - T0) + "]");
            } else {
                seen.add(((IntValue) c.payload().get("skbaddr")).bits() + "@" + (c.timestampCycles() - T0));
            }
        }
        assertThat(seen).containsExactly("1@10", "4@20", "2@30", "5@30",
                "DISCARDED_EVENTS:7@chan_0[100,300]", "LOST_PACKETS:2@chan_1[100,400]", "3@250", "6@450");
    }

    @Test
    void aDiscardedCounterThatGoesBackwardsCountsOnlyNewLossAboveItsMaximum() {
        TraceDecoder td = DecoderCompiler.compile(LttngLikeTrace.traceClass());
        long[] snapshots = {0, 100, 60, 150};
        byte[][] packets = new byte[snapshots.length][];
        for (int i = 0; i < snapshots.length; i++) {
            long b = T0 + i * 1000L;
            packets[i] = LttngLikeTrace.packet(0, i, snapshots[i], b, b + 500, List.of(kfree(b + 1, i)), 512);
        }
        StreamCursor c = new StreamCursor(stream(td, "s", 0, packets), false);
        long total = 0;
        while (c.advance()) {
            if (c.kind() == StreamCursor.Kind.NOTICE) {
                total += c.notice().count();
            }
        }
        assertThat(total).isEqualTo(150);
    }

    @Test
    void corruptPacketsAreRefusedWithFileAndOffset() {
        TraceDecoder td = DecoderCompiler.compile(LttngLikeTrace.traceClass());
        byte[] good = LttngLikeTrace.packet(0, 0, 0, T0, T0 + 100, List.of(kfree(T0 + 10, 1)), 512);
        byte[] bad = good.clone();
        bad[0] = 0x42;
        assertThatThrownBy(() -> stream(td, "chan_0", 0, good, bad))
                .isInstanceOf(CorruptTraceException.class)
                .hasMessageContaining("file=\"chan_0\"").hasMessageContaining("packet-offset=512")
                .hasMessageContaining("bad packet magic");
        byte[] tooBig = good.clone();
        ByteBuffer.wrap(tooBig).order(LttngLikeTrace.LE).putLong(32 + 24, 8 * 4096);
        assertThatThrownBy(() -> stream(td, "chan_0", 0, tooBig))
                .isInstanceOf(CorruptTraceException.class).hasMessageContaining("past the end of the file");
        byte[] unknownEvent = LttngLikeTrace.packet(0, 0, 0, T0, T0 + 100,
                List.of(new Ev(7, T0 + 1, w -> { })), 512);
        StreamCursor c = new StreamCursor(stream(td, "chan_0", 0, unknownEvent), false);
        assertThatThrownBy(c::advance).isInstanceOf(CorruptTraceException.class)
                .hasMessageContaining("unknown event class: event-id=7").hasMessageContaining("packet-offset=0");
    }
}

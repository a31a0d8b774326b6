package org.pdrop.ctf.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.CtfException;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.conformance.DamagedCopy;
import org.pdrop.ctf.conformance.SharedData;
import org.pdrop.ctf.decode.EventSkipper;
import org.pdrop.ctf.decode.FieldValue;
import org.pdrop.ctf.decode.StreamDecoder;
import org.pdrop.ctf.ir.EventClass;

/**
 * {@link StreamCursor#advanceSkipping} (and its fast loop, {@link EventSkipper}) sees exactly what
 * {@link StreamCursor#advance()} sees: the same wanted events at the same places with the same
 * fields, the same notices, the same count and time span of the events it passes over, and the
 * same error on a damaged trace. Checked on the project's own template trace, on a trace the
 * generator makes from it, on every trace in {@code ../shared/traces} and on damaged copies, for
 * several choices of wanted classes, time windows and budgets.
 */
class SkippingCursorTest {
    private static final Path TEMPLATE = Path.of("bench/template");

    @TempDir
    Path tmp;

    /** What a reader of one stream ends up with. */
    /** @param counted events inside the window of the counted classes that are not wanted */
    record Outcome(List<String> items, long inWindow, long firstNs, long lastNs, long counted, String error) {}

    private static String describe(StreamCursor c) {
        return c.timestampNs() + " " + c.eventClass().name() + " @" + c.packet().offsetBytes() + "+" + c.bodyStartBits()
                + " " + render(c.commonContext()) + " " + render(c.specificContext()) + " " + render(c.payload());
    }

    private static String render(FieldValue v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof FieldValue.IntValue i) {
            return Long.toString(i.bits());
        }
        if (v instanceof FieldValue.EnumValue e) {
            return Long.toString(e.bits());
        }
        if (v instanceof FieldValue.FloatValue f) {
            return Double.toString(f.value());
        }
        if (v instanceof FieldValue.StringValue s) {
            return '"' + s.text() + '"';
        }
        if (v instanceof FieldValue.VariantValue vv) {
            return vv.option() + ":" + render(vv.value());
        }
        FieldValue[] parts = v instanceof FieldValue.StructValue st ? st.values() : ((FieldValue.ArrayValue) v).elements();
        StringBuilder b = new StringBuilder("{");
        for (FieldValue p : parts) {
            b.append(render(p)).append(',');
        }
        return b.append('}').toString();
    }

    private static String describe(Notice n) {
        return n.kind() + " " + n.count() + " " + n.beginNs() + ".." + n.endNs();
    }

    private static boolean wanted(boolean[] stopAt, StreamCursor c) {
        long id = c.eventClass().id();
        return id >= 0 && id < stopAt.length && stopAt[(int) id];
    }

    static Outcome reference(DataStream s, boolean[] stopAt, boolean[] countAt, long begin, long end) {
        return read(s, stopAt, countAt, begin, end, StreamCursor::advance);
    }

    static Outcome skipping(DataStream s, boolean[] stopAt, boolean[] countAt, long begin, long end, long budget) {
        return read(s, stopAt, countAt, begin, end, countAt.length == 0
                ? c -> c.advanceSkipping(stopAt, begin, end, budget)
                : c -> c.advanceSkipping(stopAt, countAt, begin, end, budget));
    }

    /**
     * Reads a stream as the drop analysis does: every item {@code advance} returns, events outside
     * the window left out, plus what the cursor passed over without returning (none for {@code advance()}).
     */
    private static Outcome read(DataStream s, boolean[] stopAt, boolean[] countAt, long begin, long end,
                                java.util.function.Predicate<StreamCursor> advance) {
        StreamCursor c = new StreamCursor(s, false);
        List<String> items = new ArrayList<>();
        long count = 0;
        long counted = 0;
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        try {
            while (advance.test(c)) {
                if (c.kind() == StreamCursor.Kind.NOTICE) {
                    items.add(describe(c.notice()));
                    continue;
                }
                long ns = c.timestampNs();
                if (ns < begin) {
                    continue;
                }
                if (ns > end) {
                    break;
                }
                count++;
                first = first == Long.MIN_VALUE ? ns : first;
                last = ns;
                if (wanted(stopAt, c)) {
                    items.add(describe(c));
                } else if (wanted(countAt, c)) {
                    counted++;
                }
            }
        } catch (CtfException e) {
            return new Outcome(items, -1, 0, 0, -1, e.getMessage());
        }
        count += c.passedOver();
        counted += c.countedOver();
        if (c.passedOver() > 0) {
            first = first == Long.MIN_VALUE ? c.firstPassedNs() : Math.min(first, c.firstPassedNs());
            last = last == Long.MIN_VALUE ? c.lastPassedNs() : Math.max(last, c.lastPassedNs());
        }
        return new Outcome(items, count, first, last, counted, null);
    }

    /** Compares both readers on every stream of {@code trace} for a few wanted sets, windows and budgets. */
    static void checkTrace(Path trace, long seed) {
        try (CtfTrace t = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (DataStream s : t.streams()) {
                StreamDecoder sd = s.trace().decoder().stream(s.streamClassId());
                int maxId = 0;
                for (EventClass ec : sd.streamClass().events()) {
                    maxId = (int) Math.max(maxId, Math.min(ec.id(), 1 << 16));
                }
                List<boolean[]> masks = new ArrayList<>();
                masks.add(new boolean[0]);
                boolean[] skb = new boolean[maxId + 1];
                boolean[] some = new boolean[maxId + 1];
                for (EventClass ec : sd.streamClass().events()) {
                    if (ec.id() <= maxId) {
                        skb[(int) ec.id()] = ec.name().startsWith("skb_");
                        some[(int) ec.id()] = rnd.nextInt(20) == 0;
                    }
                }
                masks.add(skb);
                masks.add(some);
                // Classes to count: none, or about one in eight (some of them wanted as well).
                boolean[] counting = new boolean[maxId + 1];
                for (EventClass ec : sd.streamClass().events()) {
                    if (ec.id() <= maxId) {
                        counting[(int) ec.id()] = rnd.nextInt(8) == 0 || ec.name().equals("skb_consume");
                    }
                }
                Outcome all = reference(s, new boolean[0], new boolean[0], Long.MIN_VALUE, Long.MAX_VALUE);
                List<long[]> windows = new ArrayList<>();
                windows.add(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
                if (all.error() == null && all.inWindow() > 0) {
                    long span = all.lastNs() - all.firstNs();
                    windows.add(new long[] {all.firstNs() + span / 3, all.firstNs() + 2 * span / 3});
                }
                for (boolean[] mask : masks) {
                    for (long[] w : windows) {
                        for (boolean[] countAt : List.of(new boolean[0], counting)) {
                            Outcome expected = reference(s, mask, countAt, w[0], w[1]);
                            for (long budget : new long[] {1 << 16, 3}) {
                                Outcome got = skipping(s, mask, countAt, w[0], w[1], budget);
                                String what = String.format("%s stream %s, %d wanted ids, %d counted, window %d..%d, budget %d",
                                        trace, s.name(), count(mask), count(countAt), w[0], w[1], budget);
                                assertThat(got.error()).as(what).isEqualTo(expected.error());
                                assertThat(got.items().size()).as(what).isEqualTo(expected.items().size());
                                for (int i = 0; i < got.items().size(); i++) {
                                    assertThat(got.items().get(i)).as(what + ", item " + i).isEqualTo(expected.items().get(i));
                                }
                                assertThat(got).as(what).isEqualTo(expected);
                            }
                        }
                    }
                }
            }
        }
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Test
    void sameAsAdvanceOnTheProjectsTemplateTrace() {
        checkTrace(TEMPLATE, 1);
    }

    @Test
    void sameAsAdvanceOnAGeneratedTrace() throws IOException {
        Path out = tmp.resolve("gen");
        org.pdrop.gen.TraceGenerator.generate(org.pdrop.gen.TraceGenerator.Config.of(TEMPLATE, out, 3L << 20, 7)
                .withPackets(64 << 10, 3), Diagnostics.IGNORE);
        checkTrace(out, 2);
    }

    /**
     * A header whose extended option puts the timestamp and the full id beyond its first 64 bits
     * (LTTng's own headers keep the id inside them), so the loop loads both from further bytes;
     * ids on both sides of the tag's range, and clock jumps that need the extended option.
     */
    @Test
    void sameAsAdvanceWithHeaderFieldsBeyondTheFirstWord() throws IOException {
        String header = """
                {
                    enum : uint8_t { compact = 0 ... 254, extended = 255 } id;
                    variant <id> {
                        struct { uint32_clock_monotonic_t timestamp; } compact;
                        struct { uint64_clock_monotonic_t timestamp; uint32_t id; } extended;
                    } v;
                } align(8)""";
        String tsdl = org.pdrop.gen.Tsdl.kernel("le", header, 300, "uint32_t a; string s;");
        List<org.pdrop.gen.TestTraces.Event> events = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(5);
        long cycles = 1_000;
        for (int i = 0; i < 5_000; i++) {
            cycles += rnd.nextInt(10) == 0 ? (1L << 33) + rnd.nextInt(1000) : rnd.nextInt(100_000);
            byte[] text = ("s" + rnd.nextInt(1000)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] body = new byte[4 + 4 + text.length + 1]; // _tid, a, s
            System.arraycopy(text, 0, body, 8, text.length);
            events.add(new org.pdrop.gen.TestTraces.Event(rnd.nextInt(300), cycles, body));
        }
        Path trace = org.pdrop.gen.TestTraces.write(tmp.resolve("beyond"), tsdl, events, 4096);
        try (CtfTrace t = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            assertThat(t.traces().get(0).decoder().stream(0).skipper()).as("the fast loop reads this header").isNotNull();
        }
        checkTrace(trace, 3);
    }

    @Test
    void theFastLoopCoversAnLttngKernelTrace() {
        try (CtfTrace t = CtfTrace.open(List.of(TEMPLATE), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            StreamDecoder sd = t.traces().get(0).decoder().stream(0);
            EventSkipper skipper = sd.skipper();
            assertThat(skipper).as("LTTng's large event header is read by the fast loop").isNotNull();
            long sched = id(sd, "sched_switch");
            long rcu = id(sd, "rcu_utilization");
            assertThat(skipper.fixedBody(sched)).as("sched_switch: fixed-size fields").isTrue();
            assertThat(skipper.fixedBody(rcu)).as("rcu_utilization: a string").isFalse();
            assertThat(skipper.skipsBody(rcu)).as("rcu_utilization: a string the loop skips").isTrue();
        }
    }

    private static long id(StreamDecoder sd, String name) {
        return sd.streamClass().events().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().id();
    }

    @TestFactory
    Stream<DynamicTest> sameAsAdvanceOnSharedTraces() throws IOException {
        Path traces = SharedData.require().resolve("traces");
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(traces)) {
            folders = walk.filter(p -> p.getFileName().toString().equals("metadata")).map(Path::getParent).sorted()
                    .toList();
        }
        return folders.stream().map(f -> DynamicTest.dynamicTest(traces.relativize(f).toString(),
                () -> checkTrace(f, f.hashCode())));
    }

    @TestFactory
    Stream<DynamicTest> sameErrorsOnDamagedCopies() {
        Path source = SharedData.require().resolve("traces/lab-6.1/netem-loss/kernel");
        return IntStream.rangeClosed(1, 16).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Path dir = tmp.resolve("t" + seed);
            DamagedCopy.make(source, dir, seed, seed % 2 == 0 ? 10 : 100);
            try {
                checkTrace(dir, seed);
            } catch (CtfException e) {
                // Damage in the first packet's header: the trace does not open, for either reader.
                assertThat(e.getMessage()).isNotBlank();
            }
        }));
    }
}

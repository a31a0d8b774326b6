package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;
import org.pdrop.gen.TestTraces;
import org.pdrop.gen.Tsdl;
import org.pdrop.symbols.KallsymsParser;
import org.pdrop.symbols.SymbolTable;

/**
 * The allocation-free readers of skb events ({@link SkbEvents.FastReader}: through visitors, and
 * directly at fixed offsets) give exactly the events the value-tree reader gives (times,
 * addresses, sites, reasons, context fields), on the project's sample and template traces, on the
 * lab's traces in {@code ../shared}, and on synthetic traces with every integer shape.
 */
class SkbReadTest {
    /** The skb events of a trace read one way, and how many event classes were read directly. */
    private record Read(List<DropEvent> events, int directClasses) {}

    private static Read read(Path trace, SkbEvents.Reading reading) throws Exception {
        Path kallsyms = trace.resolve("kallsyms");
        SymbolTable symbols = Files.exists(kallsyms) ? KallsymsParser.lenient().parse(kallsyms) : null;
        List<DropEvent> out = new ArrayList<>();
        int direct = 0;
        try (CtfTrace t = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            SkbEvents.TracePlan tp = new SkbEvents.TracePlan("t", symbols,
                    v -> new Reason(v, "R" + v, Reason.SHIPPED_TABLE, false, false, false));
            for (DataStream ds : t.streams()) {
                StreamClass sc = ds.trace().decoder().traceClass().stream(ds.streamClassId());
                List<SkbEvents.EventPlan> plans = new ArrayList<>();
                for (EventClass ec : sc.events()) {
                    if (SkbEvents.isKfree(ec.name()) || SkbEvents.isConsume(ec.name())) {
                        SkbEvents.EventPlan p = new SkbEvents.EventPlan(tp, sc, ec, reading);
                        assertThat(p.fastRead()).as("fast reader for %s", ec.name())
                                .isEqualTo(reading != SkbEvents.Reading.VALUE_TREES);
                        while (plans.size() <= ec.id()) {
                            plans.add(null);
                        }
                        plans.set((int) ec.id(), p);
                    }
                }
                StreamCursor c = new StreamCursor(ds, false);
                while (c.advance()) {
                    if (c.kind() == StreamCursor.Kind.EVENT && c.eventClass().id() < plans.size()
                            && plans.get((int) c.eventClass().id()) != null) {
                        out.add(plans.get((int) c.eventClass().id()).read(c));
                    }
                }
                for (SkbEvents.EventPlan p : plans) {
                    direct += p != null && p.readDirect() ? 1 : 0;
                }
            }
        }
        return new Read(out, direct);
    }

    /** The three ways give equal events; returns the direct way's result. */
    private static Read sameEveryWay(Path t) throws Exception {
        List<DropEvent> slow = read(t, SkbEvents.Reading.VALUE_TREES).events();
        assertThat(read(t, SkbEvents.Reading.VISITORS).directClasses()).isZero();
        for (SkbEvents.Reading way : List.of(SkbEvents.Reading.VISITORS, SkbEvents.Reading.DIRECT)) {
            List<DropEvent> fast = read(t, way).events();
            assertThat(fast).as(way.toString()).hasSameSizeAs(slow);
            for (int i = 0; i < fast.size(); i++) {
                assertThat(fast.get(i)).as("%s: event %d", way, i).isEqualTo(slow.get(i));
            }
        }
        return read(t, SkbEvents.Reading.DIRECT);
    }

    @TestFactory
    Stream<DynamicTest> fastReaderGivesWhatTheValueTreesGive() {
        List<Path> traces = new ArrayList<>(List.of(Path.of("samples/lab-20261126"), Path.of("bench/template")));
        if (Files.isDirectory(LabTraces.lab())) {
            for (String name : LabTraces.NAMES) {
                traces.add(LabTraces.trace(name));
            }
        }
        return traces.stream().map(t -> DynamicTest.dynamicTest(t.toString(), () -> {
            Read direct = sameEveryWay(t);
            if (t.endsWith("lab-20261126") || t.endsWith("all-net")) {
                assertThat(direct.events()).as("skb events with a procname context")
                        .anyMatch(e -> e.context().procname() != null);
                // The skb event classes of an LTTng kernel trace have a fixed layout.
                assertThat(direct.directClasses()).as("event classes read directly").isPositive();
            }
        }));
    }

    // --- synthetic traces: every integer shape the direct reader loads, and shapes it refuses ---

    private static final String CONTEXT = "event.context := struct { integer { size = 32; align = 8; signed = 1; } _tid; };";

    private static String tsdl(String context, String payload) {
        String text = Tsdl.kernel("le", "event_header_compact", 3, payload);
        assertThat(text).contains(CONTEXT);
        return text.replace(CONTEXT, "event.context := struct { " + context + " };");
    }

    /**
     * A trace of 3 event classes (id 1 is skb_kfree) and 3,000 events (3 in 4 of class 1) whose
     * bodies are random bytes, with one of two names at byte 3 in 3 bodies out of 4.
     */
    private static Path randomTrace(Path dir, String tsdl, int bodyBytes, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TestTraces.Event> events = new ArrayList<>();
        byte[][] names = {"ping\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1),
                "ksoftirq".getBytes(StandardCharsets.ISO_8859_1)};
        long cycles = 1_000_000;
        for (int i = 0; i < 3000; i++) {
            byte[] body = new byte[bodyBytes];
            rng.nextBytes(body);
            if (rng.nextInt(4) > 0) {
                System.arraycopy(names[rng.nextInt(names.length)], 0, body, 3, 8);
            }
            cycles += 1 + rng.nextInt(100_000);
            events.add(new TestTraces.Event(rng.nextInt(4) == 0 ? 0 : 1, cycles, body));
        }
        return TestTraces.write(dir, tsdl, events, 4096);
    }

    private static final String FIXED_CONTEXT = """
            integer { size = 16; align = 8; signed = 1; byte_order = be; } _a;
            enum : integer { size = 8; align = 8; signed = 1; } { NEG = -1, TWO = 2 } _e;
            integer { size = 8; align = 8; signed = 1; encoding = UTF8; } _procname[8];
            integer { size = 64; align = 8; signed = 0; } _big;
            integer { size = 32; align = 8; signed = 1; } _tid;
            """;
    private static final int FIXED_CONTEXT_BYTES = 2 + 1 + 8 + 8 + 4;
    private static final String PAYLOAD = """
            integer { size = 32; align = 8; signed = 0; base = 16; } _skbaddr;
            integer { size = 64; align = 8; signed = 0; base = 16; } _location;
            integer { size = 16; align = 8; signed = 0; byte_order = be; } _protocol;
            enum : integer { size = 8; align = 8; signed = 0; } { A = 1, B = 2 } _reason;
            """;
    private static final int PAYLOAD_BYTES = 4 + 8 + 2 + 1;

    @Test
    void directReaderLoadsEveryIntegerShapeAsTheDecodersDo(@TempDir Path dir) throws Exception {
        Path t = randomTrace(dir, tsdl(FIXED_CONTEXT, PAYLOAD), FIXED_CONTEXT_BYTES + PAYLOAD_BYTES, 7);
        Read direct = sameEveryWay(t);
        assertThat(direct.directClasses()).isEqualTo(1);
        assertThat(direct.events()).hasSizeGreaterThan(2000);
        // The random values reach the edges: negative signed fields, unsigned 64-bit beyond Long.MAX_VALUE.
        assertThat(direct.events()).anyMatch(e -> e.context().value(0) instanceof Long l && l < 0);
        assertThat(direct.events()).anyMatch(e -> e.context().value(4) instanceof Long l && l < 0);
        assertThat(direct.events()).anyMatch(e -> e.context().value(3) instanceof java.math.BigInteger);
        assertThat(direct.events()).anyMatch(e -> "NEG".equals(e.context().value(1)));
        assertThat(direct.events()).anyMatch(e -> "ping".equals(e.context().procname()));
        assertThat(direct.events()).anyMatch(e -> e.protocol() > 0x8000);
    }

    @Test
    void aBodyCutByThePacketEndFailsTheSameEveryWay(@TempDir Path dir) throws Exception {
        List<TestTraces.Event> events = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            byte[] body = new byte[FIXED_CONTEXT_BYTES + PAYLOAD_BYTES];
            rng.nextBytes(body);
            events.add(new TestTraces.Event(1, 1000L * (i + 1), body));
        }
        Path t = TestTraces.write(dir, tsdl(FIXED_CONTEXT, PAYLOAD), events, 4096);
        // The packet context's content_size (after a 32-byte packet header and two timestamps):
        // three bytes less, so that the last event's body runs past the content.
        Path stream = t.resolve("kernel/channel0_0");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(stream)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(48, b.getLong(48) - 24);
        Files.write(stream, b.array());
        List<String> outcomes = new ArrayList<>();
        for (SkbEvents.Reading way : SkbEvents.Reading.values()) {
            try {
                read(t, way);
                outcomes.add(way + ": no error");
            } catch (org.pdrop.ctf.CorruptTraceException e) {
                outcomes.add(e.getMessage());
            }
        }
        assertThat(outcomes.get(0)).contains("channel0_0").contains("past the packet content");
        assertThat(outcomes).as("value trees, visitors, direct").containsOnly(outcomes.get(0));
    }

    @Test
    void bodiesWithoutAFixedLayoutAreReadTheUsualWay(@TempDir Path dir) throws Exception {
        // A string in the context: the layout depends on the data.
        List<TestTraces.Event> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] s = ("name" + i).getBytes(StandardCharsets.US_ASCII);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(s.length + 1 + PAYLOAD_BYTES)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.put(s).put((byte) 0).putInt(i).putLong(0xffffffff81000000L + i).putShort((short) 8).put((byte) 1);
            events.add(new TestTraces.Event(1, 1000L * (i + 1), b.array()));
        }
        Path strings = TestTraces.write(dir.resolve("s"), tsdl("string _procname;", PAYLOAD), events, 4096);
        Read r = sameEveryWay(strings);
        assertThat(r.directClasses()).isZero();
        assertThat(r.events()).hasSize(100);
        assertThat(r.events().get(7).context().procname()).isEqualTo("name7");
        // A 24-bit protocol: a size the direct reader does not load.
        Path odd = randomTrace(dir.resolve("o"), tsdl(FIXED_CONTEXT, PAYLOAD.replace(
                "size = 16; align = 8; signed = 0; byte_order = be;", "size = 24; align = 8; signed = 0;")),
                FIXED_CONTEXT_BYTES + PAYLOAD_BYTES + 1, 8);
        Read o = sameEveryWay(odd);
        assertThat(o.directClasses()).isZero();
        assertThat(o.events()).hasSizeGreaterThan(2000);
    }
}

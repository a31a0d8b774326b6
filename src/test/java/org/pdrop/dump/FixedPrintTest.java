package org.pdrop.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * A payload printed from its bytes ({@link FixedPrint}) reads exactly as the same payload printed
 * through the decoder's callbacks ({@link ScopePrinter}), event by event: on real LTTng kernel
 * traces, and on random bodies of every integer shape it prints (sizes, byte orders, signedness,
 * bases, enumerations, text with bytes to escape).
 */
class FixedPrintTest {
    @TempDir
    Path tmp;

    /** Compares both printers on every event of {@code trace}; returns how many payloads were printed from bytes. */
    static long compare(Path trace) {
        long planned = 0;
        try (CtfTrace t = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            for (DataStream s : t.streams()) {
                Bt2Scopes.Compiled scopes = new Bt2Scopes.Compiled(
                        Bt2Scopes.analyze(s.trace().decoder().traceClass().stream(s.streamClassId())));
                Map<EventClass, FixedPrint> plans = new IdentityHashMap<>();
                StreamCursor c = new StreamCursor(s, false);
                while (c.advance()) {
                    if (c.kind() != StreamCursor.Kind.EVENT) {
                        continue;
                    }
                    Bt2Scopes.EventPrinters p = scopes.of(c.eventClass());
                    ScopePrinter payload = p == null ? null : p.payloadScope();
                    if (payload == null) {
                        continue;
                    }
                    if (!plans.containsKey(c.eventClass())) {
                        plans.put(c.eventClass(), FixedPrint.of(payload.root(), c.scopeFixedBits(StreamCursor.PAYLOAD)));
                    }
                    FixedPrint plan = plans.get(c.eventClass());
                    if (plan == null) {
                        continue;
                    }
                    c.visitScope(StreamCursor.SPECIFIC_CONTEXT, null);
                    int at = c.fixedScopeAt(StreamCursor.PAYLOAD);
                    assertThat(at).as("a planned payload is a fixed run of bytes").isNotNegative();
                    ByteOut fromBytes = new ByteOut(64);
                    plan.print(c.packetBytes(), at, fromBytes);
                    ByteOut fromCallbacks = new ByteOut(64);
                    c.visitScope(StreamCursor.PAYLOAD, payload.target(fromCallbacks, false));
                    assertThat(fromBytes.toString()).as(c.eventClass().name()).isEqualTo(fromCallbacks.toString());
                    planned++;
                }
            }
        }
        return planned;
    }

    @Test
    void sameTextAsTheCallbacksOnRealKernelTraces() {
        assertThat(compare(Path.of("samples/lab-20261126"))).isPositive();
        assertThat(compare(Path.of("bench/template"))).isGreaterThan(1000);
        Path allNet = Bt2ConformanceTest.SHARED.resolve("traces/lab-6.1/all-net");
        if (Files.isDirectory(allNet)) {
            assertThat(compare(allNet)).isGreaterThan(100_000);
        }
    }

    private static final String PAYLOAD = """
            integer { size = 16; align = 8; signed = 1; byte_order = be; } a;
            integer { size = 32; align = 8; signed = 0; base = 16; } b;
            integer { size = 64; align = 8; signed = 1; } c;
            uint8_t d;
            enum : uint8_t { zero = 0, one = 1, many = 2 ... 10 } e;
            integer { size = 8; align = 8; signed = 0; encoding = UTF8; } text[8];
            integer { size = 64; align = 8; signed = 0; base = 8; } f;
            integer { size = 16; align = 8; signed = 1; byte_order = le; } g;
            integer { size = 32; align = 8; signed = 1; base = 2; } h;""";
    private static final int PAYLOAD_BYTES = 2 + 4 + 8 + 1 + 1 + 8 + 8 + 2 + 4;

    @Test
    void sameTextAsTheCallbacksOnRandomBodiesOfEveryIntegerShape() throws IOException {
        for (String order : new String[] {"le", "be"}) {
            String tsdl = org.pdrop.gen.Tsdl.kernel(order, "event_header_large", 3, PAYLOAD);
            SplittableRandom rnd = new SplittableRandom(order.hashCode());
            List<org.pdrop.gen.TestTraces.Event> events = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                byte[] body = new byte[4 + PAYLOAD_BYTES];
                rnd.nextBytes(body);
                if (i % 3 == 0) {
                    // Printable text with a NUL inside, and small enumeration values.
                    for (int k = 0; k < 8; k++) {
                        body[4 + 16 + k] = (byte) (k == 5 ? 0 : 'a' + rnd.nextInt(26));
                    }
                    body[4 + 15] = (byte) rnd.nextInt(12);
                }
                events.add(new org.pdrop.gen.TestTraces.Event(rnd.nextInt(3), 1000L + i * 10L, body));
            }
            Path trace = org.pdrop.gen.TestTraces.write(tmp.resolve(order), tsdl, events, 4096);
            assertThat(compare(trace)).as(order).isEqualTo(3000);
        }
    }

    @Test
    void scopesWithOtherMembersAreLeftToTheCallbacks() {
        // Payload → its size in bits (what the decoders would report for a fixed one).
        Map<String, Long> payloads = new java.util.LinkedHashMap<>();
        payloads.put("uint32_t a; string s;", 64L);
        payloads.put("uint32_t a; floating_point { exp_dig = 8; mant_dig = 24; align = 8; } f;", 64L);
        payloads.put("uint32_t a; uint16_t arr[2];", 64L);
        payloads.put("uint32_t a; struct { uint8_t x; } nested;", 40L);
        payloads.put("uint32_t a; integer { size = 24; align = 8; signed = 0; } odd;", 56L);
        payloads.put("uint32_t a; uint16_t b;", 40L); // the wrong size
        for (Map.Entry<String, Long> e : payloads.entrySet()) {
            assertThat(plan(e.getKey(), e.getValue())).as(e.getKey()).isNull();
        }
        assertThat(plan("uint32_t a; uint16_t b;", 48)).as("the control").isNotNull();
    }

    private static FixedPrint plan(String payload, long bits) {
        String tsdl = org.pdrop.gen.Tsdl.kernel("le", "event_header_large", 1, payload);
        try (CtfTrace t = CtfTrace.fromMemory(tsdl, Map.of(), Diagnostics.IGNORE)) {
            var sc = t.traces().get(0).traceClass().stream(0);
            Bt2Scopes.EventPrinters p = new Bt2Scopes.Compiled(Bt2Scopes.analyze(sc)).of(sc.events().get(0));
            return FixedPrint.of(p.payloadScope().root(), bits);
        }
    }
}

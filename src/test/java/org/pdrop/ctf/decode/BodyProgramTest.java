package org.pdrop.ctf.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;
import org.pdrop.gen.Tsdl;

/**
 * Which bodies get a {@link BodyProgram}, that compiling one stays bounded on hostile metadata,
 * and the NUL search that strings use. (That programs skip exactly what the decoders skip is {@code SkippingCursorTest}'s
 * job, on real traces.)
 */
class BodyProgramTest {
    private static EventSkipper skipper(String payload) {
        TraceClass tc = Tsdl.parse(Tsdl.kernel("le", "event_header_large", 3, payload));
        EventSkipper s = DecoderCompiler.compile(tc).stream(0).skipper();
        assertThat(s).isNotNull();
        return s;
    }

    /**
     * The NUL search against a byte-by-byte one, on buffers with and without padding after the
     * content, strings that end anywhere (within eight bytes of the content's and the buffer's
     * ends included), and zeros only in the padding, which must not count.
     */
    @Test
    void nulSearchMatchesByteByByte() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            int capacity = random.nextInt(48);
            ByteBuffer buf = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < capacity; i++) {
                buf.put(i, (byte) (random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(255)));
            }
            int content = random.nextInt(capacity + 1);
            long limit = random.nextInt(4) == 0 ? content + random.nextInt(16) : content;
            int from = random.nextInt(content + 1);
            long want = -1;
            for (int i = from; i < Math.min(limit, capacity); i++) {
                if (buf.get(i) == 0) {
                    want = i;
                    break;
                }
            }
            assertThat(BodyProgram.findNul(buf, from, limit))
                    .as("capacity %d, limit %d, from %d", capacity, limit, from).isEqualTo(want);
        }
    }

    @Test
    void fixedFieldsBitFieldsAndStringsGetAProgram() {
        assertThat(skipper("uint32_t a; uint8_t b[16];").fixedBody(0)).isTrue();
        EventSkipper bits = skipper("integer { size = 4; align = 1; signed = false; byte_order = be; } v; "
                + "integer { size = 4; align = 1; signed = false; byte_order = be; } l; uint8_t tos;");
        assertThat(bits.fixedBody(0)).as("two 4-bit fields and a byte: 2 bytes").isTrue();
        EventSkipper string = skipper("uint32_t a; string s; uint16_t b;");
        assertThat(string.fixedBody(0)).isFalse();
        assertThat(string.skipsBody(0)).isTrue();
        EventSkipper sequence = skipper("uint32_t n; uint16_t items[n]; string s;");
        assertThat(sequence.skipsBody(0)).isTrue();
        EventSkipper variant = skipper("enum : uint8_t { a = 0, b = 1 } tag; "
                + "variant <tag> { struct { } a; struct { uint32_t x; string y; } b; } v;");
        assertThat(variant.skipsBody(0)).isTrue();
    }

    /**
     * The skipper's size of a body ({@link EventSkipper#bodyBits}: fixed, string shape or
     * program) is where the decoders end the body, event by event on the committed LTTng trace.
     */
    @Test
    void bodySizesAreTheDecodersOnAnLttngTrace() {
        try (CtfTrace t = CtfTrace.open(List.of(Path.of("bench/template")), Diagnostics.IGNORE,
                PacketIndexProvider.NONE)) {
            EventSkipper skipper = t.traces().get(0).decoder().stream(0).skipper();
            long[] slots = new long[64];
            long fixed = 0;
            long other = 0;
            int bigId = -1;
            long bigSize = 0;
            StreamCursor c = new StreamCursor(t.streams().get(0), false);
            while (c.advance()) {
                if (c.kind() != StreamCursor.Kind.EVENT) {
                    continue;
                }
                int id = (int) c.eventClass().id();
                long start = c.bodyStartBits();
                long limit = c.packet().contentSizeBits();
                long size = skipper.bodyBits(id, c.packetBytes(), start, limit, slots);
                long end = c.bodyEndBits();
                assertThat(size).as("event %d, %s", c.eventCount(), c.eventClass().name())
                        .isEqualTo(skipper.skipsBody(id) ? end - start : -1);
                if (skipper.fixedBody(id)) {
                    fixed++;
                    if (size > bigSize) {
                        bigId = id;
                        bigSize = size;
                    }
                } else if (skipper.skipsBody(id)) {
                    other++;
                }
            }
            assertThat(fixed).as("fixed bodies").isGreaterThan(1_000);
            assertThat(other).as("strings and programs").isGreaterThan(300);
            assertThat(skipper.bodyBits(bigId, c.packetBytes(), 0, bigSize - 8, slots)).as("past the limit").isEqualTo(-1);
            assertThat(skipper.bodyBits(bigId, c.packetBytes(), 0, bigSize, slots)).isEqualTo(bigSize);
        }
    }

    /** Variant options come from a table for small tags and from the ranges above it; both must agree with the ranges. */
    @Test
    void variantOptionsFollowTheTagRangesInAndBeyondTheTable() {
        TraceClass tc = Tsdl.parse(Tsdl.kernel("le", "event_header_large", 1,
                "enum : uint8_t { a = 0 ... 2, b = 3, a = 100 ... 199, c = 200 } tag; "
                        + "variant <tag> { struct { uint16_t x; } a; struct { uint32_t x; string y; } b; "
                        + "struct { } c; } v; uint8_t end;"));
        EventDecoder e = DecoderCompiler.compile(tc).stream(0).event(0);
        BodyProgram p = BodyProgram.compile(e.context(), e.payload());
        assertThat(p).isNotNull();
        java.nio.ByteBuffer le = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        le.put(1, (byte) 'h').put(2, (byte) 'i').put(3, (byte) 0);
        long[] slots = new long[8];
        long limit = 64 * 8;
        for (int tag : new int[] {0, 2, 150}) {
            le.put(0, (byte) tag);
            assertThat(p.run(le, 0, limit, slots)).as("tag %d: option a", tag).isEqualTo((1 + 2 + 1) * 8);
        }
        le.put(0, (byte) 3).put(1, (byte) 1).put(2, (byte) 2).put(3, (byte) 3).put(4, (byte) 4)
                .put(5, (byte) 'h').put(6, (byte) 0);
        assertThat(p.run(le, 0, limit, slots)).as("tag 3: option b").isEqualTo((1 + 4 + 2 + 1) * 8);
        le.put(0, (byte) 200);
        assertThat(p.run(le, 0, limit, slots)).as("tag 200: option c").isEqualTo((1 + 1) * 8);
        for (int tag : new int[] {50, 201, 255}) {
            le.put(0, (byte) tag);
            assertThat(p.run(le, 0, limit, slots)).as("tag %d: no option, the generic path", tag).isEqualTo(-1);
        }
    }

    private static final String TRANSPORT = "enum : uint8_t { none = 0, tcp = 1, udp = 2, icmp = 3 } th; "
            + "variant <th> { struct { } none; struct { uint8_t x[20]; } tcp; struct { uint8_t x[8]; } udp; "
            + "struct { uint8_t x[8]; } icmp; } t;";
    /** The shape of LTTng's {@code net_*} events with a network header, and shapes around it. */
    private static final String[] TAG_TREES = {
        "uint64_t skb; uint32_t len; string name; enum : uint8_t { unknown = 0, ipv4 = 1, ipv6 = 2 } nh; "
                + "variant <nh> { struct { } unknown; struct { uint8_t a[19]; " + TRANSPORT + " } ipv4; "
                + "struct { uint8_t a[39]; " + TRANSPORT + " } ipv6; } v;",
        // No string, a run after it, an inner option without a run before its tag.
        "uint32_t a; enum : uint8_t { x = 0, y = 1 } k; variant <k> { struct { uint16_t p; } x; struct { " + TRANSPORT + " } y; } v;",
        "string s; uint16_t b; enum : uint8_t { x = 0, y = 1 } k; variant <k> { struct { } x; struct { uint32_t p; } y; } v;",
        // Tags beyond the tables: through the steps.
        "string s; enum : uint8_t { small = 0, big = 1 ... 255 } k; variant <k> { struct { uint8_t x; } small; "
                + "struct { uint16_t y; } big; } v;",
    };

    /**
     * Bodies of the {@code net_*} shape take the tag tree, which gives the steps' answer (size or
     * refusal, and the integers saved) for every tag, string and end of content, including tags
     * beyond its tables and bodies cut short.
     */
    @Test
    void tagTreesGiveTheStepsAnswers() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (String payload : TAG_TREES) {
            TraceClass tc = Tsdl.parse(Tsdl.kernel("le", "event_header_large", 1, payload));
            BodyProgram p = BodyProgram.compile(DecoderCompiler.compile(tc).stream(0).event(0).payload());
            assertThat(p).isNotNull();
            assertThat(p.hasTagTree()).as(payload).isTrue();
            java.nio.ByteBuffer le = java.nio.ByteBuffer.allocateDirect(128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long sized = 0;
            for (int n = 0; n < 20_000; n++) {
                for (int i = 0; i < le.capacity(); i++) {
                    // Mostly small bytes, so that tags often hit an option; some zeros end strings early.
                    int b = rnd.nextInt(10);
                    le.put(i, (byte) (b < 6 ? rnd.nextInt(4) : b < 9 ? 'a' + rnd.nextInt(26) : rnd.nextInt(256)));
                }
                long at = 8L * rnd.nextInt(8);
                long limit = rnd.nextInt(4) == 0 ? 8L * rnd.nextInt(128) : 128 * 8;
                long[] treeSlots = new long[16];
                long[] stepSlots = new long[16];
                long tree = p.run(le, at, limit, treeSlots);
                long steps = p.runSteps(le, at, limit, stepSlots);
                assertThat(tree).as("%s: body %d", payload, n).isEqualTo(steps);
                if (steps >= 0) {
                    assertThat(treeSlots).as("%s: body %d, integers saved", payload, n).isEqualTo(stepSlots);
                    sized++;
                }
            }
            assertThat(sized).as("%s: bodies that fit", payload).isGreaterThan(1000);
        }
        assertThat(BodyProgram.compile(DecoderCompiler.compile(Tsdl.parse(Tsdl.kernel("le", "event_header_large", 1,
                "string s; enum : uint8_t { x = 0, y = 1 } k; variant <k> { struct { } x; struct { string z; } y; } v;")))
                .stream(0).event(0).payload()).hasTagTree()).as("an option with a string: the steps").isFalse();
    }

    @Test
    void aBodyThatDoesNotEndOnAByteGetsNone() {
        EventSkipper s = skipper("integer { size = 3; align = 1; signed = false; } x; string s;");
        assertThat(s.skipsBody(0)).isFalse();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void nestedArraysAndSequencesOfThemDoNotMakeCompilingExplode() {
        // 4096^4 one-bit fields: laid out one by one, this would never end.
        EventSkipper s = skipper("uint32_t n; integer { size = 1; align = 1; signed = false; } a[n][4096][4096][4096][4096];");
        assertThat(s.skipsBody(0)).isFalse();
        EventSkipper bytes = skipper("uint8_t a[4096][4096][4];");
        assertThat(bytes.fixedBody(0)).as("whole bytes: the decoder's own size, no walk").isTrue();
    }
}

package org.pdrop.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pdrop.ctf.decode.FieldValue;
import org.pdrop.ctf.decode.FieldValue.ArrayValue;
import org.pdrop.ctf.decode.FieldValue.EnumValue;
import org.pdrop.ctf.decode.FieldValue.IntValue;
import org.pdrop.ctf.decode.FieldValue.StringValue;
import org.pdrop.ctf.decode.FieldValue.StructValue;
import org.pdrop.ctf.decode.FieldValue.VariantValue;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.ClockClass;
import org.pdrop.ctf.ir.Encoding;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.EnumType.Mapping;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRef;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.SequenceType;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StringType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.VariantType;

/**
 * Golden tests of whole event lines on hand-built IR and values. The expected lines are what
 * babeltrace2 2.0.4 printed for a trace with the same metadata and data (made with a small
 * generator while writing this printer; the TSDL is quoted in each test).
 */
class PrettyPrinterTest {
    static final IntType U8 = new IntType(8, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, null);
    static final IntType U32 = new IntType(32, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, null);
    static final IntType U64 = new IntType(64, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, null);
    static final IntType TS = new IntType(64, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, "c");
    static final IntType CHAR = new IntType(8, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.UTF8, null);
    static final IntType S8HEX = new IntType(8, 8, true, ByteOrder.LITTLE_ENDIAN, 16, Encoding.NONE, null);
    static final ClockClass CLOCK = new ClockClass("c", null, null, 1000, 0, 0, 5, true);

    static Field f(String name, FieldType t) {
        return new Field(name, t);
    }

    static StructType struct(Field... fields) {
        return new StructType(List.of(fields), 1);
    }

    static FieldRef ref(String text, Scope scope, Integer... path) {
        return new FieldRef(text, scope, List.of(path));
    }

    static IntValue i(IntType t, long v) {
        return new IntValue(t, v);
    }

    static StructValue sv(StructType t, FieldValue... v) {
        return new StructValue(t, v);
    }

    static ArrayValue av(FieldType t, FieldValue... v) {
        return new ArrayValue(t, v);
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrettyPrinter printer = new PrettyPrinter(out, new PrintWriter(errBytes, true),
            ZoneOffset.UTC);

    private final ByteArrayOutputStream replayOut = new ByteArrayOutputStream();
    private final PrettyPrinter replayPrinter = new PrettyPrinter(replayOut,
            new PrintWriter(new ByteArrayOutputStream(), true), ZoneOffset.UTC);

    /** Prints through both paths: values ({@link FieldPrinter}) and callbacks ({@link ScopePrinter}). */
    private void append(PrettyPrinter.StreamFormat sf, EventClass ec, long cycles, StructValue pc, StructValue cc,
                        StructValue sp, StructValue pl) {
        printer.append(sf, sf.event(ec), cycles, pc, cc, sp, pl);
        replayPrinter.appendReplaying(sf, sf.event(ec), cycles, pc, cc, sp, pl);
    }

    /**
     * The lines of events "e" at these times (ns) of a 1 GHz clock {@code offsetSeconds} from the
     * epoch, in a stream whose header has the timestamp alone, after the text {@code host}.
     */
    private String timesOnly(long offsetSeconds, String host, long... times) {
        ClockClass clock = new ClockClass("c", null, null, 1_000_000_000L, 0, offsetSeconds, 0, true);
        EventClass ev = new EventClass(0, "e", 0, null, null, null, null);
        StreamClass sc = new StreamClass(0, null, struct(f("timestamp", TS)), null, clock, List.of(ev));
        PrettyPrinter.StreamFormat sf = new PrettyPrinter.StreamFormat(sc, host.getBytes(StandardCharsets.UTF_8));
        for (long t : times) {
            append(sf, ev, t, null, null, null, null);
        }
        return lines();
    }

    /** The printed lines, the same through both paths. */
    private String lines() {
        printer.flush();
        replayPrinter.flush();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(replayOut.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        return text;
    }

    /*
     * enum E : uint8_t { A = 10, B = 1 ... 3, A = 2 ... 5, A = 1, "C D" = 7, _U = 8 };
     * enum S : integer { size = 8; signed = true; base = 16; } { NEG = -5 ... -1, Z = 0 };
     * enum T : uint8_t { A = 1, B = 2 ... 3, C = 4 };
     * clock { name = c; freq = 1000; offset = 5; };  ts_t: uint64 mapped to clock c
     * stream { packet.context := struct { uint64_t timestamp_begin; uint64_t timestamp_end;
     *     uint64_t content_size; uint64_t packet_size; uint64_t events_discarded;
     *     uint64_t packet_seq_num; uint8_t cpu_id; ts_t other_ts; };
     *   event.header := struct { uint8_t id; ts_t timestamp; };
     *   event.context := struct { ts_t hidden; }; };
     * event e0 fields: enum E e1, e2, e3, e4; enum S s1, s2; ts_t mapped; ts_t len2;
     *   uint8_t seq[len2]; struct { } empty; struct { ts_t x; } allhidden; uint32_t arr[2][3];
     *   uint8_t n; uint8_t seq0[n]; utf8 char t[n]; struct { uint8_t a; string b; } sa[2];
     * event e1 (no fields); event e2: context := struct { ts_t only; };
     *   fields := struct { enum T tag; variant <tag> { uint8_t A; string B; struct { uint8_t x; } C; } v; }
     */
    @Test
    void babeltraceProbeTrace() {
        EnumType e = new EnumType(U8, List.of(new Mapping("A", 10, 10), new Mapping("B", 1, 3),
                new Mapping("A", 2, 5), new Mapping("A", 1, 1), new Mapping("C D", 7, 7), new Mapping("_U", 8, 8)));
        EnumType s = new EnumType(S8HEX, List.of(new Mapping("NEG", -5, -1), new Mapping("Z", 0, 0)));
        EnumType tagType = new EnumType(U8, List.of(new Mapping("A", 1, 1), new Mapping("B", 2, 3),
                new Mapping("C", 4, 4)));
        StructType packet = struct(f("timestamp_begin", U64), f("timestamp_end", U64), f("content_size", U64),
                f("packet_size", U64), f("events_discarded", U64), f("packet_seq_num", U64), f("cpu_id", U8),
                f("other_ts", TS));
        StructType header = struct(f("id", U8), f("timestamp", TS));
        StructType common = struct(f("hidden", TS));
        SequenceType seq = new SequenceType(U8, ref("len2", Scope.EVENT_PAYLOAD, 7));
        StructType empty = struct();
        StructType allHidden = struct(f("x", TS));
        ArrayType row = new ArrayType(U32, 3);
        ArrayType arr = new ArrayType(row, 2);
        SequenceType seq0 = new SequenceType(U8, ref("n", Scope.EVENT_PAYLOAD, 12));
        SequenceType text = new SequenceType(CHAR, ref("n", Scope.EVENT_PAYLOAD, 12));
        StructType sa = struct(f("a", U8), f("b", new StringType(Encoding.UTF8)));
        ArrayType saArr = new ArrayType(sa, 2);
        StructType p0 = struct(f("e1", e), f("e2", e), f("e3", e), f("e4", e), f("s1", s), f("s2", s),
                f("mapped", TS), f("len2", TS), f("seq", seq), f("empty", empty), f("allhidden", allHidden),
                f("arr", arr), f("n", U8), f("seq0", seq0), f("t", text), f("sa", saArr));
        StructType optC = struct(f("x", U8));
        VariantType v = new VariantType(ref("tag", Scope.EVENT_PAYLOAD, 0), List.of(f("A", U8),
                f("B", new StringType(Encoding.UTF8)), f("C", optC)));
        StructType p2 = struct(f("tag", tagType), f("v", v));
        StructType c2 = struct(f("only", TS));
        EventClass e0 = new EventClass(0, "e0", 0, null, null, null, p0);
        EventClass e1 = new EventClass(1, "e1", 0, null, null, null, null);
        EventClass e2 = new EventClass(2, "e2", 0, null, null, c2, p2);
        StreamClass sc = new StreamClass(0, packet, header, common, CLOCK, List.of(e0, e1, e2));

        StructValue pctx = sv(packet, i(U64, 1000), i(U64, 3000), i(U64, 800), i(U64, 800), i(U64, 0), i(U64, 0),
                i(U8, 1), i(TS, 77));
        StructValue cctx = sv(common, i(TS, 9));
        StructValue sa0 = sv(sa, i(U8, 1), new StringValue(new StringType(Encoding.UTF8), "hi".getBytes()));
        StructValue sa1 = sv(sa, i(U8, 2), new StringValue(new StringType(Encoding.UTF8), "yo".getBytes()));
        StructValue v0 = sv(p0, new EnumValue(e, 2), new EnumValue(e, 7), new EnumValue(e, 8), new EnumValue(e, 45),
                new EnumValue(s, -3), new EnumValue(s, 0), i(TS, 1), i(TS, 2), av(seq, i(U8, 5), i(U8, 6)),
                sv(empty), sv(allHidden, i(TS, 3)),
                av(arr, av(row, i(U32, 1), i(U32, 2), i(U32, 3)), av(row, i(U32, 4), i(U32, 5), i(U32, 6))),
                i(U8, 0), av(seq0), av(text), av(saArr, sa0, sa1));

        PrettyPrinter.StreamFormat sf = new PrettyPrinter.StreamFormat(sc, new byte[0]);
        append(sf, e0, 1500, pctx, cctx, null, v0);
        append(sf, e1, 1600, pctx, cctx, null, null);
        StructValue v2 = sv(p2, new EnumValue(tagType, 1), new VariantValue(v, 0, i(U8, 42)));
        append(sf, e2, 1800, pctx, cctx, sv(c2, i(TS, 4)), v2);
        StructValue v3 = sv(p2, new EnumValue(tagType, 3),
                new VariantValue(v, 1, new StringValue(new StringType(Encoding.UTF8), "str".getBytes())));
        append(sf, e2, 1900, pctx, cctx, sv(c2, i(TS, 4)), v3);

        assertThat(lines()).isEqualTo(""
                + "[00:00:01.505000000] (+?.?????????) e0: { cpu_id = 1 }, { e1 = ( \"A\", \"B\" : container = 2 ), "
                + "e2 = ( \"C D\" : container = 7 ), e3 = ( \"_U\" : container = 8 ), e4 = ( <unknown> : container = 45 ), "
                + "s1 = ( \"NEG\" : container = 0xFD ), s2 = ( \"Z\" : container = 0x0 ), len2 = 2, "
                + "seq = [ [0] = 5, [1] = 6 ], empty = { }, arr = [ [0] = [ [0] = 1, [1] = 2, [2] = 3 ], "
                + "[1] = [ [0] = 4, [1] = 5, [2] = 6 ] ], n = 0, seq0 = [ ], t = \"\", "
                + "sa = [ [0] = { a = 1, b = \"hi\" }, [1] = { a = 2, b = \"yo\" } ] }\n"
                + "[00:00:01.605000000] (+0.100000000) e1: { cpu_id = 1 }\n"
                + "[00:00:01.805000000] (+0.200000000) e2: { cpu_id = 1 }, { tag = ( \"A\" : container = 1 ), v = { 42 } }\n"
                + "[00:00:01.905000000] (+0.100000000) e2: { cpu_id = 1 }, { tag = ( \"B\" : container = 3 ), v = { \"str\" } }\n");
    }

    /* No clock: no time, no delta; hostname first; empty payload leaves "name: " with its space. */
    @Test
    void clocklessWithHostname() {
        StructType payload = struct(f("str", new StringType(Encoding.UTF8)));
        EventClass ev = new EventClass(0, "string", 0, null, null, null, payload);
        EventClass bare = new EventClass(1, "gadoua", 0, null, null, null, null);
        StreamClass sc = new StreamClass(0, null, null, null, null, List.of(ev, bare));
        PrettyPrinter.StreamFormat sf = new PrettyPrinter.StreamFormat(sc, "host ".getBytes());
        append(sf, ev, 0, null, null, null,
                sv(payload, new StringValue(new StringType(Encoding.UTF8), "how are you?".getBytes())));
        append(sf, bare, 0, null, null, null, null);
        assertThat(lines()).isEqualTo("host string: { str = \"how are you\\?\" }\nhost gadoua: \n");
    }

    /* clock { offset_s = -10; }: the first negative time is printed as seconds, later ones oddly. */
    @Test
    void negativeTimesAsBabeltrace() {
        assertThat(timesOnly(-10, "h ", 1, 5_000_000_000L, 9_000_000_000L, 10_500_000_000L)).isEqualTo(""
                + "[-9.999999999] (+?.?????????) h e: \n"
                + "[00:00:05.000000000] (+4.999999999) h e: \n"
                + "[00:00:01.000000000] (+4.000000000) h e: \n"
                + "[00:00:00.500000000] (+1.500000000) h e: \n");
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEqualTo(WallClock.NEGATIVE_WARNING + "\n");
    }

    /* A delta that goes backwards is printed as Babeltrace's unsigned wrap-around. */
    @Test
    void backwardsDeltaWraps() {
        assertThat(timesOnly(1_700_000_000L, "", 10, 9)).isEqualTo("[22:13:20.000000010] (+?.?????????) e: \n"
                + "[22:13:20.000000009] (+18446744073.709551615) e: \n");
    }

    /* Deltas on both sides of 10 s (a one-digit second is written in one go, more take the general path), and a new second. */
    @Test
    void deltasOfOneAndTwoDigitSeconds() {
        assertThat(timesOnly(1_700_000_000L, "", 999_999_999L, 10_999_999_998L, 20_999_999_998L, 21_000_000_007L,
                31_000_000_007L)).isEqualTo("[22:13:20.999999999] (+?.?????????) e: \n"
                + "[22:13:30.999999998] (+9.999999999) e: \n"
                + "[22:13:40.999999998] (+10.000000000) e: \n"
                + "[22:13:41.000000007] (+0.000000009) e: \n"
                + "[22:13:51.000000007] (+10.000000000) e: \n");
    }

    /* A sequence length or variant tag that is mapped to a clock stays visible; a variant keeps all options. */
    @Test
    void dependentsStayVisible() {
        EnumType tagType = new EnumType(new IntType(8, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, "c"),
                List.of(new Mapping("X", 0, 0), new Mapping("Y", 1, 1)));
        StructType hiddenOnly = struct(f("t", TS));
        VariantType v = new VariantType(ref("tag", Scope.EVENT_PAYLOAD, 0),
                List.of(f("X", hiddenOnly), f("Y", U8)));
        StructType payload = struct(f("tag", tagType), f("v", v), f("_len", TS),
                f("s", new SequenceType(U8, ref("_len", Scope.EVENT_PAYLOAD, 2))));
        EventClass ev = new EventClass(0, "e", 0, null, null, null, payload);
        StreamClass sc = new StreamClass(0, null, null, null, null, List.of(ev));
        PrettyPrinter.StreamFormat sf = new PrettyPrinter.StreamFormat(sc, new byte[0]);
        append(sf, ev, 0, null, null, null, sv(payload, new EnumValue(tagType, 0),
                new VariantValue(v, 0, sv(hiddenOnly, i(TS, 5))), i(TS, 1),
                av(payload.fields().get(3).type(), i(U8, 7))));
        assertThat(lines()).isEqualTo("[00:00:00.000000000] (+?.?????????) e: "
                + "{ tag = ( \"X\" : container = 0 ), v = { { } }, len = 1, s = [ [0] = 7 ] }\n");
    }

    @Test
    void unusedHelpersCompile() {
        assertThat(new ArrayList<>(List.of(1))).hasSize(1);
        assertThat(Map.of()).isEmpty();
    }
}

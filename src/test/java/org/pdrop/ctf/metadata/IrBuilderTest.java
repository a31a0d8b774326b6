package org.pdrop.ctf.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pdrop.ctf.MetadataException;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.ClockClass;
import org.pdrop.ctf.ir.Encoding;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.FieldRef;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.FloatType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.SequenceType;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StringType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.ir.VariantType;

/** TSDL constructs, from text to IR, through {@link MetadataReader#parse}. */
class IrBuilderTest {

    private static final String PROLOGUE = "/* CTF 1.8 */\n"
            + "typealias integer { size = 8; align = 8; signed = false; } := uint8_t;\n"
            + "typealias integer { size = 32; align = 32; signed = false; } := uint32_t;\n"
            + "trace { major = 1; minor = 8; byte_order = le; };\n";

    private final List<String> warnings = new ArrayList<>();

    private TraceClass parse(String text) {
        return MetadataReader.parse(text, "m", warnings::add);
    }

    /** The line the fields given to {@link #payload} start on. */
    private static final int FIELDS_LINE = 7;

    /** The payload of the only event of a trace made of the prologue and {@code fields := struct {…}}. */
    private StructType payload(String fields) {
        return payload("", fields);
    }

    private StructType payload(String declarations, String fields) {
        TraceClass tc = parse(PROLOGUE + declarations + "\nevent { name = e; fields := struct {\n" + fields + "\n}; };");
        return tc.streams().get(0).events().get(0).payload();
    }

    private static FieldType type(StructType st, String name) {
        return st.field(name).type();
    }

    // --- integers, floats, strings

    @Test
    void integerAttributesAndDefaults() {
        StructType p = payload(
                "integer { size = 13; } a;\n"
                        + "integer { size = 16; } b;\n"
                        + "integer { size = 64; align = 64; signed = true; byte_order = be; base = x; encoding = UTF8; } c;\n"
                        + "integer { size = 8; signed = 1; base = 8; encoding = ASCII; } d;\n"
                        + "integer { size = 8; signed = FALSE; base = binary; byte_order = network; } e;\n"
                        + "integer { size = 8; base = p; byte_order = native; } f;");
        assertThat(type(p, "a")).isEqualTo(new IntType(13, 1, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, null));
        assertThat(type(p, "b")).isEqualTo(new IntType(16, 8, false, ByteOrder.LITTLE_ENDIAN, 10, Encoding.NONE, null));
        assertThat(type(p, "c")).isEqualTo(new IntType(64, 64, true, ByteOrder.BIG_ENDIAN, 16, Encoding.UTF8, null));
        assertThat(type(p, "d")).isEqualTo(new IntType(8, 8, true, ByteOrder.LITTLE_ENDIAN, 8, Encoding.ASCII, null));
        assertThat(type(p, "e")).isEqualTo(new IntType(8, 8, false, ByteOrder.BIG_ENDIAN, 2, Encoding.NONE, null));
        assertThat(((IntType) type(p, "f")).base()).isEqualTo(16);
    }

    @Test
    void nativeByteOrderIsTheTraceBlocksEvenBeforeIt() {
        TraceClass tc = parse("/* CTF 1.8 */\n"
                + "typealias integer { size = 32; byte_order = native; } := u32;\n"
                + "typealias integer { size = 32; } := u32d;\n"
                + "trace { major = 1; minor = 8; byte_order = be; packet.header := struct { u32 magic; u32d x; }; };");
        assertThat(((IntType) tc.packetHeader().field("magic").type()).byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(((IntType) tc.packetHeader().field("x").type()).byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(tc.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void integerErrors() {
        assertThatThrownBy(() -> payload("integer { align = 8; } a;")).hasMessageContaining("missing `size`");
        assertThatThrownBy(() -> payload("integer { size = 0; } a;")).hasMessageContaining("size must be positive");
        assertThatThrownBy(() -> payload("integer { size = 65; } a;")).isInstanceOf(UnsupportedCtfException.class);
        assertThatThrownBy(() -> payload("integer { size = 8; align = 3; } a;")).hasMessageContaining("power of two");
        assertThatThrownBy(() -> payload("integer { size = \"8\"; } a;")).hasMessageContaining("integer constant");
        assertThatThrownBy(() -> payload("integer { size = 8; base = \"hex\"; } a;")).hasMessageContaining("`base`");
        assertThatThrownBy(() -> payload("integer { size = 8; signed = yes; } a;")).hasMessageContaining("`signed`");
        assertThatThrownBy(() -> payload("integer { size = 8; size = 8; } a;")).hasMessageContaining("duplicate `size`");
        assertThatThrownBy(() -> payload("integer { size = 8; map = clock.nope.value; } a;"))
                .hasMessageContaining("no clock named `nope`");
    }

    @Test
    void unknownAttributesAreWarnings() {
        payload("integer { size = 8; colour = blue; } a;");
        assertThat(warnings).singleElement().asString()
                .isEqualTo("Ignoring unknown attribute in integer type: file=\"m\", line=" + FIELDS_LINE + ", name=\"colour\"");
    }

    @Test
    void floatsAndStrings() {
        StructType p = payload("floating_point { exp_dig = 8; mant_dig = 24; align = 32; } f;\n"
                + "floating_point { exp_dig = 11; mant_dig = 53; byte_order = be; } d;\n"
                + "string s; string { encoding = ASCII; } a; string { } u;");
        assertThat(type(p, "f")).isEqualTo(new FloatType(8, 24, ByteOrder.LITTLE_ENDIAN, 32));
        assertThat(type(p, "d")).isEqualTo(new FloatType(11, 53, ByteOrder.BIG_ENDIAN, 8));
        assertThat(type(p, "s")).isEqualTo(new StringType(Encoding.UTF8));
        assertThat(type(p, "a")).isEqualTo(new StringType(Encoding.ASCII));
        assertThat(type(p, "u")).isEqualTo(new StringType(Encoding.UTF8));
        assertThatThrownBy(() -> payload("floating_point { exp_dig = 15; mant_dig = 113; } q;"))
                .isInstanceOf(UnsupportedCtfException.class).hasMessageContaining("line=" + FIELDS_LINE);
    }

    // --- type names, scoping

    @Test
    void cTypeKeywordsAndPointersAsAliases() {
        StructType p = payload("typealias integer { size = 64; align = 64; } := unsigned long;\n"
                        + "typealias integer { size = 64; align = 64; } := void *;\n"
                        + "typealias integer { size = 16; signed = true; } := short;\n",
                "unsigned long a; const void *b; short c; const unsigned long d;");
        assertThat(((IntType) type(p, "a")).base()).isEqualTo(10);
        assertThat(((IntType) type(p, "b")).base()).isEqualTo(16); // pointers display in hexadecimal
        assertThat(((IntType) type(p, "c")).signed()).isTrue();
        assertThat(type(p, "d")).isEqualTo(type(p, "a"));
    }

    @Test
    void typedefsAreLocalToTheirStructure() {
        StructType p = payload("struct { typedef uint8_t local_t; local_t x; } s;");
        assertThat(((StructType) type(p, "s")).field("x").type()).isInstanceOf(IntType.class);
        assertThatThrownBy(() -> payload("struct { typedef uint8_t local_t; local_t x; } s; local_t y;"))
                .isInstanceOf(MetadataException.class).hasMessageContaining("line=" + FIELDS_LINE)
                .hasMessageContaining("no type named `local_t`");
        // hiding an outer name in an inner scope is allowed, redefining in the same scope is not
        payload("typedef uint32_t t;", "struct { typedef uint8_t t; t x; } s;");
        assertThatThrownBy(() -> payload("typedef uint32_t t; typedef uint8_t t;", "uint8_t x;"))
                .hasMessageContaining("already declared");
    }

    @Test
    void namedStructuresEnumsAndVariants() {
        StructType p = payload("struct point { uint32_t x; uint32_t y; };\n"
                        + "enum colour : uint8_t { RED, GREEN };\n"
                        + "variant shape { uint8_t RED; uint32_t GREEN; };",
                "struct point p; enum colour c; variant shape <c> v;");
        assertThat(((StructType) type(p, "p")).fields()).hasSize(2);
        assertThat(type(p, "c")).isInstanceOf(EnumType.class);
        VariantType v = (VariantType) type(p, "v");
        assertThat(v.tag()).isEqualTo(new FieldRef("c", Scope.EVENT_PAYLOAD, List.of(1)));
        assertThatThrownBy(() -> payload("struct nope n;")).hasMessageContaining("no structure named `nope`");
        assertThatThrownBy(() -> payload("variant shape { uint8_t a; };", "variant shape v;"))
                .hasMessageContaining("the variant has no tag");
    }

    @Test
    void structAlignment() {
        StructType p = payload("struct { uint8_t x; } align(64) a; struct { uint32_t x; } align(8) b;");
        assertThat(type(p, "a").alignBits()).isEqualTo(64);
        assertThat(type(p, "b").alignBits()).isEqualTo(32);
        assertThatThrownBy(() -> payload("struct { uint8_t x; } align(0) a;")).hasMessageContaining("power of two");
        assertThatThrownBy(() -> payload("struct { uint8_t x; } align(X) a;")).hasMessageContaining("unsigned integer constant");
    }

    @Test
    void duplicateFieldNamesAreErrorsButEscapedNamesDiffer() {
        StructType p = payload("string str; string _str;");
        assertThat(p.fields()).extracting(f -> f.rawName() + "/" + f.name()).containsExactly("str/str", "_str/str");
        assertThatThrownBy(() -> payload("string a; uint8_t a;")).hasMessageContaining("line=" + FIELDS_LINE)
                .hasMessageContaining("duplicate field `a`");
    }

    // --- enumerations

    @Test
    void enumerationValuesContinueFromTheLast() {
        EnumType e = (EnumType) type(payload(
                "enum : uint8_t { A, B = 5, C, D = 10 ... 20, E, \"with space\", F = 0 } e;"), "e");
        assertThat(e.mappings()).containsExactly(new EnumType.Mapping("A", 0, 0), new EnumType.Mapping("B", 5, 5),
                new EnumType.Mapping("C", 6, 6), new EnumType.Mapping("D", 10, 20), new EnumType.Mapping("E", 21, 21),
                new EnumType.Mapping("with space", 22, 22), new EnumType.Mapping("F", 0, 0));
    }

    @Test
    void enumerationRanges() {
        assertThat(((EnumType) type(payload(
                "enum : integer { size = 8; signed = true; } { A = -128, B = 127 } e;"), "e")).mappings())
                .extracting(EnumType.Mapping::lower).containsExactly(-128L, 127L);
        assertThat(((EnumType) type(payload(
                "enum : integer { size = 64; } { A = 0xFFFFFFFFFFFFFFFF } e;"), "e")).mappings().get(0).lower())
                .isEqualTo(-1L);
        assertThatThrownBy(() -> payload("enum : uint8_t { A = 256 } e;")).hasMessageContaining("out of the range");
        assertThatThrownBy(() -> payload("enum : uint8_t { A = -1 } e;")).hasMessageContaining("out of the range");
        assertThatThrownBy(() -> payload("enum : integer { size = 8; signed = true; } { A = 128 } e;"))
                .hasMessageContaining("out of the range");
        assertThatThrownBy(() -> payload("enum : uint8_t { A = 255, B } e;")).hasMessageContaining("value 256 of `B`");
        assertThatThrownBy(() -> payload("enum : uint8_t { A = 5 ... 1 } e;")).hasMessageContaining("lower bound");
        assertThatThrownBy(() -> payload("enum : uint8_t { A, B = A } e;")).hasMessageContaining("integer constant");
    }

    @Test
    void untypedEnumerationUsesInt() {
        EnumType e = (EnumType) type(payload("typealias integer { size = 16; signed = true; } := int;", "enum { A } e;"),
                "e");
        assertThat(e.container().sizeBits()).isEqualTo(16);
        assertThatThrownBy(() -> payload("enum { A } e;")).hasMessageContaining("uses `int`, which is not declared");
        assertThatThrownBy(() -> payload("typealias string := int;", "enum { A } e;"))
                .hasMessageContaining("must be an integer");
    }

    // --- arrays and sequences

    @Test
    void multiDimensionalArraysAreOutermostFirst() {
        ArrayType a = (ArrayType) type(payload("uint8_t m[2][3];"), "m");
        assertThat(a.length()).isEqualTo(2);
        assertThat(((ArrayType) a.element()).length()).isEqualTo(3);
        ArrayType t = (ArrayType) type(payload("typedef uint8_t row[3];", "row m[2];"), "m");
        assertThat(t.length()).isEqualTo(2);
        assertThat(((ArrayType) t.element()).length()).isEqualTo(3);
        assertThatThrownBy(() -> payload("uint8_t m[-1];")).hasMessageContaining("negative array length");
        assertThatThrownBy(() -> payload("uint8_t m[\"x\"];")).hasMessageContaining("string literal");
    }

    @Test
    void arrayLengthFromTheEnvironment() {
        TraceClass tc = parse(PROLOGUE + "env { ncpu = 4; name = \"x\"; };\n"
                + "event { name = e; fields := struct { uint8_t per_cpu[env.ncpu]; }; };");
        assertThat(((ArrayType) tc.streams().get(0).events().get(0).payload().field("per_cpu").type()).length())
                .isEqualTo(4);
        assertThatThrownBy(() -> parse(PROLOGUE + "env { name = \"x\"; };\n"
                + "event { name = e; fields := struct { uint8_t a[env.name]; }; };")).hasMessageContaining("not an integer");
    }

    @Test
    void sequenceLengthResolvedLexically() {
        StructType p = payload("uint8_t len; uint32_t a[len]; struct { uint32_t b[len]; } s; uint8_t m[len][2];");
        assertThat(((SequenceType) type(p, "a")).length()).isEqualTo(new FieldRef("len", Scope.EVENT_PAYLOAD, List.of(0)));
        SequenceType b = (SequenceType) ((StructType) type(p, "s")).field("b").type();
        assertThat(b.length()).isEqualTo(new FieldRef("len", Scope.EVENT_PAYLOAD, List.of(0)));
        SequenceType m = (SequenceType) type(p, "m");
        assertThat(m.element()).isInstanceOf(ArrayType.class);
    }

    @Test
    void sequenceInATypedefUsesTheFieldBeforeTheTypedef() {
        // CTF 1.8 §4.2.2: a reference in a type definition names the closest preceding field of the
        // definition's static scope, not a same-named field where the type is used (ctf-testsuite
        // sequence-typedef-length; Babeltrace 2.0.4 resolves it to the string and fails)
        StructType p = payload("uint8_t len;\n typedef struct { uint32_t A[len]; } Field;\n"
                + " struct { string len; Field x; } field;");
        StructType x = (StructType) ((StructType) type(p, "field")).field("x").type();
        assertThat(((SequenceType) x.field("A").type()).length())
                .isEqualTo(new FieldRef("len", Scope.EVENT_PAYLOAD, List.of(0)));
    }

    @Test
    void sequenceInANamedTypeIsResolvedWhereUsed() {
        TraceClass tc = parse(PROLOGUE + "struct blob { uint8_t n; uint8_t data[n]; };\n"
                + "event { name = e; fields := struct { uint8_t pad; struct blob b; }; };");
        StructType b = (StructType) tc.streams().get(0).events().get(0).payload().field("b").type();
        assertThat(((SequenceType) b.field("data").type()).length())
                .isEqualTo(new FieldRef("n", Scope.EVENT_PAYLOAD, List.of(1, 0)));
    }

    @Test
    void sequenceLengthErrors() {
        assertThatThrownBy(() -> payload("uint32_t a[len];")).hasMessageContaining("line=" + FIELDS_LINE)
                .hasMessageContaining("no field `len` is declared before it");
        assertThatThrownBy(() -> payload("uint32_t a[len]; uint8_t len;")).hasMessageContaining("no field `len`");
        assertThatThrownBy(() -> payload("string len; uint32_t a[len];")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> payload("integer { size = 8; signed = true; } len; uint32_t a[len];"))
                .hasMessageContaining("signed integer");
        assertThatThrownBy(() -> parse(PROLOGUE + "typedef uint32_t A[x];")).hasMessageContaining("no field `x`");
    }

    @Test
    void sequenceLengthByAbsolutePath() {
        TraceClass tc = parse(PROLOGUE + "stream { event.context := struct { uint8_t n; }; };\n"
                + "event { name = e; fields := struct { uint8_t a[stream.event.context.n]; }; };");
        assertThat(((SequenceType) tc.streams().get(0).events().get(0).payload().field("a").type()).length())
                .isEqualTo(new FieldRef("stream.event.context.n", Scope.EVENT_COMMON_CONTEXT, List.of(0)));
    }

    // --- variants

    @Test
    void variantTagsAndOptions() {
        StructType p = payload("enum : uint8_t { _a, b, c } tag;\n"
                + "variant <tag> { uint8_t a; struct { enum : uint8_t { x, y } t2; variant <t2> { uint8_t x; string y; } in; } b; } v;");
        VariantType v = (VariantType) type(p, "v");
        assertThat(v.tag()).isEqualTo(new FieldRef("tag", Scope.EVENT_PAYLOAD, List.of(0)));
        assertThat(v.optionIndex("_a")).isEqualTo(0);
        VariantType in = (VariantType) ((StructType) v.options().get(1).type()).field("in").type();
        assertThat(in.tag()).isEqualTo(new FieldRef("t2", Scope.EVENT_PAYLOAD, List.of(1, 1, 0)));
    }

    @Test
    void variantErrors() {
        assertThatThrownBy(() -> payload("uint8_t tag; variant <tag> { uint8_t a; } v;"))
                .hasMessageContaining("not an enumeration");
        assertThatThrownBy(() -> payload("enum : uint8_t { \" a \" } tag; variant <tag> { uint8_t a; } v;"))
                .hasMessageContaining("no option of the variant matches");
        assertThatThrownBy(() -> payload("enum : uint8_t { a } tag; variant <tag> { uint8_t a; uint8_t a; } v;"))
                .hasMessageContaining("duplicate option `a`");
        assertThatThrownBy(() -> payload("typealias variant { uint8_t a; } := v_t;", "uint8_t x;"))
                .hasMessageContaining("the variant has no tag");
    }

    // --- trace, env, clock

    @Test
    void traceBlock() {
        TraceClass tc = parse("/* CTF 1.8 */ trace { major = 1; minor = 8; byte_order = network;"
                + " uuid = \"2a6422d0-6cee-11e0-8c08-cb07d7b3a564\"; };");
        assertThat(tc.uuid()).isEqualTo(UUID.fromString("2a6422d0-6cee-11e0-8c08-cb07d7b3a564"));
        assertThat(tc.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(tc.packetHeader()).isNull();
        assertThat(tc.streams()).isEmpty();
    }

    @Test
    void traceBlockErrors() {
        assertThatThrownBy(() -> parse("/* CTF 1.8 */")).hasMessageContaining("missing `trace` block");
        assertThatThrownBy(() -> parse("trace { major = 1; minor = 8; };")).hasMessageContaining("missing `byte_order`");
        assertThatThrownBy(() -> parse("trace { major = 1; minor = 8; byte_order = native; };"))
                .hasMessageContaining("cannot be `native`");
        assertThatThrownBy(() -> parse("trace { minor = 8; byte_order = le; };")).hasMessageContaining("missing `major`");
        assertThatThrownBy(() -> parse("trace { major = 1; minor = 8; byte_order = le; };\n"
                + "trace { major = 1; minor = 8; byte_order = le; };")).hasMessageContaining("line=2")
                .hasMessageContaining("duplicate `trace` block");
        for (String bad : new String[] {"", "\\0a6422d0-6cee-11e0-8c08-cb07d7b3a564", "2a6422d0-6cee-11e0-8c08-cb07d7b3a5641",
            "2a6422d0+6cee-11e0-8c08-cb07d7b3a564", "2a6422d0-6cee-11e0-8c08-cb07d7b3a56g"}) {
            assertThatThrownBy(() -> parse("trace { major = 1; minor = 8; byte_order = le;\n uuid = \"" + bad + "\"; };"))
                    .as(bad).hasMessageContaining("line=2").hasMessageContaining("invalid UUID");
        }
    }

    @Test
    void otherTraceVersionsOnlyWarn() {
        // the ctf-testsuite many-stream-class stress case says major = 0; minor = 0
        parse("trace { major = 0; minor = 0; byte_order = le; };");
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("Unexpected trace major version: file=\"m\", line=1, major=0");
    }

    @Test
    void environmentInOrder() {
        TraceClass tc = parse(PROLOGUE + "env { hostname = \"h\"; tracer_major = 2; neg = -3; word = kernel; };");
        assertThat(tc.env()).containsExactly(java.util.Map.entry("hostname", "h"), java.util.Map.entry("tracer_major", 2L),
                java.util.Map.entry("neg", -3L), java.util.Map.entry("word", "kernel"));
    }

    @Test
    void clockAttributesAndOffsetNormalisation() {
        TraceClass tc = parse(PROLOGUE + "clock { name = \"mono\"; uuid = \"2a6422d0-6cee-11e0-8c08-cb07d7b3a564\";"
                + " description = \"Monotonic\"; freq = 1000; precision = 2; offset_s = 10; offset = 2500; absolute = TRUE; };\n"
                + "clock { name = neg; offset = -1000; freq = 300; };");
        ClockClass c = tc.clocks().get(0);
        assertThat(c).isEqualTo(new ClockClass("mono", UUID.fromString("2a6422d0-6cee-11e0-8c08-cb07d7b3a564"),
                "Monotonic", 1000, 2, 12, 500, true));
        ClockClass n = tc.clocks().get(1);
        assertThat(n.offsetSeconds()).isEqualTo(-4); // -1000 cycles at 300 Hz = -4 s + 200 cycles
        assertThat(n.offsetCycles()).isEqualTo(200);
        assertThat(n.frequency()).isEqualTo(300);
        assertThatThrownBy(() -> parse(PROLOGUE + "clock { freq = 1; };")).hasMessageContaining("missing `name`");
        assertThatThrownBy(() -> parse(PROLOGUE + "clock { name = a; freq = 0; };")).hasMessageContaining("frequency");
        assertThatThrownBy(() -> parse(PROLOGUE + "clock { name = a; };\nclock { name = a; };"))
                .hasMessageContaining("line=6").hasMessageContaining("duplicate clock name");
    }

    @Test
    void lttngMonotonicClockIsAbsolute() {
        TraceClass tc = parse(PROLOGUE + "env { tracer_name = \"lttng-modules\"; };\nclock { name = monotonic; };");
        assertThat(tc.clocks().get(0).absolute()).isTrue();
    }

    @Test
    void mappedClock() {
        TraceClass tc = parse(PROLOGUE + "clock { name = c1; };\n"
                + "typealias integer { size = 64; map = clock.c1.value; } := ts_t;\n"
                + "stream { event.header := struct { uint8_t id; ts_t timestamp; }; };\n"
                + "event { name = e; };");
        IntType ts = (IntType) tc.streams().get(0).eventHeader().field("timestamp").type();
        assertThat(ts.mappedClock()).isEqualTo("c1");
        assertThat(tc.streams().get(0).clock().name()).isEqualTo("c1");
    }

    // --- streams and events

    @Test
    void singleStreamMayOmitIds() {
        TraceClass tc = parse(PROLOGUE + "stream { event.header := struct { uint8_t id; }; };\n"
                + "event { name = a; id = 3; };\nevent { name = b; id = 4; stream_id = 0; };");
        StreamClass sc = tc.streams().get(0);
        assertThat(sc.id()).isZero();
        assertThat(sc.events()).extracting(EventClass::name).containsExactly("a", "b");
        assertThat(sc.events()).extracting(EventClass::streamClassId).containsOnly(0L);
    }

    @Test
    void eventWithoutStreamBlockGetsAnImplicitStream() {
        TraceClass tc = parse(PROLOGUE + "event { name = only; };");
        assertThat(tc.streams()).singleElement().satisfies(s -> {
            assertThat(s.id()).isZero();
            assertThat(s.events()).singleElement().satisfies(e -> assertThat(e.id()).isZero());
        });
    }

    @Test
    void eventAttributes() {
        TraceClass tc = parse(PROLOGUE + "event { name = \"sched_switch\"; id = 7; loglevel = 13;"
                + " model.emf.uri = \"http://x\"; context := struct { uint8_t c; }; fields := struct { uint8_t f; }; };");
        EventClass e = tc.streams().get(0).events().get(0);
        assertThat(e.id()).isEqualTo(7);
        assertThat(e.name()).isEqualTo("sched_switch");
        assertThat(e.logLevel()).isEqualTo(13L);
        assertThat(e.modelEmfUri()).isEqualTo("http://x");
        assertThat(e.context().fields()).hasSize(1);
        assertThat(e.payload().fields()).hasSize(1);
    }

    @Test
    void streamAndEventErrors() {
        String twoStreams = "/* CTF 1.8 */ typealias integer { size = 32; } := u32;\n"
                + "trace { major = 1; minor = 8; byte_order = le; packet.header := struct { u32 stream_id; }; };\n"
                + "stream { id = 0; event.header := struct { u32 id; }; };\nstream { id = 1; };\n";
        assertThatThrownBy(() -> parse(twoStreams + "event { name = e; };")).hasMessageContaining("line=5")
                .hasMessageContaining("missing `stream_id`");
        assertThatThrownBy(() -> parse(twoStreams + "event { name = e; stream_id = 9; };"))
                .hasMessageContaining("no stream class with id 9");
        assertThatThrownBy(() -> parse(twoStreams + "event { name = a; id = 1; stream_id = 0; };\n"
                + "event { name = b; id = 1; stream_id = 0; };")).hasMessageContaining("line=6")
                .hasMessageContaining("duplicate event class id 1");
        assertThatThrownBy(() -> parse(twoStreams + "event { name = a; stream_id = 1; };\n"
                + "event { name = b; stream_id = 1; };")).hasMessageContaining("missing `id`");
        assertThatThrownBy(() -> parse(PROLOGUE + "stream { id = 1; };")).hasMessageContaining("no `stream_id` field");
        assertThatThrownBy(() -> parse(twoStreams + "stream { id = 1; };")).hasMessageContaining("duplicate stream class id 1");
        assertThatThrownBy(() -> parse(twoStreams.replace("stream { id = 1; };", "stream { };")))
                .hasMessageContaining("missing `id` attribute");
        assertThatThrownBy(() -> parse(PROLOGUE + "event { id = 1; };")).hasMessageContaining("missing `name`");
        assertThatThrownBy(() -> parse(PROLOGUE + "event { name = e; id = \"1\"; };")).hasMessageContaining("`id`");
        assertThatThrownBy(() -> parse(PROLOGUE + "event { name = e; fields := uint8_t; };"))
                .hasMessageContaining("must be a structure");
    }

    @Test
    void semanticErrorMessageGrammar() {
        assertThatThrownBy(() -> MetadataReader.parse(PROLOGUE + "\n\nevent { name = e; fields := struct { nope_t x; }; };",
                "/tmp/t/metadata", warnings::add)).isInstanceOf(MetadataException.class)
                .hasMessage("Cannot resolve type: file=\"/tmp/t/metadata\", line=7,"
                        + " reason=\"no type named `nope_t` is declared at this point\"");
    }

    @Test
    void bitFieldsAreUnsupported() {
        assertThatThrownBy(() -> payload("uint32_t a : 3;")).isInstanceOf(UnsupportedCtfException.class)
                .hasMessageContaining("bit-fields");
    }

    @Test
    void callsitesAreIgnored() {
        TraceClass tc = parse(PROLOGUE + "event { name = e; };\ncallsite { name = \"e\"; func = \"f\"; file = \"a.c\"; line = 3; ip = 0x4; };");
        assertThat(tc.streams().get(0).events()).hasSize(1);
        assertThat(warnings).isEmpty();
    }
}

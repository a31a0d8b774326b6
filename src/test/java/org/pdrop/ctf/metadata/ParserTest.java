package org.pdrop.ctf.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pdrop.ctf.MetadataException;

class ParserTest {

    private static Ast.Root parse(String text) {
        return Parser.parse(text, "m");
    }

    private static Ast.TopLevel first(String text) {
        return parse(text).declarations().get(0);
    }

    @Test
    void blocksWithAttributesAndAssignments() {
        Ast.Root root = parse("trace {\n major = 1;\n uuid = \"x\";\n byte_order = le;\n"
                + " packet.header := struct { uint32_t magic; };\n};\n"
                + "event { name = string; model.emf.uri = \"u\"; loglevel = -3; fields := struct { }; };");
        Ast.Block trace = (Ast.Block) root.declarations().get(0);
        assertThat(trace.kind()).isEqualTo(Ast.BlockKind.TRACE);
        assertThat(trace.entries()).hasSize(4);
        assertThat(trace.entries().get(0)).isEqualTo(new Ast.Attribute("major", new Ast.Number(1, false, 2), 2));
        assertThat(trace.entries().get(1)).isEqualTo(new Ast.Attribute("uuid", new Ast.Text("x", 3), 3));
        assertThat(trace.entries().get(2))
                .isEqualTo(new Ast.Attribute("byte_order", new Ast.Path(List.of("le"), 4), 4));
        Ast.TypeAssignment ph = (Ast.TypeAssignment) trace.entries().get(3);
        assertThat(ph.name()).isEqualTo("packet.header");
        assertThat(ph.line()).isEqualTo(5);
        Ast.Block event = (Ast.Block) root.declarations().get(1);
        assertThat(((Ast.Attribute) event.entries().get(0)).value()).isEqualTo(new Ast.Path(List.of("string"), 7));
        assertThat(((Ast.Attribute) event.entries().get(1)).name()).isEqualTo("model.emf.uri");
        assertThat(((Ast.Attribute) event.entries().get(2)).value()).isEqualTo(new Ast.Number(-3, true, 7));
    }

    @Test
    void unaryPlusMinusAndParentheses() {
        Ast.Block b = (Ast.Block) first("env { a = +12; b = -(5); c = - -5; d = -0x8000000000000000; };");
        assertThat(b.entries()).extracting(e -> ((Ast.Attribute) e).value()).containsExactly(
                new Ast.Number(12, false, 1), new Ast.Number(-5, true, 1), new Ast.Number(5, false, 1),
                new Ast.Number(Long.MIN_VALUE, true, 1));
        assertThatThrownBy(() -> parse("env { a = -x; };")).hasMessageContaining("expecting a numeric constant");
        assertThatThrownBy(() -> parse("env { a = -0x8000000000000001; };")).hasMessageContaining("out of range");
    }

    @Test
    void typealiasTargetAndAliasName() {
        Ast.Typealias ta = (Ast.Typealias) first("typealias integer { size = 32; align = 8; } := unsigned long;");
        Ast.IntegerSpec spec = (Ast.IntegerSpec) ta.target().items().get(0);
        assertThat(spec.attributes()).extracting(Ast.Attribute::name).containsExactly("size", "align");
        assertThat(ta.alias().items()).containsExactly(new Ast.Keyword("unsigned", 1), new Ast.Keyword("long", 1));
        Ast.Typealias ptr = (Ast.Typealias) first("typealias integer { size = 64; } := struct page *;");
        assertThat(ptr.alias().items()).containsExactly(new Ast.StructSpec("page", null, null, 1));
        assertThat(ptr.aliasPointers()).isEqualTo(1);
        assertThatThrownBy(() -> parse("typealias integer { size = 8; } x := y;")).hasMessageContaining("expecting `:=`");
    }

    @Test
    void typedefWithArrayLengthsInWrittenOrder() {
        Ast.Typedef td = (Ast.Typedef) first("typedef uint32_t A[10][len], *B;");
        assertThat(td.declarators()).hasSize(2);
        Ast.Declarator a = td.declarators().get(0);
        assertThat(a.name()).isEqualTo("A");
        assertThat(a.lengths()).containsExactly(new Ast.Number(10, false, 1), new Ast.Path(List.of("len"), 1));
        assertThat(td.declarators().get(1).pointers()).isEqualTo(1);
    }

    @Test
    void structVariantEnumSpecifiers() {
        Ast.TypeDeclaration td = (Ast.TypeDeclaration) first("struct s {\n"
                + " enum : uint8_t { A, \"B c\" = 5, D = 10 ... 20, } tag;\n"
                + " variant <tag> { uint8_t A; string D; } v;\n"
                + " variant named <stream.event.header.id> x;\n"
                + " typedef struct { uint8_t z; } inner_t;\n"
                + "} align(16);");
        Ast.StructSpec s = (Ast.StructSpec) td.type().items().get(0);
        assertThat(s.name()).isEqualTo("s");
        assertThat(s.align()).isEqualTo(new Ast.Number(16, false, 6));
        assertThat(s.body()).hasSize(4);
        Ast.FieldDeclaration tag = (Ast.FieldDeclaration) s.body().get(0);
        Ast.EnumSpec en = (Ast.EnumSpec) tag.type().items().get(0);
        assertThat(en.name()).isNull();
        assertThat(en.container().items()).containsExactly(new Ast.TypeName("uint8_t", 2));
        assertThat(en.enumerators()).containsExactly(
                new Ast.Enumerator("A", null, null, 2),
                new Ast.Enumerator("B c", new Ast.Number(5, false, 2), null, 2),
                new Ast.Enumerator("D", new Ast.Number(10, false, 2), new Ast.Number(20, false, 2), 2));
        Ast.VariantSpec v = (Ast.VariantSpec) ((Ast.FieldDeclaration) s.body().get(1)).type().items().get(0);
        assertThat(v.tag()).isEqualTo("tag");
        assertThat(v.body()).hasSize(2);
        Ast.VariantSpec named = (Ast.VariantSpec) ((Ast.FieldDeclaration) s.body().get(2)).type().items().get(0);
        assertThat(named.name()).isEqualTo("named");
        assertThat(named.tag()).isEqualTo("stream.event.header.id");
        assertThat(named.body()).isNull();
        assertThat(s.body().get(3)).isInstanceOf(Ast.Typedef.class);
    }

    @Test
    void twoStructDeclarationsInOneSpecifierList() {
        // ctf-testsuite struct-inner-struct: a missing `;` joins two declarations, as in Babeltrace's grammar
        Ast.TypeDeclaration td = (Ast.TypeDeclaration) first("struct a { uint8_t x; }\nstruct b { uint8_t y; };");
        assertThat(td.type().items()).hasSize(2);
    }

    @Test
    void identifierAfterATypeIsTheDeclarator() {
        Ast.StructSpec s = (Ast.StructSpec) ((Ast.TypeDeclaration) first(
                "struct x { uint32_t magic; unsigned long y; const my_t z; };")).type().items().get(0);
        assertThat(s.body()).extracting(e -> ((Ast.FieldDeclaration) e).declarators().get(0).name())
                .containsExactly("magic", "y", "z");
        assertThat(((Ast.FieldDeclaration) s.body().get(2)).type().items())
                .containsExactly(new Ast.Keyword("const", 1), new Ast.TypeName("my_t", 1));
    }

    @Test
    void callsiteBodiesAreDropped() {
        Ast.Block b = (Ast.Block) first("callsite { name = \"e\"; func = \"f\"; line = 3; ip = 0x40096c; };");
        assertThat(b.kind()).isEqualTo(Ast.BlockKind.CALLSITE);
        assertThat(b.entries()).isEmpty();
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> parse("trace {\n  major = 1\n  minor = 8;\n};"))
                .isInstanceOf(MetadataException.class)
                .hasMessage("Cannot parse metadata: file=\"m\", line=3, column=3, reason=\"expecting `;`, found identifier `minor`\"");
        assertThatThrownBy(() -> parse("struct s { uint32_t trace; };")).hasMessageContaining("line=1, column=21")
                .hasMessageContaining("found keyword `trace`");
        assertThatThrownBy(() -> parse("trace {")).hasMessageContaining("found end of metadata");
        assertThatThrownBy(() -> parse("enum e : uint8_t { };")).hasMessageContaining("expecting enumeration label");
        assertThatThrownBy(() -> parse("struct s { variant <variant> { } v; };"))
                .hasMessageContaining("found keyword `variant`");
        assertThatThrownBy(() -> parse("struct s { variant <> { } v; };")).hasMessageContaining("variant tag");
        assertThatThrownBy(() -> parse("typedef uint8_t a[];")).hasMessageContaining("expecting array length");
        assertThatThrownBy(() -> parse("env { test = \"abc\" \"def\"; };")).hasMessageContaining("found string literal");
        assertThatThrownBy(() -> parse("struct;")).hasMessageContaining("expecting structure name");
    }
}

package org.pdrop.ctf.metadata;

import java.util.ArrayList;
import java.util.List;

import org.pdrop.ctf.metadata.Token.Kind;

/**
 * Recursive-descent parser for TSDL, the CTF 1.8 Trace Stream Description Language (§7 and the
 * phrase structure grammar of §C.2), producing {@link Ast} records. Purely syntactic: names are not
 * looked up and attributes are not interpreted here.
 *
 * <p>C's grammar needs to know which identifiers are type names; Babeltrace's scanner tracks
 * typedefs for that. This parser uses the equivalent C rule instead: in a declaration specifier list
 * an identifier is a type name only when no other type specifier precedes it, so {@code uint32_t magic}
 * reads as a type and a field name. Undeclared type names are then reported by the builder.
 */
final class Parser {
    private final Lexer lexer;
    private final String source;
    private Token token;

    Parser(String text, String source) {
        this.lexer = new Lexer(text, source);
        this.source = source;
        this.token = lexer.next();
    }

    /** Parses a whole metadata text. */
    static Ast.Root parse(String text, String source) {
        return new Parser(text, source).root();
    }

    Ast.Root root() {
        List<Ast.TopLevel> declarations = new ArrayList<>();
        while (token.kind() != Kind.EOF) {
            declarations.add(topLevel());
        }
        return new Ast.Root(declarations);
    }

    private Ast.TopLevel topLevel() {
        int line = token.line();
        switch (token.kind()) {
            case TRACE:
                return block(Ast.BlockKind.TRACE);
            case ENV:
                return block(Ast.BlockKind.ENV);
            case CLOCK:
                return block(Ast.BlockKind.CLOCK);
            case STREAM:
                return block(Ast.BlockKind.STREAM);
            case EVENT:
                return block(Ast.BlockKind.EVENT);
            case CALLSITE:
                return block(Ast.BlockKind.CALLSITE);
            case TYPEDEF:
                return typedef(null);
            case TYPEALIAS:
                return typealias();
            default:
                Ast.Specifiers specifiers = specifiers(false);
                if (token.kind() == Kind.TYPEDEF) {
                    return typedef(specifiers);
                }
                expect(Kind.SEMICOLON);
                return new Ast.TypeDeclaration(specifiers, line);
        }
    }

    private Ast.Block block(Ast.BlockKind kind) {
        int line = token.line();
        advance();
        expect(Kind.LBRACE);
        List<Ast.BlockEntry> entries = new ArrayList<>();
        while (token.kind() != Kind.RBRACE) {
            entries.add(blockEntry());
        }
        advance();
        expect(Kind.SEMICOLON);
        if (kind == Ast.BlockKind.CALLSITE) {
            // checked for syntax, then dropped: nothing uses callsites, and tracers may write many
            entries = List.of();
        }
        return new Ast.Block(kind, entries, line);
    }

    private Ast.BlockEntry blockEntry() {
        if (token.kind() == Kind.TYPEDEF) {
            return typedef(null);
        }
        if (token.kind() == Kind.TYPEALIAS) {
            return typealias();
        }
        int line = token.line();
        String name = attributeName();
        if (token.kind() == Kind.TYPE_ASSIGN) {
            advance();
            Ast.Specifiers type = specifiers(false);
            expect(Kind.SEMICOLON);
            return new Ast.TypeAssignment(name, type, line);
        }
        expect(Kind.EQUAL);
        Ast.Value value = value();
        expect(Kind.SEMICOLON);
        return new Ast.Attribute(name, value, line);
    }

    /** The left side of {@code =} or {@code :=}: identifiers and keywords joined by dots. */
    private String attributeName() {
        if (!isWord(token)) {
            throw unexpected("attribute name");
        }
        StringBuilder name = new StringBuilder(token.text());
        advance();
        while (token.kind() == Kind.DOT) {
            advance();
            if (!isWord(token)) {
                throw unexpected("identifier after `.`");
            }
            name.append('.').append(token.text());
            advance();
        }
        return name.toString();
    }

    private List<Ast.Attribute> attributeBody() {
        expect(Kind.LBRACE);
        List<Ast.Attribute> attributes = new ArrayList<>();
        while (token.kind() != Kind.RBRACE) {
            int line = token.line();
            String name = attributeName();
            expect(Kind.EQUAL);
            Ast.Value value = value();
            expect(Kind.SEMICOLON);
            attributes.add(new Ast.Attribute(name, value, line));
        }
        advance();
        return attributes;
    }

    /** A unary expression (§C.2.1) used as a value. */
    private Ast.Value value() {
        int line = token.line();
        if (token.kind() == Kind.PLUS || token.kind() == Kind.MINUS) {
            Token sign = token;
            advance();
            Ast.Value operand = value();
            if (!(operand instanceof Ast.Number)) {
                throw Problems.syntax(source, sign.line(), sign.column(),
                        "expecting a numeric constant after `" + sign.text() + "`");
            }
            Ast.Number n = (Ast.Number) operand;
            if (sign.kind() == Kind.PLUS) {
                return n;
            }
            if (n.negative()) {
                return new Ast.Number(-n.value(), false, line);
            }
            if (n.value() < 0 && n.value() != Long.MIN_VALUE) {
                throw Problems.syntax(source, sign.line(), sign.column(),
                        "negative integer constant out of range [-2^63, 0]");
            }
            return new Ast.Number(-n.value(), n.value() != 0, line);
        }
        switch (token.kind()) {
            case INTEGER: {
                Ast.Number n = new Ast.Number(token.value(), false, line);
                advance();
                return n;
            }
            case STRING:
            case CHARACTER: {
                Ast.Text t = new Ast.Text(token.text(), line);
                advance();
                return t;
            }
            case LPAREN: {
                advance();
                Ast.Value inner = value();
                expect(Kind.RPAREN);
                return inner;
            }
            default:
                if (!isWord(token)) {
                    throw unexpected("value");
                }
                List<String> parts = new ArrayList<>();
                parts.add(token.text());
                advance();
                while (token.kind() == Kind.DOT) {
                    advance();
                    if (!isWord(token)) {
                        throw unexpected("identifier after `.`");
                    }
                    parts.add(token.text());
                    advance();
                }
                return new Ast.Path(parts, line);
        }
    }

    /**
     * A declaration specifier list. In alias mode (the right side of {@code typealias … :=}),
     * identifiers are accepted anywhere since they name the alias being declared.
     */
    private Ast.Specifiers specifiers(boolean aliasMode) {
        int line = token.line();
        List<Ast.Specifier> items = new ArrayList<>();
        boolean sawType = false;
        loop:
        while (true) {
            Token t = token;
            switch (t.kind()) {
                case CONST:
                    items.add(new Ast.Keyword(t.text(), t.line()));
                    advance();
                    break;
                case CHAR: case SHORT: case INT: case LONG: case SIGNED: case UNSIGNED: case VOID: case FLOAT:
                case DOUBLE: case BOOL: case COMPLEX: case IMAGINARY:
                    items.add(new Ast.Keyword(t.text(), t.line()));
                    sawType = true;
                    advance();
                    break;
                case INTEGER_KW:
                    advance();
                    items.add(new Ast.IntegerSpec(attributeBody(), t.line()));
                    sawType = true;
                    break;
                case FLOATING_POINT:
                    advance();
                    items.add(new Ast.FloatSpec(attributeBody(), t.line()));
                    sawType = true;
                    break;
                case STRING_KW:
                    advance();
                    items.add(new Ast.StringSpec(token.kind() == Kind.LBRACE ? attributeBody() : List.of(), t.line()));
                    sawType = true;
                    break;
                case STRUCT:
                    items.add(struct());
                    sawType = true;
                    break;
                case VARIANT:
                    items.add(variant());
                    sawType = true;
                    break;
                case ENUM:
                    items.add(enumeration());
                    sawType = true;
                    break;
                case IDENTIFIER:
                    if (sawType && !aliasMode) {
                        break loop;
                    }
                    items.add(new Ast.TypeName(t.text(), t.line()));
                    sawType = true;
                    advance();
                    break;
                default:
                    break loop;
            }
        }
        if (items.isEmpty()) {
            throw unexpected(aliasMode ? "type alias name" : "type specifier");
        }
        return new Ast.Specifiers(items, line);
    }

    private Ast.StructSpec struct() {
        int line = token.line();
        advance();
        String name = null;
        if (token.kind() == Kind.IDENTIFIER) {
            name = token.text();
            advance();
        }
        if (token.kind() != Kind.LBRACE) {
            if (name == null) {
                throw unexpected("structure name or `{`");
            }
            return new Ast.StructSpec(name, null, null, line);
        }
        List<Ast.BodyEntry> body = body();
        Ast.Value align = null;
        if (token.kind() == Kind.ALIGN) {
            advance();
            expect(Kind.LPAREN);
            align = value();
            expect(Kind.RPAREN);
        }
        return new Ast.StructSpec(name, body, align, line);
    }

    private Ast.VariantSpec variant() {
        int line = token.line();
        advance();
        String name = null;
        if (token.kind() == Kind.IDENTIFIER) {
            name = token.text();
            advance();
        }
        String tag = null;
        if (token.kind() == Kind.LT) {
            advance();
            tag = variantTag();
            expect(Kind.GT);
        }
        if (token.kind() != Kind.LBRACE) {
            if (name == null) {
                throw unexpected(tag == null ? "variant name, `<` or `{`" : "`{`");
            }
            return new Ast.VariantSpec(name, tag, null, line);
        }
        return new Ast.VariantSpec(name, tag, body(), line);
    }

    /** A tag reference: an identifier, or a dotted path such as {@code stream.event.header.id}. */
    private String variantTag() {
        Token first = token;
        if (!isWord(first)) {
            throw unexpected("variant tag field name");
        }
        StringBuilder tag = new StringBuilder(first.text());
        advance();
        if (first.kind() != Kind.IDENTIFIER && token.kind() != Kind.DOT) {
            throw Problems.syntax(source, first.line(), first.column(),
                    "expecting variant tag field name, found keyword `" + first.text() + "`");
        }
        while (token.kind() == Kind.DOT) {
            advance();
            if (!isWord(token)) {
                throw unexpected("identifier after `.`");
            }
            tag.append('.').append(token.text());
            advance();
        }
        return tag.toString();
    }

    private Ast.EnumSpec enumeration() {
        int line = token.line();
        advance();
        String name = null;
        if (token.kind() == Kind.IDENTIFIER) {
            name = token.text();
            advance();
        }
        Ast.Specifiers container = null;
        if (token.kind() == Kind.COLON) {
            advance();
            container = specifiers(false);
            if (token.kind() != Kind.LBRACE) {
                throw unexpected("`{`");
            }
        }
        if (token.kind() != Kind.LBRACE) {
            if (name == null) {
                throw unexpected("enumeration name, `:` or `{`");
            }
            return new Ast.EnumSpec(name, null, null, line);
        }
        advance();
        List<Ast.Enumerator> enumerators = new ArrayList<>();
        while (true) {
            if (token.kind() == Kind.RBRACE && !enumerators.isEmpty()) {
                break;
            }
            enumerators.add(enumerator());
            if (token.kind() == Kind.COMMA) {
                advance();
            } else if (token.kind() != Kind.RBRACE) {
                throw unexpected("`,` or `}`");
            }
        }
        advance();
        return new Ast.EnumSpec(name, container, enumerators, line);
    }

    private Ast.Enumerator enumerator() {
        int line = token.line();
        String label;
        if (isWord(token) || token.kind() == Kind.STRING) {
            label = token.text();
            advance();
        } else {
            throw unexpected("enumeration label");
        }
        Ast.Value lower = null;
        Ast.Value upper = null;
        if (token.kind() == Kind.EQUAL) {
            advance();
            lower = value();
            if (token.kind() == Kind.ELLIPSIS) {
                advance();
                upper = value();
            }
        }
        return new Ast.Enumerator(label, lower, upper, line);
    }

    /** A structure or variant body between braces. */
    private List<Ast.BodyEntry> body() {
        expect(Kind.LBRACE);
        List<Ast.BodyEntry> entries = new ArrayList<>();
        while (token.kind() != Kind.RBRACE) {
            if (token.kind() == Kind.EOF) {
                throw unexpected("`}`");
            }
            if (token.kind() == Kind.TYPEDEF) {
                entries.add(typedef(null));
            } else if (token.kind() == Kind.TYPEALIAS) {
                entries.add(typealias());
            } else {
                int line = token.line();
                Ast.Specifiers type = specifiers(false);
                if (token.kind() == Kind.TYPEDEF) {
                    entries.add(typedef(type));
                } else {
                    List<Ast.Declarator> declarators = declarators(true);
                    expect(Kind.SEMICOLON);
                    entries.add(new Ast.FieldDeclaration(type, declarators, line));
                }
            }
        }
        advance();
        return entries;
    }

    /** {@code typedef}, possibly preceded by specifiers already read ({@code const typedef int x;}). */
    private Ast.Typedef typedef(Ast.Specifiers leading) {
        int line = leading != null ? leading.line() : token.line();
        expect(Kind.TYPEDEF);
        Ast.Specifiers type;
        if (leading == null) {
            type = specifiers(false);
        } else if (token.kind() == Kind.IDENTIFIER || token.kind() == Kind.STAR) {
            type = leading;
        } else {
            List<Ast.Specifier> all = new ArrayList<>(leading.items());
            all.addAll(specifiers(false).items());
            type = new Ast.Specifiers(all, leading.line());
        }
        List<Ast.Declarator> declarators = declarators(false);
        expect(Kind.SEMICOLON);
        return new Ast.Typedef(type, declarators, line);
    }

    private Ast.Typealias typealias() {
        int line = token.line();
        expect(Kind.TYPEALIAS);
        Ast.Specifiers target = specifiers(false);
        Ast.Declarator targetDeclarator = declarator(false, true);
        expect(Kind.TYPE_ASSIGN);
        Ast.Specifiers alias = specifiers(true);
        int pointers = pointers();
        expect(Kind.SEMICOLON);
        return new Ast.Typealias(target, targetDeclarator, alias, pointers, line);
    }

    private List<Ast.Declarator> declarators(boolean allowBitField) {
        List<Ast.Declarator> list = new ArrayList<>();
        list.add(declarator(allowBitField, false));
        while (token.kind() == Kind.COMMA) {
            advance();
            list.add(declarator(allowBitField, false));
        }
        return list;
    }

    /** Pointers, a name (optional when abstract), lengths, and a bit-field width when allowed. */
    private Ast.Declarator declarator(boolean allowBitField, boolean isAbstract) {
        int line = token.line();
        int pointers = pointers();
        String name = null;
        if (token.kind() == Kind.IDENTIFIER) {
            if (isAbstract) {
                throw unexpected("`:=` or `[`");
            }
            name = token.text();
            advance();
        } else if (!isAbstract) {
            throw unexpected("field or type name");
        }
        List<Ast.Value> lengths = new ArrayList<>();
        while (token.kind() == Kind.LBRACKET) {
            advance();
            if (token.kind() == Kind.RBRACKET) {
                throw unexpected("array length");
            }
            lengths.add(value());
            expect(Kind.RBRACKET);
        }
        Ast.Value width = null;
        if (allowBitField && token.kind() == Kind.COLON) {
            advance();
            width = value();
        }
        return new Ast.Declarator(pointers, name, lengths, width, line);
    }

    private int pointers() {
        int count = 0;
        while (token.kind() == Kind.STAR) {
            advance();
            count++;
            while (token.kind() == Kind.CONST) {
                advance();
            }
        }
        return count;
    }

    private static boolean isWord(Token t) {
        return t.kind() == Kind.IDENTIFIER || t.kind().isKeyword();
    }

    private void advance() {
        token = lexer.next();
    }

    private void expect(Kind kind) {
        if (token.kind() != kind) {
            throw unexpected("`" + kind.spelling() + "`");
        }
        advance();
    }

    private RuntimeException unexpected(String expected) {
        return Problems.syntax(source, token.line(), token.column(), "expecting " + expected + ", found " + describe(token));
    }

    private static String describe(Token t) {
        switch (t.kind()) {
            case IDENTIFIER:
                return "identifier `" + t.text() + "`";
            case INTEGER:
                return "integer `" + t.text() + "`";
            case STRING:
                return "string literal";
            case CHARACTER:
                return "character literal";
            case EOF:
                return "end of metadata";
            default:
                return t.kind().isKeyword() ? "keyword `" + t.text() + "`" : "`" + t.text() + "`";
        }
    }
}

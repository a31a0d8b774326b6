package org.pdrop.ctf.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pdrop.ctf.MetadataException;
import org.pdrop.ctf.metadata.Token.Kind;

class LexerTest {

    private static List<Token> lex(String text) {
        Lexer lexer = new Lexer(text, "m");
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.next(); t.kind() != Kind.EOF; t = lexer.next()) {
            out.add(t);
        }
        return out;
    }

    private static Token one(String text) {
        List<Token> tokens = lex(text);
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    @Test
    void keywordsIdentifiersAndPunctuators() {
        List<Token> t = lex("typealias integer { size = 8; } := uint8_t; a.b ... -> [1] <x> , * + - :");
        assertThat(t).extracting(Token::kind).containsExactly(Kind.TYPEALIAS, Kind.INTEGER_KW, Kind.LBRACE,
                Kind.IDENTIFIER, Kind.EQUAL, Kind.INTEGER, Kind.SEMICOLON, Kind.RBRACE, Kind.TYPE_ASSIGN, Kind.IDENTIFIER,
                Kind.SEMICOLON, Kind.IDENTIFIER, Kind.DOT, Kind.IDENTIFIER, Kind.ELLIPSIS, Kind.ARROW, Kind.LBRACKET,
                Kind.INTEGER, Kind.RBRACKET, Kind.LT, Kind.IDENTIFIER, Kind.GT, Kind.COMMA, Kind.STAR, Kind.PLUS,
                Kind.MINUS, Kind.COLON);
        assertThat(t.get(3).text()).isEqualTo("size");
        assertThat(lex("_Bool _Complex _Imaginary callsite floating_point")).extracting(Token::kind)
                .containsExactly(Kind.BOOL, Kind.COMPLEX, Kind.IMAGINARY, Kind.CALLSITE, Kind.FLOATING_POINT);
    }

    @Test
    void integerLiterals() {
        assertThat(one("0").value()).isZero();
        assertThat(one("1234").value()).isEqualTo(1234);
        assertThat(one("0x1F").value()).isEqualTo(31);
        assertThat(one("0XaBc234").value()).isEqualTo(0xABC234);
        assertThat(one("06534").value()).isEqualTo(06534);
        assertThat(one("10U").value()).isEqualTo(10);
        assertThat(one("10ul").value()).isEqualTo(10);
        assertThat(one("10LLU").value()).isEqualTo(10);
        assertThat(one("0xFFFFFFFFFFFFFFFF").value()).isEqualTo(-1L);
        assertThat(one("18446744073709551615").value()).isEqualTo(-1L);
        assertThat(one("01777777777777777777777").value()).isEqualTo(-1L);
    }

    @Test
    void badIntegerLiterals() {
        assertThatThrownBy(() -> lex("x = 18446744073709551616;")).isInstanceOf(MetadataException.class)
                .hasMessageContaining("line=1, column=5").hasMessageContaining("out of range");
        assertThatThrownBy(() -> lex("1x")).hasMessageContaining("invalid integer literal `1x`");
        assertThatThrownBy(() -> lex("08")).hasMessageContaining("invalid integer literal `08`");
        assertThatThrownBy(() -> lex("0x")).hasMessageContaining("incomplete hexadecimal");
    }

    @Test
    void stringEscapes() {
        assertThat(one("\"a\\tb\\n\\\\ \\\" \\? \\'\"").text()).isEqualTo("a\tb\n\\ \" ? '");
        assertThat(one("\"\\x41\\x023\\x0231\"").text()).isEqualTo("A##1");
        assertThat(one("\"\\101\\043\\43\\0431\"").text()).isEqualTo("A###1");
        assertThat(one("\"\\a\\b\\f\\r\\v\"").text()).isEqualTo("\u0007\b\f\r\u000B");
        assertThat(one("\"h\u00e9llo\"").text()).isEqualTo("h\u00e9llo");
        assertThat(one("'\\n'").kind()).isEqualTo(Kind.CHARACTER);
    }

    @Test
    void stringValueEndsAtFirstNul() {
        assertThat(one("\"abc\\0NOT SEEN\"").text()).isEqualTo("abc");
        assertThat(one("\"\\0a6422d0\"").text()).isEmpty();
    }

    @Test
    void badStrings() {
        assertThatThrownBy(() -> lex("x = \"abc")).hasMessageContaining("line=1, column=5")
                .hasMessageContaining("unterminated string literal");
        assertThatThrownBy(() -> lex("\"\\o040\"")).hasMessageContaining("invalid escape sequence");
        assertThatThrownBy(() -> lex("\"a\u0000b\"")).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> lex("L\"wide\"")).hasMessageContaining("wide string");
    }

    @Test
    void commentsAreSkippedAndLinesCounted() {
        List<Token> t = lex("/* CTF 1.8 */\r\n// one\r\n  a /* multi\nline */ b\n\tc // tail");
        assertThat(t).extracting(Token::text).containsExactly("a", "b", "c");
        assertThat(t.get(0).line()).isEqualTo(3);
        assertThat(t.get(0).column()).isEqualTo(3);
        assertThat(t.get(1).line()).isEqualTo(4);
        assertThat(t.get(1).column()).isEqualTo(9);
        assertThat(t.get(2).line()).isEqualTo(5);
        assertThat(t.get(2).column()).isEqualTo(2);
    }

    @Test
    void unterminatedCommentAndInvalidCharacters() {
        assertThatThrownBy(() -> lex("a /* never ends")).hasMessageContaining("line=1, column=3")
                .hasMessageContaining("unterminated comment");
        assertThatThrownBy(() -> lex("a\n  @")).hasMessageContaining("line=2, column=3")
                .hasMessageContaining("invalid character `@`");
        assertThatThrownBy(() -> lex("a \u0000")).hasMessageContaining("U+0000");
    }

    @Test
    void errorMessageGrammar() {
        assertThatThrownBy(() -> new Lexer("\n #", "/t/metadata").next())
                .hasMessage("Cannot parse metadata: file=\"/t/metadata\", line=2, column=2, reason=\"invalid character `#`\"");
    }
}

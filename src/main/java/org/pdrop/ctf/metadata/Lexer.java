package org.pdrop.ctf.metadata;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.pdrop.ctf.metadata.Token.Kind;

/**
 * The TSDL lexer (CTF 1.8 §C.1): turns metadata text into {@link Token}s on demand, skipping
 * whitespace and {@code /* *}{@code /} and {@code //} comments, and tracking line and column for
 * error messages. Hand-written, one character of lookahead, no regular expressions.
 *
 * <p>Follows Babeltrace's scanner where the specification is silent: string literals accept the C
 * escapes {@code \a \b \f \n \r \t \v \\ \' \" \?}, up to three octal digits ({@code \101}) and up to
 * three hexadecimal digits after {@code \x}; a literal's value ends at its first NUL character, as a C
 * string does. Integer literals are decimal, octal ({@code 0} prefix) or hexadecimal ({@code 0x}),
 * with optional {@code U}/{@code L} suffixes, and must fit in 64 unsigned bits.
 */
final class Lexer {
    private static final Map<String, Kind> KEYWORDS = new HashMap<>();

    static {
        for (Kind k : Kind.values()) {
            if (k.isKeyword()) {
                KEYWORDS.put(k.spelling(), k);
            }
        }
    }

    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String text;
    private final String source;
    private final int length;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Identifier spellings seen so far: repeated names share one String. */
    private final Map<String, String> names = new HashMap<>();

    Lexer(String text, String source) {
        this.text = text;
        this.source = source;
        this.length = text.length();
    }

    String source() {
        return source;
    }

    /** The next token; {@link Kind#EOF} forever at the end. */
    Token next() {
        skipBlanksAndComments();
        if (pos >= length) {
            return new Token(Kind.EOF, "", 0, line, pos - lineStart + 1);
        }
        int startLine = line;
        int startColumn = pos - lineStart + 1;
        char c = text.charAt(pos);
        if (isIdentifierStart(c)) {
            int start = pos;
            pos++;
            while (pos < length && isIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            if (c == 'L' && pos - start == 1 && pos < length && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
                throw error(startLine, startColumn, "wide string literals are not supported");
            }
            Kind keyword = KEYWORDS.get(word);
            if (keyword != null) {
                return new Token(keyword, keyword.spelling(), 0, startLine, startColumn);
            }
            return new Token(Kind.IDENTIFIER, names.computeIfAbsent(word, w -> w), 0, startLine, startColumn);
        }
        if (c >= '0' && c <= '9') {
            return integer(startLine, startColumn);
        }
        if (c == '"' || c == '\'') {
            return quoted(c, startLine, startColumn);
        }
        pos++;
        switch (c) {
            case '[':
                return punct(Kind.LBRACKET, startLine, startColumn);
            case ']':
                return punct(Kind.RBRACKET, startLine, startColumn);
            case '(':
                return punct(Kind.LPAREN, startLine, startColumn);
            case ')':
                return punct(Kind.RPAREN, startLine, startColumn);
            case '{':
                return punct(Kind.LBRACE, startLine, startColumn);
            case '}':
                return punct(Kind.RBRACE, startLine, startColumn);
            case '*':
                return punct(Kind.STAR, startLine, startColumn);
            case '+':
                return punct(Kind.PLUS, startLine, startColumn);
            case '<':
                return punct(Kind.LT, startLine, startColumn);
            case '>':
                return punct(Kind.GT, startLine, startColumn);
            case ';':
                return punct(Kind.SEMICOLON, startLine, startColumn);
            case '=':
                return punct(Kind.EQUAL, startLine, startColumn);
            case ',':
                return punct(Kind.COMMA, startLine, startColumn);
            case '-':
                if (pos < length && text.charAt(pos) == '>') {
                    pos++;
                    return punct(Kind.ARROW, startLine, startColumn);
                }
                return punct(Kind.MINUS, startLine, startColumn);
            case ':':
                if (pos < length && text.charAt(pos) == '=') {
                    pos++;
                    return punct(Kind.TYPE_ASSIGN, startLine, startColumn);
                }
                return punct(Kind.COLON, startLine, startColumn);
            case '.':
                if (pos + 1 < length && text.charAt(pos) == '.' && text.charAt(pos + 1) == '.') {
                    pos += 2;
                    return punct(Kind.ELLIPSIS, startLine, startColumn);
                }
                return punct(Kind.DOT, startLine, startColumn);
            default:
                throw error(startLine, startColumn, "invalid character " + describeChar(c));
        }
    }

    private static Token punct(Kind kind, int line, int column) {
        return new Token(kind, kind.spelling(), 0, line, column);
    }

    private void skipBlanksAndComments() {
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B) {
                pos++;
            } else if (c == '/' && pos + 1 < length && text.charAt(pos + 1) == '*') {
                int startLine = line;
                int startColumn = pos - lineStart + 1;
                pos += 2;
                while (true) {
                    if (pos + 1 >= length) {
                        throw error(startLine, startColumn, "unterminated comment");
                    }
                    char d = text.charAt(pos);
                    if (d == '*' && text.charAt(pos + 1) == '/') {
                        pos += 2;
                        break;
                    }
                    if (d == '\n') {
                        line++;
                        lineStart = pos + 1;
                    }
                    pos++;
                }
            } else if (c == '/' && pos + 1 < length && text.charAt(pos + 1) == '/') {
                while (pos < length && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token integer(int startLine, int startColumn) {
        int start = pos;
        int radix;
        int digitsStart;
        if (text.charAt(pos) == '0' && pos + 1 < length && (text.charAt(pos + 1) == 'x' || text.charAt(pos + 1) == 'X')) {
            radix = 16;
            pos += 2;
            digitsStart = pos;
            while (pos < length && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
            if (pos == digitsStart) {
                throw error(startLine, startColumn, "incomplete hexadecimal integer literal");
            }
        } else if (text.charAt(pos) == '0') {
            radix = 8;
            pos++;
            digitsStart = pos;
            while (pos < length && text.charAt(pos) >= '0' && text.charAt(pos) <= '7') {
                pos++;
            }
        } else {
            radix = 10;
            digitsStart = pos;
            while (pos < length && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
        }
        int digitsEnd = pos;
        skipIntegerSuffix();
        if (pos < length && isIdentifierPart(text.charAt(pos))) {
            int end = pos;
            while (end < length && isIdentifierPart(text.charAt(end))) {
                end++;
            }
            throw error(startLine, startColumn, "invalid integer literal `" + text.substring(start, end) + "`");
        }
        String digits = text.substring(digitsStart, digitsEnd);
        long value;
        if (digits.isEmpty()) {
            value = 0;
        } else if (digits.length() <= (radix == 16 ? 15 : radix == 8 ? 20 : 18)) {
            value = Long.parseLong(digits, radix);
        } else {
            BigInteger big = new BigInteger(digits, radix);
            if (big.compareTo(MAX_U64) > 0) {
                throw error(startLine, startColumn, "integer literal out of range [0, 2^64 - 1]: `"
                        + abbreviate(text.substring(start, pos)) + "`");
            }
            value = big.longValue();
        }
        return new Token(Kind.INTEGER, text.substring(start, pos), value, startLine, startColumn);
    }

    /** Accepts the C99 suffixes: one optional U and up to two L, in either order. */
    private void skipIntegerSuffix() {
        boolean unsigned = false;
        int longs = 0;
        while (pos < length) {
            char c = text.charAt(pos);
            if ((c == 'u' || c == 'U') && !unsigned) {
                unsigned = true;
                pos++;
            } else if ((c == 'l' || c == 'L') && longs < 2) {
                longs++;
                pos++;
            } else {
                return;
            }
        }
    }

    private Token quoted(char delimiter, int startLine, int startColumn) {
        pos++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int plainStart = pos;
        boolean truncated = false;
        while (true) {
            if (pos >= length) {
                throw error(startLine, startColumn, delimiter == '"' ? "unterminated string literal"
                        : "unterminated character literal");
            }
            char c = text.charAt(pos);
            if (c == delimiter) {
                if (!truncated) {
                    appendUtf8(bytes, plainStart, pos);
                }
                pos++;
                break;
            }
            if (c == 0) {
                throw error(line, pos - lineStart + 1, "invalid character U+0000 in literal");
            }
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
                pos++;
                continue;
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (!truncated) {
                appendUtf8(bytes, plainStart, pos);
            }
            int escapeColumn = pos - lineStart + 1;
            pos++;
            if (pos >= length) {
                throw error(startLine, startColumn, "unterminated string literal");
            }
            char e = text.charAt(pos++);
            int value;
            switch (e) {
                case 'a': value = 0x07; break;
                case 'b': value = 0x08; break;
                case 'f': value = 0x0C; break;
                case 'n': value = '\n'; break;
                case 'r': value = '\r'; break;
                case 't': value = '\t'; break;
                case 'v': value = 0x0B; break;
                case '\\': value = '\\'; break;
                case '\'': value = '\''; break;
                case '"': value = '"'; break;
                case '?': value = '?'; break;
                case 'x': {
                    int digits = 0;
                    value = 0;
                    while (digits < 3 && pos < length && Character.digit(text.charAt(pos), 16) >= 0) {
                        value = value * 16 + Character.digit(text.charAt(pos), 16);
                        pos++;
                        digits++;
                    }
                    if (digits == 0) {
                        throw error(line, escapeColumn, "`\\x` escape without hexadecimal digits");
                    }
                    break;
                }
                default:
                    if (e >= '0' && e <= '7') {
                        value = e - '0';
                        int digits = 1;
                        while (digits < 3 && pos < length && text.charAt(pos) >= '0' && text.charAt(pos) <= '7') {
                            value = value * 8 + (text.charAt(pos) - '0');
                            pos++;
                            digits++;
                        }
                    } else {
                        throw error(line, escapeColumn, "invalid escape sequence `\\" + e + "`");
                    }
            }
            value &= 0xFF;
            if (value == 0) {
                truncated = true;
            }
            if (!truncated) {
                bytes.write(value);
            }
            plainStart = pos;
        }
        String decoded = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        return new Token(delimiter == '"' ? Kind.STRING : Kind.CHARACTER, decoded, 0, startLine, startColumn);
    }

    private void appendUtf8(ByteArrayOutputStream out, int from, int to) {
        if (to > from) {
            byte[] b = text.substring(from, to).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    private static String describeChar(char c) {
        if (c >= 0x21 && c < 0x7F) {
            return "`" + c + "`";
        }
        return String.format("U+%04X", (int) c);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private RuntimeException error(int line, int column, String reason) {
        return Problems.syntax(source, line, column, reason);
    }
}

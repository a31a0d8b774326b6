package org.pdrop.ctf.conformance;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The subset of the <a href="https://github.com/efficios/normand">Normand</a> text-to-binary
 * language that Babeltrace's field test cases use, for assembling their data streams:
 *
 * <ul>
 *   <li>byte constants: hexadecimal {@code 2a}, decimal {@code $42} / {@code $-42}, binary
 *       {@code %00101010} ({@code %%} for two bytes, and so on; comments may sit between bits);</li>
 *   <li>literal UTF-8 strings {@code "abc\0"}, with Normand's escapes;</li>
 *   <li>byte order settings {@code !le} and {@code !be};</li>
 *   <li>fixed-length numbers {@code [EXPR : LEN]} with an optional {@code be}/{@code le} suffix:
 *       integers of 8 to 64 bits, IEEE 754 binary32/binary64;</li>
 *   <li>alignments {@code @BITS} with an optional {@code ~PADDING-BYTE};</li>
 *   <li>comments: {@code #…#} or {@code #…} to the end of the line, whitespace, and the symbols
 *       {@code & , - . / : ; = ? \ _ |}.</li>
 * </ul>
 *
 * <p>Expressions are a Python subset: integer literals (decimal, {@code 0x}, {@code 0o},
 * {@code 0b}) of any size, float literals, parentheses, unary {@code - + ~}, {@code **},
 * {@code * // %}, {@code + -}, {@code << >>}, {@code &}, {@code ^}, {@code |}, with Python's
 * precedence. Anything else (labels, variables, repetitions, groups, macros…) is refused with
 * the line and column rather than guessed at.
 */
final class Normand {
    private static final String COMMENT_SYMBOLS = "&,-./:;=?\\_|";

    private final String text;
    private int pos;
    private ByteOrder order;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Normand(String text, ByteOrder initialOrder) {
        this.text = text;
        this.order = initialOrder;
    }

    /** Assembles {@code text}; {@code initialOrder} may be null (then numbers wider than 8 bits need a suffix). */
    static byte[] assemble(String text, ByteOrder initialOrder) {
        Normand n = new Normand(text, initialOrder);
        n.items();
        return n.out.toByteArray();
    }

    private void items() {
        while (true) {
            skipComments();
            if (pos >= text.length()) {
                return;
            }
            char c = text.charAt(pos);
            if (isHex(c)) {
                hexByte();
            } else if (c == '$') {
                decimalByte();
            } else if (c == '%') {
                binaryBytes();
            } else if (c == '"') {
                string();
            } else if (c == '!') {
                byteOrder();
            } else if (c == '[') {
                fixedLengthNumber();
            } else if (c == '@') {
                alignment();
            } else {
                throw error("unsupported or unexpected character `" + c + "`");
            }
        }
    }

    private void skipComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || COMMENT_SYMBOLS.indexOf(c) >= 0) {
                pos++;
            } else if (c == '#') {
                pos++;
                while (pos < text.length() && text.charAt(pos) != '#' && text.charAt(pos) != '\n') {
                    pos++;
                }
                if (pos < text.length() && text.charAt(pos) == '#') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void hexByte() {
        if (pos + 1 >= text.length() || !isHex(text.charAt(pos + 1))) {
            throw error("expecting two hexadecimal digits");
        }
        out.write(Integer.parseInt(text.substring(pos, pos + 2), 16));
        pos += 2;
    }

    private void decimalByte() {
        pos++;
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (digits.isEmpty() || digits.equals("-")) {
            throw error("expecting a decimal constant after `$`");
        }
        int v = Integer.parseInt(digits);
        if (v < -128 || v > 255) {
            throw error("decimal byte out of range: " + v);
        }
        out.write(v & 0xFF);
    }

    private void binaryBytes() {
        int count = 0;
        while (pos < text.length() && text.charAt(pos) == '%') {
            count++;
            pos++;
        }
        for (int b = 0; b < count; b++) {
            int value = 0;
            for (int bit = 0; bit < 8; bit++) {
                skipComments();
                if (pos >= text.length() || (text.charAt(pos) != '0' && text.charAt(pos) != '1')) {
                    throw error("expecting a bit (`0` or `1`)");
                }
                value = (value << 1) | (text.charAt(pos) - '0');
                pos++;
            }
            out.write(value);
        }
    }

    private void string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw error("unterminated escape sequence");
                }
                char e = text.charAt(pos++);
                sb.append(switch (e) {
                    case '0' -> '\0';
                    case 'a' -> '\u0007';
                    case 'b' -> '\b';
                    case 'e' -> '\u001B';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'v' -> '\u000B';
                    case '\\' -> '\\';
                    case '"' -> '"';
                    default -> throw error("unknown escape sequence `\\" + e + "`");
                });
            } else {
                sb.append(c);
            }
        }
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void byteOrder() {
        if (text.startsWith("!le", pos)) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (text.startsWith("!be", pos)) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw error("unsupported `!` directive (only `!le` and `!be` are)");
        }
        pos += 3;
    }

    private void fixedLengthNumber() {
        int start = pos;
        int end = text.indexOf(']', pos);
        if (end < 0) {
            throw error("missing `]`");
        }
        String inside = text.substring(pos + 1, end);
        int colon = inside.lastIndexOf(':');
        if (colon < 0) {
            throw error("expecting `:` in a fixed-length number");
        }
        String spec = inside.substring(colon + 1).strip();
        ByteOrder bo = order;
        if (spec.endsWith("le") || spec.endsWith("be")) {
            bo = spec.endsWith("le") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            spec = spec.substring(0, spec.length() - 2);
        }
        if (!spec.matches("\\d+")) {
            throw error("unsupported fixed-length number encoding `" + inside.substring(colon + 1).strip() + "`");
        }
        int bits = Integer.parseInt(spec);
        Object value;
        try {
            value = new Expr(inside.substring(0, colon)).parse();
        } catch (IllegalArgumentException e) {
            pos = start;
            throw error(e.getMessage());
        }
        pos = start;
        long raw;
        if (value instanceof Double d) {
            if (bits == 32) {
                raw = Float.floatToRawIntBits(d.floatValue()) & 0xFFFFFFFFL;
            } else if (bits == 64) {
                raw = Double.doubleToRawLongBits(d);
            } else {
                throw error("a float needs 32 or 64 bits, not " + bits);
            }
        } else {
            BigInteger v = (BigInteger) value;
            if (bits % 8 != 0 || bits < 8 || bits > 64) {
                throw error("an integer needs 8, 16, …, 64 bits, not " + bits);
            }
            BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
            BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                throw error("value " + v + " is outside the " + bits + "-bit range");
            }
            raw = v.longValue();
        }
        if (bits > 8 && bo == null) {
            throw error("no byte order for a " + bits + "-bit number");
        }
        int n = bits / 8;
        for (int i = 0; i < n; i++) {
            int shift = bo == ByteOrder.BIG_ENDIAN ? 8 * (n - 1 - i) : 8 * i;
            out.write((int) (raw >>> shift) & 0xFF);
        }
        pos = end + 1;
    }

    private void alignment() {
        pos++;
        int bits = constant();
        if (bits <= 0 || bits % 8 != 0) {
            throw error("alignment must be a positive multiple of 8 bits: " + bits);
        }
        int padding = 0;
        if (pos < text.length() && text.charAt(pos) == '~') {
            pos++;
            padding = constant();
            if (padding < 0 || padding > 255) {
                throw error("padding byte out of range: " + padding);
            }
        }
        int bytes = bits / 8;
        while (out.size() % bytes != 0) {
            out.write(padding);
        }
    }

    private int constant() {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String s = text.substring(start, pos);
        try {
            Object v = new Expr(s).parse();
            if (v instanceof BigInteger b) {
                return b.intValueExact();
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            // Reported below.
        }
        pos = start;
        throw error("expecting a constant integer");
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private IllegalArgumentException error(String what) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new IllegalArgumentException("Normand " + line + ":" + col + ": " + what);
    }

    /** A Python expression subset evaluated to {@link BigInteger} or {@link Double}. */
    private static final class Expr {
        private final String s;
        private int i;

        Expr(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = or();
            ws();
            if (i != s.length()) {
                throw new IllegalArgumentException("unsupported expression syntax at `" + s.substring(i) + "` in `"
                        + s.strip() + "`");
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean eat(String op) {
            ws();
            if (s.startsWith(op, i)) {
                i += op.length();
                return true;
            }
            return false;
        }

        /** Accepts {@code op} only when it is not the start of a longer operator ({@code *} vs {@code **}). */
        private boolean eatExactly(String op, String longer) {
            ws();
            if (s.startsWith(op, i) && !s.startsWith(longer, i)) {
                i += op.length();
                return true;
            }
            return false;
        }

        private Object or() {
            Object v = xor();
            while (eat("|")) {
                v = integer(v).or(integer(xor()));
            }
            return v;
        }

        private Object xor() {
            Object v = and();
            while (eat("^")) {
                v = integer(v).xor(integer(and()));
            }
            return v;
        }

        private Object and() {
            Object v = shift();
            while (eat("&")) {
                v = integer(v).and(integer(shift()));
            }
            return v;
        }

        private Object shift() {
            Object v = sum();
            while (true) {
                if (eat("<<")) {
                    v = integer(v).shiftLeft(integer(sum()).intValueExact());
                } else if (eat(">>")) {
                    v = integer(v).shiftRight(integer(sum()).intValueExact());
                } else {
                    return v;
                }
            }
        }

        private Object sum() {
            Object v = product();
            while (true) {
                if (eat("+")) {
                    Object r = product();
                    v = isFloat(v, r) ? (Object) (real(v) + real(r)) : integer(v).add(integer(r));
                } else if (eat("-")) {
                    Object r = product();
                    v = isFloat(v, r) ? (Object) (real(v) - real(r)) : integer(v).subtract(integer(r));
                } else {
                    return v;
                }
            }
        }

        private Object product() {
            Object v = unary();
            while (true) {
                if (eatExactly("*", "**")) {
                    Object r = unary();
                    v = isFloat(v, r) ? (Object) (real(v) * real(r)) : integer(v).multiply(integer(r));
                } else if (eat("//")) {
                    v = floorDiv(integer(v), integer(unary()));
                } else if (eat("%")) {
                    BigInteger a = integer(v);
                    BigInteger b = integer(unary());
                    v = a.subtract(b.multiply(floorDiv(a, b)));
                } else if (eat("/")) {
                    Object r = unary();
                    v = real(v) / real(r);
                } else {
                    return v;
                }
            }
        }

        private Object unary() {
            if (eat("-")) {
                Object v = unary();
                return v instanceof Double d ? (Object) (-d) : integer(v).negate();
            }
            if (eat("+")) {
                return unary();
            }
            if (eat("~")) {
                return integer(unary()).not();
            }
            return power();
        }

        private Object power() {
            Object base = atom();
            if (eat("**")) {
                Object exp = unary();
                if (isFloat(base, exp) || integer(exp).signum() < 0) {
                    return Math.pow(real(base), real(exp));
                }
                return integer(base).pow(integer(exp).intValueExact());
            }
            return base;
        }

        private Object atom() {
            ws();
            if (eat("(")) {
                Object v = or();
                if (!eat(")")) {
                    throw new IllegalArgumentException("missing `)` in `" + s.strip() + "`");
                }
                return v;
            }
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
                i++;
            }
            // Exponent sign of a float literal such as 1e-3.
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+') && i > start
                    && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E') && Character.isDigit(s.charAt(start))
                    && !s.substring(start, i).startsWith("0x")) {
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            String tok = s.substring(start, i).replace("_", "");
            if (tok.isEmpty()) {
                throw new IllegalArgumentException("expecting a number in `" + s.strip() + "`");
            }
            String lower = tok.toLowerCase();
            try {
                if (lower.startsWith("0x")) {
                    return new BigInteger(tok.substring(2), 16);
                }
                if (lower.startsWith("0o")) {
                    return new BigInteger(tok.substring(2), 8);
                }
                if (lower.startsWith("0b")) {
                    return new BigInteger(tok.substring(2), 2);
                }
                if (tok.matches("\\d+")) {
                    return new BigInteger(tok);
                }
                if (tok.matches("(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
                    return Double.parseDouble(tok);
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw new IllegalArgumentException("unsupported name or literal `" + tok + "` (labels and variables are "
                    + "not supported)");
        }

        /** Python's {@code //}: rounds toward negative infinity. */
        private static BigInteger floorDiv(BigInteger a, BigInteger b) {
            BigInteger[] qr = a.divideAndRemainder(b);
            return qr[1].signum() != 0 && qr[1].signum() != b.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
        }

        private static boolean isFloat(Object a, Object b) {
            return a instanceof Double || b instanceof Double;
        }

        private static double real(Object v) {
            return v instanceof Double d ? d : ((BigInteger) v).doubleValue();
        }

        private static BigInteger integer(Object v) {
            if (v instanceof BigInteger b) {
                return b;
            }
            throw new IllegalArgumentException("bitwise operator on a float");
        }
    }
}

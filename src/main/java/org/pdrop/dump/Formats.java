package org.pdrop.dump;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Value formats of Babeltrace 2.0's pretty printer ({@code print_integer()},
 * {@code print_escape_string()} and the {@code %g} of reals in {@code plugins/text/pretty/print.c}),
 * written straight into a {@link ByteOut}.
 */
final class Formats {
    private Formats() {}

    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    /** Replacement bytes per input byte for strings, or null where the byte is copied as is. */
    private static final byte[][] ESCAPES = new byte[256][];

    static {
        for (int b = 0; b < 0x20; b++) {
            ESCAPES[b] = String.format("\\x%02x", b).getBytes(StandardCharsets.US_ASCII);
        }
        ESCAPES[0x7f] = "\\x7f".getBytes(StandardCharsets.US_ASCII);
        String[][] named = {
            {"\0", "\\0"}, {"\u0007", "\\a"}, {"\b", "\\b"}, {"\u001b", "\\e"}, {"\f", "\\f"},
            {"\n", "\\n"}, {"\r", "\\r"}, {"\t", "\\t"}, {"\u000b", "\\v"},
            {"\\", "\\\\"}, {"'", "\\'"}, {"\"", "\\\""}, {"?", "\\?"},
        };
        for (String[] n : named) {
            ESCAPES[n[0].charAt(0)] = n[1].getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Appends {@code bytes[off, off+n)} as a quoted C-escaped string: backslash, quotes and
     * {@code ?} escaped, control characters as {@code \n}-style or {@code \xHH} escapes, every
     * other byte (including non-ASCII and invalid UTF-8) copied unchanged.
     */
    static void putQuoted(ByteOut out, byte[] bytes, int off, int n) {
        out.put((byte) '"');
        int runStart = off;
        int end = off + n;
        for (int i = off; i < end; i++) {
            byte[] esc = ESCAPES[bytes[i] & 0xFF];
            if (esc != null) {
                if (i > runStart) {
                    out.put(bytes, runStart, i - runStart);
                }
                out.put(esc);
                runStart = i + 1;
            }
        }
        if (end > runStart) {
            out.put(bytes, runStart, end - runStart);
        }
        out.put((byte) '"');
    }

    /**
     * Appends an integer in its preferred display base as Babeltrace does: decimal signed or
     * unsigned; hexadecimal {@code 0x} with upper-case digits; octal with a {@code 0} prefix;
     * binary {@code 0b} with exactly {@code sizeBits} digits. Negative values in base 16 (and in
     * base 8 for signed integers) are masked to the size rounded up to whole digits.
     *
     * @param value the value, sign-extended when {@code signed}
     */
    static void putInteger(ByteOut out, long value, int base, boolean signed, int sizeBits) {
        switch (base) {
            case 10:
                if (signed) {
                    out.putDecimal(value);
                } else {
                    out.putUnsignedDecimal(value);
                }
                break;
            case 16: {
                long v = value;
                if (sizeBits < 64) {
                    int rounded = (sizeBits + 3) & ~3;
                    // Like C on x86-64, a shift by 64 is a shift by 0 (Java masks the count too).
                    v &= (1L << rounded) - 1;
                }
                out.put((byte) '0').put((byte) 'x').putHex(v);
                break;
            }
            case 8: {
                long v = value;
                if (signed && sizeBits < 64) {
                    int rounded = ((sizeBits - 1) / 3 + 1) * 3;
                    v &= (1L << rounded) - 1;
                }
                out.put((byte) '0').putOctal(v);
                break;
            }
            case 2: {
                out.put((byte) '0').put((byte) 'b');
                long v = sizeBits >= 64 ? value : value << (64 - sizeBits);
                for (int i = 0; i < sizeBits; i++) {
                    out.put((byte) (v < 0 ? '1' : '0'));
                    v <<= 1;
                }
                break;
            }
            default:
                throw new IllegalArgumentException("base " + base);
        }
    }

    /** Appends {@code v} as C's {@code printf("%g", v)} (glibc): 6 significant digits. */
    static void putG(ByteOut out, double v) {
        if (Double.isNaN(v)) {
            out.put(Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan");
            return;
        }
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        if (neg) {
            out.put((byte) '-');
            v = -v;
        }
        if (Double.isInfinite(v)) {
            out.put("inf");
            return;
        }
        if (v == 0) {
            out.put((byte) '0');
            return;
        }
        if (v == Math.rint(v) && v < 1e6) {
            // Whole numbers below 10^6 have at most 6 digits: exact in %g.
            out.putUnsignedDecimal((long) v);
            return;
        }
        BigDecimal r = new BigDecimal(v).round(SIX_DIGITS);
        int exp = r.precision() - r.scale() - 1;
        String digits = r.unscaledValue().toString();
        int last = digits.length();
        while (last > 1 && digits.charAt(last - 1) == '0') {
            last--;
        }
        if (exp < -4 || exp >= 6) {
            out.put((byte) digits.charAt(0));
            if (last > 1) {
                out.put((byte) '.');
                for (int i = 1; i < last; i++) {
                    out.put((byte) digits.charAt(i));
                }
            }
            out.put((byte) 'e').put((byte) (exp < 0 ? '-' : '+'));
            int e = Math.abs(exp);
            if (e < 10) {
                out.put((byte) '0');
            }
            out.putDecimal(e);
            return;
        }
        // Fixed notation: the significant digits placed around the decimal point.
        if (exp < 0) {
            out.put((byte) '0').put((byte) '.');
            for (int i = -1; i > exp; i--) {
                out.put((byte) '0');
            }
            for (int i = 0; i < last; i++) {
                out.put((byte) digits.charAt(i));
            }
            return;
        }
        for (int i = 0; i <= exp; i++) {
            out.put((byte) (i < digits.length() ? digits.charAt(i) : '0'));
        }
        if (last > exp + 1) {
            out.put((byte) '.');
            for (int i = exp + 1; i < last; i++) {
                out.put((byte) digits.charAt(i));
            }
        }
    }
}

package org.pdrop.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Value formats checked against what babeltrace2 2.0.4 printed for the same values. */
class FormatsTest {
    private static String g(double v) {
        ByteOut b = new ByteOut(32);
        Formats.putG(b, v);
        return b.toString();
    }

    private static String integer(long v, int base, boolean signed, int size) {
        ByteOut b = new ByteOut(32);
        Formats.putInteger(b, v, base, signed, size);
        return b.toString();
    }

    @Test
    void floatsLikePrintfG() {
        assertThat(g(1e-5)).isEqualTo("1e-05");
        assertThat(g(1.5)).isEqualTo("1.5");
        assertThat(g(123456789.0)).isEqualTo("1.23457e+08");
        assertThat(g(-0.0)).isEqualTo("-0");
        assertThat(g(0.0)).isEqualTo("0");
        assertThat(g(1e100)).isEqualTo("1e+100");
        assertThat(g(0.0001)).isEqualTo("0.0001");
        assertThat(g((double) 1e-40f)).isEqualTo("9.99995e-41");
        assertThat(g(100000.0)).isEqualTo("100000");
        assertThat(g((double) 1234567.0f)).isEqualTo("1.23457e+06");
        assertThat(g(2.0 / 7)).isEqualTo("0.285714");
        assertThat(g((double) (2.0f / 7))).isEqualTo("0.285714");
        assertThat(g(999999.5)).isEqualTo("1e+06");
        assertThat(g(0.5)).isEqualTo("0.5");
        assertThat(g(123.456)).isEqualTo("123.456");
        assertThat(g(-123.4567)).isEqualTo("-123.457");
        assertThat(g(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(g(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(g(Double.NaN)).isEqualTo("nan");
        assertThat(g(12.0)).isEqualTo("12");
        assertThat(g(1e15)).isEqualTo("1e+15");
    }

    @ParameterizedTest
    @CsvSource({
        "-3, 16, true, 8, 0xFD",
        "-3, 8, true, 16, 0777775",
        "-3, 2, true, 8, 0b11111101",
        "-3, 16, true, 64, 0xFFFFFFFFFFFFFFFD",
        "-3, 8, true, 64, 01777777777777777777775",
        "-3, 10, true, 32, -3",
        "-1, 10, false, 64, 18446744073709551615",
        "2, 16, false, 8, 0x2",
        "0, 16, true, 8, 0x0",
        "5, 2, false, 3, 0b101",
        "0, 8, false, 32, 00",
        "34603010, 8, false, 32, 0204000002",
    })
    void integersByBase(long v, int base, boolean signed, int size, String expected) {
        assertThat(integer(v, base, signed, size)).isEqualTo(expected);
    }

    @Test
    void stringsEscapedLikeBabeltrace() {
        byte[] s = "q\"\\'?\u0007\b\u001b\f\n\r\t\u000b\u0001\u007f".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[s.length + 3];
        System.arraycopy(s, 0, all, 0, s.length);
        all[s.length] = (byte) 0xc3;
        all[s.length + 1] = (byte) 0xa9;
        all[s.length + 2] = (byte) 0xff;
        ByteOut b = new ByteOut(8);
        Formats.putQuoted(b, all, 0, all.length);
        byte[] got = java.util.Arrays.copyOf(b.array(), b.length());
        byte[] want = "\"q\\\"\\\\\\'\\?\\a\\b\\e\\f\\n\\r\\t\\v\\x01\\x7f\u00c3\u00a9\u00ff\""
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(got).isEqualTo(want);
    }

    @Test
    void decimalEdges() {
        ByteOut b = new ByteOut(4);
        b.putDecimal(Long.MIN_VALUE).put(' ').putUnsignedDecimal(Long.MIN_VALUE).put(' ').putDecimal(0)
                .put(' ').putZeroPadded(5, 9).put(' ').putHex(0xFF3C912789C3A300L);
        assertThat(b.toString()).isEqualTo("-9223372036854775808 9223372036854775808 0 000000005 FF3C912789C3A300");
    }
}

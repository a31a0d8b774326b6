package org.pdrop.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Number formatting of {@link ByteOut} against the JDK's, on edges and random values. */
class ByteOutTest {
    @Test
    void numbersMatchTheJdk() {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] edges = {0, 1, 9, 10, 99, 100, 999, 1000, 999_999_999, 1_000_000_000, Long.MAX_VALUE, Long.MIN_VALUE,
            -1, -10, 1L << 62, (1L << 62) - 1, 9_999_999_999_999_999L, 10_000_000_000_000_000L,
            999_999_999_999_999_999L, 1_000_000_000_000_000_000L};
        for (int i = 0; i < 20_000; i++) {
            long v = i < edges.length ? edges[i] : rnd.nextLong() >> rnd.nextInt(64);
            ByteOut b = new ByteOut(8);
            b.putDecimal(v).put(' ').putUnsignedDecimal(v).put(' ').putHex(v).put(' ').putOctal(v);
            String want = v + " " + Long.toUnsignedString(v) + " " + Long.toHexString(v).toUpperCase() + " "
                    + Long.toOctalString(v);
            if (v >= 0) {
                b.put(' ').putZeroPadded(v, 9);
                want += " " + String.format("%09d", v);
            }
            assertThat(b.toString()).isEqualTo(want);
        }
    }

    @Test
    void decimalsOfEveryLengthMatchTheJdk() {
        // Up to eight digits take one store of eight bytes, cut to length; up to sixteen, two.
        // Every length, its edges and random values, between markers at every buffer position.
        SplittableRandom rnd = new SplittableRandom(11);
        ByteOut b = new ByteOut(16);
        long pow = 1;
        for (int digits = 1; digits <= 19; digits++) {
            long next = digits == 19 ? Long.MAX_VALUE : pow * 10;
            java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(pow, pow + 1, next - 1));
            for (int i = 0; i < 2_000; i++) {
                values.add(rnd.nextLong(pow, next));
            }
            for (long v : values) {
                for (int pad = 0; pad < 9; pad++) {
                    b.clear();
                    b.put("|".repeat(pad + 1));
                    b.putUnsignedDecimal(v).put('>');
                    String want = "|".repeat(pad + 1) + v + ">";
                    if (!b.toString().equals(want)) {
                        assertThat(b.toString()).as("value %d", v).isEqualTo(want);
                    }
                }
            }
            pow = next;
        }
    }

    @Test
    void roomIsWrittenThenTakenIn() {
        ByteOut b = new ByteOut(16);
        b.put("0123456789abcde");
        byte[] a = b.room(40);
        assertThat(a.length - b.length()).isGreaterThanOrEqualTo(40);
        int p = ByteOut.putNineDigits(a, b.length(), 42);
        b.length(p);
        assertThat(b.toString()).isEqualTo("0123456789abcde000000042");
        assertThatThrownBy(() -> b.length(3)).as("backwards").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.length(b.array().length + 1)).as("past the array").isInstanceOf(IllegalArgumentException.class);
    }

    /** Nine digits the slow way, for comparing. */
    private static String nine(long v) {
        char[] c = new char[9];
        for (int i = 8; i >= 0; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return new String(c);
    }

    @Test
    void nineDigitsAreTheZeroPaddedNumber() {
        // The lanes are independent, so every value of each 4-digit half is tried next to
        // extreme values of the other half and of the first digit; then random values.
        java.util.List<Long> values = new java.util.ArrayList<>();
        for (int half = 0; half < 10_000; half++) {
            for (long other : new long[] {0, 9_999, 5_050}) {
                for (long first : new long[] {0, 9}) {
                    values.add(first * 100_000_000L + half * 10_000L + other);
                    values.add(first * 100_000_000L + other * 10_000L + half);
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            values.add(rnd.nextLong(1_000_000_000L));
        }
        ByteOut b = new ByteOut(4);
        for (long v : values) {
            b.clear();
            b.put('<').putNineDigits(v).put('>');
            String got = b.toString();
            if (!got.equals("<" + nine(v) + ">")) {
                assertThat(got).as("value %d", v).isEqualTo("<" + nine(v) + ">");
            }
        }
        assertThatThrownBy(() -> new ByteOut(4).putNineDigits(1_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteOut(4).putNineDigits(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.pdrop.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextMemoTest {
    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Looks {@code key} up at offset 3 of a buffer; remembers {@code text} on a miss. Returns the text printed or null. */
    private static String lookup(TextMemo memo, byte[] key, String text) {
        byte[] packet = new byte[key.length + 11];
        packet[0] = 0x55;
        System.arraycopy(key, 0, packet, 3, key.length);
        ByteOut out = new ByteOut(16);
        out.put("x");
        if (memo.copyIfKnown(buffer(packet), 3, out)) {
            return out.toString().substring(1);
        }
        byte[] t = ("--" + text).getBytes(StandardCharsets.UTF_8);
        memo.remember(t, 2, t.length - 2);
        return null;
    }

    @Test
    void remembersTextByEveryByteOfTheScopeWholeWordsAndTail() {
        for (int size : new int[] {1, 7, 8, 13, 24, 64}) {
            TextMemo memo = new TextMemo(size);
            byte[] key = new byte[size];
            for (int i = 0; i < size; i++) {
                key[i] = (byte) (i * 37 + 1);
            }
            assertThat(lookup(memo, key, "first")).isNull();
            assertThat(lookup(memo, key, "unused")).isEqualTo("first");
            for (int i = 0; i < size; i++) {
                byte[] other = key.clone();
                other[i] ^= 0x40;
                assertThat(lookup(memo, other, "other " + i)).as("size %d, byte %d changed", size, i).isNull();
                assertThat(lookup(memo, other, "unused")).isEqualTo("other " + i);
            }
        }
    }

    @Test
    void alwaysGivesTheTextOfTheSameBytesAmongManyKeys() {
        // More keys (400) than slots: every hit must still be the text remembered for those very bytes.
        SplittableRandom rnd = new SplittableRandom(11);
        TextMemo memo = new TextMemo(24);
        Map<String, String> truth = new HashMap<>();
        int hits = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] key = new byte[24];
            key[0] = (byte) rnd.nextInt(20);
            key[23] = (byte) rnd.nextInt(20);
            String id = java.util.Arrays.toString(key);
            String text = truth.computeIfAbsent(id, k -> "text of " + k);
            String got = lookup(memo, key, text);
            if (got != null) {
                hits++;
                assertThat(got).isEqualTo(text);
            }
        }
        assertThat(hits).isGreaterThan(1000);
        assertThat(memo.enabled()).isTrue();
    }

    @Test
    void turnsItselfOffWhenFewLookupsHit() {
        TextMemo memo = new TextMemo(8);
        for (long i = 0; i < TextMemo.TRIAL - 1; i++) {
            lookup(memo, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, i).array(), "t");
        }
        assertThat(memo.enabled()).isTrue();
        lookup(memo, new byte[8], "t");
        assertThat(memo.enabled()).isFalse();

        TextMemo repeating = new TextMemo(8);
        for (long i = 0; i < 2L * TextMemo.TRIAL; i++) {
            lookup(repeating, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, i % 3).array(), "t");
        }
        assertThat(repeating.enabled()).isTrue();
        assertThat(repeating.stats()[0]).isEqualTo(2L * TextMemo.TRIAL - 3);
    }

    @Test
    void sizesOutsideItsRangeAreRefused() {
        assertThat(TextMemo.fits(24 * 8)).isTrue();
        assertThat(TextMemo.fits(0)).isFalse();
        assertThat(TextMemo.fits(-1)).isFalse();
        assertThat(TextMemo.fits(12)).as("not whole bytes").isFalse();
        assertThat(TextMemo.fits((TextMemo.MAX_BYTES + 1) * 8L)).isFalse();
        assertThatThrownBy(() -> new TextMemo(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

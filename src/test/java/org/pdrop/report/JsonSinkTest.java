package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JsonSinkTest {
    @Test
    void listing() throws IOException {
        SinkFixture f = new SinkFixture();
        String out = f.run(new JsonSink(f.outW, ZoneOffset.UTC, false), false);
        Expect.matches(out, "fixture.json.expect");
        assertValidJsonLines(out);
        assertThat(out.lines()).first().asString().startsWith("{\"type\":\"trace\"");
        assertThat(out.lines()).last().asString().startsWith("{\"type\":\"end\"");
        assertThat(out).contains("{\"type\":\"loss\",\"kind\":\"discarded-events\",\"count\":17,");
        assertThat(f.err.toString()).isEmpty();
    }

    @Test
    void listingWithAllFrees() throws IOException {
        SinkFixture f = new SinkFixture();
        String out = f.run(new JsonSink(f.outW, ZoneOffset.UTC, false), true);
        assertThat(out.lines().filter(l -> l.contains("\"kind\":\"free\""))).hasSize(2);
    }

    @Test
    void bytesAreTheWritersText() throws IOException {
        for (boolean allFrees : new boolean[] {false, true}) {
            SinkFixture chars = new SinkFixture();
            String expected = chars.run(new JsonSink(chars.outW, ZoneOffset.UTC, false), allFrees);
            SinkFixture bytes = new SinkFixture();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            bytes.run(new JsonSink(out, ZoneOffset.UTC, false), allFrees);
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    /** Context values of every kind and strings that need escaping: both ways give the same bytes. */
    @Test
    void bytesAreTheWritersTextForEveryValue() throws IOException {
        java.util.Map<String, Object> ctx = new java.util.LinkedHashMap<>();
        ctx.put("procname", "a\"b\\c\n\t\u0001é€😀");
        ctx.put("tid", Long.MIN_VALUE);
        ctx.put("big", new java.math.BigInteger("18446744073709551615"));
        ctx.put("f", 1.5e-7);
        ctx.put("nan", Double.NaN);
        ctx.put("inf", Double.NEGATIVE_INFINITY);
        ctx.put("int", 42);
        ctx.put("none", null);
        ctx.put("other", java.util.List.of(1, 2));
        org.pdrop.drops.Site odd = new org.pdrop.drops.Site(-1L, "sym\"bol", 0, "mod\\ule");
        java.util.List<org.pdrop.drops.DropEvent> events = java.util.List.of(
                new org.pdrop.drops.DropEvent(-1L, 0, 0, odd, -1, null, org.pdrop.drops.DropEvent.Kind.DROP,
                        "skb_kfree", org.pdrop.drops.ContextFields.of(ctx), "str\"eam"),
                new org.pdrop.drops.DropEvent(Long.MAX_VALUE, Integer.MAX_VALUE, -1L, null, 65535,
                        new org.pdrop.drops.Reason(-5, "R\u00e9", "src", true, true, true),
                        org.pdrop.drops.DropEvent.Kind.FREE, "skb_consume", org.pdrop.drops.ContextFields.EMPTY, "s"));
        java.io.StringWriter chars = new java.io.StringWriter();
        JsonSink viaWriter = new JsonSink(chars, ZoneOffset.UTC, false);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        JsonSink viaBytes = new JsonSink(bytes, java.time.ZoneOffset.UTC, false);
        for (org.pdrop.drops.DropEvent e : events) {
            viaWriter.event(e);
            viaBytes.event(e);
        }
        viaWriter.flush();
        viaBytes.flush();
        assertThat(chars.toString()).contains("\"nan\":\"NaN\"").contains("\"big\":18446744073709551615");
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(chars.toString());
        assertValidJsonLines(chars.toString());
    }

    @Test
    void summary() throws IOException {
        SinkFixture f = new SinkFixture();
        String out = f.run(new JsonSink(f.outW, ZoneOffset.UTC, true), false);
        Expect.matches(out, "fixture.summary.json.expect");
        assertValidJsonLines(out);
        assertThat(out.lines()).hasSize(2);
        assertThat(out).doesNotContain("\"type\":\"event\"");
    }

    /** Every line is one complete JSON object with a string "type" first. */
    static void assertValidJsonLines(String out) throws IOException {
        JsonFactory jf = new JsonFactory();
        for (String line : out.lines().toList()) {
            try (JsonParser p = jf.createParser(line)) {
                assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                assertThat(p.nextFieldName()).isEqualTo("type");
                assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
                p.skipChildren();
                int depth = 1;
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        depth++;
                    } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                        depth--;
                    }
                }
                assertThat(depth).as(line).isZero();
            }
        }
    }
}

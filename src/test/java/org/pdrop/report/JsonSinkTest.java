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

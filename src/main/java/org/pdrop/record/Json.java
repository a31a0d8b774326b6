package org.pdrop.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a JSON document into plain Java values: {@code Map<String, Object>} (in document order),
 * {@code List<Object>}, {@code String}, {@code Long}, {@code Double}, {@code Boolean} and
 * {@code null}. Enough for {@code tc -j}; jackson-core's streaming parser does the lexing.
 *
 * <p>A repeated key keeps its last value only if both are equal, else the document is rejected:
 * {@code tc -j -d} prints {@code "mpu"} twice for a tbf with a peak rate, and a qdisc pdrop cannot
 * read unambiguously must not be one it claims to restore.
 */
final class Json {
    static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    static Object parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("empty JSON document");
            }
            Object value = read(p, first);
            if (p.nextToken() != null) {
                throw new IOException("trailing data after the JSON document");
            }
            return value;
        }
    }

    private static Object read(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    Object value = read(p, p.nextToken());
                    if (map.containsKey(key) && !Objects.equals(map.get(key), value)) {
                        throw new IOException("key \"" + key + "\" appears twice with different values");
                    }
                    map.put(key, value);
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(read(p, t));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }
}

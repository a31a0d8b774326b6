package org.pdrop.drops;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context fields an event carried ({@code procname}, {@code tid}, {@code pid}, {@code vtid},
 * ... whatever {@code lttng add-context} recorded), in trace order. Values are {@link Long},
 * {@link java.math.BigInteger} (unsigned 64-bit values above {@code Long.MAX_VALUE}), {@link Double}
 * or {@link String}. The names array is shared by every event of one event class.
 */
public final class ContextFields {
    public static final ContextFields EMPTY = new ContextFields(new String[0], new Object[0]);

    private final String[] names;
    private final Object[] values;

    /** Takes ownership of both arrays; {@code names} may be shared, {@code values} must not be. */
    ContextFields(String[] names, Object[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        this.names = names;
        this.values = values;
    }

    /** Builds from an ordered map (tests, hand-made events). */
    public static ContextFields of(Map<String, ?> fields) {
        String[] n = fields.keySet().toArray(new String[0]);
        Object[] v = fields.values().toArray();
        return new ContextFields(n, v);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public Object value(int i) {
        return values[i];
    }

    public List<String> names() {
        return List.of(names);
    }

    /** The value of a field, or null when the event has no such field. */
    public Object get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** The {@code procname} context, or null. */
    public String procname() {
        Object v = get("procname");
        return v == null ? null : v.toString();
    }

    /** An integer field, or {@code Long.MIN_VALUE} when absent or not an integer. */
    public long longValue(String name) {
        Object v = get(name);
        return v instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], values[i]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContextFields c && Arrays.equals(names, c.names) && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}

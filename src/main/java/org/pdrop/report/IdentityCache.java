package org.pdrop.report;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Output text made once per object, for sinks that write the same few objects millions of times.
 * The analysis shares one {@link org.pdrop.drops.Site} and one {@link org.pdrop.drops.Reason}
 * per distinct value, and one String per stream, event and context field name, so a lookup by
 * identity finds them cheaply (no equals, no hashing of their fields). A caller that makes new
 * objects for every event only misses the cache; the size bound keeps that from growing without
 * end. Not thread-safe, as the sinks are not.
 */
final class IdentityCache<K, V> {
    private static final int MAX = 4096;

    private final Map<K, V> map = new IdentityHashMap<>();
    private final Function<K, V> make;

    /** @param make the text of a key; called once per key (again after the cache is cleared) */
    IdentityCache(Function<K, V> make) {
        this.make = make;
    }

    V get(K key) {
        V v = map.get(key);
        if (v == null) {
            if (map.size() >= MAX) {
                map.clear();
            }
            v = make.apply(key);
            map.put(key, v);
        }
        return v;
    }
}

package org.pdrop.ctf.ir;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code stream} block (CTF 1.8 §5) with its event classes. Any scope may be null when the
 * metadata declares none.
 *
 * @param clock the clock that integers mapped in this stream's scopes update, or null
 */
public record StreamClass(long id, StructType packetContext, StructType eventHeader, StructType eventContext,
                          ClockClass clock, List<EventClass> events) {
    public StreamClass {
        events = List.copyOf(events);
    }

    /** Event classes by id (a fresh map; callers that need speed build their own index once). */
    public Map<Long, EventClass> eventsById() {
        Map<Long, EventClass> m = new TreeMap<>();
        for (EventClass e : events) {
            m.put(e.id(), e);
        }
        return m;
    }
}

package org.pdrop.ctf.ir;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole metadata of one trace, resolved and validated: what the decoders are compiled from.
 *
 * @param env     the {@code env} block in declaration order; values are {@code String} or {@code Long}
 * @param streams stream classes in declaration order
 */
public record TraceClass(int major, int minor, UUID uuid, ByteOrder byteOrder, StructType packetHeader,
                         Map<String, Object> env, List<ClockClass> clocks, List<StreamClass> streams) {
    public TraceClass {
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        clocks = List.copyOf(clocks);
        streams = List.copyOf(streams);
    }

    public StreamClass stream(long id) {
        for (StreamClass s : streams) {
            if (s.id() == id) {
                return s;
            }
        }
        return null;
    }

    public String envString(String key) {
        Object v = env.get(key);
        return v == null ? null : v.toString();
    }
}

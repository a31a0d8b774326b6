package org.pdrop.record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One queueing discipline as {@code tc -j -d -r qdisc show dev IFACE} prints it.
 *
 * @param handle {@code "5:"}; {@code "0:"} for a qdisc the kernel attached by itself (the default
 *     root, and the children of a default {@code mq}): a qdisc added with {@code tc} always gets a
 *     non-zero handle, chosen by the kernel ({@code 8001:}, ...) when none is given
 * @param parent {@code null} for the root qdisc
 * @param options the kind's {@code options} object as tc prints it
 * @param otherKeys top-level keys besides kind, handle, root, parent, refcnt and options
 *     (a size table, shared blocks, offload flags)
 */
public record Qdisc(String kind, String handle, String parent, boolean root, Map<String, Object> options,
        Set<String> otherKeys) {
    private static final Set<String> KNOWN_KEYS = Set.of("kind", "handle", "root", "parent", "refcnt", "options");
    /** Counters that change while a qdisc runs; not part of its configuration. */
    private static final Set<String> COUNTERS = Set.of("direct_packets_stat");

    public Qdisc {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(handle, "handle");
        options = frozen(options);
        otherKeys = Set.copyOf(otherKeys);
    }

    /** Parses the whole output of {@code tc -j qdisc show dev IFACE}. */
    static List<Qdisc> parseList(String json) {
        Object doc;
        try {
            doc = Json.parse(json);
        } catch (IOException e) {
            throw new RecordException("Cannot read the output of tc -j: " + e.getMessage(), e);
        }
        if (!(doc instanceof List<?> list)) {
            throw new RecordException("Cannot read the output of tc -j: expected a JSON array");
        }
        List<Qdisc> qdiscs = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || !(map.get("kind") instanceof String kind)
                    || !(map.get("handle") instanceof String handle)) {
                throw new RecordException("Cannot read the output of tc -j: a qdisc without kind or handle");
            }
            Map<String, Object> options = new LinkedHashMap<>();
            if (map.get("options") instanceof Map<?, ?> opts) {
                opts.forEach((k, v) -> options.put((String) k, v));
            }
            Set<String> other = map.keySet().stream().map(String.class::cast)
                    .filter(k -> !KNOWN_KEYS.contains(k)).collect(Collectors.toSet());
            qdiscs.add(new Qdisc(kind, handle, map.get("parent") instanceof String p ? p : null,
                    Boolean.TRUE.equals(map.get("root")), options, other));
        }
        return qdiscs;
    }

    /** The root qdisc in {@code qdiscs}, or {@code null} (a device that is down has none). */
    static Qdisc root(List<Qdisc> qdiscs) {
        return qdiscs.stream().filter(Qdisc::root).findFirst().orElse(null);
    }

    /** Attached by the kernel, not by a tc command. */
    public boolean isDefault() {
        return handle.equals("0:");
    }

    /**
     * Part of the egress tree that a new root qdisc replaces; ingress and clsact (parent
     * {@code ffff:fff1}) are not.
     */
    boolean inRootTree() {
        return root || !(kind.equals("ingress") || kind.equals("clsact")
                || (parent != null && parent.startsWith("ffff:")));
    }

    /** Same kind, handle and configuration (counters ignored). */
    boolean sameConfiguration(Qdisc other) {
        return kind.equals(other.kind) && handle.equals(other.handle) && configuration().equals(other.configuration())
                && otherKeys.equals(other.otherKeys);
    }

    private Map<String, Object> configuration() {
        Map<String, Object> config = new HashMap<>(options);
        config.keySet().removeAll(COUNTERS);
        return config;
    }

    /** {@code tbf 5: {rate=125000, burst_raw=3e8000, limit=10000}}, for messages. */
    public String describe() {
        Map<String, Object> config = new LinkedHashMap<>(options);
        config.keySet().removeAll(COUNTERS);
        return kind + " " + handle + (config.isEmpty() ? "" : " " + config)
                + (parent == null ? "" : " parent " + parent);
    }

    /** The JSON-ready view for {@code pdrop-record.json}. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind);
        map.put("handle", handle);
        map.put("options", options);
        return map;
    }

    /** A deep, unmodifiable copy of a parsed JSON object. */
    private static Map<String, Object> frozen(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put((String) k, frozenValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozenValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return frozen(m);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(x -> copy.add(frozenValue(x)));
            return Collections.unmodifiableList(copy);
        }
        return v;
    }
}

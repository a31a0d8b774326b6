package org.pdrop.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which kernel events {@code --events} enables. The names are LTTng's (lttng-modules renames some
 * kernel tracepoints: {@code skb:kfree_skb} is {@code skb_kfree}, {@code net:netif_rx} is
 * {@code net_if_rx}).
 */
public enum EventSet {
    /** Frees of packets: drops ({@code skb_kfree}) and normal frees ({@code skb_consume}). */
    DROPS(List.of("skb_kfree", "skb_consume")),
    /**
     * Drops plus the packet path through devices, so drops can later be joined to a device and a
     * flow by skb address: queueing and transmission ({@code net_dev_queue}, {@code net_dev_xmit}),
     * reception ({@code net_if_receive_skb}, {@code net_if_rx}) and NAPI polling ({@code napi_poll}).
     */
    NET(List.of("skb_kfree", "skb_consume", "net_dev_queue", "net_dev_xmit", "net_if_receive_skb",
            "net_if_rx", "napi_poll")),
    /**
     * Every kernel tracepoint ({@code --all --tracepoint}), but no system calls: in LTTng 2.13
     * {@code --all} alone also enables every system call. Large traces.
     */
    ALL(List.of());

    private final List<String> events;

    EventSet(List<String> events) {
        this.events = events;
    }

    /** As written on the command line: {@code drops}, {@code net}, {@code all}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventSet fromLabel(String label) {
        for (EventSet set : values()) {
            if (set.label().equals(label)) {
                return set;
            }
        }
        throw new IllegalArgumentException("expected drops, net or all, got '" + label + "'");
    }

    /** The events {@code lttng list -k} must show before recording; all sets need the drop events. */
    public List<String> requiredEvents() {
        return this == ALL ? DROPS.events : events;
    }

    /** The event arguments of {@code lttng enable-event -k -s SESSION ...}. */
    public List<String> enableArguments() {
        if (this == ALL) {
            return List.of("--all", "--tracepoint");
        }
        return List.of(String.join(",", events));
    }

    /** The events as recorded in {@code pdrop-record.json}. */
    public List<String> describe() {
        List<String> list = new ArrayList<>(events);
        if (this == ALL) {
            list.add("all kernel tracepoints");
        }
        return List.copyOf(list);
    }
}

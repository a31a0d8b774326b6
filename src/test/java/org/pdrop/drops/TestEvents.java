package org.pdrop.drops;

import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-made drop events for unit tests. */
public final class TestEvents {
    /** 2026-11-26 12:39:30 UTC in ns. */
    public static final long T0 = 1_795_696_770_000_000_000L;

    private TestEvents() {
    }

    public static Site site(long address, String symbol, long offset) {
        return new Site(address, symbol, offset, null);
    }

    public static Reason reason(long value, String name) {
        return new Reason(value, name, name == null ? Reason.NUMBER : Reason.SHIPPED_TABLE, false, false,
                "NOT_DROPPED_YET".equals(name) || "CONSUMED".equals(name));
    }

    public static ContextFields context(String procname, long tid) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("procname", procname);
        m.put("tid", tid);
        m.put("pid", tid);
        return ContextFields.of(m);
    }

    public static DropEvent drop(long ns, int cpu, Site site, int protocol, Reason reason, ContextFields ctx) {
        return new DropEvent(ns, cpu, 0xff3c912789c51600L, site, protocol, reason, DropEvent.Kind.DROP, "skb_kfree",
                ctx, "kernel/channel0_" + Math.max(cpu, 0));
    }

    public static DropEvent consume(long ns, int cpu, ContextFields ctx) {
        return new DropEvent(ns, cpu, 0xff3c912789c3a300L, null, -1, null, DropEvent.Kind.FREE, "skb_consume", ctx,
                "kernel/channel0_" + Math.max(cpu, 0));
    }
}

package org.pdrop.drops.reasons;

import java.util.Locale;

/**
 * Facts about {@code enum skb_drop_reason} that hold on every kernel, and name normalisation.
 *
 * <p>Two members of the enum are not drops: {@code SKB_NOT_DROPPED_YET} (0 since it exists) and
 * {@code SKB_CONSUMED} (added after 6.1, value 1 in 6.12 and 7.x). The kernel frees consumed packets through
 * the {@code consume_skb} tracepoint, but the analysis must never count either name as a drop if
 * one shows up in {@code skb_kfree}. {@code MAX} is the enum's end marker, not a reason.
 */
public final class DropReasons {

    /** Enum member meaning "not dropped (yet)". */
    public static final String NOT_DROPPED_YET = "NOT_DROPPED_YET";
    /** Enum member meaning "consumed normally" (kernels after 6.1). */
    public static final String CONSUMED = "CONSUMED";
    /** Enum end marker; its value is the number of core reasons of that kernel. */
    public static final String MAX = "MAX";
    /** The generic drop reason. */
    public static final String NOT_SPECIFIED = "NOT_SPECIFIED";

    /** Bits of a reason value that select a subsystem (kernel 6.4+, {@code SKB_DROP_REASON_SUBSYS_MASK}). */
    public static final long SUBSYS_MASK = 0xffff0000L;
    /** Shift of the subsystem number inside a reason value ({@code SKB_DROP_REASON_SUBSYS_SHIFT}). */
    public static final int SUBSYS_SHIFT = 16;
    /** Number of bits LTTng keeps of the reason ({@code ctf_enum(skb_drop_reason, uint8_t, ...)}). */
    public static final int LTTNG_REASON_BITS = 8;

    private static final String REASON_PREFIX = "SKB_DROP_REASON_";
    private static final String SKB_PREFIX = "SKB_";

    private DropReasons() {
    }

    /**
     * True for names that mean the packet was not dropped: {@code NOT_DROPPED_YET} and
     * {@code CONSUMED}, in any spelling that {@link #normalizeName} accepts.
     */
    public static boolean isNotADrop(String name) {
        if (name == null) {
            return false;
        }
        String n = normalizeName(name);
        return n.equals(NOT_DROPPED_YET) || n.equals(CONSUMED);
    }

    /**
     * Brings a reason name to the form the tracepoint prints: trimmed, upper case, one leading
     * underscore removed (CTF 1.8 escaping) and the {@code SKB_DROP_REASON_} prefix removed.
     * {@code SKB_NOT_DROPPED_YET} and {@code SKB_CONSUMED} lose their {@code SKB_} prefix; other
     * names keep it, since {@code SKB_CSUM}, {@code SKB_GSO_SEG} and {@code SKB_UCOPY_FAULT} are
     * real reason names.
     */
    public static String normalizeName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.startsWith("_")) {
            n = n.substring(1);
        }
        if (n.startsWith(REASON_PREFIX)) {
            return n.substring(REASON_PREFIX.length());
        }
        // only the two non-drop members have the bare SKB_ prefix; SKB_CSUM etc. are reason names
        if (n.equals(SKB_PREFIX + NOT_DROPPED_YET) || n.equals(SKB_PREFIX + CONSUMED)) {
            return n.substring(SKB_PREFIX.length());
        }
        return n;
    }
}

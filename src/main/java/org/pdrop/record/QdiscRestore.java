package org.pdrop.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code tc} arguments that recreate a saved root qdisc exactly, or why that is impossible.
 *
 * <p>Only what pdrop can recreate from {@code tc -j -d -r qdisc show} alone is supported, and only
 * when every option tc printed is understood: {@code pfifo}, {@code bfifo} and
 * {@code pfifo_head_drop} (limit), {@code pfifo_fast} (with the kernel's default priomap),
 * {@code tbf} (rate, burst, limit, mpu, overhead, link layer; no peak rate, which tc's JSON omits)
 * and {@code htb} (r2q, default class, direct_qlen) without classes. Anything else, or a qdisc
 * with classes, filters or child qdiscs, is refused before anything is changed.
 *
 * <p>tbf needs care: tc prints the burst rounded ({@code "burst":3332} for a {@code burst 3333}),
 * but also the kernel's own value in 64 ns ticks ({@code burst_raw}). {@link #tbfBurstBytes}
 * finds the byte count that the kernel turns into exactly those ticks, by the kernel's
 * arithmetic ({@code psched_ratecfg_precompute} and {@code psched_l2t_ns} in
 * {@code net/sched/sch_generic.c} and {@code include/net/sch_generic.h}).
 */
final class QdiscRestore {
    /** Raised when a qdisc cannot be recreated exactly; the message says why. */
    static final class NotRestorableException extends Exception {
        NotRestorableException(String reason) {
            super(reason);
        }
    }

    static final String SUPPORTED = "pfifo, bfifo, pfifo_head_drop, pfifo_fast, tbf without a peak rate, "
            + "and htb without classes";
    private static final List<Object> DEFAULT_PRIOMAP = List.of(1L, 2L, 2L, 2L, 1L, 2L, 0L, 0L, 1L, 1L, 1L, 1L,
            1L, 1L, 1L, 1L);
    /** The kernel's time unit for qdisc parameters: 2^6 ns (PSCHED_SHIFT). */
    private static final int PSCHED_SHIFT = 6;

    private QdiscRestore() {
    }

    /**
     * The arguments after {@code tc qdisc replace dev IFACE root}: {@code handle 5: tbf rate ...}.
     */
    static List<String> arguments(Qdisc q) throws NotRestorableException {
        if (q.isDefault()) {
            throw new NotRestorableException("it is the kernel's default qdisc");
        }
        if (!q.otherKeys().isEmpty()) {
            throw new NotRestorableException("tc shows settings pdrop cannot recreate: " + new TreeSet<>(q.otherKeys()));
        }
        List<String> args = new ArrayList<>(List.of("handle", q.handle(), q.kind()));
        Map<String, Object> o = q.options();
        switch (q.kind()) {
            case "pfifo", "bfifo", "pfifo_head_drop" -> {
                onlyKeys(q, Set.of("limit"));
                args.addAll(List.of("limit", Long.toString(number(q, "limit"))));
            }
            case "pfifo_fast" -> {
                onlyKeys(q, Set.of("bands", "priomap", "multiqueue"));
                if (!DEFAULT_PRIOMAP.equals(o.get("priomap")) || !Long.valueOf(3).equals(o.get("bands"))
                        || Boolean.TRUE.equals(o.get("multiqueue"))) {
                    throw new NotRestorableException("its priomap is not the default one, which tc cannot set");
                }
            }
            case "tbf" -> args.addAll(tbf(q));
            case "htb" -> {
                onlyKeys(q, Set.of("r2q", "default", "direct_packets_stat", "ver", "direct_qlen"));
                Object def = o.get("default");
                if (!(def instanceof String s) || !s.matches("(0x)?[0-9a-fA-F]+")) {
                    throw new NotRestorableException("unexpected default class " + def);
                }
                args.addAll(List.of("r2q", Long.toString(number(q, "r2q")),
                        "default", s.startsWith("0x") ? s.substring(2) : s));
                if (o.containsKey("direct_qlen")) {
                    args.addAll(List.of("direct_qlen", Long.toString(number(q, "direct_qlen"))));
                }
            }
            default -> throw new NotRestorableException("pdrop can restore only " + SUPPORTED);
        }
        return List.copyOf(args);
    }

    private static List<String> tbf(Qdisc q) throws NotRestorableException {
        // minburst, mtu and mtu_raw come with a peak rate, whose value tc -j does not print.
        onlyKeys(q, Set.of("rate", "burst", "burst_raw", "mpu", "lat", "limit", "linklayer", "overhead"));
        Map<String, Object> o = q.options();
        long rate = number(q, "rate");
        long limit = number(q, "limit");
        long mpu = o.containsKey("mpu") ? number(q, "mpu") : 0;
        long overhead = o.containsKey("overhead") ? number(q, "overhead") : 0;
        Object linklayer = o.getOrDefault("linklayer", "ethernet");
        boolean atm = "atm".equals(linklayer) || "adsl".equals(linklayer);
        if (!atm && !"ethernet".equals(linklayer)) {
            throw new NotRestorableException("unknown link layer " + linklayer);
        }
        if (!(o.get("burst_raw") instanceof String raw) || !raw.matches("[0-9a-fA-F]{1,8}")) {
            throw new NotRestorableException("tc did not print burst_raw (run with -r)");
        }
        long ticks = Long.parseLong(raw, 16);
        long burst = tbfBurstBytes(rate, ticks, overhead, mpu, atm);
        if (burst < 0) {
            throw new NotRestorableException("no burst in bytes gives exactly its " + ticks + " ticks");
        }
        List<String> args = new ArrayList<>(List.of("rate", Math.multiplyExact(rate, 8) + "bit",
                "burst", Long.toString(burst), "limit", Long.toString(limit)));
        if (mpu != 0) {
            args.addAll(List.of("mpu", Long.toString(mpu)));
        }
        if (overhead != 0) {
            args.addAll(List.of("overhead", Long.toString(overhead)));
        }
        if (atm) {
            args.addAll(List.of("linklayer", "atm"));
        }
        return args;
    }

    /**
     * The smallest burst in bytes that a tbf with this rate stores as {@code ticks}, or -1 if none.
     * tc passes the burst in bytes (TCA_TBF_BURST) and the kernel converts it with
     * {@link #lengthToNanos}; the dump divides by 64. Above 125 Mbit/s one tick is more than one
     * byte, so several bursts give the same ticks; the kernel's largest packet size for the tbf
     * (max_size, which no dump shows) may then differ from the original by less than one tick's
     * worth of bytes.
     */
    static long tbfBurstBytes(long rateBytesPerSecond, long ticks, long overhead, long mpu, boolean atm) {
        if (rateBytesPerSecond <= 0) {
            return -1;
        }
        long[] multShift = multShift(rateBytesPerSecond);
        long lo = 0;
        long hi = 0xFFFF_FFFFL;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            long t = lengthToNanos(mid, multShift, overhead, mpu, atm) >>> PSCHED_SHIFT;
            if (Long.compareUnsigned(t, ticks) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (lengthToNanos(lo, multShift, overhead, mpu, atm) >>> PSCHED_SHIFT) == ticks ? lo : -1;
    }

    /** psched_ratecfg_precompute__(): {@code ns = len * mult >> shift} approximates len * 1e9 / rate. */
    static long[] multShift(long rate) {
        long factor = 1_000_000_000L;
        long mult;
        int shift = 0;
        while (true) {
            mult = Long.divideUnsigned(factor, rate) & 0xFFFF_FFFFL; // the kernel stores it in a u32
            if ((mult & (1L << 31)) != 0 || (factor & (1L << 63)) != 0) {
                break;
            }
            factor <<= 1;
            shift++;
        }
        return new long[] {mult, shift};
    }

    /** psched_l2t_ns(): transmission time of {@code len} bytes in ns. */
    static long lengthToNanos(long len, long[] multShift, long overhead, long mpu, boolean atm) {
        long l = (len + overhead) & 0xFFFF_FFFFL; // unsigned int arithmetic
        if (l < mpu) {
            l = mpu;
        }
        if (atm) {
            l = (((l + 47) / 48) * 53) & 0xFFFF_FFFFL;
        }
        return (l * multShift[0]) >>> multShift[1];
    }

    private static void onlyKeys(Qdisc q, Set<String> known) throws NotRestorableException {
        Set<String> unknown = new TreeSet<>(q.options().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new NotRestorableException("tc shows " + q.kind() + " options pdrop cannot recreate: " + unknown);
        }
    }

    private static long number(Qdisc q, String key) throws NotRestorableException {
        if (q.options().get(key) instanceof Long n && n >= 0) {
            return n;
        }
        throw new NotRestorableException("its " + key + " is missing or not a number: " + q.options().get(key));
    }
}

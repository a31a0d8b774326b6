package org.pdrop.drops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Names for {@code skb->protocol}, the EtherType in host order, as the {@code protocol} field of
 * {@code skb_kfree} holds it. The values are the {@code ETH_P_*} constants of the kernel's
 * {@code include/uapi/linux/if_ether.h}; names are short and the usual ones where one exists
 * ({@code IPv4}, not {@code IP}).
 *
 * <p>LTTng 2.7 and later record the field in network byte order and say so in the metadata
 * ({@code byte_order = be}); 2.2–2.6 stored {@code ntohs(skb->protocol)} in native order. Either
 * way a CTF reader yields the same host value, so no swapping happens here.
 */
public final class Protocols {
    private static final Map<Integer, String> NAMES;
    private static final Map<String, Integer> BY_NAME;

    static {
        Map<Integer, String> m = new LinkedHashMap<>();
        // 0 is no EtherType: the skb's protocol was never set (local sockets, some teardown paths).
        m.put(0x0000, "none");
        m.put(0x0001, "802.3");
        m.put(0x0002, "AX.25");
        m.put(0x0003, "ALL");
        m.put(0x0004, "802.2");
        m.put(0x0005, "SNAP");
        m.put(0x0006, "DDCMP");
        m.put(0x0007, "WAN-PPP");
        m.put(0x0008, "PPP-MP");
        m.put(0x0009, "LocalTalk");
        m.put(0x000C, "CAN");
        m.put(0x000D, "CANFD");
        m.put(0x000E, "CANXL");
        m.put(0x0010, "PPPTalk");
        m.put(0x0011, "TR-802.2");
        m.put(0x0015, "Mobitex");
        m.put(0x0016, "Control");
        m.put(0x0017, "IrDA");
        m.put(0x0018, "Econet");
        m.put(0x0019, "HDLC");
        m.put(0x001A, "ARCnet");
        m.put(0x001B, "DSA");
        m.put(0x001C, "Trailer");
        m.put(0x0060, "Loop");
        m.put(0x00F5, "Phonet");
        m.put(0x00F6, "IEEE802.15.4");
        m.put(0x00F7, "CAIF");
        m.put(0x00F8, "XDSA");
        m.put(0x00F9, "MAP");
        m.put(0x00FA, "MCTP");
        m.put(0x0200, "PUP");
        m.put(0x0800, "IPv4");
        m.put(0x0805, "X.25");
        m.put(0x0806, "ARP");
        m.put(0x08FF, "BPQ");
        m.put(0x22F0, "TSN");
        m.put(0x4305, "B.A.T.M.A.N.");
        m.put(0x6558, "TEB");
        m.put(0x8035, "RARP");
        m.put(0x809B, "AppleTalk");
        m.put(0x80F3, "AARP");
        m.put(0x8100, "802.1Q");
        m.put(0x8137, "IPX");
        m.put(0x86DD, "IPv6");
        m.put(0x8808, "Pause");
        m.put(0x8809, "Slow");
        m.put(0x883E, "WCCP");
        m.put(0x8847, "MPLS");
        m.put(0x8848, "MPLS-multicast");
        m.put(0x8863, "PPPoE-discovery");
        m.put(0x8864, "PPPoE");
        m.put(0x888E, "EAPOL");
        m.put(0x8892, "PROFINET");
        m.put(0x88A2, "AoE");
        m.put(0x88A4, "EtherCAT");
        m.put(0x88A8, "802.1ad");
        m.put(0x88B5, "802-EX1");
        m.put(0x88BE, "ERSPAN");
        m.put(0x88C7, "802.11-preauth");
        m.put(0x88CA, "TIPC");
        m.put(0x88CC, "LLDP");
        m.put(0x88E3, "MRP");
        m.put(0x88E5, "MACsec");
        m.put(0x88E7, "802.1ah");
        m.put(0x88F5, "MVRP");
        m.put(0x88F7, "PTP");
        m.put(0x88F8, "NC-SI");
        m.put(0x88FB, "PRP");
        m.put(0x8902, "CFM");
        m.put(0x8906, "FCoE");
        m.put(0x890D, "TDLS");
        m.put(0x8914, "FIP");
        m.put(0x8915, "RoCE");
        m.put(0x892F, "HSR");
        m.put(0x894F, "NSH");
        m.put(0x9000, "Loopback");
        m.put(0x9100, "QinQ1");
        m.put(0xDADA, "EDSA");
        m.put(0xED3E, "IFE");
        NAMES = Collections.unmodifiableMap(m);
        Map<String, Integer> byName = new LinkedHashMap<>();
        m.forEach((v, n) -> byName.put(n.toLowerCase(Locale.ROOT), v));
        // Common spellings people type.
        byName.put("ip", 0x0800);
        byName.put("ipv4", 0x0800);
        byName.put("ip6", 0x86DD);
        byName.put("vlan", 0x8100);
        byName.put("8021q", 0x8100);
        byName.put("qinq", 0x88A8);
        byName.put("8021ad", 0x88A8);
        byName.put("mpls", 0x8847);
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private Protocols() {
    }

    /** The name of an EtherType, or null when pdrop knows none (or for -1, "no field"). */
    public static String name(int protocol) {
        return NAMES.get(protocol);
    }

    /** The name, else {@code 0x%04x}; {@code -} for -1 ("the event has no protocol field"). */
    public static String label(int protocol) {
        if (protocol < 0) {
            return "-";
        }
        String n = NAMES.get(protocol);
        return n != null ? n : String.format(Locale.ROOT, "0x%04x", protocol);
    }

    /**
     * Reads a protocol as a user types it: a name ({@code ipv4}, {@code IPv6}, {@code arp},
     * {@code vlan}; case-insensitive) or a number ({@code 2048}, {@code 0x0800}).
     */
    public static OptionalInt parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return OptionalInt.empty();
        }
        Integer byName = BY_NAME.get(t.toLowerCase(Locale.ROOT));
        if (byName != null) {
            return OptionalInt.of(byName);
        }
        try {
            int v = t.startsWith("0x") || t.startsWith("0X")
                    ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
            return v >= 0 && v <= 0xFFFF ? OptionalInt.of(v) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}

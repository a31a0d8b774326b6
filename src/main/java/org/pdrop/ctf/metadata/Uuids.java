package org.pdrop.ctf.metadata;

import java.util.UUID;

/** Strict parsing of the textual UUIDs of TSDL (CTF 1.8 §7.1): exactly 8-4-4-4-12 hexadecimal digits. */
final class Uuids {
    private Uuids() {
    }

    /** The UUID written in {@code s}, or null when {@code s} is not in the canonical form. */
    static UUID parse(String s) {
        if (s.length() != 36) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') {
                return null;
            }
            if (digits < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
            digits++;
        }
        return new UUID(hi, lo);
    }
}

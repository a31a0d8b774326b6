package org.pdrop.report;

/**
 * Addresses as {@link org.pdrop.drops.Site#hex(long)} spells them ({@code 0x} and lower-case hex
 * without leading zeros), written into a byte buffer as ASCII: every event has an {@code skbaddr} of its
 * own, and the String that {@code "0x" + Long.toHexString(a)} builds is garbage right away.
 */
final class HexText {
    /** Longest text: {@code 0x} and 16 digits. */
    static final int MAX = 18;

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HexText() {
    }

    /**
     * Writes {@code address} at {@code buf[0]}.
     *
     * @return the number of bytes written
     */
    static int write(long address, byte[] buf) {
        return write(address, buf, 0);
    }

    /** {@link #write(long, byte[])} at {@code buf[at]} (with {@link #MAX} bytes of room). */
    static int write(long address, byte[] buf, int at) {
        // Digits after "0x": at least one, so that 0 is "0x0".
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(address) + 3) / 4);
        buf[at] = '0';
        buf[at + 1] = 'x';
        int end = at + 2 + digits;
        long v = address;
        for (int i = end - 1; i >= at + 2; i--) {
            buf[i] = DIGITS[(int) (v & 0xF)];
            v >>>= 4;
        }
        return end - at;
    }
}

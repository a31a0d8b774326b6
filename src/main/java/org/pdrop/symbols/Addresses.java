package org.pdrop.symbols;

/**
 * Formatting of kernel addresses, which are unsigned 64-bit values held in a {@code long}.
 */
public final class Addresses {
    private Addresses() {
    }

    /**
     * {@code 0x} and lower-case hexadecimal without leading zeros, as Python's {@code hex()} wrote
     * addresses in the seed's output ({@code 0xffffffffabd16e90}, {@code 0x0}).
     */
    public static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}

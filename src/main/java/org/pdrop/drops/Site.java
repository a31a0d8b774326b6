package org.pdrop.drops;

import java.util.Objects;
import org.pdrop.symbols.Addresses;

/**
 * A code address where an skb was freed (the {@code location} field of {@code skb_kfree}) and the
 * kernel symbol that covers it, if any.
 *
 * @param address the address, unsigned 64-bit in a {@code long}
 * @param symbol  the nearest symbol at or below the address, or null when none covers it
 * @param offset  address minus the symbol's address (unsigned); 0 when {@code symbol} is null
 * @param module  the module of the symbol ({@code nf_tables}), or null for vmlinux or unknown
 */
public record Site(long address, String symbol, long offset, String module) {

    /** An address no symbol covers. */
    public static Site unresolved(long address) {
        return new Site(address, null, 0, null);
    }

    public boolean resolved() {
        return symbol != null;
    }

    // equals and hashCode as a record's, written out: sites are map keys on the merging thread for
    // every drop, and the generated ones go through method handles that C1 alone (the JIT of runs
    // under 3 GB) does not inline.
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Site s && address == s.address && offset == s.offset
                && Objects.equals(symbol, s.symbol) && Objects.equals(module, s.module);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(address);
        h = 31 * h + Objects.hashCode(symbol);
        h = 31 * h + Long.hashCode(offset);
        return 31 * h + Objects.hashCode(module);
    }

    /** {@code 0x} plus lower-case hex, as the seed printed it. */
    public String hex() {
        return Addresses.hex(address);
    }

    /** Any address ({@code skbaddr}) formatted like {@link #hex()}. */
    public static String hex(long address) {
        return Addresses.hex(address);
    }

    /** {@code name+offset} (decimal offset) as the seed printed it, or null when unresolved. */
    public String symbolAndOffset() {
        return symbol == null ? null : symbol + '+' + Long.toUnsignedString(offset);
    }

    /** {@code name+offset [module]}, or the hex address when unresolved: for enhanced outputs. */
    public String label() {
        if (symbol == null) {
            return hex();
        }
        return module == null ? symbolAndOffset() : symbolAndOffset() + " [" + module + ']';
    }
}

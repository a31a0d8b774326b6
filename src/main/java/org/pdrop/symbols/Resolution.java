package org.pdrop.symbols;

import java.util.Objects;

/**
 * An address resolved to the symbol at or below it.
 *
 * @param symbol the nearest symbol at or below the address
 * @param offset the address minus the symbol's address, in bytes; never negative, formatted unsigned
 */
public record Resolution(Symbol symbol, long offset) {
    public Resolution {
        Objects.requireNonNull(symbol, "symbol");
    }

    /** {@code name+offset} with a decimal offset, exactly as the seed printed it. */
    public String format() {
        return symbol.name() + '+' + Long.toUnsignedString(offset);
    }

    /**
     * {@code name+offset [module]} for enhanced outputs; identical to {@link #format()} for vmlinux
     * symbols, so that only module code gets the suffix.
     */
    public String formatWithModule() {
        return symbol.module() == null ? format() : format() + " [" + symbol.module() + ']';
    }
}

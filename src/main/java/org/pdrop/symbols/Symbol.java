package org.pdrop.symbols;

import java.util.Objects;

/**
 * One kernel symbol: a name at an address, in vmlinux or in a loadable module.
 *
 * @param name    the symbol name (third column of kallsyms)
 * @param module  the module name without brackets ({@code nf_tables}), or {@code null} for vmlinux
 *                and for {@code System.map} symbols
 * @param address the address, an unsigned 64-bit value (kernel addresses have the top bit set)
 */
public record Symbol(String name, String module, long address) {
    public Symbol {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Cannot create symbol: reason=\"empty name\"");
        }
    }
}

/**
 * Kernel symbol resolution for drop locations: turns an address such as {@code 0xffffffffabbc0afe}
 * into {@code kfree_skb_list_reason+30}.
 *
 * <p>{@link org.pdrop.symbols.KallsymsParser} reads a copy of {@code /proc/kallsyms} or a
 * {@code System.map} into an immutable {@link org.pdrop.symbols.SymbolTable}, which resolves
 * addresses by binary search. The default rule reproduces the seed tool's output exactly; see
 * {@link org.pdrop.symbols.ResolutionRule}. This package imports nothing but the JDK.
 */
package org.pdrop.symbols;

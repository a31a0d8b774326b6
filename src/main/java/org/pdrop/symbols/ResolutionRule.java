package org.pdrop.symbols;

/**
 * Which symbols may resolve an address, and which one wins when several share an address.
 */
public enum ResolutionRule {
    /**
     * The seed's rule, and the default: every line of the file counts, whatever its type (data,
     * absolute and mapping symbols included), module names are ignored for ordering, and among
     * symbols at the same address the one whose name is greatest in code-point order wins. That is
     * what sorting {@code (address, name)} tuples and taking the last entry at or below the address
     * gives, which is what the seed did. pdrop's default output must stay byte-identical to the seed's.
     */
    SEED,

    /**
     * For code addresses such as drop locations: only text symbols (types {@code t T w W}) count, so
     * absolute symbols ({@code A a}, e.g. per-cpu offsets at 0) and data symbols never win, and
     * neither do ARM mapping symbols ({@code $x}, {@code $d}, any {@code $}-prefixed name). Among
     * eligible symbols at one address: strong ({@code t T}) before weak ({@code w W}), then names
     * without the {@code __pfx_}/{@code __cfi_} padding prefixes, then, as in {@link #SEED}, the
     * greatest name; so whenever the seed's choice is eligible and preferred, both rules agree.
     */
    CODE
}

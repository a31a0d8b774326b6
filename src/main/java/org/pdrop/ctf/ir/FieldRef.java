package org.pdrop.ctf.ir;

import java.util.List;

/**
 * A reference from a sequence (its length) or a variant (its tag) to a field decoded before it
 * (CTF 1.8 §7.3). Built from the metadata text by the parser ({@code scope} null, {@code path}
 * empty); the resolve pass fills in the scope and the index path from the scope's root struct.
 *
 * @param text  the reference as written, e.g. {@code len} or {@code stream.event.context.x.len}
 * @param scope the scope holding the target, or null while unresolved
 * @param path  member/option indexes from that scope's root structure to the target; array and
 *              sequence levels take no index (follow the element type: the target then sits in the
 *              element being decoded, which {@link ResolveFieldRefsPass} only allows when the referrer
 *              is in the same element)
 */
public record FieldRef(String text, Scope scope, List<Integer> path) {
    public FieldRef {
        path = List.copyOf(path);
    }

    public static FieldRef unresolved(String text) {
        return new FieldRef(text, null, List.of());
    }

    public boolean resolved() {
        return scope != null;
    }
}

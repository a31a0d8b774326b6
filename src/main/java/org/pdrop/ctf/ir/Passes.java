package org.pdrop.ctf.ir;

/**
 * Runs the IR passes in order on a raw trace class from the metadata builder (or built by hand):
 * {@link ResolveFieldRefsPass}, {@link MapClocksPass}, {@link AssignRolesPass}, {@link ValidatePass}.
 * The result is what decoders are compiled from.
 */
public final class Passes {
    private Passes() {
    }

    public static TraceClass apply(TraceClass raw, PassContext ctx) {
        TraceClass tc = ResolveFieldRefsPass.apply(raw, ctx);
        tc = MapClocksPass.apply(tc, ctx);
        tc = AssignRolesPass.apply(tc, ctx);
        return ValidatePass.apply(tc, ctx);
    }
}

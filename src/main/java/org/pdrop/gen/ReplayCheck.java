package org.pdrop.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRef;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.SequenceType;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.VariantType;

/**
 * Whether an event's body (stream event context, event context, payload: CTF 1.8 §6) can be
 * copied as raw bytes to another place of another packet and still decode the same. It can when
 * its layout depends on nothing but its own bytes and its start within a byte:
 *
 * <ul>
 * <li>no field is aligned to more than 8 bits (padding would change with the position);</li>
 * <li>sequence lengths and variant tags refer to fields of the body itself, not to the header or
 * the packet context;</li>
 * <li>no integer maps to a clock and no field has a role (the copy would move the clock or change
 * what the decoder remembers of the packet).</li>
 * </ul>
 *
 * LTTng's kernel metadata meets all three; the generator refuses templates that do not.
 */
final class ReplayCheck {
    private static final Set<Scope> BODY = Set.of(Scope.EVENT_COMMON_CONTEXT, Scope.EVENT_SPECIFIC_CONTEXT,
            Scope.EVENT_PAYLOAD);

    private ReplayCheck() {
    }

    /** What prevents replaying bodies of {@code events} of {@code sc}, one line each; empty when nothing does. */
    static List<String> problems(StreamClass sc, List<EventClass> events) {
        List<String> out = new ArrayList<>();
        check(sc.eventContext(), "stream.event.context", out);
        for (EventClass e : events) {
            String name = "event \"" + e.name() + "\" (id " + e.id() + ")";
            check(e.context(), name + " event.context", out);
            check(e.payload(), name + " event.fields", out);
        }
        return out;
    }

    private static void check(FieldType t, String where, List<String> out) {
        if (t == null) {
            return;
        }
        if (t.alignBits() > 8) {
            out.add(where + ": aligned to " + t.alignBits() + " bits (more than 8)");
        }
        if (t instanceof IntType it) {
            if (it.mappedClock() != null) {
                out.add(where + ": maps to clock " + it.mappedClock());
            }
        } else if (t instanceof EnumType et) {
            check(et.container(), where, out);
        } else if (t instanceof StructType st) {
            for (Field f : st.fields()) {
                String w = where + "." + f.name();
                if (f.role() != FieldRole.NONE) {
                    out.add(w + ": has role " + f.role());
                }
                check(f.type(), w, out);
            }
        } else if (t instanceof VariantType vt) {
            checkRef(vt.tag(), where, "variant tag", out);
            for (Field f : vt.options()) {
                check(f.type(), where + "." + f.name(), out);
            }
        } else if (t instanceof ArrayType at) {
            check(at.element(), where + "[]", out);
        } else if (t instanceof SequenceType sq) {
            checkRef(sq.length(), where, "sequence length", out);
            check(sq.element(), where + "[]", out);
        }
    }

    private static void checkRef(FieldRef ref, String where, String what, List<String> out) {
        if (ref.scope() == null || !BODY.contains(ref.scope())) {
            out.add(where + ": " + what + " " + ref.text() + " is outside the event body");
        }
    }
}

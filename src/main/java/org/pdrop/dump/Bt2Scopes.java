package org.pdrop.dump;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.Encoding;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRef;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.FloatType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.SequenceType;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StringType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.VariantType;

/**
 * Decides which fields of a stream class Babeltrace 2.0 keeps in its trace IR, and so prints,
 * and compiles the printers of the kept ones. The rule is that of
 * {@code ctf-meta-update-in-ir.c} (with the meanings of {@code ctf-meta-update-meanings.c}):
 *
 * <ul>
 *   <li>an integer or enumeration is kept unless it is mapped to a clock or has a special
 *       meaning (packet context {@code timestamp_begin}, {@code timestamp_end},
 *       {@code events_discarded}, {@code packet_seq_num}, {@code packet_size},
 *       {@code content_size}); it is kept anyway when a kept sequence uses it as its length or a
 *       kept variant as its tag;</li>
 *   <li>a structure is kept when it was declared empty or keeps a member;</li>
 *   <li>a variant is kept when it keeps an option, and then keeps all its options (an option
 *       whose members are all dropped prints as {@code { }});</li>
 *   <li>an array or sequence is kept when its element is;</li>
 *   <li>floats and strings are kept; the event header and packet header never are.</li>
 * </ul>
 *
 * Fields are visited in reverse decoding order (event payloads and specific contexts of every
 * event class, then the common context, then the packet context; members last to first) so that
 * a length or tag is known to be needed before it is reached, as Babeltrace does.
 */
final class Bt2Scopes {
    /**
     * Printers of one stream class's scopes; a null printer means the scope is not printed. The
     * value printers ({@link FieldPrinter}) print decoded values; the scope printers
     * ({@link ScopePrinter}) print from the decoder's callbacks. Those of an event class are built
     * at its first use (a kernel trace declares well over a thousand, and prints a few dozen).
     * Printers keep state: one instance per formatter (thread).
     */
    static final class Compiled {
        private final Kept kept;
        private final FieldPrinter packetContext;
        private final FieldPrinter commonContext;
        private final ScopePrinter commonScope;
        private final Map<EventClass, EventPrinters> events = new IdentityHashMap<>();

        Compiled(Kept kept) {
            this.kept = kept;
            this.packetContext = printer(kept.packet);
            this.commonContext = printer(kept.common);
            this.commonScope = scope(kept.common);
        }

        FieldPrinter packetContext() {
            return packetContext;
        }

        FieldPrinter commonContext() {
            return commonContext;
        }

        ScopePrinter commonScope() {
            return commonScope;
        }

        /** The printers of an event class of the stream class, or null for another one. */
        EventPrinters of(EventClass ec) {
            EventPrinters p = events.get(ec);
            if (p == null) {
                Node[] n = kept.events.get(ec);
                if (n == null) {
                    return null;
                }
                p = new EventPrinters(printer(n[0]), printer(n[1]), scope(n[0]), scope(n[1]));
                events.put(ec, p);
            }
            return p;
        }
    }

    /**
     * What Babeltrace keeps of a stream class's scopes: the field trees with their in-IR flags
     * (set by {@link #analyze}, read-only afterwards, so formatters on several threads share it).
     */
    static final class Kept {
        private final Node packet;
        private final Node common;
        /** Per event class: specific context and payload trees (null: absent). */
        private final Map<EventClass, Node[]> events;

        private Kept(Node packet, Node common, Map<EventClass, Node[]> events) {
            this.packet = packet;
            this.common = common;
            this.events = events;
        }
    }

    /** The specific context and payload printers of one event class (null: not printed). */
    record EventPrinters(FieldPrinter specificContext, FieldPrinter payload, ScopePrinter specificScope,
                         ScopePrinter payloadScope) {}

    private static final Set<String> PACKET_MEANINGS = Set.of("timestamp_begin", "timestamp_end",
            "events_discarded", "packet_seq_num", "packet_size", "content_size");

    /** A field class at one position, with its in-IR flag. */
    private static final class Node {
        final FieldType type;
        final Node[] children;
        boolean inIr;

        Node(FieldType type, Node[] children) {
            this.type = type;
            this.children = children;
        }
    }

    /** Keys ({@code scope/event-id/path}) of integers a kept sequence or variant depends on. */
    private final Set<String> dependents = new HashSet<>();
    private long currentEvent;
    private StructType packetContext;

    private Bt2Scopes() {}

    static Compiled compile(StreamClass sc) {
        return new Compiled(analyze(sc));
    }

    /** Decides what Babeltrace keeps of {@code sc} (the costly part, done once per stream class). */
    static Kept analyze(StreamClass sc) {
        return new Bt2Scopes().run(sc);
    }

    private Kept run(StreamClass sc) {
        List<EventClass> events = sc.events();
        Node[][] eventNodes = new Node[events.size()][];
        for (int i = events.size() - 1; i >= 0; i--) {
            EventClass ec = events.get(i);
            currentEvent = ec.id();
            Node payload = tree(ec.payload());
            Node specific = tree(ec.context());
            update(payload, Scope.EVENT_PAYLOAD, new ArrayList<>());
            update(specific, Scope.EVENT_SPECIFIC_CONTEXT, new ArrayList<>());
            eventNodes[i] = new Node[] {specific, payload};
        }
        currentEvent = -1;
        Node common = tree(sc.eventContext());
        update(common, Scope.EVENT_COMMON_CONTEXT, new ArrayList<>());
        Node packet = tree(sc.packetContext());
        packetContext = sc.packetContext();
        update(packet, Scope.PACKET_CONTEXT, new ArrayList<>());

        Map<EventClass, Node[]> byClass = new IdentityHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byClass.put(events.get(i), eventNodes[i]);
        }
        return new Kept(packet, common, byClass);
    }

    private static Node tree(FieldType t) {
        if (t == null) {
            return null;
        }
        if (t instanceof StructType st) {
            Node[] c = new Node[st.fields().size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = tree(st.fields().get(i).type());
            }
            return new Node(t, c);
        }
        if (t instanceof VariantType vt) {
            Node[] c = new Node[vt.options().size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = tree(vt.options().get(i).type());
            }
            return new Node(t, c);
        }
        if (t instanceof ArrayType at) {
            return new Node(t, new Node[] {tree(at.element())});
        }
        if (t instanceof SequenceType sq) {
            return new Node(t, new Node[] {tree(sq.element())});
        }
        return new Node(t, new Node[0]);
    }

    private String key(Scope scope, List<Integer> path) {
        long ev = scope == Scope.EVENT_PAYLOAD || scope == Scope.EVENT_SPECIFIC_CONTEXT ? currentEvent : -1;
        return scope.name() + "/" + ev + "/" + path;
    }

    private String key(FieldRef ref) {
        return ref.resolved() ? key(ref.scope(), ref.path()) : "unresolved/" + ref.text();
    }

    /**
     * @param path      member/option indexes from the scope root, or null inside array elements
     *                  (which references cannot address)
     */
    private void update(Node n, Scope scope, List<Integer> path) {
        if (n == null) {
            return;
        }
        FieldType t = n.type;
        if (t instanceof IntType || t instanceof EnumType) {
            IntType it = t instanceof IntType i ? i : ((EnumType) t).container();
            boolean meaningful = it.mappedClock() != null || meaning(scope, path);
            n.inIr = !meaningful || (path != null && dependents.contains(key(scope, path)));
        } else if (t instanceof StructType) {
            if (n.children.length == 0) {
                n.inIr = true;
            }
            for (int i = n.children.length - 1; i >= 0; i--) {
                update(n.children[i], scope, child(path, i));
                if (n.children[i].inIr) {
                    n.inIr = true;
                }
            }
        } else if (t instanceof VariantType vt) {
            for (int i = n.children.length - 1; i >= 0; i--) {
                update(n.children[i], scope, child(path, i));
                if (n.children[i].inIr) {
                    n.inIr = true;
                }
            }
            if (n.inIr) {
                for (Node c : n.children) {
                    c.inIr = true;
                }
                dependents.add(key(vt.tag()));
            }
        } else if (t instanceof ArrayType || t instanceof SequenceType) {
            update(n.children[0], scope, null);
            n.inIr = n.children[0].inIr;
            if (n.inIr && t instanceof SequenceType sq) {
                dependents.add(key(sq.length()));
            }
        } else {
            n.inIr = true;
        }
    }

    /** True for the direct members of the packet context that Babeltrace gives a meaning. */
    private boolean meaning(Scope scope, List<Integer> path) {
        return scope == Scope.PACKET_CONTEXT && path != null && path.size() == 1 && packetContext != null
                && PACKET_MEANINGS.contains(packetContext.fields().get(path.get(0)).name());
    }

    private static List<Integer> child(List<Integer> path, int i) {
        if (path == null) {
            return null;
        }
        List<Integer> p = new ArrayList<>(path.size() + 1);
        p.addAll(path);
        p.add(i);
        return p;
    }

    private static FieldPrinter printer(Node n) {
        if (n == null || !n.inIr) {
            return null;
        }
        FieldType t = n.type;
        if (t instanceof IntType it) {
            return new FieldPrinter.IntPrinter(it);
        }
        if (t instanceof EnumType et) {
            return new FieldPrinter.EnumPrinter(et);
        }
        if (t instanceof FloatType) {
            return new FieldPrinter.FloatPrinter();
        }
        if (t instanceof StringType) {
            return new FieldPrinter.StringPrinter();
        }
        if (t instanceof StructType st) {
            List<Integer> idx = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<FieldPrinter> ps = new ArrayList<>();
            for (int i = 0; i < n.children.length; i++) {
                FieldPrinter p = printer(n.children[i]);
                if (p != null) {
                    Field f = st.fields().get(i);
                    idx.add(i);
                    names.add(f.name());
                    ps.add(p);
                }
            }
            return new FieldPrinter.StructPrinter(idx, names, ps);
        }
        if (t instanceof VariantType) {
            List<FieldPrinter> ps = new ArrayList<>();
            for (Node c : n.children) {
                ps.add(printer(c));
            }
            return new FieldPrinter.VariantPrinter(ps);
        }
        FieldType element = t instanceof ArrayType at ? at.element() : ((SequenceType) t).element();
        if (isText(element)) {
            return new FieldPrinter.TextPrinter();
        }
        return new FieldPrinter.ArrayPrinter(printer(n.children[0]));
    }

    /** A callback printer for a scope that is printed, else null. */
    private static ScopePrinter scope(Node n) {
        return n == null || !n.inIr ? null : new ScopePrinter(scopeNode(n, true));
    }

    private static ScopePrinter.Node scopeNode(Node n, boolean parentVisible) {
        boolean visible = parentVisible && n.inIr;
        FieldType t = n.type;
        if (t instanceof IntType it) {
            return new ScopePrinter.Node(ScopePrinter.INT, t, visible, new FieldPrinter.IntPrinter(it), null, null, null,
                    null);
        }
        if (t instanceof EnumType et) {
            return new ScopePrinter.Node(ScopePrinter.ENUM, t, visible, null, new FieldPrinter.EnumPrinter(et), null,
                    null, null);
        }
        if (t instanceof FloatType) {
            return new ScopePrinter.Node(ScopePrinter.FLOAT, t, visible, null, null, null, null, null);
        }
        if (t instanceof StringType) {
            return new ScopePrinter.Node(ScopePrinter.STRING, t, visible, null, null, null, null, null);
        }
        if (t instanceof StructType st) {
            ScopePrinter.Node[] c = new ScopePrinter.Node[n.children.length];
            byte[][] prefixes = new byte[c.length][];
            int printed = 0;
            for (int i = 0; i < c.length; i++) {
                c[i] = scopeNode(n.children[i], visible);
                if (c[i].visible) {
                    prefixes[i] = FieldPrinter.bytes((printed++ == 0 ? " " : ", ") + st.fields().get(i).name() + " = ");
                }
            }
            return new ScopePrinter.Node(ScopePrinter.STRUCT, t, visible, null, null, c, prefixes, null);
        }
        if (t instanceof VariantType) {
            ScopePrinter.Node[] c = new ScopePrinter.Node[n.children.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = scopeNode(n.children[i], visible);
            }
            return new ScopePrinter.Node(ScopePrinter.VARIANT, t, visible, null, null, c, null, null);
        }
        FieldType element = t instanceof ArrayType at ? at.element() : ((SequenceType) t).element();
        ScopePrinter.Node e = scopeNode(n.children[0], visible);
        return new ScopePrinter.Node(isText(element) ? ScopePrinter.TEXT : ScopePrinter.ARRAY, t, visible, null, null,
                null, null, e);
    }

    /** Babeltrace prints arrays/sequences of byte-aligned 8-bit text-encoded integers as strings. */
    private static boolean isText(FieldType element) {
        IntType it = element instanceof IntType i ? i : element instanceof EnumType e ? e.container() : null;
        return it != null && it.sizeBits() == 8 && it.alignBits() == 8 && it.encoding() != Encoding.NONE;
    }
}

package org.pdrop.dump;

import org.pdrop.ctf.decode.FieldVisitor;

/**
 * Prints one scope (a root structure) of an event straight from the decoder's callbacks, with no
 * value objects: the fast path of {@link PrettyPrinter}. It walks its compiled tree of
 * {@link Node}s in step with the callbacks, which also arrive for the fields Babeltrace does not
 * keep; those (and everything below them) are consumed without printing. The output is the same
 * as {@link FieldPrinter}'s on the decoded value.
 *
 * <p>One instance per scope of a stream or event class, reused for every event; not thread safe.
 */
final class ScopePrinter implements FieldVisitor {
    static final int INT = 0;
    static final int ENUM = 1;
    static final int FLOAT = 2;
    static final int STRING = 3;
    static final int STRUCT = 4;
    static final int ARRAY = 5;
    static final int TEXT = 6;
    static final int VARIANT = 7;

    /** A field class at one position: how to print it, or that it is not printed. */
    static final class Node {
        final int kind;
        /** The field class (for {@link PayloadPrint}'s loads). */
        final org.pdrop.ctf.ir.FieldType type;
        final boolean visible;
        final FieldPrinter.IntPrinter integer;
        final FieldPrinter.EnumPrinter enumeration;
        /** Structure members or variant options. */
        final Node[] children;
        /** Structure: {@code " name = "} / {@code ", name = "} per member (null for hidden ones). */
        final byte[][] prefixes;
        /** Structure: whether any member is printed ({@code { }} otherwise). */
        final boolean anyVisibleMember;
        /** Array, sequence or text: the element. */
        final Node element;

        Node(int kind, org.pdrop.ctf.ir.FieldType type, boolean visible, FieldPrinter.IntPrinter integer,
             FieldPrinter.EnumPrinter enumeration, Node[] children, byte[][] prefixes, Node element) {
            this.kind = kind;
            this.type = type;
            this.visible = visible;
            this.integer = integer;
            this.enumeration = enumeration;
            this.children = children;
            this.prefixes = prefixes;
            boolean any = false;
            if (prefixes != null) {
                for (byte[] p : prefixes) {
                    any |= p != null;
                }
            }
            this.anyVisibleMember = any;
            this.element = element;
        }
    }

    private static final int CACHED_INDEXES = 256;
    private static final byte[][] INDEX = new byte[CACHED_INDEXES][];

    static {
        for (int i = 0; i < CACHED_INDEXES; i++) {
            INDEX[i] = FieldPrinter.bytes((i == 0 ? " [" : ", [") + i + "] = ");
        }
    }

    private static final byte[] EMPTY_STRUCT = FieldPrinter.bytes("{ }");
    private static final byte[] EMPTY_ARRAY = FieldPrinter.bytes("[ ]");

    private final Node root;
    private ByteOut out;
    private Node[] nodes = new Node[16];
    private int[] indexes = new int[16];
    private int depth;
    private byte[] text = new byte[64];
    private int textLength;
    private boolean textEnded;
    private boolean comma;

    ScopePrinter(Node root) {
        this.root = root;
    }

    /** The scope's field tree. */
    Node root() {
        return root;
    }

    /**
     * Prepares to print one scope into {@code out}, after {@code ", "} when {@code comma}; call
     * before handing this to the decoder.
     */
    ScopePrinter target(ByteOut out, boolean comma) {
        this.out = out;
        this.depth = 0;
        this.comma = comma;
        return this;
    }

    /** The node the next callback is about; prints the member or element prefix when visible. */
    private Node next() {
        if (depth == 0) {
            return root;
        }
        int d = depth - 1;
        Node parent = nodes[d];
        switch (parent.kind) {
            case STRUCT: {
                int i = indexes[d]++;
                Node c = parent.children[i];
                if (c.visible) {
                    out.put(parent.prefixes[i]);
                }
                return c;
            }
            case ARRAY: {
                int i = indexes[d]++;
                Node e = parent.element;
                if (e.visible) {
                    if (i < CACHED_INDEXES) {
                        out.put(INDEX[i]);
                    } else {
                        out.put((byte) ',').put((byte) ' ').put((byte) '[').putDecimal(i)
                                .put((byte) ']').put((byte) ' ').put((byte) '=').put((byte) ' ');
                    }
                }
                return e;
            }
            case VARIANT:
                return parent.children[indexes[d]];
            default:
                throw new IllegalStateException("unexpected field inside " + parent.kind);
        }
    }

    private void push(Node n, int index) {
        if (depth == nodes.length) {
            nodes = java.util.Arrays.copyOf(nodes, depth * 2);
            indexes = java.util.Arrays.copyOf(indexes, depth * 2);
        }
        nodes[depth] = n;
        indexes[depth] = index;
        depth++;
    }

    @Override
    public void integer(long bits) {
        if (depth > 0 && nodes[depth - 1].kind == TEXT) {
            if (!textEnded) {
                if ((bits & 0xFF) == 0) {
                    textEnded = true;
                } else {
                    if (textLength == text.length) {
                        text = java.util.Arrays.copyOf(text, textLength * 2);
                    }
                    text[textLength++] = (byte) bits;
                }
            }
            return;
        }
        Node n = next();
        if (n.visible) {
            if (n.kind == ENUM) {
                n.enumeration.printBits(out, bits);
            } else {
                n.integer.printBits(out, bits);
            }
        }
    }

    @Override
    public void bytes(byte[] bytes, int offset, int length, boolean signed) {
        if (nodes[depth - 1].kind != TEXT) {
            FieldVisitor.super.bytes(bytes, offset, length, signed);
            return;
        }
        if (textEnded) {
            return;
        }
        int n = 0;
        while (n < length && bytes[offset + n] != 0) {
            n++;
        }
        if (n < length) {
            textEnded = true;
        }
        if (textLength + n > text.length) {
            text = java.util.Arrays.copyOf(text, Math.max(textLength + n, text.length * 2));
        }
        System.arraycopy(bytes, offset, text, textLength, n);
        textLength += n;
    }

    @Override
    public void floatingPoint(double value) {
        if (next().visible) {
            Formats.putG(out, value);
        }
    }

    @Override
    public void string(byte[] bytes, int offset, int length) {
        if (next().visible) {
            Formats.putQuoted(out, bytes, offset, length);
        }
    }

    @Override
    public void beginStruct() {
        if (depth == 0 && comma) {
            out.put((byte) ',').put((byte) ' ');
        }
        Node n = next();
        push(n, 0);
        if (n.visible && n.anyVisibleMember) {
            out.put((byte) '{');
        }
    }

    @Override
    public void endStruct() {
        Node n = nodes[--depth];
        if (n.visible) {
            if (n.anyVisibleMember) {
                out.put((byte) ' ').put((byte) '}');
            } else {
                out.put(EMPTY_STRUCT);
            }
        }
    }

    @Override
    public void beginArray(int length) {
        Node n = next();
        push(n, 0);
        if (n.kind == TEXT) {
            textLength = 0;
            textEnded = false;
        } else if (n.visible && length > 0) {
            out.put((byte) '[');
        }
    }

    @Override
    public void endArray() {
        int d = --depth;
        Node n = nodes[d];
        if (!n.visible) {
            return;
        }
        if (n.kind == TEXT) {
            Formats.putQuoted(out, text, 0, textLength);
        } else if (indexes[d] == 0) {
            out.put(EMPTY_ARRAY);
        } else {
            out.put((byte) ' ').put((byte) ']');
        }
    }

    @Override
    public void beginVariant(int option) {
        Node n = next();
        push(n, option);
        if (n.visible) {
            out.put((byte) '{').put((byte) ' ');
        }
    }

    @Override
    public void endVariant() {
        Node n = nodes[--depth];
        if (n.visible) {
            out.put((byte) ' ').put((byte) '}');
        }
    }
}

package org.pdrop.dump;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pdrop.ctf.decode.BitReader;
import org.pdrop.ctf.decode.FixedLayout;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.VariantType;

/**
 * Prints a scope whose layout the metadata tells straight from the packet's bytes: one load per
 * member at its offset, no decoder callbacks and no walk of {@link ScopePrinter}'s tree. Most
 * kernel events' payloads are structures of integers, enumerations and character arrays (a fixed
 * size); most others add strings and variants chosen by an enumeration before them (the
 * {@code net_*} events' network headers), after which the members lie at fixed offsets from the
 * string's end or the chosen option's end.
 *
 * <p>The plan is a list of steps. A <em>segment</em> is a run of members of fixed sizes; a string
 * or a variant ends it, and the next segment starts where they end. Each segment first checks
 * that it lies within the packet's content; a string must end there too, and a variant's tag must
 * choose an option. When a check fails, {@link #print} returns -1 and the caller discards what
 * was printed and reads the scope the usual way, which reports the error if there is one.
 *
 * <p>The text is the one {@link ScopePrinter} prints for the same bytes, member for member (same
 * printers, prefixes and quoting); {@code PayloadPrintTest} compares both on real traces and on
 * random bodies. Built per event class and thread ({@link #forPayload}); not thread safe.
 */
final class PayloadPrint {
    /** Step kinds, in the low bits of a step's code. */
    private static final int CHECK = 0;
    /** A printed integer in decimal, unsigned or signed; in another base; an enumeration. */
    private static final int DEC_U = 1;
    private static final int DEC_S = 2;
    private static final int INT = 3;
    private static final int ENUM = 4;
    /** An integer that is not printed but chooses a variant's option. */
    private static final int TAG = 5;
    private static final int TEXT = 6;
    private static final int STRING = 7;
    private static final int VARIANT = 8;
    private static final int PUT = 9;
    private static final long KIND = 15;
    /** Flags of a step's code. */
    private static final long BIG_ENDIAN = 1 << 4;
    private static final long SIGNED = 1 << 5;
    private static final long VISIBLE = 1 << 6;
    /** The integer's value goes to its tag slot. */
    private static final long RECORDED = 1 << 7;
    /** The integer is 8, 16, 32 or 64 bits from a byte: one load. */
    private static final long WHOLE = 1 << 8;
    /** Size in bits (text: bytes) from bit 9, 23 bits; offset in bits (check: the segment's bytes) from bit 32. */
    private static final int SIZE_SHIFT = 9;
    private static final long MAX_SIZE = (1 << 23) - 1;
    private static final long MAX_OFFSET = Integer.MAX_VALUE;

    /** Elements of a static array laid out as steps at most (each its own step). */
    private static final int MAX_ARRAY_STEPS = 256;
    /** Fields laid out per payload at most, options and array elements included: hostile metadata makes no huge plan. */
    private static final int MAX_STEPS = 4096;

    private final Steps steps;
    /** Values of the integers variants choose by, one slot each. */
    private final long[] tags;
    private byte[] text = new byte[64];

    private PayloadPrint(Steps steps, int tagSlots) {
        this.steps = steps;
        this.tags = new long[Math.max(1, tagSlots)];
    }

    /**
     * The steps of a structure or a variant option, in printing order: per step its code (kind,
     * flags, size and offset, see above), the text printed before it, its printer or variant
     * choice, and its tag slot.
     */
    private static final class Steps {
        final long[] code;
        final byte[][] before;
        final Object[] object;
        final int[] tagSlot;
        /** Bytes of the last segment (after the last string or variant). */
        final int tailBytes;

        Steps(List<Step> list, int tailBytes) {
            int n = list.size();
            code = new long[n];
            before = new byte[n][];
            object = new Object[n];
            tagSlot = new int[n];
            for (int i = 0; i < n; i++) {
                Step s = list.get(i);
                code[i] = s.code();
                before[i] = s.before;
                object[i] = s.object;
                tagSlot[i] = s.tagSlot;
            }
            this.tailBytes = tailBytes;
        }
    }

    /** A variant: which option each tag value chooses (as the decoders choose), and the steps of each option. */
    private record Choice(VariantType.OptionRanges ranges, Steps[] options) {
        /** The option's steps, or null when the tag chooses none. */
        Steps select(long tag) {
            int o = ranges.optionOf(tag);
            return o < 0 ? null : options[o];
        }
    }

    /** One step while the plan is built. */
    private static final class Step {
        int kind;
        long flags;
        byte[] before;
        long offset;
        long size;
        Object object;
        int tagSlot = -1;

        long code() {
            return kind | flags | size << SIZE_SHIFT | offset << 32;
        }
    }

    /**
     * The plan of an event class's payload printed by {@code printer}, or null when a member is
     * of a kind this does not print (floats, sequences, integers with a role or a clock,
     * alignments above a byte, a variant whose tag is not laid out before it in the payload), a
     * string or a variant does not start on a byte, or a run of members does not end on one.
     * Only for the payload: nothing after it refers to its fields, whose values the decoders
     * would otherwise keep.
     */
    static PayloadPrint forPayload(ScopePrinter printer) {
        ScopePrinter.Node root = printer.root();
        if (root == null || root.kind != ScopePrinter.STRUCT || !root.visible) {
            return null;
        }
        Builder b = new Builder();
        if (!b.noteTags(root.type)) {
            return null;
        }
        Steps steps = b.steps(root, new ArrayList<>());
        return steps == null ? null : new PayloadPrint(steps, b.tagSlots.size());
    }

    /** Turns a scope's tree into steps. */
    private static final class Builder {
        /** Paths (member and option indexes from the scope's root) of the integers variants choose by. */
        private final Map<List<Integer>, Integer> tagSlots = new HashMap<>();
        /** The tags laid out so far: their type and the list of steps that reads them. */
        private final Map<List<Integer>, LaidTag> laidTags = new HashMap<>();
        /** The lists of steps being built, outermost first: a variant's tag must be read in one of them. */
        private final List<Out> open = new ArrayList<>();
        private int total;

        private record LaidTag(FieldType type, Out out) {}

        /** Gives every variant's tag a slot; false when one is not in this scope. */
        boolean noteTags(FieldType t) {
            if (t instanceof StructType st) {
                for (Field f : st.fields()) {
                    if (!noteTags(f.type())) {
                        return false;
                    }
                }
            } else if (t instanceof VariantType vt) {
                if (vt.tag() == null || vt.tag().scope() != Scope.EVENT_PAYLOAD) {
                    return false;
                }
                tagSlots.putIfAbsent(vt.tag().path(), tagSlots.size());
                for (Field f : vt.options()) {
                    if (!noteTags(f.type())) {
                        return false;
                    }
                }
            } else if (t instanceof ArrayType at) {
                return noteTags(at.element());
            }
            return true;
        }

        /** What one list of steps is being built into. */
        private final class Out {
            final List<Step> list = new ArrayList<>();
            final ByteArrayOutputStream pending = new ByteArrayOutputStream();
            /** Bits from the current segment's start; the index of its CHECK step. */
            long at;
            int check;
            /** Byte order of the last integer laid out in this segment (0: none yet, 1: LE, 2: BE). */
            int lastOrder;

            Out() {
                startSegment();
            }

            void text(byte[] t) {
                if (t != null) {
                    pending.writeBytes(t);
                }
            }

            /** A new step at the current offset, after the pending text; null when the offset is too large. */
            Step add(int kind) {
                if (at > MAX_OFFSET) {
                    return null;
                }
                Step s = new Step();
                s.kind = kind;
                s.before = pending.size() == 0 ? null : pending.toByteArray();
                pending.reset();
                s.offset = at;
                list.add(s);
                return s;
            }

            void startSegment() {
                check = list.size();
                Step c = new Step();
                c.kind = CHECK;
                list.add(c);
                at = 0;
                lastOrder = 0;
            }

            /** Ends the current segment; false when it does not end on a byte. */
            boolean endSegment() {
                if ((at & 7) != 0 || at >>> 3 > Integer.MAX_VALUE / 2) {
                    return false;
                }
                list.get(check).offset = at >>> 3;
                return true;
            }
        }

        /** The steps of a scope's root or of a variant's option, or null. */
        Steps steps(ScopePrinter.Node node, List<Integer> path) {
            Out o = new Out();
            open.add(o);
            boolean ok = node(o, node, null, path) && o.endSegment();
            open.remove(open.size() - 1);
            if (!ok) {
                return null;
            }
            if (o.pending.size() > 0 && o.add(PUT) == null) {
                return null;
            }
            int tail = (int) o.list.get(o.check).offset;
            // The last segment's check stays: it bounds the members after the last string or variant.
            return new Steps(o.list, tail);
        }

        /**
         * Lays out {@code n} after {@code prefix} (printed only when {@code n} is visible), as
         * {@link ScopePrinter}'s callbacks print it. {@code path} is {@code n}'s path (the decoders'
         * field reference paths: array levels take no index).
         */
        private boolean node(Out o, ScopePrinter.Node n, byte[] prefix, List<Integer> path) {
            if (++total > MAX_STEPS) {
                return false;
            }
            if (n.visible) {
                o.text(prefix);
            }
            FieldType t = n.type;
            switch (n.kind) {
                case ScopePrinter.INT:
                case ScopePrinter.ENUM: {
                    IntType it = t instanceof IntType x ? x : ((EnumType) t).container();
                    if (it.alignBits() > 8 || it.mappedClock() != null) {
                        return false;
                    }
                    long at = BitReader.alignUp(o.at, it.alignBits());
                    int order = it.bigEndian() ? 2 : 1;
                    // As the decoders: the byte order may change only on a byte.
                    if ((at & 7) != 0 && o.lastOrder != 0 && o.lastOrder != order) {
                        return false;
                    }
                    if ((at & 7) != 0 && o.lastOrder == 0) {
                        return false;
                    }
                    o.at = at;
                    Integer slot = tagSlots.get(path);
                    if (n.visible || slot != null) {
                        int kind;
                        if (!n.visible) {
                            kind = TAG;
                        } else if (n.kind == ScopePrinter.ENUM) {
                            kind = ENUM;
                        } else {
                            kind = it.base() != 10 ? INT : it.signed() ? DEC_S : DEC_U;
                        }
                        Step s = o.add(kind);
                        if (s == null) {
                            return false;
                        }
                        s.size = it.sizeBits();
                        s.flags = (it.bigEndian() ? BIG_ENDIAN : 0) | (it.signed() ? SIGNED : 0)
                                | (slot != null ? RECORDED : 0)
                                | ((at & 7) == 0 && Integer.bitCount(it.sizeBits()) == 1 && it.sizeBits() >= 8 ? WHOLE : 0);
                        s.object = kind == ENUM ? n.enumeration : n.integer;
                        if (slot != null) {
                            s.tagSlot = slot;
                            laidTags.put(List.copyOf(path), new LaidTag(t, o));
                        }
                    }
                    o.at = at + it.sizeBits();
                    o.lastOrder = order;
                    return true;
                }
                case ScopePrinter.TEXT: {
                    ArrayType at = t instanceof ArrayType a ? a : null;
                    if (at == null || at.element().alignBits() > 8 || (o.at & 7) != 0 || at.length() > Integer.MAX_VALUE / 8) {
                        return false;
                    }
                    if (n.visible) {
                        Step s = o.add(TEXT);
                        if (s == null || at.length() > MAX_SIZE) {
                            return false;
                        }
                        s.size = at.length();
                    }
                    o.at += at.length() * 8;
                    return true;
                }
                case ScopePrinter.STRING: {
                    if ((o.at & 7) != 0) {
                        return false;
                    }
                    Step s = o.add(STRING);
                    if (s == null || !o.endSegment()) {
                        return false;
                    }
                    s.flags = n.visible ? VISIBLE : 0;
                    o.startSegment();
                    return true;
                }
                case ScopePrinter.STRUCT: {
                    StructType st = (StructType) t;
                    if (st.alignBits() > 8) {
                        return false;
                    }
                    o.at = BitReader.alignUp(o.at, st.alignBits());
                    for (Field f : st.fields()) {
                        if (f.role() != FieldRole.NONE) {
                            return false;
                        }
                    }
                    if (n.visible && n.anyVisibleMember) {
                        o.text(new byte[] {'{'});
                    }
                    for (int i = 0; i < n.children.length; i++) {
                        path.add(i);
                        boolean ok = node(o, n.children[i], n.prefixes[i], path);
                        path.remove(path.size() - 1);
                        if (!ok) {
                            return false;
                        }
                    }
                    if (n.visible) {
                        o.text(n.anyVisibleMember ? new byte[] {' ', '}'} : FieldPrinter.bytes("{ }"));
                    }
                    return true;
                }
                case ScopePrinter.ARRAY: {
                    if (!(t instanceof ArrayType at) || at.alignBits() > 8 || at.length() > MAX_ARRAY_STEPS) {
                        return false;
                    }
                    o.at = BitReader.alignUp(o.at, at.alignBits());
                    int length = (int) at.length();
                    if (n.visible && length > 0) {
                        o.text(new byte[] {'['});
                    }
                    for (int i = 0; i < length; i++) {
                        byte[] index = FieldPrinter.bytes((i == 0 ? " [" : ", [") + i + "] = ");
                        if (!node(o, n.element, index, path)) {
                            return false;
                        }
                    }
                    if (n.visible) {
                        o.text(length == 0 ? FieldPrinter.bytes("[ ]") : new byte[] {' ', ']'});
                    }
                    return true;
                }
                case ScopePrinter.VARIANT: {
                    VariantType vt = (VariantType) t;
                    List<Integer> tagPath = vt.tag().path();
                    // The tag is read before, unconditionally: in these steps or in those around them.
                    LaidTag laid = laidTags.get(tagPath);
                    if ((o.at & 7) != 0 || laid == null || !(laid.type() instanceof EnumType tag) || !open.contains(laid.out())) {
                        return false;
                    }
                    int slot = tagSlots.get(tagPath);
                    if (n.visible) {
                        o.text(new byte[] {'{', ' '});
                    }
                    Step s = o.add(VARIANT);
                    if (s == null || !o.endSegment()) {
                        return false;
                    }
                    s.tagSlot = slot;
                    Steps[] options = new Steps[n.children.length];
                    for (int i = 0; i < options.length; i++) {
                        path.add(i);
                        options[i] = steps(n.children[i], path);
                        path.remove(path.size() - 1);
                        if (options[i] == null) {
                            return false;
                        }
                    }
                    s.object = new Choice(vt.optionRanges(tag), options);
                    o.startSegment();
                    if (n.visible) {
                        o.text(new byte[] {' ', '}'});
                    }
                    return true;
                }
                default:
                    return false;
            }
        }

    }

    /**
     * Prints the scope whose bytes start at {@code at} in {@code le} and returns where it ends (the
     * index after its last byte), or -1 when it does not lie within {@code [at, limit)} or a tag
     * chooses no option; then what was printed must be discarded.
     */
    int print(ByteBuffer le, int at, int limit, ByteOut out) {
        return run(steps, le, at, limit, out);
    }

    private int run(Steps p, ByteBuffer le, int at, int limit, ByteOut out) {
        final long[] code = p.code;
        final byte[][] before = p.before;
        int base = at;
        for (int i = 0; i < code.length; i++) {
            byte[] text = before[i];
            if (text != null) {
                out.put(text);
            }
            long c = code[i];
            switch ((int) (c & KIND)) {
                case CHECK -> {
                    if ((c >>> 32) > limit - base) {
                        return -1;
                    }
                }
                case DEC_U -> out.putUnsignedDecimal(value(le, base, c, p, i));
                case DEC_S -> out.putDecimal(value(le, base, c, p, i));
                case INT -> ((FieldPrinter.IntPrinter) p.object[i]).printBits(out, value(le, base, c, p, i));
                case ENUM -> ((FieldPrinter.EnumPrinter) p.object[i]).printBits(out, value(le, base, c, p, i));
                case TAG -> value(le, base, c, p, i);
                case TEXT -> printText(le, base + (int) (c >>> 35), (int) (c >>> SIZE_SHIFT & MAX_SIZE), out);
                case STRING -> {
                    int from = base + (int) (c >>> 35);
                    long nul = BitReader.indexOfNul(le, from, limit);
                    if (nul < 0) {
                        return -1;
                    }
                    if ((c & VISIBLE) != 0) {
                        printString(le, from, (int) nul, out);
                    }
                    base = (int) nul + 1;
                }
                case VARIANT -> {
                    Steps option = ((Choice) p.object[i]).select(tags[p.tagSlot[i]]);
                    int end = option == null ? -1 : run(option, le, base + (int) (c >>> 35), limit, out);
                    if (end < 0) {
                        return -1;
                    }
                    base = end;
                }
                default -> {
                    // PUT: its text only.
                }
            }
        }
        return base + p.tailBytes;
    }

    /**
     * The integer of step {@code i} (code {@code c}) in the segment from byte {@code base},
     * sign-extended when signed; kept in its tag slot when a variant chooses by it.
     */
    private long value(ByteBuffer le, int base, long c, Steps p, int i) {
        int size = (int) (c >>> SIZE_SHIFT & MAX_SIZE);
        boolean bigEndian = (c & BIG_ENDIAN) != 0;
        long v;
        if ((c & WHOLE) != 0) {
            v = FixedLayout.load(le, base + (int) (c >>> 35), size, bigEndian, (c & SIGNED) != 0);
        } else {
            v = BitReader.bitfield(le, ((long) base << 3) + (c >>> 32), size, bigEndian);
            if ((c & SIGNED) != 0 && size < 64) {
                v = (v << (64 - size)) >> (64 - size);
            }
        }
        if ((c & RECORDED) != 0) {
            tags[p.tagSlot[i]] = v;
        }
        return v;
    }

    /** A character array as Babeltrace prints it: its bytes up to the first NUL, quoted. */
    private void printText(ByteBuffer le, int at, int length, ByteOut out) {
        int n = 0;
        while (n < length && le.get(at + n) != 0) {
            n++;
        }
        printString(le, at, at + n, out);
    }

    /** Bytes {@code [at, end)} as a quoted string. */
    private void printString(ByteBuffer le, int at, int end, ByteOut out) {
        int n = end - at;
        if (text.length < n) {
            text = new byte[Math.max(n, text.length * 2)];
        }
        le.get(at, text, 0, n);
        Formats.putQuoted(out, text, 0, n);
    }
}

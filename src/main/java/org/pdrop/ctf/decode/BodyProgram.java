package org.pdrop.ctf.decode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.VariantType;

/**
 * How {@link EventSkipper} skips the body of one event class (common context, specific context,
 * payload) without the decoder tree: a short list of steps compiled once from the decoders.
 *
 * <p>Steps: skip a run of bits whose size does not depend on the data (plain integers, floats,
 * bit fields, static arrays and structures of those); skip a NUL-terminated string; read an
 * integer that a later sequence or variant refers to (into {@link DecodeState#slots}, as the
 * generic decoder does); skip a sequence of fixed-size elements; choose a variant option by its
 * tag and run its steps. Every step starts and ends on a byte, so the body must start on one.
 *
 * <p>A body with anything else (alignment above a byte, fields with roles or mapped to a clock, a
 * byte-order change inside a byte, a variant option or sequence element of variable size) has no
 * program. At run time a step that does not fit the packet, a sequence length or a variant tag
 * the generic decoders would refuse makes {@link #run} give up and return -1; the caller then
 * decodes the body the generic way from its start, which reports the error (the integers read
 * meanwhile are read again, so nothing is counted twice).
 */
final class BodyProgram {
    private static final int FIXED = 0;
    private static final int STRING = 1;
    private static final int LOAD = 2;
    private static final int SEQUENCE = 3;
    private static final int VARIANT = 4;

    /** Static arrays longer than this are not laid out element by element (they get no program). */
    private static final long MAX_SIMULATED_ELEMENTS = 4096;

    /**
     * Fields laid out per program at most: nested static arrays multiply, and metadata is
     * untrusted, so the layout gives up (no program, the generic path) instead of running long.
     */
    private static final int MAX_LAID_OUT_FIELDS = 1 << 16;

    /** Step codes, and their arguments in {@link #args} (bits, slot, size, ...). */
    private final int[] ops;
    private final long[] args;
    private final int[] args2;
    private final Variant[] variants;

    /**
     * A variant step: the tag's slot and ranges, and a program per option (null: the generic path).
     * {@code byTag} is the option program of each tag value below its length, as the ranges give
     * it, so the commonest tags (small enumerations) take one array load instead of a search.
     */
    private record Variant(int tagSlot, VariantType.OptionRanges ranges, BodyProgram[] options, BodyProgram[] byTag) {
        static Variant of(int tagSlot, VariantType.OptionRanges ranges, BodyProgram[] options) {
            long top = 0;
            for (long u : ranges.upper()) {
                top = Math.max(top, ranges.signed() || u >= 0 ? u : Long.MAX_VALUE);
            }
            BodyProgram[] byTag = new BodyProgram[(int) Math.min(TAG_TABLE - 1, top) + 1];
            Variant variant = new Variant(tagSlot, ranges, options, byTag);
            for (int tag = 0; tag < byTag.length; tag++) {
                byTag[tag] = select(variant, tag);
            }
            return variant;
        }
    }

    /**
     * Tag values looked up in a table at most (see {@link Variant}): a small bound, so that a
     * table costs a variant no more than its other arrays do, whatever the metadata holds.
     */
    private static final int TAG_TABLE = 64;

    private BodyProgram(int[] ops, long[] args, int[] args2, Variant[] variants) {
        this.ops = ops;
        this.args = args;
        this.args2 = args2;
        this.variants = variants;
        this.tree = TagTree.of(this);
    }

    /**
     * The layout of LTTng's {@code net_*} events with a network header, taken without the steps
     * when a program has it: a fixed run, maybe a string and a fixed run, then an 8-bit unsigned
     * tag and a variant on it, whose options are each fixed, or a fixed run, a second 8-bit tag
     * and a variant on it whose options are all fixed (the network header's type, then the
     * transport header's). {@link #run} then reads the string and the two tags and adds sizes from
     * tables, with the same checks and the same integers saved as the steps; a tag beyond the
     * tables goes through the steps. {@code net_*} events are one in eight of the benchmark's mix
     * (of a host busy with network traffic), and their steps were the costliest bodies to skip:
     * JMH {@code SkipFloorBench.floor} 2.60 → 2.29 ms with the tree (about 18 ns less per such
     * event), {@code SkipLoopBench.skipping} 3.45 → 3.13 ms.
     *
     * @param before     bits before the string, or before the tag when there is no string
     * @param string     whether there is a string
     * @param between    bits from the string's NUL to the tag
     * @param slot       where the tag is saved, as its {@link #LOAD} step does
     * @param outer      per tag value: the option's bits when it is fixed; {@link #REFUSED}; or
     *                   {@code -1 - i} for the option {@code inner[i]}
     * @param innerBefore per inner option: bits before its tag
     * @param innerSlot  per inner option: where its tag is saved
     * @param innerBits  per inner option, per tag value: the bits of its variant's option, or -1
     *                   when the tag is refused
     */
    private record TagTree(long before, boolean string, long between, int slot, long[] outer, long[] innerBefore,
                           int[] innerSlot, long[][] innerBits) {
        static final long REFUSED = Long.MIN_VALUE;

        static TagTree of(BodyProgram p) {
            int[] ops = p.ops;
            int i = 0;
            long before = 0;
            long between = 0;
            boolean string = false;
            if (i < ops.length && ops[i] == FIXED) {
                before = p.args[i++];
            }
            if (i < ops.length && ops[i] == STRING) {
                string = true;
                i++;
                if (i < ops.length && ops[i] == FIXED) {
                    between = p.args[i++];
                }
            }
            if (i + 2 != ops.length || !byteTag(p, i)) {
                return null;
            }
            Variant v = p.variants[(int) p.args[i + 1]];
            BodyProgram[] byTag = v.byTag();
            long[] outer = new long[byTag.length];
            List<long[]> inner = new ArrayList<>();
            List<Long> innerBefore = new ArrayList<>();
            List<Integer> innerSlot = new ArrayList<>();
            for (int tag = 0; tag < byTag.length; tag++) {
                BodyProgram o = byTag[tag];
                long fixed = o == null ? -1 : o.fixedBits();
                if (o == null) {
                    outer[tag] = REFUSED;
                } else if (fixed >= 0) {
                    outer[tag] = fixed;
                } else {
                    int j = 0;
                    long c = 0;
                    if (o.ops.length > 0 && o.ops[0] == FIXED) {
                        c = o.args[j++];
                    }
                    if (j + 2 != o.ops.length || !byteTag(o, j)) {
                        return null;
                    }
                    BodyProgram[] options = o.variants[(int) o.args[j + 1]].byTag();
                    long[] bits = new long[options.length];
                    for (int t = 0; t < options.length; t++) {
                        bits[t] = options[t] == null ? -1 : options[t].fixedBits();
                        if (options[t] != null && bits[t] < 0) {
                            return null;
                        }
                    }
                    outer[tag] = -1 - inner.size();
                    inner.add(bits);
                    innerBefore.add(c);
                    innerSlot.add((int) o.args[j]);
                }
            }
            return new TagTree(before, string, between, (int) p.args[i], outer,
                    innerBefore.stream().mapToLong(Long::longValue).toArray(),
                    innerSlot.stream().mapToInt(Integer::intValue).toArray(), inner.toArray(new long[0][]));
        }

        /** Whether ops {@code i} and {@code i + 1} of {@code p} are an unsigned 8-bit integer and a variant on it. */
        private static boolean byteTag(BodyProgram p, int i) {
            return p.ops[i] == LOAD && p.ops[i + 1] == VARIANT && p.args2[i] == 8
                    && p.variants[(int) p.args[i + 1]].tagSlot() == p.args[i];
        }
    }

    /** This program as a {@link TagTree}, or null. */
    private final TagTree tree;

    /** Whether {@link #run} takes this program as a {@link TagTree} (for tests). */
    boolean hasTagTree() {
        return tree != null;
    }

    /** The program that skips the given scopes one after the other (nulls are absent scopes), or null. */
    static BodyProgram compile(FieldDecoder... scopes) {
        Builder b = new Builder();
        for (FieldDecoder d : scopes) {
            if (d != null && !b.add(d)) {
                return null;
            }
        }
        return b.build();
    }

    /** Size in bits when the body is one fixed run (0 for an empty body), else -1. */
    long fixedBits() {
        if (ops.length == 0) {
            return 0;
        }
        return ops.length == 1 && ops[0] == FIXED ? args[0] : -1;
    }

    /**
     * The body as "a fixed run, one string, a fixed run" (either run may be empty), the commonest
     * variable shape in kernel traces: {@code {before, after}} in bits, or null for another shape.
     */
    long[] stringShape() {
        int i = 0;
        long before = 0;
        long after = 0;
        if (i < ops.length && ops[i] == FIXED) {
            before = args[i++];
        }
        if (i >= ops.length || ops[i] != STRING) {
            return null;
        }
        i++;
        if (i < ops.length && ops[i] == FIXED) {
            after = args[i++];
        }
        return i == ops.length ? new long[] {before, after} : null;
    }

    /**
     * Skips the body starting at byte-aligned {@code at}: returns its size in bits, or -1 when it
     * does not fit before {@code limit} or holds a value the generic decoders refuse.
     */
    long run(ByteBuffer le, long at, long limit, long[] slots) {
        return run(le, at, limit, slots, true);
    }

    /** {@link #run} step by step, without the tag tree (for tests, to compare both). */
    long runSteps(ByteBuffer le, long at, long limit, long[] slots) {
        return run(le, at, limit, slots, false);
    }

    /** {@link #runTree}'s answer for a tag beyond its tables: take the steps. */
    private static final long TREE_MISS = -2;

    /** {@link #run} for a {@link TagTree}: the body's bits, -1, or {@link #TREE_MISS}. */
    private static long runTree(TagTree t, ByteBuffer le, long at, long limit, long[] slots) {
        long pos = at + t.before();
        if (t.string()) {
            long nul = pos <= limit ? findNul(le, pos >>> 3, limit >>> 3) : -1;
            if (nul < 0) {
                return -1;
            }
            pos = ((nul + 1) << 3) + t.between();
        }
        if (pos + 8 > limit) {
            return -1;
        }
        int tag = le.get((int) (pos >>> 3)) & 0xFF;
        slots[t.slot()] = tag;
        pos += 8;
        long[] outer = t.outer();
        if (tag >= outer.length) {
            return TREE_MISS;
        }
        long o = outer[tag];
        if (o >= 0) {
            pos += o;
        } else if (o == TagTree.REFUSED) {
            return -1;
        } else {
            int i = (int) (-1 - o);
            pos += t.innerBefore()[i];
            if (pos + 8 > limit) {
                return -1;
            }
            int inner = le.get((int) (pos >>> 3)) & 0xFF;
            slots[t.innerSlot()[i]] = inner;
            pos += 8;
            long[] bits = t.innerBits()[i];
            if (inner >= bits.length) {
                return TREE_MISS;
            }
            if (bits[inner] < 0) {
                return -1;
            }
            pos += bits[inner];
        }
        return pos > limit ? -1 : pos - at;
    }

    /**
     * {@link #run}, with the tag tree when {@code useTree}. One method, as large as the steps were
     * alone: the skipping loop calls it rather than taking it into its own compiled code (8 GB
     * {@code --summary}: 3% slower when the tree was a small method of its own that C2 inlined
     * into the loop, although the loop alone measured faster in JMH).
     */
    private long run(ByteBuffer le, long at, long limit, long[] slots, boolean useTree) {
        if (useTree && tree != null) {
            long bits = runTree(tree, le, at, limit, slots);
            if (bits != TREE_MISS) {
                return bits;
            }
        }
        long pos = at;
        for (int i = 0; i < ops.length; i++) {
            switch (ops[i]) {
                case FIXED -> {
                    pos += args[i];
                    if (pos > limit) {
                        return -1;
                    }
                }
                case STRING -> {
                    long nul = findNul(le, pos >>> 3, limit >>> 3);
                    if (nul < 0) {
                        return -1;
                    }
                    pos = (nul + 1) << 3;
                }
                case LOAD -> {
                    int packed = args2[i];
                    int size = packed & 0x7F;
                    if (pos + size > limit) {
                        return -1;
                    }
                    slots[(int) args[i]] = FixedLayout.load(le, (int) (pos >>> 3), size, (packed & 0x80) != 0,
                            (packed & 0x100) != 0);
                    pos += size;
                }
                case SEQUENCE -> {
                    long n = slots[args2[i]];
                    long element = args[i];
                    long left = limit - pos;
                    if (n < 0 || (element > 0 && n > left / element)
                            || (element == 0 && n > Decoders.MAX_EMPTY_ELEMENTS)) {
                        return -1;
                    }
                    pos += n * element;
                }
                case VARIANT -> {
                    Variant v = variants[(int) args[i]];
                    long tag = slots[v.tagSlot()];
                    BodyProgram option = tag >= 0 && tag < v.byTag().length ? v.byTag()[(int) tag] : select(v, tag);
                    if (option == null) {
                        return -1;
                    }
                    long used = option.run(le, pos, limit, slots);
                    if (used < 0) {
                        return -1;
                    }
                    pos += used;
                }
                default -> throw new AssertionError(ops[i]);
            }
        }
        return pos - at;
    }

    /** The option program {@code tag} chooses, by the ranges (null when none, or when it has no program). */
    private static BodyProgram select(Variant v, long tag) {
        int o = v.ranges().optionOf(tag);
        return o < 0 ? null : v.options()[o];
    }

    /** Index of the first zero byte in [from, limit), or -1; eight bytes at a time where the buffer allows. */
    static long findNul(ByteBuffer le, long from, long limit) {
        int i = (int) from;
        int capacity = le.capacity();
        int end = (int) Math.min(limit, capacity);
        // A word may reach past the content into the packet's padding, which is in the buffer: a
        // zero found there is no end of the string. So a string that ends within eight bytes of
        // the content's end (the last field of a packet's last event) stays in the word loop,
        // which the JIT would otherwise compile again when that first happens; only a string
        // within eight bytes of the buffer's end reads byte by byte.
        int wordEnd = capacity - 8;
        while (i < end) {
            if (i > wordEnd) {
                for (; i < end; i++) {
                    if (le.get(i) == 0) {
                        return i;
                    }
                }
                return -1;
            }
            long w = le.getLong(i);
            long zero = (w - 0x0101010101010101L) & ~w & 0x8080808080808080L;
            if (zero != 0) {
                long at = i + (Long.numberOfTrailingZeros(zero) >>> 3);
                return at < end ? at : -1;
            }
            i += 8;
        }
        return -1;
    }

    /** Collects steps; fixed-size fields accumulate into one run until a step of another kind. */
    private static final class Builder {
        private final List<Integer> ops = new ArrayList<>();
        private final List<Long> args = new ArrayList<>();
        private final List<Integer> args2 = new ArrayList<>();
        private final List<Variant> variants = new ArrayList<>();
        /** The pending fixed run: its size in bits and the byte order of its last field (0: none yet). */
        private long run;
        /** Fields laid out so far (see {@link #MAX_LAID_OUT_FIELDS}). */
        private int laidOut;
        private int lastOrder;

        BodyProgram build() {
            if (!flush()) {
                return null;
            }
            return new BodyProgram(ops.stream().mapToInt(Integer::intValue).toArray(),
                    args.stream().mapToLong(Long::longValue).toArray(),
                    args2.stream().mapToInt(Integer::intValue).toArray(), variants.toArray(new Variant[0]));
        }

        /** Ends the pending fixed run; false when it does not end on a byte. */
        private boolean flush() {
            if (run % 8 != 0) {
                return false;
            }
            if (run > 0) {
                emit(FIXED, run, 0);
            }
            run = 0;
            return true;
        }

        private void emit(int op, long arg, int arg2) {
            ops.add(op);
            args.add(arg);
            args2.add(arg2);
        }

        boolean add(FieldDecoder d) {
            if (fixed(d)) {
                return true;
            }
            if (d instanceof Decoders.StructDecoder st) {
                if (st.align > 8) {
                    return false;
                }
                run = BitReader.alignUp(run, st.align);
                for (FieldDecoder m : st.members) {
                    if (!add(m)) {
                        return false;
                    }
                }
                return true;
            }
            if (d instanceof Decoders.StringDecoder) {
                if (!flush()) {
                    return false;
                }
                emit(STRING, 0, 0);
                lastOrder = 0;
                return true;
            }
            if (d instanceof Decoders.IntDecoder i) {
                // Not plain (else fixed() took it): an integer something refers to.
                if (i.role != FieldRole.NONE || i.clockMapped || i.slot < 0 || i.align > 8 || i.size % 8 != 0
                        || !flush()) {
                    return false;
                }
                emit(LOAD, i.slot, i.size | (i.bigEndian ? 0x80 : 0) | (i.signed ? 0x100 : 0));
                lastOrder = i.bigEndian ? 2 : 1;
                return true;
            }
            if (d instanceof Decoders.ArrayDecoder a && a.lengthSlot >= 0) {
                long element = elementBits(a.element);
                if (a.align > 8 || element < 0 || element % 8 != 0 || !flush()) {
                    return false;
                }
                emit(SEQUENCE, element, a.lengthSlot);
                return true;
            }
            if (d instanceof Decoders.VariantDecoder v) {
                if (!flush()) {
                    return false;
                }
                BodyProgram[] options = new BodyProgram[v.options.length];
                for (int o = 0; o < options.length; o++) {
                    options[o] = compile(v.options[o]);
                }
                variants.add(Variant.of(v.tagSlot, v.ranges, options));
                emit(VARIANT, variants.size() - 1, 0);
                lastOrder = 0;
                return true;
            }
            return false;
        }

        /** Adds {@code d} to the pending run when its size does not depend on the data; false otherwise. */
        private boolean fixed(FieldDecoder d) {
            long saved = run;
            int savedOrder = lastOrder;
            if (layout(d)) {
                return true;
            }
            run = saved;
            lastOrder = savedOrder;
            return false;
        }

        /** Lays {@code d} out at the end of the run, as the generic decoder would read it. */
        private boolean layout(FieldDecoder d) {
            if (++laidOut > MAX_LAID_OUT_FIELDS) {
                return false;
            }
            long whole = d.fixedSizeBits();
            if (whole >= 0 && run % 8 == 0) {
                // Whole bytes from a byte: the decoder knows its size (arrays are not walked).
                run += whole;
                lastOrder = 0;
                return true;
            }
            if (d instanceof Decoders.IntDecoder i) {
                return i.plain && bitField(i.align, i.size, i.bigEndian);
            }
            if (d instanceof Decoders.FloatDecoder f) {
                return bitField(f.type.alignBits(), f.type.sizeBits(), f.bigEndian);
            }
            if (d instanceof Decoders.StructDecoder st) {
                if (st.align > 8) {
                    return false;
                }
                run = BitReader.alignUp(run, st.align);
                for (FieldDecoder m : st.members) {
                    if (!layout(m)) {
                        return false;
                    }
                }
                return true;
            }
            if (d instanceof Decoders.ArrayDecoder a && a.lengthSlot < 0) {
                if (a.align > 8 || a.staticLength > MAX_SIMULATED_ELEMENTS) {
                    return false;
                }
                run = BitReader.alignUp(run, a.align);
                for (long k = 0; k < a.staticLength; k++) {
                    if (!layout(a.element)) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }

        private boolean bitField(int align, int size, boolean bigEndian) {
            if (align > 8) {
                return false;
            }
            run = BitReader.alignUp(run, align);
            int order = bigEndian ? 2 : 1;
            // The generic reader refuses a byte-order change inside a byte: leave that to it.
            if (run % 8 != 0 && lastOrder != 0 && lastOrder != order) {
                return false;
            }
            lastOrder = order;
            run += size;
            return true;
        }

    }

    /** Size of one element of a sequence laid out from a byte, when it does not depend on the data; else -1. */
    private static long elementBits(FieldDecoder element) {
        Builder b = new Builder();
        if (!b.fixed(element)) {
            return -1;
        }
        return b.run;
    }
}

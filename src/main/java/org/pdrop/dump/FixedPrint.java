package org.pdrop.dump;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.pdrop.ctf.decode.FixedLayout;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.IntType;

/**
 * Prints a scope whose layout does not depend on its data straight from the packet's bytes: one
 * load per member at its offset, no decoder callbacks and no walk of {@link ScopePrinter}'s tree.
 * Most kernel events' payloads are such structures of integers, enumerations and character
 * arrays. The text is the one {@link ScopePrinter} prints for the same bytes, member for member
 * (same printers, prefixes and quoting); {@code FixedPrintTest} compares both on real traces.
 *
 * <p>Built per scope and thread ({@link #of}); not thread safe (a scratch buffer for text).
 */
final class FixedPrint {
    private static final int INT = 0;
    private static final int ENUM = 1;
    private static final int TEXT = 2;

    /** Printed members only: kind, byte offset from the scope's start, size (bits, or bytes for text), prefix. */
    private final int[] kinds;
    private final int[] offsets;
    private final int[] sizes;
    private final boolean[] bigEndian;
    private final boolean[] signed;
    private final byte[][] prefixes;
    private final FieldPrinter.IntPrinter[] ints;
    private final FieldPrinter.EnumPrinter[] enums;
    private byte[] text = new byte[64];

    private FixedPrint(List<Member> members) {
        int n = members.size();
        kinds = new int[n];
        offsets = new int[n];
        sizes = new int[n];
        bigEndian = new boolean[n];
        signed = new boolean[n];
        prefixes = new byte[n][];
        ints = new FieldPrinter.IntPrinter[n];
        enums = new FieldPrinter.EnumPrinter[n];
        for (int i = 0; i < n; i++) {
            Member m = members.get(i);
            kinds[i] = m.kind;
            offsets[i] = m.offset;
            sizes[i] = m.size;
            bigEndian[i] = m.bigEndian;
            signed[i] = m.signed;
            prefixes[i] = m.prefix;
            ints[i] = m.node.integer;
            enums[i] = m.node.enumeration;
        }
    }

    private record Member(int kind, int offset, int size, boolean bigEndian, boolean signed, byte[] prefix,
                          ScopePrinter.Node node) {}

    /**
     * The plan of a printed scope ({@code root}) of {@code fixedBits} bits, or null when a member is of a kind this does not print (floats,
     * strings, nested structures, variants, arrays that are not text, integers of other sizes
     * than 8, 16, 32 or 64 bits) or the members' sizes do not add up to {@code fixedBits}.
     */
    static FixedPrint of(ScopePrinter.Node root, long fixedBits) {
        if (root == null || root.kind != ScopePrinter.STRUCT || !root.visible || !root.anyVisibleMember
                || fixedBits <= 0 || (fixedBits & 7) != 0 || fixedBits > Integer.MAX_VALUE) {
            return null;
        }
        List<Member> members = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < root.children.length; i++) {
            ScopePrinter.Node c = root.children[i];
            FieldType t = c.type;
            IntType it = t instanceof IntType x ? x : t instanceof EnumType e ? e.container() : null;
            long size;
            if ((c.kind == ScopePrinter.INT || c.kind == ScopePrinter.ENUM) && it != null) {
                if (it.sizeBits() != 8 && it.sizeBits() != 16 && it.sizeBits() != 32 && it.sizeBits() != 64) {
                    return null;
                }
                size = it.sizeBits();
                if (c.visible) {
                    members.add(new Member(c.kind == ScopePrinter.ENUM ? ENUM : INT, (int) (offset >>> 3), it.sizeBits(),
                            it.bigEndian(), it.signed(), root.prefixes[i], c));
                }
            } else if (c.kind == ScopePrinter.TEXT && t instanceof ArrayType at && at.element() instanceof IntType
                    && at.length() <= Integer.MAX_VALUE / 8) {
                size = at.length() * 8;
                if (c.visible) {
                    members.add(new Member(TEXT, (int) (offset >>> 3), (int) at.length(), false, false, root.prefixes[i], c));
                }
            } else {
                return null;
            }
            offset += size;
        }
        if (offset != fixedBits) {
            return null;
        }
        return new FixedPrint(members);
    }

    /** Prints the scope whose bytes start at {@code at} in {@code le} (the caller checked they lie in the packet). */
    void print(ByteBuffer le, int at, ByteOut out) {
        out.put((byte) '{');
        for (int i = 0; i < kinds.length; i++) {
            out.put(prefixes[i]);
            int p = at + offsets[i];
            switch (kinds[i]) {
                case INT -> ints[i].printBits(out, FixedLayout.load(le, p, sizes[i], bigEndian[i], signed[i]));
                case ENUM -> enums[i].printBits(out, FixedLayout.load(le, p, sizes[i], bigEndian[i], signed[i]));
                default -> printText(le, p, sizes[i], out);
            }
        }
        out.put((byte) ' ').put((byte) '}');
    }

    /** A character array as Babeltrace prints it: its bytes up to the first NUL, quoted. */
    private void printText(ByteBuffer le, int at, int length, ByteOut out) {
        int n = 0;
        while (n < length && le.get(at + n) != 0) {
            n++;
        }
        if (text.length < n) {
            text = new byte[Math.max(n, text.length * 2)];
        }
        le.get(at, text, 0, n);
        Formats.putQuoted(out, text, 0, n);
    }
}

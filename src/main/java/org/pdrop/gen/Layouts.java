package org.pdrop.gen;

import java.util.ArrayList;
import java.util.List;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRef;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.FloatType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.SequenceType;
import org.pdrop.ctf.ir.StringType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.VariantType;

/**
 * Lays out the fixed-size scopes the generator encodes (packet header, packet context, event
 * header) the way the decoders read them (CTF 1.8 §4: each field aligned, then read in order):
 * every integer at a bit offset. A variant (CTF 1.8 §4.2.2) multiplies the layouts, one per range
 * of its tag that selects an option, so an LTTng event header gives two shapes, compact and
 * extended. Strings and sequences have no fixed size and are refused.
 */
final class Layouts {
    private Layouts() {
    }

    /** One integer (or enumeration, or float written as zero bits) at a fixed offset. */
    record Leaf(long offsetBits, int sizeBits, boolean bigEndian, FieldRole role, boolean clockMapped, Scope scope,
                List<Integer> path, int element, EnumType enumType) {
        long mask() {
            return sizeBits == 64 ? -1L : (1L << sizeBits) - 1;
        }
    }

    /**
     * One layout: the leaves in decoding order and, for leaves that are variant tags, the inclusive
     * range {@code [lower, upper]} their value must fall in for this layout's options.
     */
    static final class Shape {
        long endBits;
        final List<Leaf> leaves = new ArrayList<>();
        final List<long[]> tagRanges = new ArrayList<>();

        Shape(long startBits) {
            this.endBits = startBits;
        }

        Shape copy() {
            Shape s = new Shape(endBits);
            s.leaves.addAll(leaves);
            for (long[] r : tagRanges) {
                s.tagRanges.add(r == null ? null : r.clone());
            }
            return s;
        }

        /** The tag range of leaf {@code i}, or null when it is no tag here. */
        long[] tagRange(int i) {
            return tagRanges.get(i);
        }
    }

    /**
     * Every layout of {@code scopes} (decoded one after the other) starting at {@code startBits}.
     *
     * @param where names the scopes in error messages
     */
    static List<Shape> expand(List<StructType> scopes, List<Scope> scopeIds, long startBits, String where) {
        List<Shape> shapes = List.of(new Shape(startBits));
        for (int i = 0; i < scopes.size(); i++) {
            if (scopes.get(i) != null) {
                shapes = expand(scopes.get(i), FieldRole.NONE, scopeIds.get(i), new ArrayList<>(), -1, shapes, where);
            }
        }
        return shapes;
    }

    /** Largest alignment in bits of any field of {@code type}, itself included. */
    static int maxAlign(FieldType type) {
        int a = type.alignBits();
        if (type instanceof StructType st) {
            for (Field f : st.fields()) {
                a = Math.max(a, maxAlign(f.type()));
            }
        } else if (type instanceof VariantType vt) {
            for (Field f : vt.options()) {
                a = Math.max(a, maxAlign(f.type()));
            }
        } else if (type instanceof ArrayType at) {
            a = Math.max(a, maxAlign(at.element()));
        } else if (type instanceof SequenceType sq) {
            a = Math.max(a, maxAlign(sq.element()));
        }
        return a;
    }

    private static List<Shape> expand(FieldType t, FieldRole role, Scope scope, List<Integer> path, int element,
                                      List<Shape> shapes, String where) {
        if (t instanceof IntType || t instanceof EnumType) {
            EnumType et = t instanceof EnumType e ? e : null;
            IntType it = et != null ? et.container() : (IntType) t;
            for (Shape s : shapes) {
                long at = align(s.endBits, it.alignBits());
                s.leaves.add(new Leaf(at, it.sizeBits(), it.bigEndian(), role, it.mappedClock() != null, scope,
                        List.copyOf(path), element, et));
                s.tagRanges.add(null);
                s.endBits = at + it.sizeBits();
            }
            return shapes;
        }
        if (t instanceof FloatType ft) {
            for (Shape s : shapes) {
                long at = align(s.endBits, ft.alignBits());
                s.leaves.add(new Leaf(at, ft.sizeBits(), ft.bigEndian(), FieldRole.NONE,
                        false, scope, List.copyOf(path), element, null));
                s.tagRanges.add(null);
                s.endBits = at + ft.sizeBits();
            }
            return shapes;
        }
        if (t instanceof StructType st) {
            for (Shape s : shapes) {
                s.endBits = align(s.endBits, st.alignBits());
            }
            List<Shape> out = shapes;
            for (int i = 0; i < st.fields().size(); i++) {
                Field f = st.fields().get(i);
                path.add(i);
                out = expand(f.type(), f.role(), scope, path, element, out, where);
                path.remove(path.size() - 1);
            }
            return out;
        }
        if (t instanceof ArrayType at) {
            if (containsVariant(at.element())) {
                throw unsupported(where, "a variant inside an array");
            }
            for (Shape s : shapes) {
                s.endBits = align(s.endBits, at.alignBits());
            }
            List<Shape> out = shapes;
            for (long i = 0; i < at.length(); i++) {
                // The array's role (the packet header's uuid) applies to its elements, one byte each.
                out = expand(at.element(), role, null, new ArrayList<>(List.of(-1)), (int) i, out, where);
            }
            return out;
        }
        if (t instanceof VariantType vt) {
            return expandVariant(vt, scope, path, element, shapes, where);
        }
        if (t instanceof StringType) {
            throw unsupported(where, "a string");
        }
        if (t instanceof SequenceType) {
            throw unsupported(where, "a sequence");
        }
        throw new AssertionError(t);
    }

    private static List<Shape> expandVariant(VariantType vt, Scope scope, List<Integer> path, int element,
                                             List<Shape> shapes, String where) {
        FieldRef ref = vt.tag();
        List<Shape> out = new ArrayList<>();
        for (Shape s : shapes) {
            int tag = -1;
            for (int i = s.leaves.size() - 1; i >= 0; i--) {
                Leaf l = s.leaves.get(i);
                if (l.scope() == ref.scope() && l.path().equals(ref.path()) && l.element() < 0) {
                    tag = i;
                    break;
                }
            }
            if (tag < 0 || s.leaves.get(tag).enumType() == null) {
                throw unsupported(where, "a variant whose tag is not an enumeration of the same scopes: tag="
                        + ref.text());
            }
            EnumType et = s.leaves.get(tag).enumType();
            boolean signed = et.container().signed();
            List<EnumType.Mapping> selecting = new ArrayList<>();
            for (EnumType.Mapping m : et.mappings()) {
                int option = vt.optionIndex(m.label());
                if (option < 0) {
                    continue;
                }
                // The decoder takes the first selecting range that holds the tag: a range that
                // overlaps an earlier one might decode as another option, so it is not used.
                boolean shadowed = false;
                for (EnumType.Mapping earlier : selecting) {
                    if (overlaps(earlier, m, signed)) {
                        shadowed = true;
                        break;
                    }
                }
                selecting.add(m);
                if (shadowed) {
                    continue;
                }
                long[] range = intersect(s.tagRange(tag), new long[] {m.lower(), m.upper()}, signed);
                if (range == null) {
                    continue;
                }
                Shape c = s.copy();
                c.tagRanges.set(tag, range);
                Field f = vt.options().get(option);
                path.add(option);
                out.addAll(expand(f.type(), f.role(), scope, path, element, new ArrayList<>(List.of(c)), where));
                path.remove(path.size() - 1);
            }
        }
        return out;
    }

    private static boolean overlaps(EnumType.Mapping a, EnumType.Mapping b, boolean signed) {
        return signed
                ? a.lower() <= b.upper() && b.lower() <= a.upper()
                : Long.compareUnsigned(a.lower(), b.upper()) <= 0 && Long.compareUnsigned(b.lower(), a.upper()) <= 0;
    }

    private static long[] intersect(long[] a, long[] b, boolean signed) {
        if (a == null) {
            return b;
        }
        long lo = signed ? Math.max(a[0], b[0]) : (Long.compareUnsigned(a[0], b[0]) >= 0 ? a[0] : b[0]);
        long hi = signed ? Math.min(a[1], b[1]) : (Long.compareUnsigned(a[1], b[1]) <= 0 ? a[1] : b[1]);
        boolean empty = signed ? lo > hi : Long.compareUnsigned(lo, hi) > 0;
        return empty ? null : new long[] {lo, hi};
    }

    private static boolean containsVariant(FieldType t) {
        if (t instanceof VariantType) {
            return true;
        }
        if (t instanceof StructType st) {
            return st.fields().stream().anyMatch(f -> containsVariant(f.type()));
        }
        if (t instanceof ArrayType at) {
            return containsVariant(at.element());
        }
        if (t instanceof SequenceType sq) {
            return containsVariant(sq.element());
        }
        return false;
    }

    static long align(long bits, long alignBits) {
        return alignBits <= 1 ? bits : (bits + alignBits - 1) & -alignBits;
    }

    /**
     * The decoder's clock update ({@code DecodeState.updateClock}, CTF 1.8 §8): an N-bit value
     * replaces the clock's low N bits and carries into the upper bits when it is below them.
     */
    static long updateClock(long clock, long value, int sizeBits) {
        if (sizeBits >= 64) {
            return value;
        }
        long mask = (1L << sizeBits) - 1;
        if (Long.compareUnsigned(value, clock & mask) < 0) {
            clock += mask + 1;
        }
        return (clock & ~mask) | value;
    }

    /** Whether the decoder moves the clock on this leaf ({@code DecodeState.role}). */
    static boolean updatesClock(Leaf l) {
        FieldRole r = l.role();
        return r == FieldRole.TIMESTAMP || r == FieldRole.BEGIN_TIME
                || ((r == FieldRole.NONE || r == FieldRole.CPU_ID) && l.clockMapped());
    }

    static UnsupportedCtfException unsupported(String where, String what) {
        return new UnsupportedCtfException("Cannot generate from this template: scope=" + where
                + ", reason=\"the generator cannot encode " + what.replace('"', '\'') + "\"");
    }
}

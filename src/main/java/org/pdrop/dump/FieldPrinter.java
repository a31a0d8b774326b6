package org.pdrop.dump;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pdrop.ctf.decode.FieldValue;
import org.pdrop.ctf.decode.FieldValue.ArrayValue;
import org.pdrop.ctf.decode.FieldValue.EnumValue;
import org.pdrop.ctf.decode.FieldValue.FloatValue;
import org.pdrop.ctf.decode.FieldValue.IntValue;
import org.pdrop.ctf.decode.FieldValue.StringValue;
import org.pdrop.ctf.decode.FieldValue.StructValue;
import org.pdrop.ctf.decode.FieldValue.VariantValue;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.IntType;

/**
 * Prints one decoded field the way Babeltrace 2.0's {@code print_field()} does. A tree of these
 * is compiled once per scope of each event class ({@link Bt2Scopes}), with the members Babeltrace
 * does not keep already left out and the {@code " name = "} prefixes pre-encoded.
 */
abstract class FieldPrinter {
    abstract void print(ByteOut out, FieldValue value);

    private static final byte[] EMPTY_STRUCT = bytes("{ }");
    private static final byte[] EMPTY_ARRAY = bytes("[ ]");
    private static final byte[] UNKNOWN_LABEL = bytes("<unknown>");
    private static final byte[] CONTAINER = bytes(" : container = ");

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final class IntPrinter extends FieldPrinter {
        private final int base;
        private final boolean signed;
        private final int size;

        IntPrinter(IntType t) {
            this.base = t.base();
            this.signed = t.signed();
            this.size = t.sizeBits();
        }

        void printBits(ByteOut out, long bits) {
            if (base == 10) {
                if (signed) {
                    out.putDecimal(bits);
                } else {
                    out.putUnsignedDecimal(bits);
                }
            } else {
                Formats.putInteger(out, bits, base, signed, size);
            }
        }

        @Override
        void print(ByteOut out, FieldValue value) {
            long bits = value instanceof IntValue iv ? iv.bits() : ((EnumValue) value).bits();
            printBits(out, bits);
        }
    }

    /** {@code ( "A", "B" : container = 3 )}; labels in order of first declaration, each once. */
    static final class EnumPrinter extends FieldPrinter {
        private final IntPrinter container;
        private final boolean signed;
        /** Distinct labels, quoted and escaped, in first-declaration order. */
        private final byte[][] labels;
        /** Ranges: lower[i]..upper[i] belong to labels[label[i]]. */
        private final long[] lower;
        private final long[] upper;
        private final int[] label;
        private final boolean[] hit;

        EnumPrinter(EnumType t) {
            this.container = new IntPrinter(t.container());
            this.signed = t.container().signed();
            Map<String, Integer> index = new LinkedHashMap<>();
            List<EnumType.Mapping> ms = t.mappings();
            lower = new long[ms.size()];
            upper = new long[ms.size()];
            label = new int[ms.size()];
            for (int i = 0; i < ms.size(); i++) {
                EnumType.Mapping m = ms.get(i);
                lower[i] = m.lower();
                upper[i] = m.upper();
                label[i] = index.computeIfAbsent(m.label(), k -> index.size());
            }
            labels = new byte[index.size()][];
            for (Map.Entry<String, Integer> e : index.entrySet()) {
                ByteOut b = new ByteOut(e.getKey().length() + 8);
                byte[] raw = bytes(e.getKey());
                Formats.putQuoted(b, raw, 0, raw.length);
                labels[e.getValue()] = java.util.Arrays.copyOf(b.array(), b.length());
            }
            hit = new boolean[labels.length];
        }

        @Override
        void print(ByteOut out, FieldValue value) {
            printBits(out, ((EnumValue) value).bits());
        }

        void printBits(ByteOut out, long v) {
            out.put((byte) '(').put((byte) ' ');
            java.util.Arrays.fill(hit, false);
            int found = 0;
            for (int i = 0; i < lower.length; i++) {
                boolean in = signed
                        ? v >= lower[i] && v <= upper[i]
                        : Long.compareUnsigned(v, lower[i]) >= 0 && Long.compareUnsigned(v, upper[i]) <= 0;
                if (in && !hit[label[i]]) {
                    hit[label[i]] = true;
                    found++;
                }
            }
            if (found == 0) {
                out.put(UNKNOWN_LABEL);
            } else {
                boolean first = true;
                for (int l = 0; l < labels.length; l++) {
                    if (hit[l]) {
                        if (!first) {
                            out.put((byte) ',').put((byte) ' ');
                        }
                        out.put(labels[l]);
                        first = false;
                    }
                }
            }
            out.put(CONTAINER);
            container.printBits(out, v);
            out.put((byte) ' ').put((byte) ')');
        }
    }

    static final class FloatPrinter extends FieldPrinter {
        @Override
        void print(ByteOut out, FieldValue value) {
            Formats.putG(out, ((FloatValue) value).value());
        }
    }

    static final class StringPrinter extends FieldPrinter {
        @Override
        void print(ByteOut out, FieldValue value) {
            byte[] b = ((StringValue) value).bytes();
            Formats.putQuoted(out, b, 0, b.length);
        }
    }

    /**
     * An array or sequence of 8-bit UTF-8/ASCII integers, which Babeltrace turns into a string:
     * the bytes up to the first NUL.
     */
    static final class TextPrinter extends FieldPrinter {
        private byte[] scratch = new byte[64];

        @Override
        void print(ByteOut out, FieldValue value) {
            FieldValue[] els = ((ArrayValue) value).elements();
            if (scratch.length < els.length) {
                scratch = new byte[Math.max(els.length, scratch.length * 2)];
            }
            int n = 0;
            for (FieldValue e : els) {
                long b = e instanceof IntValue iv ? iv.bits() : ((EnumValue) e).bits();
                if ((b & 0xFF) == 0) {
                    break;
                }
                scratch[n++] = (byte) b;
            }
            Formats.putQuoted(out, scratch, 0, n);
        }
    }

    static final class StructPrinter extends FieldPrinter {
        /** Indexes of the printed members in the structure's value array. */
        private final int[] members;
        /** {@code " name = "} for the first printed member, {@code ", name = "} for the others. */
        private final byte[][] prefixes;
        private final FieldPrinter[] printers;

        StructPrinter(List<Integer> members, List<String> names, List<FieldPrinter> printers) {
            this.members = members.stream().mapToInt(Integer::intValue).toArray();
            this.prefixes = new byte[names.size()][];
            for (int i = 0; i < prefixes.length; i++) {
                prefixes[i] = bytes((i == 0 ? " " : ", ") + names.get(i) + " = ");
            }
            this.printers = printers.toArray(new FieldPrinter[0]);
        }

        @Override
        void print(ByteOut out, FieldValue value) {
            if (members.length == 0) {
                out.put(EMPTY_STRUCT);
                return;
            }
            FieldValue[] values = ((StructValue) value).values();
            out.put((byte) '{');
            for (int i = 0; i < members.length; i++) {
                out.put(prefixes[i]);
                printers[i].print(out, values[members[i]]);
            }
            out.put((byte) ' ').put((byte) '}');
        }
    }

    static final class ArrayPrinter extends FieldPrinter {
        private static final int CACHED = 256;
        private static final byte[][] INDEX = new byte[CACHED][];

        static {
            for (int i = 0; i < CACHED; i++) {
                INDEX[i] = bytes((i == 0 ? " [" : ", [") + i + "] = ");
            }
        }

        private final FieldPrinter element;

        ArrayPrinter(FieldPrinter element) {
            this.element = element;
        }

        @Override
        void print(ByteOut out, FieldValue value) {
            FieldValue[] els = ((ArrayValue) value).elements();
            if (els.length == 0) {
                out.put(EMPTY_ARRAY);
                return;
            }
            out.put((byte) '[');
            for (int i = 0; i < els.length; i++) {
                if (i < CACHED) {
                    out.put(INDEX[i]);
                } else {
                    out.put((byte) ',').put((byte) ' ').put((byte) '[').putDecimal(i)
                            .put((byte) ']').put((byte) ' ').put((byte) '=').put((byte) ' ');
                }
                element.print(out, els[i]);
            }
            out.put((byte) ' ').put((byte) ']');
        }
    }

    /** {@code { value }}: the selected option's value, without its name. */
    static final class VariantPrinter extends FieldPrinter {
        private final FieldPrinter[] options;

        VariantPrinter(List<FieldPrinter> options) {
            this.options = options.toArray(new FieldPrinter[0]);
        }

        @Override
        void print(ByteOut out, FieldValue value) {
            VariantValue v = (VariantValue) value;
            out.put((byte) '{').put((byte) ' ');
            options[v.option()].print(out, v.value());
            out.put((byte) ' ').put((byte) '}');
        }
    }
}

package org.pdrop.ctf.conformance;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pdrop.ctf.decode.FieldValue;
import org.pdrop.ctf.decode.FieldValue.ArrayValue;
import org.pdrop.ctf.decode.FieldValue.EnumValue;
import org.pdrop.ctf.decode.FieldValue.FloatValue;
import org.pdrop.ctf.decode.FieldValue.IntValue;
import org.pdrop.ctf.decode.FieldValue.StringValue;
import org.pdrop.ctf.decode.FieldValue.StructValue;
import org.pdrop.ctf.decode.FieldValue.VariantValue;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.Encoding;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.SequenceType;

/**
 * Renders a decoded field as the YAML-like text of Babeltrace's field tests
 * ({@code tests/data/plugins/src.ctf.fs/field/README.adoc}): integers in their display base
 * ({@code 0x…}, {@code 0o…}, {@code 0b…}), reals with six decimals, quoted strings, {@code name:
 * value} members, {@code - value} elements, {@code ∅} for an empty structure or array, variants
 * as their selected option. Arrays of 8-bit integers with an encoding are text (up to the first
 * NUL), as Babeltrace turns them into string fields.
 *
 * <p>It follows the layout of Babeltrace's renderer, quirk included: a structure that is an array
 * element prints its first member on the {@code - } line with the indentation reset to zero, so a
 * compound first member's content is indented from the left margin, not from the element.
 *
 * <p>{@code enumLabels} adds the labels of enumeration values, {@code 7 (A, B)} or {@code 7 ()}
 * for none: pdrop's own cases check labels, Babeltrace's text has none.
 */
final class FieldText {
    private final List<String> lines = new ArrayList<>();
    private final boolean enumLabels;

    private FieldText(boolean enumLabels) {
        this.enumLabels = enumLabels;
    }

    /** The text of {@code value} as a root field (no introduction), lines joined with '\n'. */
    static String render(FieldValue value, boolean enumLabels) {
        FieldText t = new FieldText(enumLabels);
        t.print(null, value, 0);
        return String.join("\n", t.lines);
    }

    /** Members of {@code struct} at {@code indent} levels, as lines (for event sections). */
    static List<String> members(StructValue struct, int indent, boolean enumLabels) {
        FieldText t = new FieldText(enumLabels);
        if (struct.values().length == 0) {
            t.lines.add("  ".repeat(indent) + "∅");
        }
        for (int i = 0; i < struct.values().length; i++) {
            t.print(struct.type().fields().get(i).rawName(), struct.values()[i], indent);
        }
        return t.lines;
    }

    /** Introduction of a field: none (root), a member name, or an array element. */
    private static final Object ELEMENT = new Object();

    private void print(Object intro, FieldValue field, int indent) {
        String pad = "  ".repeat(indent);
        String introText = intro == null ? "" : intro == ELEMENT ? "- " : intro + ": ";
        if (field instanceof VariantValue v) {
            print(intro, v.value(), indent);
        } else if (field instanceof StructValue s) {
            printStruct(intro, s, indent, pad + introText);
        } else if (field instanceof ArrayValue a && isText(a.type())) {
            lines.add(pad + introText + quote(text(a)));
        } else if (field instanceof ArrayValue a) {
            if (a.elements().length == 0) {
                lines.add(pad + introText + "∅");
                return;
            }
            int add = 0;
            if (intro != null) {
                lines.add(pad + introText.strip());
                add = 1;
            }
            for (FieldValue e : a.elements()) {
                print(ELEMENT, e, indent + add);
            }
        } else {
            lines.add(pad + introText + scalar(field));
        }
    }

    private void printStruct(Object intro, StructValue s, int indent, String lead) {
        FieldValue[] values = s.values();
        if (values.length == 0) {
            lines.add(lead + "∅");
            return;
        }
        if (intro == ELEMENT) {
            // First member on the "- " line, printed from indentation zero (Babeltrace's layout).
            int first = lines.size();
            print(name(s, 0), values[0], 0);
            lines.set(first, lead + lines.get(first));
            for (int i = 1; i < values.length; i++) {
                print(name(s, i), values[i], indent + 1);
            }
            return;
        }
        int add = 0;
        if (intro != null) {
            lines.add(lead.stripTrailing());
            add = 1;
        }
        for (int i = 0; i < values.length; i++) {
            print(name(s, i), values[i], indent + add);
        }
    }

    private static String name(StructValue s, int i) {
        return s.type().fields().get(i).rawName();
    }

    private String scalar(FieldValue field) {
        if (field instanceof IntValue i) {
            return integer(i.type(), i.bits());
        }
        if (field instanceof EnumValue e) {
            String v = integer(e.type().container(), e.bits());
            return enumLabels ? v + " (" + String.join(", ", e.type().labelsOf(e.bits())) + ")" : v;
        }
        if (field instanceof FloatValue f) {
            return String.format(Locale.ROOT, "%.6f", f.value());
        }
        if (field instanceof StringValue s) {
            return quote(s.text());
        }
        throw new AssertionError(field);
    }

    /** Python's {@code int()}, {@code hex()}, {@code oct()} or {@code bin()} of the value. */
    static String integer(IntType type, long bits) {
        BigInteger v = type.signed() ? BigInteger.valueOf(bits) : new BigInteger(Long.toUnsignedString(bits));
        String sign = v.signum() < 0 ? "-" : "";
        BigInteger abs = v.abs();
        return switch (type.base()) {
            case 16 -> sign + "0x" + abs.toString(16);
            case 8 -> sign + "0o" + abs.toString(8);
            case 2 -> sign + "0b" + abs.toString(2);
            default -> v.toString();
        };
    }

    private static boolean isText(FieldType type) {
        FieldType element = type instanceof ArrayType at ? at.element()
                : type instanceof SequenceType sq ? sq.element() : null;
        return element instanceof IntType it && it.encoding() != Encoding.NONE && it.sizeBits() == 8;
    }

    /** The bytes of a text array up to its first NUL, as UTF-8. */
    private static String text(ArrayValue a) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (FieldValue e : a.elements()) {
            int c = (int) ((IntValue) e).bits() & 0xFF;
            if (c == 0) {
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}

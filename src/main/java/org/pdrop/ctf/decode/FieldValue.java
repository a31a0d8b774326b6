package org.pdrop.ctf.decode;

import java.nio.charset.StandardCharsets;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.FloatType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.StringType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.VariantType;

/**
 * A decoded field value, paired with the field class it was decoded with. Produced only on the
 * generic (printing) path; the analysis path reads integers straight from the packet without
 * building these.
 */
public sealed interface FieldValue {

    FieldType type();

    /** Integer; {@code bits} holds the value sign-extended when signed, raw unsigned otherwise. */
    record IntValue(IntType type, long bits) implements FieldValue {}

    /** Enumeration; {@code bits} as for {@link IntValue} of the container. */
    record EnumValue(EnumType type, long bits) implements FieldValue {}

    record FloatValue(FloatType type, double value) implements FieldValue {}

    /** String: the raw bytes before the terminating NUL (not decoded: printers decide). */
    record StringValue(StringType type, byte[] bytes) implements FieldValue {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    record StructValue(StructType type, FieldValue[] values) implements FieldValue {
        public FieldValue get(String name) {
            int i = type.indexOf(name);
            return i < 0 ? null : values[i];
        }
    }

    /** Static array or sequence: {@code type} is the {@code ArrayType} or {@code SequenceType}. */
    record ArrayValue(FieldType type, FieldValue[] elements) implements FieldValue {}

    /** Variant: the chosen option's index and its value. */
    record VariantValue(VariantType type, int option, FieldValue value) implements FieldValue {}
}

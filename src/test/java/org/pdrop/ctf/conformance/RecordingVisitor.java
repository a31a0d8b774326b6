package org.pdrop.ctf.conformance;

import org.pdrop.ctf.decode.FieldVisitor;

/** Writes every callback of a decoder as text, so that two walks over the same fields compare as strings (tests). */
public final class RecordingVisitor implements FieldVisitor {
    private final StringBuilder b = new StringBuilder();

    /** What was recorded so far. */
    public String text() {
        return b.toString();
    }

    @Override
    public void integer(long bits) {
        b.append(bits).append(',');
    }

    @Override
    public void floatingPoint(double value) {
        b.append(Double.doubleToRawLongBits(value)).append('f');
    }

    @Override
    public void string(byte[] bytes, int offset, int length) {
        b.append('"').append(new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1))
                .append('"');
    }

    @Override
    public void beginStruct() {
        b.append('{');
    }

    @Override
    public void endStruct() {
        b.append('}');
    }

    @Override
    public void beginArray(int length) {
        b.append('[').append(length).append(':');
    }

    @Override
    public void endArray() {
        b.append(']');
    }

    @Override
    public void beginVariant(int option) {
        b.append('<').append(option).append(':');
    }

    @Override
    public void endVariant() {
        b.append('>');
    }
}

package org.pdrop.ctf.decode;

/**
 * Receives a field's decoded parts in decoding order, without any {@link FieldValue} being built:
 * the allocation-free alternative to {@link FieldDecoder#read} for consumers that look at every
 * field once, such as printers. Calls nest like the field classes (CTF 1.8 §4): a structure is
 * {@link #beginStruct()}, its members, {@link #endStruct()}; an array or sequence is
 * {@link #beginArray(int)}, its elements, {@link #endArray()}; a variant is
 * {@link #beginVariant(int)}, the selected option, {@link #endVariant()}.
 */
public interface FieldVisitor {
    /** An integer or enumeration: the raw value, sign-extended when the integer is signed. */
    void integer(long bits);

    /**
     * The elements of an array or sequence of plain byte-sized integers, all at once (between
     * its {@link #beginArray} and {@link #endArray}): {@code bytes[offset, offset + length)} in a
     * scratch buffer valid only during the call. The default reports each as {@link #integer}.
     */
    default void bytes(byte[] bytes, int offset, int length, boolean signed) {
        for (int i = 0; i < length; i++) {
            integer(signed ? bytes[offset + i] : bytes[offset + i] & 0xFF);
        }
    }

    void floatingPoint(double value);

    /**
     * A string's bytes before the terminating NUL, in {@code bytes[offset, offset + length)}. The
     * array is a scratch buffer, valid only during the call.
     */
    void string(byte[] bytes, int offset, int length);

    void beginStruct();

    void endStruct();

    /** A static array or a sequence of {@code length} elements. */
    void beginArray(int length);

    void endArray();

    /** A variant whose selected option is the {@code option}-th of its field class. */
    void beginVariant(int option);

    void endVariant();
}

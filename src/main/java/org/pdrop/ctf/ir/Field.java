package org.pdrop.ctf.ir;

/**
 * A named member of a structure or an option of a variant.
 *
 * @param name    the name consumers see: the TSDL identifier with one leading underscore removed,
 *                as CTF 1.8 §4.2.3 and Babeltrace do ({@code _skbaddr} reads as {@code skbaddr})
 * @param rawName the identifier as written in the metadata, which paths and variant tags use
 * @param type    the field class
 * @param role    what the decoder does with this field beyond decoding it
 */
public record Field(String name, String rawName, FieldType type, FieldRole role) {
    public Field(String rawName, FieldType type) {
        this(unescape(rawName), rawName, type, FieldRole.NONE);
    }

    public Field withType(FieldType newType) {
        return new Field(name, rawName, newType, role);
    }

    public Field withRole(FieldRole newRole) {
        return new Field(name, rawName, type, newRole);
    }

    /** Removes one leading underscore, the TSDL escape for names that clash with keywords. */
    public static String unescape(String rawName) {
        return rawName.startsWith("_") ? rawName.substring(1) : rawName;
    }
}

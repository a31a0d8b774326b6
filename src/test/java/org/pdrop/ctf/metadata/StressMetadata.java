package org.pdrop.ctf.metadata;

import java.util.Map;
import java.util.function.IntFunction;

/**
 * Writes the metadata of the CTF test suite's {@code stress/metadata/pass} cases, which the suite
 * generates with Python scripts ({@code test.py}) from a size: same text shapes, written here from
 * their description.
 */
final class StressMetadata {
    private StressMetadata() {
    }

    /** A minimal trace: two integer aliases, a trace block with a packet header. */
    static final String PROLOGUE = "/* CTF 1.8 */\n"
            + "typealias integer { size = 8; align = 8; signed = false; base = 10; } := uint8_t;\n"
            + "typealias integer { size = 32; align = 32; signed = false; base = hex; } := uint32_t;\n\n"
            + "trace {\n\tmajor = 1;\n\tminor = 8;\n\tuuid = \"2a6422d0-6cee-11e0-8c08-cb07d7b3a564\";\n"
            + "\tbyte_order = le;\n\tpacket.header := struct {\n\t\tuint32_t magic;\n\t\tuint8_t  uuid[16];\n\t};\n};\n\n";

    static final Map<String, IntFunction<String>> GENERATORS = Map.of(
            "large-metadata", StressMetadata::largeMetadata,
            "long-identifier", StressMetadata::longIdentifier,
            "many-callsites", StressMetadata::manyCallsites,
            "many-stream-class", StressMetadata::manyStreamClasses,
            "many-typealias", StressMetadata::manyTypealiases,
            "many-typedef", StressMetadata::manyTypedefs);

    /** An event block with {@code size} extra blanks before its closing brace. */
    static String largeMetadata(int size) {
        return PROLOGUE + "event {\n\tname = myevent;\n\tfields := struct {\n\t\tuint8_t f;\n\t};\n"
                + " ".repeat(size) + "\n};\n";
    }

    /** A field name of {@code size} characters. */
    static String longIdentifier(int size) {
        return PROLOGUE + "event {\n\tname = myevent;\n\tfields := struct {\n\t\tuint8_t " + "A".repeat(size)
                + ";\n\t};\n};\n";
    }

    static String manyCallsites(int size) {
        StringBuilder b = new StringBuilder(PROLOGUE.length() + size * 90);
        b.append(PROLOGUE).append("event {\n\tname = myevent;\n};\n\n");
        for (int i = 0; i < size; i++) {
            b.append("callsite {\n\tname = \"myevent\";\n\tfunc = \"myfunc").append(i).append("\";\n\tfile = \"myfile")
                    .append(i).append("\";\n\tline = ").append(i).append(";\n\tip = 0x").append(i).append(";\n};\n\n");
        }
        return b.toString();
    }

    /** The suite's text says {@code major = 0; minor = 0;} here, unlike its other cases. */
    static String manyStreamClasses(int size) {
        StringBuilder b = new StringBuilder(size * 24 + 1024);
        b.append("/* CTF 1.8 */\n\n")
                .append("typealias integer { size = 8; align = 8; signed = false; base = 10; } := uint8_t;\n")
                .append("typealias integer { size = 32; align = 8; signed = false; base = hex; } := uint32_t;\n")
                .append("typealias integer { size = 64; align = 8; signed = false; base = hex; } := uint64_t;\n\n")
                .append("trace {\n\tmajor = 0;\n\tminor = 0;\n\tuuid = \"2a6422d0-6cee-11e0-8c08-cb07d7b3a564\";\n")
                .append("\tbyte_order = le;\n\tpacket.header := struct {\n\t\tuint32_t magic;\n\t\tuint8_t uuid[16];\n")
                .append("\t\tuint64_t stream_id;\n\t};\n};\n\n");
        for (int i = 0; i < size; i++) {
            b.append("stream {\n\tid = ").append(i).append(";\n};\n\n");
        }
        return b.toString();
    }

    static String manyTypealiases(int size) {
        StringBuilder b = new StringBuilder(PROLOGUE.length() + size * 82);
        b.append(PROLOGUE);
        for (int i = 0; i < size; i++) {
            b.append("typealias integer { size = 8; align = 8; signed = false; base = 10; } := t").append(i).append(";\n");
        }
        return b.toString();
    }

    static String manyTypedefs(int size) {
        StringBuilder b = new StringBuilder(PROLOGUE.length() + size * 77);
        b.append(PROLOGUE);
        for (int i = 0; i < size; i++) {
            b.append("typedef integer { size = 8; align = 8; signed = false; base = 10; } t").append(i).append(";\n");
        }
        return b.toString();
    }
}

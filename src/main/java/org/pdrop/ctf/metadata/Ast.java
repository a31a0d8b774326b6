package org.pdrop.ctf.metadata;

import java.util.List;

/**
 * The TSDL abstract syntax tree (CTF 1.8 §7 and the phrase structure grammar of §C.2), as produced
 * by {@link Parser}. Records only, no behaviour; every node that can be the subject of an error keeps
 * the line it starts on. Types are kept as written (specifier lists and declarators): giving them a
 * meaning is the {@link IrBuilder}'s job.
 */
final class Ast {
    private Ast() {
    }

    /** A whole metadata text: its top-level declarations in order. */
    public record Root(List<TopLevel> declarations) {
        public Root {
            declarations = List.copyOf(declarations);
        }
    }

    /** What may appear at the top level. */
    public sealed interface TopLevel permits Block, Typedef, Typealias, TypeDeclaration {
        int line();
    }

    /** What may appear in a {@code trace}, {@code env}, {@code clock}, {@code stream}, {@code event} or {@code callsite} block. */
    public sealed interface BlockEntry permits Attribute, TypeAssignment, Typedef, Typealias {
        int line();
    }

    /** What may appear in a structure or variant body. */
    public sealed interface BodyEntry permits FieldDeclaration, Typedef, Typealias {
        int line();
    }

    /** The six kinds of top-level blocks (§7.4, §8). */
    public enum BlockKind {
        TRACE("trace"), ENV("env"), CLOCK("clock"), STREAM("stream"), EVENT("event"), CALLSITE("callsite");

        private final String keyword;

        BlockKind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** {@code trace { … };} and the other blocks. */
    public record Block(BlockKind kind, List<BlockEntry> entries, int line) implements TopLevel {
        public Block {
            entries = List.copyOf(entries);
        }
    }

    /** {@code name = value;} in a block or in an {@code integer}/{@code floating_point}/{@code string} body. */
    public record Attribute(String name, Value value, int line) implements BlockEntry {}

    /** {@code name := type;} in a block, e.g. {@code packet.header := struct {…};}. */
    public record TypeAssignment(String name, Specifiers type, int line) implements BlockEntry {}

    /** {@code typedef specifiers declarator, …;}. */
    public record Typedef(Specifiers type, List<Declarator> declarators, int line)
            implements TopLevel, BlockEntry, BodyEntry {
        public Typedef {
            declarators = List.copyOf(declarators);
        }
    }

    /**
     * {@code typealias target := alias;}: the target type with its abstract declarator (pointers,
     * array lengths) and the alias name, which is the alias specifiers and pointers as written (for
     * example {@code uint32_t}, {@code unsigned long} or {@code struct page *}).
     */
    public record Typealias(Specifiers target, Declarator targetDeclarator, Specifiers alias, int aliasPointers,
                            int line) implements TopLevel, BlockEntry, BodyEntry {}

    /** {@code specifiers;} at the top level, e.g. {@code struct name {…};} or {@code enum name : int {…};}. */
    public record TypeDeclaration(Specifiers type, int line) implements TopLevel {}

    /** {@code specifiers declarator, …;} in a structure or variant body. */
    public record FieldDeclaration(Specifiers type, List<Declarator> declarators, int line) implements BodyEntry {
        public FieldDeclaration {
            declarators = List.copyOf(declarators);
        }
    }

    /** A declaration specifier list, e.g. {@code const unsigned long} or {@code struct { … } align(8)}. */
    public record Specifiers(List<Specifier> items, int line) {
        public Specifiers {
            items = List.copyOf(items);
        }
    }

    /** One declaration specifier. */
    public sealed interface Specifier
            permits Keyword, TypeName, IntegerSpec, FloatSpec, StringSpec, StructSpec, VariantSpec, EnumSpec {
        int line();
    }

    /** A C type keyword: {@code const}, {@code char}, {@code short}, {@code int}, {@code long}, {@code signed}, … */
    public record Keyword(String word, int line) implements Specifier {}

    /** An identifier used as a type name (a typedef or typealias). */
    public record TypeName(String name, int line) implements Specifier {}

    /** {@code integer { attributes }} (§4.1.5). */
    public record IntegerSpec(List<Attribute> attributes, int line) implements Specifier {
        public IntegerSpec {
            attributes = List.copyOf(attributes);
        }
    }

    /** {@code floating_point { attributes }} (§4.1.7). */
    public record FloatSpec(List<Attribute> attributes, int line) implements Specifier {
        public FloatSpec {
            attributes = List.copyOf(attributes);
        }
    }

    /** {@code string} or {@code string { attributes }} (§4.2.5). */
    public record StringSpec(List<Attribute> attributes, int line) implements Specifier {
        public StringSpec {
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * {@code struct [name] [{ body } [align(value)]]} (§4.2.1). A null body is a reference to a
     * structure declared earlier by name.
     */
    public record StructSpec(String name, List<BodyEntry> body, Value align, int line) implements Specifier {
        public StructSpec {
            body = body == null ? null : List.copyOf(body);
        }
    }

    /**
     * {@code variant [name] [<tag>] [{ body }]} (§4.2.2). A null body is a reference to a variant
     * declared earlier by name; a null tag leaves the variant untagged.
     */
    public record VariantSpec(String name, String tag, List<BodyEntry> body, int line) implements Specifier {
        public VariantSpec {
            body = body == null ? null : List.copyOf(body);
        }
    }

    /**
     * {@code enum [name] [: container] [{ enumerators }]} (§4.1.8). A null list of enumerators is a
     * reference to an enumeration declared earlier; a null container means the {@code int} alias.
     */
    public record EnumSpec(String name, Specifiers container, List<Enumerator> enumerators, int line)
            implements Specifier {
        public EnumSpec {
            enumerators = enumerators == null ? null : List.copyOf(enumerators);
        }
    }

    /** One enumeration entry: a label and an optional value or inclusive range. */
    public record Enumerator(String label, Value lower, Value upper, int line) {}

    /**
     * What follows the specifiers: pointers, an optional name and array or sequence lengths in the
     * order written ({@code x[2][3]} has lengths {@code [2, 3]}), and an optional bit-field width.
     */
    public record Declarator(int pointers, String name, List<Value> lengths, Value bitFieldWidth, int line) {
        public Declarator {
            lengths = List.copyOf(lengths);
        }
    }

    /** A unary expression (§C.2.1) as used for attribute values, lengths and enumeration values. */
    public sealed interface Value permits Number, Text, Path {
        int line();
    }

    /**
     * An integer constant: {@code negative} when written with a unary minus, in which case
     * {@code value} is the two's complement value, else {@code value} holds 64 unsigned bits.
     */
    public record Number(long value, boolean negative, int line) implements Value {}

    /** A string or character literal, decoded. */
    public record Text(String value, int line) implements Value {}

    /** An identifier or keyword, or a dotted chain of them such as {@code clock.monotonic.value}. */
    public record Path(List<String> parts, int line) implements Value {
        public Path {
            parts = List.copyOf(parts);
        }
    }
}

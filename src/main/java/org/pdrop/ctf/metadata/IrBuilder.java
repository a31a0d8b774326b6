package org.pdrop.ctf.metadata;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.MetadataException;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.ClockClass;
import org.pdrop.ctf.ir.Encoding;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.Field;
import org.pdrop.ctf.ir.FieldRef;
import org.pdrop.ctf.ir.FieldRefRules;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.FloatType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.SequenceType;
import org.pdrop.ctf.ir.SourceMap;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StringType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.ir.VariantType;

/**
 * Turns a TSDL {@link Ast} into a raw {@link TraceClass} (CTF 1.8 §4 to §8): interprets attributes,
 * applies defaults, resolves type names through lexically scoped declarations (§7.3.1) and builds the
 * field classes. Runs after the whole text is parsed so that {@code native} byte order means the
 * trace block's even in type aliases written before it, which LTTng does.
 *
 * <p>Blocks are visited in Babeltrace's order: {@code env}, {@code clock}, the other top-level
 * declarations in text order, then {@code trace}, {@code stream} and {@code event}.
 *
 * <p>Sequence lengths and variant tags written as relative paths are looked up here, in the
 * structures lexically enclosing the declaration, among the fields declared before it (§7.3.2 and the
 * typedef example of §4.2.2). A target found in a structure whose place in a dynamic scope is known
 * (an anonymous structure written inside {@code fields := struct {…}}, say) becomes a resolved
 * {@link FieldRef}; one found inside a named or typedef'd type stays relative and is resolved at each
 * place the type is used by {@code ResolveFieldRefsPass}. A relative path found nowhere is an error.
 * Absolute paths ({@code stream.event.header.id}) are left to the pass.
 */
final class IrBuilder {

    /** The builder's output: the raw trace class, the lines of its elements, and the line of the trace's byte order. */
    record Result(TraceClass trace, SourceMap source, int byteOrderLine) {}

    private static final String[] ABSOLUTE_PREFIXES = {
        "trace.packet.header.", "stream.packet.context.", "stream.event.header.", "stream.event.context.",
        "event.context.", "event.fields.",
    };

    private final String file;
    private final Diagnostics diag;
    private final SourceMap source;
    private ByteOrder byteOrder;
    private final Map<String, Object> env = new LinkedHashMap<>();
    private final Map<String, ClockClass> clocks = new LinkedHashMap<>();
    private final List<StreamBuilder> streams = new ArrayList<>();
    private final Map<Long, StreamBuilder> streamsById = new HashMap<>();
    private final Deque<Body> bodies = new ArrayDeque<>();
    /** Named compound types already built from an AST node (a multi-declarator field builds its type once per declarator). */
    private final Map<Object, FieldType> builtNamed = new IdentityHashMap<>();
    private DeclScope scope = new DeclScope(null);

    private IrBuilder(String file, Diagnostics diag) {
        this.file = file;
        this.diag = diag;
        this.source = new SourceMap(file);
    }

    static Result build(Ast.Root root, String file, Diagnostics diag) {
        return new IrBuilder(file, diag).run(root);
    }

    // ---------------------------------------------------------------------------------------------
    // Top level

    private Result run(Ast.Root root) {
        List<Ast.Block> traces = new ArrayList<>();
        for (Ast.TopLevel t : root.declarations()) {
            if (t instanceof Ast.Block && ((Ast.Block) t).kind() == Ast.BlockKind.TRACE) {
                traces.add((Ast.Block) t);
            }
        }
        if (traces.isEmpty()) {
            int line = root.declarations().isEmpty() ? 1 : root.declarations().get(root.declarations().size() - 1).line();
            throw error("build trace class", line, "missing `trace` block");
        }
        if (traces.size() > 1) {
            throw error("build trace class", traces.get(1).line(), "duplicate `trace` block");
        }
        Ast.Block traceBlock = traces.get(0);
        int byteOrderLine = traceByteOrder(traceBlock);

        for (Ast.TopLevel t : root.declarations()) {
            if (t instanceof Ast.Block && ((Ast.Block) t).kind() == Ast.BlockKind.ENV) {
                env((Ast.Block) t);
            }
        }
        for (Ast.TopLevel t : root.declarations()) {
            if (t instanceof Ast.Block && ((Ast.Block) t).kind() == Ast.BlockKind.CLOCK) {
                clock((Ast.Block) t);
            }
        }
        for (Ast.TopLevel t : root.declarations()) {
            if (t instanceof Ast.Typedef) {
                typedef((Ast.Typedef) t);
            } else if (t instanceof Ast.Typealias) {
                typealias((Ast.Typealias) t);
            } else if (t instanceof Ast.TypeDeclaration) {
                typeDeclaration((Ast.TypeDeclaration) t);
            }
        }
        TraceParts trace = trace(traceBlock);
        for (Ast.TopLevel t : root.declarations()) {
            if (t instanceof Ast.Block && ((Ast.Block) t).kind() == Ast.BlockKind.STREAM) {
                stream((Ast.Block) t, trace.packetHeader);
            }
        }
        for (Ast.TopLevel t : root.declarations()) {
            if (t instanceof Ast.Block && ((Ast.Block) t).kind() == Ast.BlockKind.EVENT) {
                event((Ast.Block) t);
            }
        }

        List<StreamClass> streamClasses = new ArrayList<>();
        for (StreamBuilder sb : streams) {
            StreamClass sc = new StreamClass(sb.id, sb.packetContext, sb.eventHeader, sb.eventContext, null, sb.events);
            source.put(sc, sb.line);
            streamClasses.add(sc);
        }
        TraceClass tc = new TraceClass(trace.major, trace.minor, trace.uuid, byteOrder, trace.packetHeader, env,
                new ArrayList<>(clocks.values()), streamClasses);
        source.put(tc, traceBlock.line());
        return new Result(tc, source, byteOrderLine);
    }

    private int traceByteOrder(Ast.Block traceBlock) {
        int line = -1;
        for (Ast.BlockEntry e : traceBlock.entries()) {
            if (e instanceof Ast.Attribute && ((Ast.Attribute) e).name().equals("byte_order")) {
                Ast.Attribute a = (Ast.Attribute) e;
                if (line > 0) {
                    throw error("build trace class", a.line(), "duplicate `byte_order` attribute in `trace` block");
                }
                String word = word(a.value());
                if ("native".equals(word)) {
                    throw error("build trace class", a.line(), "the trace's `byte_order` cannot be `native`");
                }
                byteOrder = byteOrderOf(word);
                if (byteOrder == null) {
                    throw error("build trace class", a.line(),
                            "invalid `byte_order` attribute in `trace` block: expecting `be`, `le` or `network`");
                }
                line = a.line();
            }
        }
        if (line < 0) {
            throw error("build trace class", traceBlock.line(), "missing `byte_order` attribute in `trace` block");
        }
        return line;
    }

    private static ByteOrder byteOrderOf(String word) {
        if (word == null) {
            return null;
        }
        switch (word) {
            case "be":
            case "network":
            case "big_endian":
                return ByteOrder.BIG_ENDIAN;
            case "le":
            case "little_endian":
                return ByteOrder.LITTLE_ENDIAN;
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // env, clock, trace, stream, event blocks

    private void env(Ast.Block block) {
        for (Ast.BlockEntry e : block.entries()) {
            if (!(e instanceof Ast.Attribute)) {
                throw error("build environment", e.line(), "only `name = value;` entries are allowed in `env`");
            }
            Ast.Attribute a = (Ast.Attribute) e;
            Ast.Value v = a.value();
            if (v instanceof Ast.Number) {
                env.put(a.name(), ((Ast.Number) v).value());
            } else if (v instanceof Ast.Text) {
                env.put(a.name(), ((Ast.Text) v).value());
            } else {
                env.put(a.name(), joined((Ast.Path) v));
            }
        }
    }

    private void clock(Ast.Block block) {
        String action = "build clock class";
        Set<String> seen = new HashSet<>();
        String name = null;
        UUID uuid = null;
        String description = null;
        long frequency = 1_000_000_000L;
        long precision = 0;
        long offsetSeconds = 0;
        Ast.Number offsetCycles = null;
        boolean absolute = false;
        for (Ast.BlockEntry e : block.entries()) {
            if (!(e instanceof Ast.Attribute)) {
                throw error(action, e.line(), "only `name = value;` entries are allowed in `clock`");
            }
            Ast.Attribute a = (Ast.Attribute) e;
            if (!seen.add(a.name())) {
                throw error(action, a.line(), "duplicate `" + a.name() + "` attribute in `clock` block");
            }
            switch (a.name()) {
                case "name":
                    name = stringOf(a, action);
                    break;
                case "uuid":
                    uuid = uuidOf(a, action);
                    break;
                case "description":
                    description = stringOf(a, action);
                    break;
                case "freq":
                    frequency = unsignedOf(a, action);
                    if (frequency == 0 || frequency == -1L) {
                        throw error(action, a.line(), "invalid clock frequency: " + Long.toUnsignedString(frequency));
                    }
                    break;
                case "precision":
                    precision = unsignedOf(a, action);
                    break;
                case "offset_s":
                    offsetSeconds = numberOf(a, action).value();
                    break;
                case "offset":
                    offsetCycles = numberOf(a, action);
                    break;
                case "absolute":
                    absolute = booleanOf(a, action);
                    break;
                default:
                    unknownAttribute("clock", a);
            }
        }
        if (name == null) {
            throw error(action, block.line(), "missing `name` attribute in `clock` block");
        }
        if (clocks.containsKey(name)) {
            throw error(action, block.line(), "duplicate clock name `" + name + "`");
        }
        Object tracer = env.get("tracer_name");
        if (tracer instanceof String && ((String) tracer).startsWith("lttng") && name.equals("monotonic")) {
            absolute = true; // older LTTng versions forgot to say so; Babeltrace does the same
        }
        long cycles = 0;
        if (offsetCycles != null) {
            long v = offsetCycles.value();
            if (offsetCycles.negative()) {
                offsetSeconds += Math.floorDiv(v, frequency);
                cycles = Math.floorMod(v, frequency);
            } else {
                offsetSeconds += Long.divideUnsigned(v, frequency);
                cycles = Long.remainderUnsigned(v, frequency);
            }
        }
        ClockClass clock = new ClockClass(name, uuid, description, frequency, precision, offsetSeconds, cycles, absolute);
        source.put(clock, block.line());
        clocks.put(name, clock);
    }

    /** What the trace block defines besides the byte order. */
    private static final class TraceParts {
        int major = 1;
        int minor = 8;
        UUID uuid;
        StructType packetHeader;
    }

    private TraceParts trace(Ast.Block block) {
        String action = "build trace class";
        TraceParts parts = new TraceParts();
        Set<String> seen = new HashSet<>();
        pushScope();
        try {
            for (Ast.BlockEntry e : block.entries()) {
                if (declaration(e)) {
                    continue;
                }
                if (e instanceof Ast.TypeAssignment) {
                    Ast.TypeAssignment ta = (Ast.TypeAssignment) e;
                    if (!ta.name().equals("packet.header")) {
                        unknownEntry("trace", ta.name(), ta.line());
                        continue;
                    }
                    if (!seen.add(ta.name())) {
                        throw error(action, ta.line(), "duplicate `packet.header` in `trace` block");
                    }
                    parts.packetHeader = scopeStruct(ta, Scope.PACKET_HEADER, action);
                } else {
                    Ast.Attribute a = (Ast.Attribute) e;
                    if (!seen.add(a.name())) {
                        throw error(action, a.line(), "duplicate `" + a.name() + "` attribute in `trace` block");
                    }
                    switch (a.name()) {
                        case "major":
                            parts.major = (int) unsignedOf(a, action);
                            if (parts.major != 1) {
                                diag.warn("Unexpected trace major version: file=" + Problems.quote(file) + ", line="
                                        + a.line() + ", major=" + parts.major + ", expected=1");
                            }
                            break;
                        case "minor":
                            parts.minor = (int) unsignedOf(a, action);
                            if (parts.minor != 8) {
                                diag.warn("Unexpected trace minor version: file=" + Problems.quote(file) + ", line="
                                        + a.line() + ", minor=" + parts.minor + ", expected=8");
                            }
                            break;
                        case "uuid":
                            parts.uuid = uuidOf(a, action);
                            break;
                        case "byte_order":
                            break;
                        default:
                            unknownAttribute("trace", a);
                    }
                }
            }
        } finally {
            popScope();
        }
        if (!seen.contains("major")) {
            throw error(action, block.line(), "missing `major` attribute in `trace` block");
        }
        if (!seen.contains("minor")) {
            throw error(action, block.line(), "missing `minor` attribute in `trace` block");
        }
        return parts;
    }

    /** A stream class being built: events are added when event blocks are visited. */
    private static final class StreamBuilder {
        long id;
        int line;
        StructType packetContext;
        StructType eventHeader;
        StructType eventContext;
        final List<EventClass> events = new ArrayList<>();
        final Set<Long> eventIds = new HashSet<>();
    }

    private void stream(Ast.Block block, StructType packetHeader) {
        String action = "build stream class";
        StreamBuilder sb = new StreamBuilder();
        sb.line = block.line();
        Set<String> seen = new HashSet<>();
        Long id = null;
        pushScope();
        try {
            for (Ast.BlockEntry e : block.entries()) {
                if (declaration(e)) {
                    continue;
                }
                if (e instanceof Ast.TypeAssignment) {
                    Ast.TypeAssignment ta = (Ast.TypeAssignment) e;
                    if (!seen.add(ta.name())) {
                        throw error(action, ta.line(), "duplicate `" + ta.name() + "` in `stream` block");
                    }
                    switch (ta.name()) {
                        case "packet.context":
                            sb.packetContext = scopeStruct(ta, Scope.PACKET_CONTEXT, action);
                            break;
                        case "event.header":
                            sb.eventHeader = scopeStruct(ta, Scope.EVENT_HEADER, action);
                            break;
                        case "event.context":
                            sb.eventContext = scopeStruct(ta, Scope.EVENT_COMMON_CONTEXT, action);
                            break;
                        default:
                            unknownEntry("stream", ta.name(), ta.line());
                    }
                } else {
                    Ast.Attribute a = (Ast.Attribute) e;
                    if (!seen.add(a.name())) {
                        throw error(action, a.line(), "duplicate `" + a.name() + "` attribute in `stream` block");
                    }
                    if (a.name().equals("id")) {
                        id = unsignedOf(a, action);
                        if (id < 0) {
                            throw error(action, a.line(), "stream class id out of range: " + Long.toUnsignedString(id));
                        }
                    } else {
                        unknownAttribute("stream", a);
                    }
                }
            }
        } finally {
            popScope();
        }
        if (id != null) {
            Field streamId = packetHeader == null ? null : packetHeader.field("stream_id");
            if (streamId == null) {
                throw error(action, block.line(), "the stream class has an `id` but the packet header has no `stream_id` field");
            }
            if (!(streamId.type() instanceof IntType) && !(streamId.type() instanceof EnumType)) {
                throw error(action, block.line(), "the packet header's `stream_id` field is not an integer");
            }
            sb.id = id;
        } else {
            if (!streams.isEmpty()) {
                throw error(action, block.line(), "missing `id` attribute: the trace has more than one stream class");
            }
            sb.id = 0;
        }
        if (streamsById.putIfAbsent(sb.id, sb) != null) {
            throw error(action, block.line(), "duplicate stream class id " + sb.id);
        }
        streams.add(sb);
    }

    private void event(Ast.Block block) {
        String action = "build event class";
        Set<String> seen = new HashSet<>();
        String name = null;
        Long id = null;
        Long streamId = null;
        Long logLevel = null;
        String emfUri = null;
        StructType context = null;
        StructType payload = null;
        pushScope();
        try {
            for (Ast.BlockEntry e : block.entries()) {
                if (declaration(e)) {
                    continue;
                }
                if (e instanceof Ast.TypeAssignment) {
                    Ast.TypeAssignment ta = (Ast.TypeAssignment) e;
                    if (!seen.add(ta.name())) {
                        throw error(action, ta.line(), "duplicate `" + ta.name() + "` in `event` block");
                    }
                    switch (ta.name()) {
                        case "context":
                            context = scopeStruct(ta, Scope.EVENT_SPECIFIC_CONTEXT, action);
                            break;
                        case "fields":
                            payload = scopeStruct(ta, Scope.EVENT_PAYLOAD, action);
                            break;
                        default:
                            unknownEntry("event", ta.name(), ta.line());
                    }
                } else {
                    Ast.Attribute a = (Ast.Attribute) e;
                    if (!seen.add(a.name())) {
                        throw error(action, a.line(), "duplicate `" + a.name() + "` attribute in `event` block");
                    }
                    switch (a.name()) {
                        case "name":
                            name = stringOf(a, action);
                            break;
                        case "id":
                            id = unsignedOf(a, action);
                            if (id < 0) {
                                throw error(action, a.line(), "event class id out of range: " + Long.toUnsignedString(id));
                            }
                            break;
                        case "stream_id":
                            streamId = unsignedOf(a, action);
                            break;
                        case "loglevel":
                            logLevel = unsignedOf(a, action);
                            break;
                        case "model.emf.uri":
                            emfUri = stringOf(a, action);
                            break;
                        default:
                            unknownAttribute("event", a);
                    }
                }
            }
        } finally {
            popScope();
        }
        if (name == null) {
            throw error(action, block.line(), "missing `name` attribute in `event` block");
        }
        StreamBuilder sb = null;
        if (streamId == null) {
            if (streams.isEmpty()) {
                sb = new StreamBuilder();
                sb.line = block.line();
                streams.add(sb);
                streamsById.put(sb.id, sb);
            } else if (streams.size() == 1) {
                sb = streams.get(0);
            } else {
                throw error(action, block.line(), "missing `stream_id` attribute: the trace has more than one stream class");
            }
        } else {
            sb = streamsById.get(streamId);
            if (sb == null) {
                throw error(action, block.line(), "no stream class with id " + Long.toUnsignedString(streamId));
            }
        }
        if (id == null) {
            if (!sb.events.isEmpty()) {
                throw error(action, block.line(), "missing `id` attribute: stream class " + sb.id
                        + " has more than one event class");
            }
            id = 0L;
        }
        if (!sb.eventIds.add(id)) {
            throw error(action, block.line(), "duplicate event class id " + id + " in stream class " + sb.id);
        }
        EventClass ec = new EventClass(id, name, sb.id, logLevel, emfUri, context, payload);
        source.put(ec, block.line());
        sb.events.add(ec);
    }

    /** Builds the structure assigned to a dynamic scope, e.g. {@code fields := struct {…};}. */
    private StructType scopeStruct(Ast.TypeAssignment ta, Scope target, String action) {
        FieldType type = specifiersType(ta.type(), 0, new Anchor(target, List.of()));
        if (!(type instanceof StructType)) {
            throw error(action, ta.line(), "`" + ta.name() + "` must be a structure");
        }
        source.put(type, ta.line());
        return (StructType) type;
    }

    // ---------------------------------------------------------------------------------------------
    // Declarations

    private void typedef(Ast.Typedef td) {
        for (Ast.Declarator d : td.declarators()) {
            if (d.bitFieldWidth() != null) {
                throw unsupported("declare type", d.line(), "GCC bit-fields are not supported");
            }
            FieldType base = specifiersType(td.type(), d.pointers(), null);
            FieldType type = declaratorType(base, d, null);
            requireTagged(type, d.line(), "declare type `" + d.name() + "`");
            register(scope.aliases, d.name(), type, d.line(), "type `" + d.name() + "`");
        }
    }

    private void typealias(Ast.Typealias ta) {
        Ast.Declarator d = ta.targetDeclarator();
        FieldType base = specifiersType(ta.target(), d.pointers(), null);
        FieldType type = declaratorType(base, d, null);
        String alias = aliasName(ta.alias(), ta.aliasPointers(), ta.line());
        requireTagged(type, ta.line(), "declare type alias `" + alias + "`");
        register(scope.aliases, alias, type, ta.line(), "type alias `" + alias + "`");
    }

    private void typeDeclaration(Ast.TypeDeclaration td) {
        boolean any = false;
        for (Ast.Specifier s : td.type().items()) {
            if (s instanceof Ast.StructSpec && ((Ast.StructSpec) s).body() != null) {
                structType((Ast.StructSpec) s, null);
                any = true;
            } else if (s instanceof Ast.VariantSpec && ((Ast.VariantSpec) s).body() != null) {
                variantType((Ast.VariantSpec) s, null);
                any = true;
            } else if (s instanceof Ast.EnumSpec && ((Ast.EnumSpec) s).enumerators() != null) {
                enumType((Ast.EnumSpec) s);
                any = true;
            }
        }
        if (!any) {
            specifiersType(td.type(), 0, null);
        }
    }

    private <T> void register(Map<String, T> map, String name, T value, int line, String what) {
        if (map.containsKey(name)) {
            throw error("declare type", line, what + " is already declared in this scope");
        }
        map.put(name, value);
        source.put(value, line);
    }

    private void requireTagged(FieldType type, int line, String action) {
        FieldType t = type;
        while (t instanceof ArrayType || t instanceof SequenceType) {
            t = t instanceof ArrayType ? ((ArrayType) t).element() : ((SequenceType) t).element();
        }
        if (t instanceof VariantType && ((VariantType) t).tag() == null) {
            throw error(action, line, "the variant has no tag");
        }
    }

    /** The name a typealias declares: its specifiers and pointers as written, e.g. {@code unsigned long}. */
    private String aliasName(Ast.Specifiers specs, int pointers, int line) {
        String name = specifiersKey(specs);
        if (name == null) {
            throw error("declare type alias", line, "invalid type alias name");
        }
        return name + " *".repeat(pointers);
    }

    /**
     * The alias lookup key of a specifier list made of keywords, type names and named compound
     * references ({@code unsigned long}, {@code struct page}); null when it contains a type body.
     * {@code const} is dropped: it does not change the layout.
     */
    private static String specifiersKey(Ast.Specifiers specs) {
        StringBuilder key = new StringBuilder();
        for (Ast.Specifier s : specs.items()) {
            String part;
            if (s instanceof Ast.Keyword) {
                part = ((Ast.Keyword) s).word();
                if (part.equals("const")) {
                    continue;
                }
            } else if (s instanceof Ast.TypeName) {
                part = ((Ast.TypeName) s).name();
            } else if (s instanceof Ast.StructSpec && ((Ast.StructSpec) s).body() == null) {
                part = "struct " + ((Ast.StructSpec) s).name();
            } else if (s instanceof Ast.VariantSpec && ((Ast.VariantSpec) s).body() == null
                    && ((Ast.VariantSpec) s).tag() == null) {
                part = "variant " + ((Ast.VariantSpec) s).name();
            } else if (s instanceof Ast.EnumSpec && ((Ast.EnumSpec) s).enumerators() == null) {
                part = "enum " + ((Ast.EnumSpec) s).name();
            } else {
                return null;
            }
            if (key.length() > 0) {
                key.append(' ');
            }
            key.append(part);
        }
        return key.length() == 0 ? null : key.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Types

    /**
     * The type a specifier list denotes. With pointers, the list and its stars must name a type
     * alias (as in C, {@code void *} is whatever {@code typealias … := void *} said); an integer read
     * through a pointer displays in hexadecimal, as in Babeltrace.
     *
     * @param anchor where an anonymous structure or variant written here sits in a dynamic scope, or null
     */
    private FieldType specifiersType(Ast.Specifiers specs, int pointers, Anchor anchor) {
        Ast.Specifier first = null;
        for (Ast.Specifier s : specs.items()) {
            if (!(s instanceof Ast.Keyword && ((Ast.Keyword) s).word().equals("const"))) {
                first = s;
                break;
            }
        }
        if (pointers > 0) {
            String key = specifiersKey(specs);
            FieldType t = key == null ? null : scope.lookup(key + " *".repeat(pointers));
            if (t == null) {
                throw error("resolve type", specs.line(), "no type alias named `"
                        + (key == null ? "?" : key) + " *".repeat(pointers) + "`");
            }
            if (t instanceof IntType) {
                IntType i = (IntType) t;
                t = new IntType(i.sizeBits(), i.alignBits(), i.signed(), i.byteOrder(), 16, i.encoding(), i.mappedClock());
            }
            return t;
        }
        if (first instanceof Ast.IntegerSpec) {
            return integerType((Ast.IntegerSpec) first);
        }
        if (first instanceof Ast.FloatSpec) {
            return floatType((Ast.FloatSpec) first);
        }
        if (first instanceof Ast.StringSpec) {
            return stringType((Ast.StringSpec) first);
        }
        if (first instanceof Ast.StructSpec) {
            return structType((Ast.StructSpec) first, anchor);
        }
        if (first instanceof Ast.VariantSpec) {
            return variantType((Ast.VariantSpec) first, anchor);
        }
        if (first instanceof Ast.EnumSpec) {
            return enumType((Ast.EnumSpec) first);
        }
        String key = specifiersKey(specs);
        FieldType t = key == null ? null : scope.lookup(key);
        if (t == null) {
            throw error("resolve type", specs.line(), "no type named `" + key + "` is declared at this point");
        }
        return t;
    }

    /**
     * Wraps {@code base} in the arrays and sequences of a declarator. C order: {@code x[2][3]} is an
     * array of 2 arrays of 3, so lengths apply from the last written to the first.
     */
    private FieldType declaratorType(FieldType base, Ast.Declarator d, Anchor anchor) {
        FieldType type = base;
        List<Ast.Value> lengths = d.lengths();
        for (int i = lengths.size() - 1; i >= 0; i--) {
            Ast.Value len = lengths.get(i);
            if (len instanceof Ast.Number) {
                Ast.Number n = (Ast.Number) len;
                if (n.negative()) {
                    throw error("declare array", len.line(), "negative array length " + n.value());
                }
                if (n.value() < 0 || n.value() > Integer.MAX_VALUE) {
                    throw unsupported("declare array", len.line(), "array length "
                            + Long.toUnsignedString(n.value()) + " is too large");
                }
                type = new ArrayType(type, n.value());
            } else if (len instanceof Ast.Path) {
                String path = joined((Ast.Path) len);
                if (path.startsWith("env.")) {
                    type = new ArrayType(type, envLength(path, len.line()));
                } else {
                    SequenceType seq = new SequenceType(type, FieldRef.unresolved(path));
                    seq = seq.withLength(lexicalRef(path, seq, null, len.line()));
                    source.put(seq, len.line());
                    type = seq;
                }
            } else {
                throw error("declare array", len.line(),
                        "array length must be an integer constant or a field name, not a string literal");
            }
        }
        return type;
    }

    private long envLength(String path, int line) {
        String key = path.substring(4);
        Object v = env.get(key);
        if (v == null) {
            throw error("declare array", line, "no environment entry `" + key + "`");
        }
        if (!(v instanceof Long)) {
            throw error("declare array", line, "environment entry `" + key + "` is not an integer");
        }
        long n = (Long) v;
        if (n < 0) {
            throw error("declare array", line, "negative array length " + n + " from `" + path + "`");
        }
        return n;
    }

    private IntType integerType(Ast.IntegerSpec spec) {
        String action = "declare integer type";
        Set<String> seen = new HashSet<>();
        Long size = null;
        Long align = null;
        boolean signed = false;
        ByteOrder order = byteOrder;
        int base = 10;
        Encoding encoding = Encoding.NONE;
        String clock = null;
        for (Ast.Attribute a : spec.attributes()) {
            if (!seen.add(a.name())) {
                throw error(action, a.line(), "duplicate `" + a.name() + "` attribute in integer type");
            }
            switch (a.name()) {
                case "size":
                    size = unsignedOf(a, action);
                    if (size == 0) {
                        throw error(action, a.line(), "integer size must be positive");
                    }
                    if (size < 0 || size > 64) {
                        throw unsupported(action, a.line(), "integers larger than 64 bits are not supported: size="
                                + Long.toUnsignedString(size));
                    }
                    break;
                case "align":
                    align = alignmentOf(a, action);
                    break;
                case "signed":
                    signed = booleanOf(a, action);
                    break;
                case "byte_order":
                    order = typeByteOrderOf(a, action);
                    break;
                case "base":
                    base = baseOf(a, action);
                    break;
                case "encoding":
                    encoding = encodingOf(a, action);
                    break;
                case "map":
                    clock = mappedClockOf(a, action);
                    break;
                default:
                    unknownAttribute("integer type", a);
            }
        }
        if (size == null) {
            throw error(action, spec.line(), "missing `size` attribute in integer type");
        }
        int alignBits = align != null ? align.intValue() : size % 8 == 0 ? 8 : 1;
        IntType t = new IntType(size.intValue(), alignBits, signed, order, base, encoding, clock);
        source.put(t, spec.line());
        return t;
    }

    private FloatType floatType(Ast.FloatSpec spec) {
        String action = "declare floating point type";
        Set<String> seen = new HashSet<>();
        Long exp = null;
        Long mant = null;
        Long align = null;
        ByteOrder order = byteOrder;
        for (Ast.Attribute a : spec.attributes()) {
            if (!seen.add(a.name())) {
                throw error(action, a.line(), "duplicate `" + a.name() + "` attribute in floating point type");
            }
            switch (a.name()) {
                case "exp_dig":
                    exp = unsignedOf(a, action);
                    break;
                case "mant_dig":
                    mant = unsignedOf(a, action);
                    break;
                case "align":
                    align = alignmentOf(a, action);
                    break;
                case "byte_order":
                    order = typeByteOrderOf(a, action);
                    break;
                default:
                    unknownAttribute("floating point type", a);
            }
        }
        if (exp == null) {
            throw error(action, spec.line(), "missing `exp_dig` attribute in floating point type");
        }
        if (mant == null) {
            throw error(action, spec.line(), "missing `mant_dig` attribute in floating point type");
        }
        if (!((exp == 8 && mant == 24) || (exp == 11 && mant == 53))) {
            throw unsupported(action, spec.line(), "only IEEE 754 binary32 (exp_dig=8, mant_dig=24) and binary64"
                    + " (exp_dig=11, mant_dig=53) are supported: exp_dig=" + Long.toUnsignedString(exp) + ", mant_dig="
                    + Long.toUnsignedString(mant));
        }
        int alignBits = align != null ? align.intValue() : (exp + mant) % 8 == 0 ? 8 : 1;
        FloatType t = new FloatType(exp.intValue(), mant.intValue(), order, alignBits);
        source.put(t, spec.line());
        return t;
    }

    private StringType stringType(Ast.StringSpec spec) {
        String action = "declare string type";
        Encoding encoding = Encoding.UTF8;
        Set<String> seen = new HashSet<>();
        for (Ast.Attribute a : spec.attributes()) {
            if (!seen.add(a.name())) {
                throw error(action, a.line(), "duplicate `" + a.name() + "` attribute in string type");
            }
            if (a.name().equals("encoding")) {
                encoding = encodingOf(a, action);
            } else {
                unknownAttribute("string type", a);
            }
        }
        return new StringType(encoding);
    }

    private StructType structType(Ast.StructSpec spec, Anchor anchor) {
        if (spec.body() == null) {
            StructType t = scope.lookupStruct(spec.name());
            if (t == null) {
                throw error("resolve type", spec.line(), "no structure named `" + spec.name() + "` is declared at this point");
            }
            return t;
        }
        if (spec.name() != null) {
            FieldType done = builtNamed.get(spec);
            if (done != null) {
                return (StructType) done;
            }
            if (scope.structs.containsKey(spec.name())) {
                throw error("declare type", spec.line(), "structure `" + spec.name() + "` is already declared in this scope");
            }
        }
        int minAlign = 1;
        if (spec.align() != null) {
            if (!(spec.align() instanceof Ast.Number) || ((Ast.Number) spec.align()).negative()) {
                throw error("declare structure", spec.align().line(), "`align` must be an unsigned integer constant");
            }
            long a = ((Ast.Number) spec.align()).value();
            if (a == 0 || Long.bitCount(a) != 1) {
                throw error("declare structure", spec.align().line(), "alignment is not a power of two: "
                        + Long.toUnsignedString(a));
            }
            if (a < 0 || a > (1L << 30)) {
                throw unsupported("declare structure", spec.align().line(), "alignment too large: " + Long.toUnsignedString(a));
            }
            minAlign = (int) a;
        }
        Body body = new Body(true, spec.name() == null ? anchor : null);
        pushScope();
        bodies.push(body);
        try {
            for (Ast.BodyEntry e : spec.body()) {
                bodyEntry(e, body, "structure");
            }
        } finally {
            bodies.pop();
            popScope();
        }
        StructType t = new StructType(body.members, minAlign);
        source.put(t, spec.line());
        if (spec.name() != null) {
            register(scope.structs, spec.name(), t, spec.line(), "structure `" + spec.name() + "`");
            builtNamed.put(spec, t);
        }
        return t;
    }

    private VariantType variantType(Ast.VariantSpec spec, Anchor anchor) {
        VariantType untagged;
        if (spec.body() == null) {
            untagged = scope.lookupVariant(spec.name());
            if (untagged == null) {
                throw error("resolve type", spec.line(), "no variant named `" + spec.name() + "` is declared at this point");
            }
        } else if (spec.name() != null && builtNamed.containsKey(spec)) {
            untagged = (VariantType) builtNamed.get(spec);
        } else {
            if (spec.name() != null && scope.variants.containsKey(spec.name())) {
                throw error("declare type", spec.line(), "variant `" + spec.name() + "` is already declared in this scope");
            }
            Body body = new Body(false, spec.name() == null ? anchor : null);
            pushScope();
            bodies.push(body);
            try {
                for (Ast.BodyEntry e : spec.body()) {
                    bodyEntry(e, body, "variant");
                }
            } finally {
                bodies.pop();
                popScope();
            }
            untagged = new VariantType(null, body.members);
            source.put(untagged, spec.line());
            if (spec.name() != null) {
                register(scope.variants, spec.name(), untagged, spec.line(), "variant `" + spec.name() + "`");
                builtNamed.put(spec, untagged);
            }
        }
        if (spec.tag() == null) {
            return untagged;
        }
        VariantType tagged = new VariantType(FieldRef.unresolved(spec.tag()), untagged.options());
        tagged = tagged.withTag(lexicalRef(spec.tag(), null, tagged, spec.line()));
        source.put(tagged, spec.line());
        return tagged;
    }

    /** Declares a typedef or typealias met in a block or body; false for any other entry. */
    private boolean declaration(Object e) {
        if (e instanceof Ast.Typedef) {
            typedef((Ast.Typedef) e);
            return true;
        }
        if (e instanceof Ast.Typealias) {
            typealias((Ast.Typealias) e);
            return true;
        }
        return false;
    }

    private void bodyEntry(Ast.BodyEntry e, Body body, String what) {
        if (declaration(e)) {
            return;
        }
        Ast.FieldDeclaration fd = (Ast.FieldDeclaration) e;
        for (Ast.Declarator d : fd.declarators()) {
            if (d.bitFieldWidth() != null) {
                throw unsupported("declare field", d.line(), "GCC bit-fields are not supported");
            }
            int index = body.members.size();
            Anchor child = body.anchor == null ? null : body.anchor.child(index);
            FieldType base = specifiersType(fd.type(), d.pointers(), child);
            FieldType type = declaratorType(base, d, child);
            requireTagged(type, d.line(), "declare field `" + d.name() + "`");
            for (Field f : body.members) {
                if (f.rawName().equals(d.name())) {
                    throw error("declare field", d.line(), "duplicate " + (body.isStruct ? "field" : "option")
                            + " `" + d.name() + "` in " + what);
                }
            }
            Field field = new Field(d.name(), type);
            source.put(field, d.line());
            body.members.add(field);
        }
    }

    private EnumType enumType(Ast.EnumSpec spec) {
        String action = "declare enumeration";
        if (spec.enumerators() == null) {
            EnumType t = scope.lookupEnum(spec.name());
            if (t == null) {
                throw error("resolve type", spec.line(), "no enumeration named `" + spec.name() + "` is declared at this point");
            }
            return t;
        }
        if (spec.name() != null) {
            FieldType done = builtNamed.get(spec);
            if (done != null) {
                return (EnumType) done;
            }
            if (scope.enums.containsKey(spec.name())) {
                throw error("declare type", spec.line(), "enumeration `" + spec.name() + "` is already declared in this scope");
            }
        }
        FieldType containerType;
        if (spec.container() == null) {
            containerType = scope.lookup("int");
            if (containerType == null) {
                throw error(action, spec.line(), "an enumeration without container type uses `int`, which is not declared");
            }
        } else {
            containerType = specifiersType(spec.container(), 0, null);
        }
        if (!(containerType instanceof IntType)) {
            throw error(action, spec.line(), "the container type of an enumeration must be an integer");
        }
        IntType container = (IntType) containerType;
        List<EnumType.Mapping> mappings = new ArrayList<>();
        // next implicit value, as a signed or unsigned 65-bit quantity: (value, negative) like Ast.Number
        long next = 0;
        boolean nextNegative = false;
        boolean nextOverflow = false;
        for (Ast.Enumerator en : spec.enumerators()) {
            long lower;
            long upper;
            if (en.lower() == null) {
                if (nextOverflow) {
                    throw error(action, en.line(), "implicit value of `" + en.label() + "` is out of the container's range");
                }
                lower = checkRange(next, nextNegative, container, en, action);
                upper = lower;
            } else {
                lower = checkRange(enumValue(en.lower(), en, action), isNegative(en.lower()), container, en, action);
                upper = en.upper() == null ? lower
                        : checkRange(enumValue(en.upper(), en, action), isNegative(en.upper()), container, en, action);
                boolean inverted = container.signed() ? lower > upper : Long.compareUnsigned(lower, upper) > 0;
                if (inverted) {
                    throw error(action, en.line(), "range of `" + en.label() + "` has its lower bound above its upper bound");
                }
            }
            mappings.add(new EnumType.Mapping(en.label(), lower, upper));
            // the next implicit value is upper + 1 in the container's signedness
            if (container.signed()) {
                nextOverflow = upper == Long.MAX_VALUE;
                next = upper + 1;
                nextNegative = next < 0;
            } else {
                nextOverflow = upper == -1L;
                next = upper + 1;
                nextNegative = false;
            }
        }
        EnumType t = new EnumType(container, mappings);
        source.put(t, spec.line());
        if (spec.name() != null) {
            register(scope.enums, spec.name(), t, spec.line(), "enumeration `" + spec.name() + "`");
            builtNamed.put(spec, t);
        }
        return t;
    }

    private long enumValue(Ast.Value v, Ast.Enumerator en, String action) {
        if (!(v instanceof Ast.Number)) {
            throw error(action, en.line(), "the value of `" + en.label() + "` must be an integer constant");
        }
        return ((Ast.Number) v).value();
    }

    private static boolean isNegative(Ast.Value v) {
        return ((Ast.Number) v).negative();
    }

    /** Checks that a constant fits the container and returns it as the container's 64-bit pattern. */
    private long checkRange(long value, boolean negative, IntType container, Ast.Enumerator en, String action) {
        int bits = container.sizeBits();
        boolean ok;
        if (container.signed()) {
            long min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
            long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
            ok = negative ? value >= min : (value >= 0 && value <= max);
        } else {
            ok = !negative && (bits == 64 || Long.compareUnsigned(value, (1L << bits) - 1) <= 0);
        }
        if (!ok) {
            String shown = negative ? Long.toString(value) : Long.toUnsignedString(value);
            throw error(action, en.line(), "value " + shown + " of `" + en.label() + "` is out of the range of its "
                    + bits + "-bit " + (container.signed() ? "signed" : "unsigned") + " container");
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------
    // Lexical lookup of sequence lengths and variant tags

    /** Where a structure or variant body sits in a dynamic scope: the scope and the index path to it. */
    private record Anchor(Scope scope, List<Integer> path) {
        Anchor child(int index) {
            List<Integer> p = new ArrayList<>(path.size() + 1);
            p.addAll(path);
            p.add(index);
            return new Anchor(scope, p);
        }
    }

    /** A structure or variant body being built: its members so far, and its anchor or null. */
    private static final class Body {
        final boolean isStruct;
        final Anchor anchor;
        final List<Field> members = new ArrayList<>();

        Body(boolean isStruct, Anchor anchor) {
            this.isStruct = isStruct;
            this.anchor = anchor;
        }
    }

    /**
     * Resolves a length ({@code sequence} non-null) or tag ({@code variant} non-null) reference
     * lexically, or leaves absolute paths for the pass.
     */
    private FieldRef lexicalRef(String text, SequenceType sequence, VariantType variant, int line) {
        String action = sequence != null ? "resolve sequence length" : "resolve variant tag";
        for (String prefix : ABSOLUTE_PREFIXES) {
            if (text.startsWith(prefix)) {
                return FieldRef.unresolved(text);
            }
        }
        if (text.startsWith("env.")) {
            throw error(action, line, "`" + text + "`: environment entries cannot be variant tags");
        }
        String[] tokens = text.split("\\.", -1);
        for (Body body : bodies) {
            if (!body.isStruct) {
                continue;
            }
            int index = FieldRefRules.indexOf(body.members, tokens[0]);
            if (index < 0) {
                continue;
            }
            List<Integer> sub = new ArrayList<>();
            sub.add(index);
            FieldType target = FieldRefRules.descend(body.members.get(index).type(), tokens, 1, sub);
            if (target == null) {
                continue;
            }
            String problem = sequence != null ? FieldRefRules.lengthProblem(target)
                    : FieldRefRules.tagProblem(target, variant);
            if (problem != null) {
                throw error(action, line, "`" + text + "`: " + problem);
            }
            if (body.anchor == null) {
                return FieldRef.unresolved(text);
            }
            List<Integer> path = new ArrayList<>(body.anchor.path());
            path.addAll(sub);
            return new FieldRef(text, body.anchor.scope(), path);
        }
        throw error(action, line, "no field `" + text + "` is declared before it in the enclosing structures");
    }

    // ---------------------------------------------------------------------------------------------
    // Declaration scopes (§7.3.1)

    /** One lexical declaration scope: type aliases and typedefs, and named structures, variants and enumerations. */
    private static final class DeclScope {
        final DeclScope parent;
        final Map<String, FieldType> aliases = new HashMap<>();
        final Map<String, StructType> structs = new HashMap<>();
        final Map<String, VariantType> variants = new HashMap<>();
        final Map<String, EnumType> enums = new HashMap<>();

        DeclScope(DeclScope parent) {
            this.parent = parent;
        }

        FieldType lookup(String name) {
            return find(s -> s.aliases, name);
        }

        StructType lookupStruct(String name) {
            return find(s -> s.structs, name);
        }

        VariantType lookupVariant(String name) {
            return find(s -> s.variants, name);
        }

        EnumType lookupEnum(String name) {
            return find(s -> s.enums, name);
        }

        /** The innermost declaration of {@code name} in one kind of table, or null. */
        private <T> T find(java.util.function.Function<DeclScope, Map<String, T>> table, String name) {
            for (DeclScope s = this; s != null; s = s.parent) {
                T t = table.apply(s).get(name);
                if (t != null) {
                    return t;
                }
            }
            return null;
        }
    }

    private void pushScope() {
        scope = new DeclScope(scope);
    }

    private void popScope() {
        scope = scope.parent;
    }

    // ---------------------------------------------------------------------------------------------
    // Attribute values

    private static String joined(Ast.Path p) {
        return String.join(".", p.parts());
    }

    /** An unquoted single word, or null. */
    private static String word(Ast.Value v) {
        if (v instanceof Ast.Path && ((Ast.Path) v).parts().size() == 1) {
            return ((Ast.Path) v).parts().get(0);
        }
        return null;
    }

    private Ast.Number numberOf(Ast.Attribute a, String action) {
        if (!(a.value() instanceof Ast.Number)) {
            throw error(action, a.line(), "`" + a.name() + "` must be an integer constant");
        }
        return (Ast.Number) a.value();
    }

    private long unsignedOf(Ast.Attribute a, String action) {
        Ast.Number n = numberOf(a, action);
        if (n.negative()) {
            throw error(action, a.line(), "`" + a.name() + "` must be an unsigned integer constant, not " + n.value());
        }
        return n.value();
    }

    private long alignmentOf(Ast.Attribute a, String action) {
        long v = unsignedOf(a, action);
        if (v == 0 || Long.bitCount(v) != 1) {
            throw error(action, a.line(), "alignment is not a power of two: " + Long.toUnsignedString(v));
        }
        if (v < 0 || v > (1L << 30)) {
            throw unsupported(action, a.line(), "alignment too large: " + Long.toUnsignedString(v));
        }
        return v;
    }

    /** A string from a literal or an unquoted word or dotted name (Babeltrace accepts both). */
    private String stringOf(Ast.Attribute a, String action) {
        if (a.value() instanceof Ast.Text) {
            return ((Ast.Text) a.value()).value();
        }
        if (a.value() instanceof Ast.Path) {
            return joined((Ast.Path) a.value());
        }
        throw error(action, a.line(), "`" + a.name() + "` must be a string");
    }

    private boolean booleanOf(Ast.Attribute a, String action) {
        Ast.Value v = a.value();
        if (v instanceof Ast.Number) {
            return ((Ast.Number) v).value() != 0;
        }
        String w = word(v);
        if ("true".equals(w) || "TRUE".equals(w)) {
            return true;
        }
        if ("false".equals(w) || "FALSE".equals(w)) {
            return false;
        }
        throw error(action, a.line(), "`" + a.name() + "` must be `true`, `false`, `1` or `0`");
    }

    private ByteOrder typeByteOrderOf(Ast.Attribute a, String action) {
        String w = word(a.value());
        if ("native".equals(w)) {
            return byteOrder;
        }
        ByteOrder order = byteOrderOf(w);
        if (order == null) {
            throw error(action, a.line(), "`byte_order` must be `native`, `network`, `be` or `le`");
        }
        return order;
    }

    private int baseOf(Ast.Attribute a, String action) {
        Ast.Value v = a.value();
        if (v instanceof Ast.Number && !((Ast.Number) v).negative()) {
            long n = ((Ast.Number) v).value();
            if (n == 2 || n == 8 || n == 10 || n == 16) {
                return (int) n;
            }
        }
        String w = word(v);
        if (w != null) {
            switch (w) {
                case "decimal": case "dec": case "d": case "i": case "u":
                    return 10;
                case "hexadecimal": case "hex": case "x": case "X": case "p":
                    return 16;
                case "octal": case "oct": case "o":
                    return 8;
                case "binary": case "b":
                    return 2;
                default:
                    break;
            }
        }
        throw error(action, a.line(), "`base` must be 2, 8, 10, 16 or one of their names (`hex`, `decimal`, …)");
    }

    private Encoding encodingOf(Ast.Attribute a, String action) {
        String w = word(a.value());
        if (w != null) {
            switch (w.toLowerCase(java.util.Locale.ROOT)) {
                case "none":
                    return Encoding.NONE;
                case "utf8":
                    return Encoding.UTF8;
                case "ascii":
                    return Encoding.ASCII;
                default:
                    break;
            }
        }
        throw error(action, a.line(), "`encoding` must be `none`, `UTF8` or `ASCII`");
    }

    private String mappedClockOf(Ast.Attribute a, String action) {
        Ast.Value v = a.value();
        if (!(v instanceof Ast.Path)) {
            throw error(action, a.line(), "`map` must be `clock.NAME.value`");
        }
        List<String> parts = ((Ast.Path) v).parts();
        if (parts.size() != 3 || !parts.get(0).equals("clock") || !parts.get(2).equals("value")) {
            diag.warn("Ignoring integer `map` attribute that is not `clock.NAME.value`: file=" + Problems.quote(file)
                    + ", line=" + a.line() + ", map=" + Problems.quote(joined((Ast.Path) v)));
            return null;
        }
        String name = parts.get(1);
        if (!clocks.containsKey(name)) {
            throw error(action, a.line(), "no clock named `" + name + "`");
        }
        return name;
    }

    private UUID uuidOf(Ast.Attribute a, String action) {
        if (!(a.value() instanceof Ast.Text)) {
            throw error(action, a.line(), "`uuid` must be a string literal");
        }
        String s = ((Ast.Text) a.value()).value();
        UUID uuid = Uuids.parse(s);
        if (uuid == null) {
            String shown = s.length() > 48 ? s.substring(0, 45) + "..." : s;
            throw error(action, a.line(), "invalid UUID `" + shown + "`: expecting 8-4-4-4-12 hexadecimal digits");
        }
        return uuid;
    }

    private void unknownAttribute(String where, Ast.Attribute a) {
        unknownEntry(where, a.name(), a.line());
    }

    private void unknownEntry(String where, String name, int line) {
        diag.warn("Ignoring unknown attribute in " + where + ": file=" + Problems.quote(file) + ", line=" + line
                + ", name=" + Problems.quote(name));
    }

    private MetadataException error(String action, int line, String reason) {
        return Problems.semantic(action, file, line, reason);
    }

    private RuntimeException unsupported(String action, int line, String reason) {
        return Problems.unsupported(action, file, line, reason);
    }
}

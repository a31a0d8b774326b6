package org.pdrop.ctf.ir;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves and checks the {@link FieldRef}s of sequences (length) and variants (tag), CTF 1.8
 * §4.2.2, §4.2.4 and §7.3.2.
 *
 * <p>References the metadata builder left unresolved are resolved here, at each place the type is
 * used: an absolute path ({@code stream.event.header.id}) from the root of the named dynamic scope;
 * a relative path as Babeltrace does, by looking for its first name among the fields before the
 * referrer in the enclosing structures of the same dynamic scope, innermost first, then following the
 * other names down through structures and variants.
 *
 * <p>Every reference, resolved here or by the builder, is then checked: its scope must be decoded
 * no later than the referrer's; within the same scope the target must come before the referrer at
 * their lowest common ancestor, which must be a structure; below that ancestor (or anywhere, for an
 * earlier scope) the path may cross only structures, never an array, sequence or variant option,
 * since such a target has no single value when the referrer is decoded; and the target must be an
 * unsigned integer (length) or an enumeration sharing a label with the variant's options (tag).
 *
 * <p>In {@link FieldRef#path()}, array and sequence levels take no index: the decoder follows the
 * element type.
 */
public final class ResolveFieldRefsPass {
    private static final String[] PREFIXES = {
        "trace.packet.header.", "stream.packet.context.", "stream.event.header.", "stream.event.context.",
        "event.context.", "event.fields.",
    };

    private final PassContext ctx;
    private final Map<Scope, StructType> roots = new EnumMap<>(Scope.class);
    private String where;
    private Object[] sites;

    private ResolveFieldRefsPass(PassContext ctx) {
        this.ctx = ctx;
    }

    public static TraceClass apply(TraceClass tc, PassContext ctx) {
        return new ResolveFieldRefsPass(ctx).run(tc);
    }

    private TraceClass run(TraceClass tc) {
        where = "";
        sites = new Object[] {tc};
        StructType header = resolveRoot(Scope.PACKET_HEADER, tc.packetHeader());
        List<StreamClass> streams = new ArrayList<>();
        for (StreamClass sc : tc.streams()) {
            roots.keySet().retainAll(List.of(Scope.PACKET_HEADER));
            where = "stream=" + sc.id();
            sites = new Object[] {sc};
            StructType pc = resolveRoot(Scope.PACKET_CONTEXT, sc.packetContext());
            StructType eh = resolveRoot(Scope.EVENT_HEADER, sc.eventHeader());
            StructType ec = resolveRoot(Scope.EVENT_COMMON_CONTEXT, sc.eventContext());
            List<EventClass> events = new ArrayList<>();
            for (EventClass e : sc.events()) {
                roots.remove(Scope.EVENT_SPECIFIC_CONTEXT);
                roots.remove(Scope.EVENT_PAYLOAD);
                where = "stream=" + sc.id() + ", event=" + PassContext.quote(e.name());
                sites = new Object[] {e, sc};
                StructType context = resolveRoot(Scope.EVENT_SPECIFIC_CONTEXT, e.context());
                StructType payload = resolveRoot(Scope.EVENT_PAYLOAD, e.payload());
                EventClass ne = context == e.context() && payload == e.payload() ? e
                        : new EventClass(e.id(), e.name(), e.streamClassId(), e.logLevel(), e.modelEmfUri(), context, payload);
                ctx.source().inherit(ne, e);
                events.add(ne);
            }
            StreamClass ns = new StreamClass(sc.id(), pc, eh, ec, sc.clock(), events);
            ctx.source().inherit(ns, sc);
            streams.add(ns);
        }
        TraceClass nt = new TraceClass(tc.major(), tc.minor(), tc.uuid(), tc.byteOrder(), header, tc.env(),
                tc.clocks(), streams);
        ctx.source().inherit(nt, tc);
        return nt;
    }

    private StructType resolveRoot(Scope scope, StructType root) {
        if (root == null) {
            return null;
        }
        roots.put(scope, root);
        StructType resolved = (StructType) rewrite(root, new Position(scope), null);
        ctx.source().inherit(resolved, root);
        roots.put(scope, resolved);
        return resolved;
    }

    /** One step of a path from a scope root: a member of a structure, an option of a variant, or an element. */
    private enum StepKind { MEMBER, OPTION, ELEMENT }

    private record Step(StepKind kind, int index, FieldType container) {}

    /** Where the type being rewritten sits: its scope and the steps from the scope's root. */
    private static final class Position {
        final Scope scope;
        final List<Step> steps = new ArrayList<>();

        Position(Scope scope) {
            this.scope = scope;
        }
    }

    private FieldType rewrite(FieldType type, Position pos, Field field) {
        if (type instanceof StructType) {
            StructType st = (StructType) type;
            List<Field> fields = st.fields();
            List<Field> out = null;
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                pos.steps.add(new Step(StepKind.MEMBER, i, st));
                FieldType nt = rewrite(f.type(), pos, f);
                pos.steps.remove(pos.steps.size() - 1);
                if (nt != f.type()) {
                    if (out == null) {
                        out = new ArrayList<>(fields);
                    }
                    Field nf = f.withType(nt);
                    ctx.source().inherit(nf, f);
                    out.set(i, nf);
                }
            }
            if (out == null) {
                return st;
            }
            StructType ns = st.withFields(out);
            ctx.source().inherit(ns, st);
            return ns;
        }
        if (type instanceof VariantType) {
            VariantType vt = (VariantType) type;
            FieldRef tag = resolve(vt.tag(), pos, vt, field, true);
            List<Field> options = vt.options();
            List<Field> out = null;
            for (int i = 0; i < options.size(); i++) {
                Field o = options.get(i);
                pos.steps.add(new Step(StepKind.OPTION, i, vt));
                FieldType nt = rewrite(o.type(), pos, o);
                pos.steps.remove(pos.steps.size() - 1);
                if (nt != o.type()) {
                    if (out == null) {
                        out = new ArrayList<>(options);
                    }
                    Field no = o.withType(nt);
                    ctx.source().inherit(no, o);
                    out.set(i, no);
                }
            }
            if (tag == vt.tag() && out == null) {
                return vt;
            }
            VariantType nv = new VariantType(tag, out == null ? options : out);
            ctx.source().inherit(nv, vt);
            return nv;
        }
        if (type instanceof SequenceType) {
            SequenceType sq = (SequenceType) type;
            FieldRef length = resolve(sq.length(), pos, sq, field, false);
            pos.steps.add(new Step(StepKind.ELEMENT, -1, sq));
            FieldType element = rewrite(sq.element(), pos, field);
            pos.steps.remove(pos.steps.size() - 1);
            if (length == sq.length() && element == sq.element()) {
                return sq;
            }
            SequenceType ns = new SequenceType(element, length);
            ctx.source().inherit(ns, sq);
            return ns;
        }
        if (type instanceof ArrayType) {
            ArrayType at = (ArrayType) type;
            pos.steps.add(new Step(StepKind.ELEMENT, -1, at));
            FieldType element = rewrite(at.element(), pos, field);
            pos.steps.remove(pos.steps.size() - 1);
            if (element == at.element()) {
                return at;
            }
            ArrayType na = new ArrayType(element, at.length());
            ctx.source().inherit(na, at);
            return na;
        }
        return type;
    }

    /** Resolves (if needed) and checks the reference of the sequence or variant at {@code pos}. */
    private FieldRef resolve(FieldRef ref, Position pos, FieldType referrer, Field field, boolean isTag) {
        String action = isTag ? "resolve variant tag" : "resolve sequence length";
        if (ref == null) {
            throw error(action, field, referrer, "the variant has no tag");
        }
        FieldRef resolved = ref;
        if (!ref.resolved()) {
            resolved = lookup(ref.text(), pos, action, field, referrer);
        }
        check(resolved, pos, referrer, field, isTag, action);
        return resolved;
    }

    private FieldRef lookup(String text, Position pos, String action, Field field, FieldType referrer) {
        for (int s = 0; s < PREFIXES.length; s++) {
            if (text.startsWith(PREFIXES[s])) {
                Scope scope = Scope.values()[s];
                StructType root = roots.get(scope);
                if (scope.ordinal() > pos.scope.ordinal()) {
                    throw error(action, field, referrer, "`" + text + "` names " + scope.prefix()
                            + ", which is decoded after " + pos.scope.prefix());
                }
                if (root == null) {
                    throw error(action, field, referrer, "`" + text + "`: there is no " + scope.prefix());
                }
                String[] tokens = text.substring(PREFIXES[s].length()).split("\\.", -1);
                List<Integer> path = new ArrayList<>();
                if (FieldRefRules.descend(root, tokens, 0, path) == null) {
                    throw error(action, field, referrer, "no field `" + text + "`");
                }
                return new FieldRef(text, scope, path);
            }
        }
        String[] tokens = text.split("\\.", -1);
        for (int level = pos.steps.size() - 1; level >= 0; level--) {
            Step step = pos.steps.get(level);
            if (step.kind() != StepKind.MEMBER) {
                continue;
            }
            List<Field> members = ((StructType) step.container()).fields();
            int index = FieldRefRules.indexOf(members, tokens[0]);
            if (index < 0 || index >= step.index()) {
                continue;
            }
            List<Integer> path = new ArrayList<>();
            for (int i = 0; i < level; i++) {
                if (pos.steps.get(i).kind() != StepKind.ELEMENT) {
                    path.add(pos.steps.get(i).index());
                }
            }
            path.add(index);
            if (FieldRefRules.descend(members.get(index).type(), tokens, 1, path) != null) {
                return new FieldRef(text, pos.scope, path);
            }
        }
        throw error(action, field, referrer, "no field `" + text + "` before it in the enclosing structures of "
                + pos.scope.prefix());
    }

    private void check(FieldRef ref, Position pos, FieldType referrer, Field field, boolean isTag, String action) {
        String text = ref.text();
        if (ref.scope().ordinal() > pos.scope.ordinal()) {
            throw error(action, field, referrer, "`" + text + "` is in " + ref.scope().prefix()
                    + ", which is decoded after " + pos.scope.prefix());
        }
        StructType root = roots.get(ref.scope());
        if (root == null) {
            throw error(action, field, referrer, "`" + text + "`: there is no " + ref.scope().prefix());
        }
        // Rebuild the target's steps, with element levels, from its index path.
        List<Step> target = new ArrayList<>();
        FieldType t = root;
        for (int index : ref.path()) {
            while (t instanceof ArrayType || t instanceof SequenceType) {
                target.add(new Step(StepKind.ELEMENT, -1, t));
                t = t instanceof ArrayType ? ((ArrayType) t).element() : ((SequenceType) t).element();
            }
            List<Field> members;
            StepKind kind;
            if (t instanceof StructType) {
                members = ((StructType) t).fields();
                kind = StepKind.MEMBER;
            } else if (t instanceof VariantType) {
                members = ((VariantType) t).options();
                kind = StepKind.OPTION;
            } else {
                throw error(action, field, referrer, "invalid path to `" + text + "`");
            }
            if (index < 0 || index >= members.size()) {
                throw error(action, field, referrer, "invalid path to `" + text + "`");
            }
            target.add(new Step(kind, index, t));
            t = members.get(index).type();
        }
        if (target.isEmpty()) {
            throw error(action, field, referrer, "`" + text + "` names a whole scope");
        }
        int below = 0;
        if (ref.scope() == pos.scope) {
            int common = 0;
            while (common < target.size() && common < pos.steps.size()
                    && target.get(common).kind() == pos.steps.get(common).kind()
                    && target.get(common).index() == pos.steps.get(common).index()) {
                common++;
            }
            if (common == target.size() || common == pos.steps.size()) {
                throw error(action, field, referrer, "`" + text + "` contains, or is contained in, the field that refers to it");
            }
            Step targetStep = target.get(common);
            Step referrerStep = pos.steps.get(common);
            if (targetStep.kind() != StepKind.MEMBER) {
                throw error(action, field, referrer, "`" + text + "` is in another option of a variant");
            }
            if (targetStep.index() >= referrerStep.index()) {
                throw error(action, field, referrer, "`" + text + "` is not decoded before the field that refers to it");
            }
            below = common + 1;
        }
        for (int i = below; i < target.size(); i++) {
            StepKind kind = target.get(i).kind();
            if (kind == StepKind.ELEMENT) {
                throw error(action, field, referrer, "`" + text + "` is inside an array or a sequence");
            }
            if (kind == StepKind.OPTION) {
                throw error(action, field, referrer, "`" + text + "` is inside an option of a variant");
            }
        }
        String problem = isTag ? FieldRefRules.tagProblem(t, (VariantType) referrer) : FieldRefRules.lengthProblem(t);
        if (problem != null) {
            throw error(action, field, referrer, "`" + text + "`: " + problem);
        }
    }

    private RuntimeException error(String action, Field field, FieldType referrer, String reason) {
        String details = where + (field == null ? "" : (where.isEmpty() ? "" : ", ") + "field="
                + PassContext.quote(field.rawName()));
        Object[] all = new Object[sites.length + 2];
        all[0] = field;
        all[1] = referrer;
        System.arraycopy(sites, 0, all, 2, sites.length);
        return ctx.error(action, details, reason, all);
    }
}

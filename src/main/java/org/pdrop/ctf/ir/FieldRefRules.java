package org.pdrop.ctf.ir;

/**
 * What the target of a {@link FieldRef} must be: an unsigned integer (or enumeration) for a sequence
 * length (CTF 1.8 §4.2.4), an enumeration sharing at least one label with the variant's option names
 * for a variant tag (§4.2.2). Shared by the metadata builder, which checks references it resolves
 * lexically, and {@link ResolveFieldRefsPass}.
 */
public final class FieldRefRules {
    private FieldRefRules() {
    }

    /** Why {@code target} cannot give a sequence's length, or null if it can. */
    public static String lengthProblem(FieldType target) {
        IntType integer = target instanceof EnumType ? ((EnumType) target).container()
                : target instanceof IntType ? (IntType) target : null;
        if (integer == null) {
            return "the length field is not an integer";
        }
        if (integer.signed()) {
            return "the length field is a signed integer";
        }
        return null;
    }

    /** Why {@code target} cannot select an option of {@code variant}, or null if it can. */
    public static String tagProblem(FieldType target, VariantType variant) {
        if (!(target instanceof EnumType)) {
            return "the tag field is not an enumeration";
        }
        for (EnumType.Mapping m : ((EnumType) target).mappings()) {
            if (variant.optionIndex(m.label()) >= 0) {
                return null;
            }
        }
        return "no option of the variant matches a label of its tag enumeration";
    }

    /**
     * Follows {@code tokens[from..]} by name through structures and variants, array and sequence
     * levels taking no index (CTF 1.8 §7.3.2), adding member indexes to {@code path}. Returns the
     * type reached, or null when a name is not found.
     */
    public static FieldType descend(FieldType type, String[] tokens, int from, java.util.List<Integer> path) {
        FieldType t = type;
        for (int i = from; i < tokens.length; i++) {
            while (t instanceof ArrayType || t instanceof SequenceType) {
                t = t instanceof ArrayType ? ((ArrayType) t).element() : ((SequenceType) t).element();
            }
            java.util.List<Field> members;
            if (t instanceof StructType) {
                members = ((StructType) t).fields();
            } else if (t instanceof VariantType) {
                members = ((VariantType) t).options();
            } else {
                return null;
            }
            int index = indexOf(members, tokens[i]);
            if (index < 0) {
                return null;
            }
            path.add(index);
            t = members.get(index).type();
        }
        return t;
    }

    /** Index of the member with this raw name, else with this display name, else -1. */
    public static int indexOf(java.util.List<Field> members, String name) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).rawName().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}

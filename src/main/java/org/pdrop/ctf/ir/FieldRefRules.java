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
}

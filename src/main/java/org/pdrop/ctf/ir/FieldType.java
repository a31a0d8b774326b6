package org.pdrop.ctf.ir;

/**
 * A CTF 1.8 field class (spec §4 "Types"). The set is closed: the compiler, the passes and the
 * printers dispatch over it with {@code instanceof} and end in {@code throw new AssertionError}.
 *
 * <p>Instances are immutable and may be shared (a {@code typealias} used in many places yields one
 * instance), so nothing position-dependent (roles, resolved paths of the referrer) lives in a
 * type except the resolved references of sequences and variants, which a pass rewrites per scope.
 */
public sealed interface FieldType
        permits IntType, EnumType, FloatType, StringType, StructType, ArrayType, SequenceType, VariantType {

    /** Alignment in bits required before this field starts (1 = none). */
    int alignBits();
}

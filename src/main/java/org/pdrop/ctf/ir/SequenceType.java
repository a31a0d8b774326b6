package org.pdrop.ctf.ir;

/**
 * Sequence field class (CTF 1.8 §4.2.4): the number of elements is the value of an unsigned
 * integer field decoded earlier, named by {@code length}.
 */
public record SequenceType(FieldType element, FieldRef length) implements FieldType {
    @Override
    public int alignBits() {
        return element.alignBits();
    }

    public SequenceType withLength(FieldRef ref) {
        return new SequenceType(element, ref);
    }
}

package org.pdrop.ctf.decode;

import org.pdrop.ctf.decode.FieldValue.ArrayValue;
import org.pdrop.ctf.decode.FieldValue.EnumValue;
import org.pdrop.ctf.decode.FieldValue.FloatValue;
import org.pdrop.ctf.decode.FieldValue.IntValue;
import org.pdrop.ctf.decode.FieldValue.StringValue;
import org.pdrop.ctf.decode.FieldValue.StructValue;
import org.pdrop.ctf.decode.FieldValue.VariantValue;
import org.pdrop.ctf.ir.ArrayType;
import org.pdrop.ctf.ir.EnumType;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.FieldType;
import org.pdrop.ctf.ir.FloatType;
import org.pdrop.ctf.ir.IntType;
import org.pdrop.ctf.ir.SequenceType;
import org.pdrop.ctf.ir.StringType;
import org.pdrop.ctf.ir.StructType;
import org.pdrop.ctf.ir.VariantType;

/** The compiled decoders, one small final class per field class (CTF 1.8 §4). */
final class Decoders {
    private Decoders() {}

    /** Integer and enumeration: reads, then records slot, role and clock side effects. */
    static final class IntDecoder extends FieldDecoder {
        final IntType type;
        final EnumType enumType;
        final int size;
        final int align;
        final boolean bigEndian;
        final boolean signed;
        final int slot;
        final FieldRole role;
        final boolean clockMapped;
        final boolean plain;

        IntDecoder(FieldType declared, IntType type, int slot, FieldRole role) {
            this.type = type;
            this.enumType = declared instanceof EnumType e ? e : null;
            this.size = type.sizeBits();
            this.align = type.alignBits();
            this.bigEndian = type.bigEndian();
            this.signed = type.signed();
            this.slot = slot;
            this.role = role;
            this.clockMapped = type.mappedClock() != null;
            this.plain = slot < 0 && role == FieldRole.NONE && !clockMapped;
        }

        /** A byte-sized integer with no side effects: arrays of these are read in bulk. */
        boolean plainByte() {
            return plain && size == 8 && align <= 8;
        }

        boolean signed() {
            return signed;
        }

        private long value(BitReader r, DecodeState s) {
            r.align(align);
            long v = signed ? r.readSigned(size, bigEndian) : r.readUnsigned(size, bigEndian);
            if (!plain) {
                if (slot >= 0) {
                    s.slots[slot] = v;
                }
                s.role(role, v, size, clockMapped);
            }
            return v;
        }

        @Override
        public FieldValue read(BitReader r, DecodeState s) {
            long v = value(r, s);
            return enumType != null ? new EnumValue(enumType, v) : new IntValue(type, v);
        }

        @Override
        public void skip(BitReader r, DecodeState s) {
            if (plain) {
                r.align(align);
                r.skipField(size, bigEndian);
            } else {
                value(r, s);
            }
        }

        @Override
        public void visit(BitReader r, DecodeState s, FieldVisitor v) {
            v.integer(value(r, s));
        }

        @Override
        public long fixedSizeBits() {
            return plain && align <= 8 && size % 8 == 0 ? size : -1;
        }
    }

    static final class FloatDecoder extends FieldDecoder {
        final FloatType type;
        final boolean bigEndian;
        final boolean single;

        FloatDecoder(FloatType type) {
            this.type = type;
            this.bigEndian = type.bigEndian();
            this.single = type.sizeBits() == 32;
        }

        @Override
        public FieldValue read(BitReader r, DecodeState s) {
            r.align(type.alignBits());
            return new FloatValue(type, single ? r.readFloat32(bigEndian) : r.readFloat64(bigEndian));
        }

        @Override
        public void skip(BitReader r, DecodeState s) {
            r.align(type.alignBits());
            r.skipField(type.sizeBits(), bigEndian);
        }

        @Override
        public void visit(BitReader r, DecodeState s, FieldVisitor v) {
            r.align(type.alignBits());
            v.floatingPoint(single ? r.readFloat32(bigEndian) : r.readFloat64(bigEndian));
        }

        @Override
        public long fixedSizeBits() {
            return type.alignBits() <= 8 ? type.sizeBits() : -1;
        }
    }

    static final class StringDecoder extends FieldDecoder {
        final StringType type;

        StringDecoder(StringType type) {
            this.type = type;
        }

        @Override
        public FieldValue read(BitReader r, DecodeState s) {
            r.align(8);
            return new StringValue(type, r.readCString());
        }

        @Override
        public void skip(BitReader r, DecodeState s) {
            r.align(8);
            r.skipCString();
        }

        @Override
        public void visit(BitReader r, DecodeState s, FieldVisitor v) {
            r.align(8);
            int n = r.readCString(s);
            v.string(s.scratch, 0, n);
        }
    }

    static final class StructDecoder extends FieldDecoder {
        final StructType type;
        final int align;
        final FieldDecoder[] members;
        final long fixedBits;

        StructDecoder(StructType type, FieldDecoder[] members) {
            this.type = type;
            this.align = type.alignBits();
            this.members = members;
            long sum = align <= 8 ? 0 : -1;
            for (FieldDecoder m : members) {
                long f = m.fixedSizeBits();
                if (sum < 0 || f < 0) {
                    sum = -1;
                    break;
                }
                sum += f;
            }
            this.fixedBits = sum;
        }

        @Override
        public FieldValue read(BitReader r, DecodeState s) {
            r.align(align);
            FieldValue[] values = new FieldValue[members.length];
            for (int i = 0; i < members.length; i++) {
                values[i] = members[i].read(r, s);
            }
            return new StructValue(type, values);
        }

        @Override
        public void skip(BitReader r, DecodeState s) {
            if (fixedBits >= 0 && (r.positionBits() & 7) == 0) {
                r.skipBits(fixedBits);
                return;
            }
            r.align(align);
            for (FieldDecoder m : members) {
                m.skip(r, s);
            }
        }

        @Override
        public void visit(BitReader r, DecodeState s, FieldVisitor v) {
            r.align(align);
            v.beginStruct();
            for (FieldDecoder m : members) {
                m.visit(r, s, v);
            }
            v.endStruct();
        }

        @Override
        public long fixedSizeBits() {
            return fixedBits;
        }
    }

    /** Static arrays and sequences; {@code lengthSlot} is -1 for static arrays. */
    static final class ArrayDecoder extends FieldDecoder {
        final FieldType type;
        final FieldDecoder element;
        final long staticLength;
        final int lengthSlot;
        final int align;
        final long elementFixedBits;
        final long minElementBits;

        ArrayDecoder(FieldType type, FieldDecoder element, long staticLength, int lengthSlot, int align,
                     long minElementBits) {
            this.type = type;
            this.element = element;
            this.staticLength = staticLength;
            this.lengthSlot = lengthSlot;
            this.align = align;
            this.elementFixedBits = element.fixedSizeBits();
            this.minElementBits = minElementBits;
            this.byteElements = element instanceof IntDecoder id && id.plainByte() ? (id.signed() ? 1 : 0) : -1;
        }

        /** -1, or 0/1 when the elements are plain unsigned/signed bytes (read in bulk). */
        final int byteElements;

        private long length(BitReader r, DecodeState s) {
            long n = lengthSlot < 0 ? staticLength : s.slots[lengthSlot];
            // The length is untrusted: elements that need bits must fit in what is left.
            if (n < 0 || (minElementBits > 0 && Long.compareUnsigned(n, r.remainingBits() / minElementBits) > 0)) {
                throw new LengthException(n, r.positionBits());
            }
            if (minElementBits == 0 && n > MAX_EMPTY_ELEMENTS) {
                throw new LengthException(n, r.positionBits());
            }
            return n;
        }

        @Override
        public FieldValue read(BitReader r, DecodeState s) {
            r.align(align);
            long n = length(r, s);
            FieldValue[] values = new FieldValue[(int) n];
            for (int i = 0; i < n; i++) {
                values[i] = element.read(r, s);
            }
            return new ArrayValue(type, values);
        }

        @Override
        public void skip(BitReader r, DecodeState s) {
            r.align(align);
            long n = length(r, s);
            if (elementFixedBits >= 0 && (r.positionBits() & 7) == 0) {
                r.skipBits(n * elementFixedBits);
                return;
            }
            for (long i = 0; i < n; i++) {
                element.skip(r, s);
            }
        }

        @Override
        public void visit(BitReader r, DecodeState s, FieldVisitor v) {
            r.align(align);
            int n = (int) length(r, s);
            v.beginArray(n);
            if (byteElements >= 0 && (r.positionBits() & 7) == 0) {
                r.readBytes(n, s);
                v.bytes(s.scratch, 0, n, byteElements == 1);
            } else {
                for (int i = 0; i < n; i++) {
                    element.visit(r, s, v);
                }
            }
            v.endArray();
        }

        @Override
        public long fixedSizeBits() {
            if (lengthSlot >= 0 || elementFixedBits < 0 || align > 8) {
                return -1;
            }
            return staticLength * elementFixedBits;
        }
    }

    /** Bound on elements that take no bits, so a hostile length cannot spin forever. */
    static final long MAX_EMPTY_ELEMENTS = 1 << 20;

    static final class VariantDecoder extends FieldDecoder {
        final VariantType type;
        final FieldDecoder[] options;
        final int tagSlot;
        final VariantType.OptionRanges ranges;

        VariantDecoder(VariantType type, FieldDecoder[] options, int tagSlot, VariantType.OptionRanges ranges) {
            this.type = type;
            this.options = options;
            this.tagSlot = tagSlot;
            this.ranges = ranges;
        }

        private int select(BitReader r, DecodeState s) {
            long tag = s.slots[tagSlot];
            int o = ranges.optionOf(tag);
            if (o < 0) {
                throw new VariantTagException(tag, ranges.signed(), r.positionBits());
            }
            return o;
        }

        @Override
        public FieldValue read(BitReader r, DecodeState s) {
            int o = select(r, s);
            return new VariantValue(type, o, options[o].read(r, s));
        }

        @Override
        public void skip(BitReader r, DecodeState s) {
            options[select(r, s)].skip(r, s);
        }

        @Override
        public void visit(BitReader r, DecodeState s, FieldVisitor v) {
            int o = select(r, s);
            v.beginVariant(o);
            options[o].visit(r, s, v);
            v.endVariant();
        }
    }

    /** A sequence length that cannot be right for the data left in the packet. */
    static final class LengthException extends DecodeException {
        final long length;
        final long positionBits;

        LengthException(long length, long positionBits) {
            super("sequence-length=" + Long.toUnsignedString(length) + ", at-bit=" + positionBits);
            this.length = length;
            this.positionBits = positionBits;
        }
    }

    /** A variant tag value that selects no option. */
    static final class VariantTagException extends DecodeException {
        VariantTagException(long tag, boolean signed, long positionBits) {
            super("tag-value=" + (signed ? Long.toString(tag) : Long.toUnsignedString(tag)) + ", at-bit=" + positionBits);
        }
    }
}

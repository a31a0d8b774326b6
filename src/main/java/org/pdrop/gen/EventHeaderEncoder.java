package org.pdrop.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pdrop.ctf.ir.FieldRole;
import org.pdrop.ctf.ir.Scope;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.StructType;

/**
 * Encodes event headers (CTF 1.8 §6.1) of one stream class from its IR, so that the decoder reads
 * back the wanted event id and timestamp. The header's layouts ({@link Layouts}) become
 * {@link Plan}s, smallest first; for each event the first plan that can carry its id and its
 * timestamp (given the clock value the decoder holds at that point) is used. For LTTng's
 * {@code event_header_compact} that is the compact form (5-bit id below 31, 27-bit timestamp)
 * unless the id is 31 or more or the clock moved by 2^27 cycles or more since the previous event,
 * then the extended form (id 31, then 32-bit id and 64-bit timestamp); likewise for
 * {@code event_header_large} (16-bit id below 65535, 32-bit timestamp).
 *
 * <p>Field values follow the roles: the last {@code EVENT_ID} field decoded carries the id (the
 * decoder keeps the last one), a variant tag holds a value of the range that selects the plan's
 * option, every clock-mapped field holds the timestamp's low bits, any other field zero.
 */
final class EventHeaderEncoder {
    private static final int CONST = 0;
    private static final int ID = 1;
    private static final int TIMESTAMP = 2;

    /** One way to write the header: where each integer goes, and which ids and timestamps it can carry. */
    static final class Plan {
        final int index;
        final long sizeBits;
        /** Unsigned inclusive range of the ids this plan carries. */
        final long idLow;
        final long idHigh;
        private final long[] offsets;
        private final int[] sizes;
        private final boolean[] bigEndian;
        private final int[] kinds;
        private final long[] constants;
        /** Sizes of the fields that move the clock, in decoding order. */
        private final int[] clockSizes;
        /** The size of the only field that moves the clock, or 0 when there are none or several. */
        private final int onlyClockBits;
        private final long onlyClockMask;
        /** Whether the integers leave bits of the header unwritten (alignment padding), to be zeroed. */
        private final boolean hasGaps;

        private Plan(int index, long sizeBits, long idLow, long idHigh, long[] offsets, int[] sizes,
                     boolean[] bigEndian, int[] kinds, long[] constants, int[] clockSizes) {
            this.index = index;
            this.sizeBits = sizeBits;
            this.idLow = idLow;
            this.idHigh = idHigh;
            this.offsets = offsets;
            this.sizes = sizes;
            this.bigEndian = bigEndian;
            this.kinds = kinds;
            this.constants = constants;
            this.clockSizes = clockSizes;
            this.onlyClockBits = clockSizes.length == 1 ? clockSizes[0] : 0;
            this.onlyClockMask = onlyClockBits == 64 ? -1L : (1L << onlyClockBits) - 1;
            long covered = 0;
            for (int s : sizes) {
                covered += s;
            }
            this.hasGaps = covered != sizeBits;
        }

        /** Whether the decoder, holding {@code clockCycles}, reads back {@code id} and {@code timestampCycles}. */
        boolean carries(long id, long timestampCycles, long clockCycles) {
            if (Long.compareUnsigned(id, idLow) < 0 || Long.compareUnsigned(id, idHigh) > 0) {
                return false;
            }
            if (onlyClockBits != 0) {
                return Layouts.updateClock(clockCycles, timestampCycles & onlyClockMask, onlyClockBits) == timestampCycles;
            }
            long clock = clockCycles;
            for (int size : clockSizes) {
                clock = Layouts.updateClock(clock, size == 64 ? timestampCycles : timestampCycles & ((1L << size) - 1),
                        size);
            }
            return clock == timestampCycles;
        }

        /** Writes the header at {@code startBits} (a start whose phase this plan was made for). */
        void write(byte[] buf, long startBits, long id, long timestampCycles) {
            if (hasGaps) {
                java.util.Arrays.fill(buf, (int) (startBits >>> 3), (int) ((startBits + sizeBits + 7) >>> 3), (byte) 0);
            }
            for (int i = 0; i < offsets.length; i++) {
                long v = kinds[i] == ID ? id : kinds[i] == TIMESTAMP ? timestampCycles : constants[i];
                BitWriter.write(buf, startBits + offsets[i], v, sizes[i], bigEndian[i]);
            }
        }
    }

    private final int alignBits;
    private final int phaseBits;
    private final long phaseMask;
    private final int alignShift;
    /** Plans by start phase ((start % phaseBits) / alignBits), smallest first. */
    private final Plan[][] plans;

    private EventHeaderEncoder(int alignBits, int phaseBits, Plan[][] plans) {
        this.alignBits = alignBits;
        this.phaseBits = phaseBits;
        this.phaseMask = phaseBits - 1;
        this.alignShift = Integer.numberOfTrailingZeros(alignBits);
        this.plans = plans;
    }

    /**
     * Compiles the event header of {@code sc}. Refuses headers the generator cannot replay bodies
     * after: no timestamp, an alignment below 8 bits or a layout that ends inside a byte (the body
     * that follows must start on a byte, as it did in the template).
     */
    static EventHeaderEncoder compile(StreamClass sc) {
        StructType header = sc.eventHeader();
        String where = "stream.event.header, stream-id=" + sc.id();
        if (header == null) {
            throw Layouts.unsupported(where, "a stream without event header (no timestamps)");
        }
        int align = header.alignBits();
        if (align < 8) {
            throw Layouts.unsupported(where, "an event header aligned to less than a byte: align=" + align);
        }
        int phase = Math.max(align, Layouts.maxAlign(header));
        boolean singleClass = sc.events().size() == 1;
        Plan[][] plans = new Plan[phase / align][];
        for (int p = 0; p < plans.length; p++) {
            long start = (long) p * align;
            List<Plan> list = new ArrayList<>();
            for (Layouts.Shape s : Layouts.expand(List.of(header), List.of(Scope.EVENT_HEADER), start, where)) {
                Plan plan = plan(s, start, singleClass, where);
                if ((start + plan.sizeBits) % 8 != 0) {
                    throw Layouts.unsupported(where, "an event header that ends inside a byte: size-bits="
                            + plan.sizeBits);
                }
                list.add(plan);
            }
            list.sort(Comparator.comparingLong(pl -> pl.sizeBits));
            if (list.stream().noneMatch(pl -> pl.clockSizes.length > 0)) {
                throw Layouts.unsupported(where, "an event header without timestamp");
            }
            Plan[] sorted = new Plan[list.size()];
            for (int i = 0; i < sorted.length; i++) {
                Plan pl = list.get(i);
                sorted[i] = new Plan(i, pl.sizeBits, pl.idLow, pl.idHigh, pl.offsets, pl.sizes, pl.bigEndian,
                        pl.kinds, pl.constants, pl.clockSizes);
            }
            plans[p] = sorted;
        }
        return new EventHeaderEncoder(align, phase, plans);
    }

    private static Plan plan(Layouts.Shape s, long start, boolean singleClass, String where) {
        List<Layouts.Leaf> leaves = s.leaves;
        int lastId = -1;
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).role() == FieldRole.EVENT_ID) {
                lastId = i;
            }
        }
        long idLow = 0;
        long idHigh = lastId < 0 ? (singleClass ? -1L : 0) : leaves.get(lastId).mask();
        int n = leaves.size();
        long[] offsets = new long[n];
        int[] sizes = new int[n];
        boolean[] be = new boolean[n];
        int[] kinds = new int[n];
        long[] constants = new long[n];
        List<Integer> clocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Layouts.Leaf l = leaves.get(i);
            offsets[i] = l.offsetBits() - start;
            sizes[i] = l.sizeBits();
            be[i] = l.bigEndian();
            long[] range = s.tagRange(i);
            if (range != null) {
                if (i == lastId) {
                    kinds[i] = ID;
                    long lo = range[0];
                    long hi = range[1];
                    if (l.enumType().container().signed() && hi < 0) {
                        idLow = 1; // no id: the range holds negative values only
                        idHigh = 0;
                    } else {
                        idLow = l.enumType().container().signed() && lo < 0 ? 0 : lo;
                        idHigh = Long.compareUnsigned(hi, l.mask()) < 0 ? hi : l.mask();
                    }
                } else {
                    kinds[i] = CONST;
                    constants[i] = range[0] & l.mask();
                }
            } else if (l.role() == FieldRole.EVENT_ID) {
                kinds[i] = ID;
            } else if (Layouts.updatesClock(l)) {
                kinds[i] = TIMESTAMP;
                clocks.add(l.sizeBits());
            } else if (l.role() == FieldRole.NONE) {
                kinds[i] = CONST;
            } else {
                throw Layouts.unsupported(where, "a field with role " + l.role() + " in an event header");
            }
        }
        int[] clockSizes = clocks.stream().mapToInt(Integer::intValue).toArray();
        return new Plan(0, s.endBits - start, idLow, idHigh, offsets, sizes, be, kinds, constants, clockSizes);
    }

    /** Alignment of the header: where an event starts. */
    int alignBits() {
        return alignBits;
    }

    /** The smallest plan that carries the event, or null when none does. */
    Plan choose(long startBits, long id, long timestampCycles, long clockCycles) {
        // Alignments are powers of two: the phase is a mask and a shift.
        Plan[] ps = plans.length == 1 ? plans[0] : plans[(int) ((startBits & phaseMask) >>> alignShift)];
        for (Plan p : ps) {
            if (p.carries(id, timestampCycles, clockCycles)) {
                return p;
            }
        }
        return null;
    }

    /** Largest header size over all plans, for checking that an event fits an empty packet. */
    long maxSizeBits() {
        long max = 0;
        for (Plan[] ps : plans) {
            for (Plan p : ps) {
                max = Math.max(max, p.sizeBits);
            }
        }
        return max;
    }
}

package org.pdrop.ctf.decode;

import java.nio.ByteBuffer;

/**
 * The fast path of a stream cursor that only wants a few event classes (the drop analysis wants
 * {@code skb_kfree} and {@code skb_consume} out of hundreds): one tight loop that reads event
 * headers and hops over the bodies of the events nobody asked for, without a call per field.
 *
 * <p>It works when the stream class's event header has the shape LTTng writes, laid out on bytes
 * ({@link TaggedHeaderDecoder.Layout}), and, per event class, when the body (common context,
 * specific context, payload) is laid out on bytes: a fixed size, or a {@link BodyProgram} of
 * fixed runs, strings, sequences and variants. Everything else (an event class whose body has no
 * program, a header that does not start on a byte, the last bytes of a packet, anything that
 * looks corrupt) goes back to the caller's generic decoders, which handle it and report errors in
 * the usual way; the loop never throws for bad data.
 *
 * <p>Immutable; one per stream class, shared by the threads reading its streams.
 */
public final class EventSkipper {
    /** The loop stopped on an event the caller wants to see: header read, reader at its body. */
    public static final int STOP = 0;
    /** Header read and the event counted, but its body needs the generic decoders to be skipped. */
    public static final int SKIP_BODY = 1;
    /** The next event must be read by the generic path from its start (reader at its start). */
    public static final int GENERIC = 2;
    /** The packet's content ends here. */
    public static final int END_OF_PACKET = 3;
    /** The caller's budget of skipped events is spent; the reader is at the next event's start. */
    public static final int BUDGET = 4;

    /** What the loop tells its caller besides the status; reused between calls. */
    public static final class Tally {
        /** Events passed over inside the time window (including a {@link #SKIP_BODY} event). */
        public long skipped;
        /** Events passed over before the window (not counted in {@link #skipped}). */
        public long before;
        /** Events of the classes to count ({@code countAt}) among {@link #skipped}. */
        public long counted;
        /** Time of the first and last event passed over inside the window, or {@code Long.MIN_VALUE}. */
        public long firstNs = Long.MIN_VALUE;
        public long lastNs = Long.MIN_VALUE;
        /** Start of the header of the event the loop stopped on (for {@link #STOP} and {@link #SKIP_BODY}). */
        public long eventStartBits;

        private EventSkipper plannedBy;
        private boolean[] plannedFor;
        private boolean[] plannedCounting;
        private Plan plan;

        /** The skipper's plan for these wanted and counted sets, kept while all three stay the same. */
        Plan plan(EventSkipper skipper, boolean[] stopAt, boolean[] countAt) {
            if (skipper != plannedBy || stopAt != plannedFor || countAt != plannedCounting) {
                plan = skipper.plan(stopAt, countAt);
                plannedBy = skipper;
                plannedFor = stopAt;
                plannedCounting = countAt;
            }
            return plan;
        }

        public void passed(long ns) {
            if (firstNs == Long.MIN_VALUE) {
                firstNs = ns;
            }
            lastNs = ns;
            skipped++;
        }
    }

    private final TaggedHeaderDecoder.Layout header;
    /**
     * The header's options as the loop reads them: {@link TaggedHeaderDecoder.Layout#loads}. The
     * clock's wrap takes no branch, so the first wrap cannot make the JIT's code of the loop fall
     * back to the interpreter.
     */
    private final long[] options;
    private static final int PER_OPTION = TaggedHeaderDecoder.Layout.LOAD_SLOTS;
    /**
     * Size of the body (common context, specific context, payload) per event id when it is fixed;
     * {@link #VARIABLE} when {@link #programs} has a program for it; -1 when the loop cannot skip it.
     */
    private final long[] bodyBits;
    /** Per event id with a variable body: how to skip it. */
    private final BodyProgram[] programs;
    private final int slack;
    /**
     * The header option of the short loop ({@link Plan#steps}): the one whose event id is the tag
     * itself and whose timestamp comes from the header's first 64 bits (LTTng's compact form), or
     * -1 when there is none or the tag is wider than {@link #MAX_STEP_TAG_BITS}.
     */
    private final int stepOption;
    private static final int MAX_STEP_TAG_BITS = 16;
    /** The last plan made, shared by the threads reading this stream class's streams. */
    private volatile Plan lastPlan;

    /**
     * What the loop does for one set of wanted event classes and one set of classes to count
     * (immutable).
     *
     * @param stopAt  a copy of the wanted set
     * @param countAt a copy of the set to count
     * @param counts  per event id, whether it is counted (null when none is)
     * @param actions per event id: hop over a fixed body (its size), run the body's program
     *                ({@link #VARIABLE}), stop ({@link #WANTED}) or hand over ({@link #UNKNOWN})
     * @param steps   per tag value of {@link #stepOption}, for events nobody wants whose parts all
     *                keep to bytes: the bits of the whole event (header and body) when its body is
     *                fixed (a positive value), the same with {@link #STEP_COUNTED} when the class
     *                is counted; for a body of the string shape, {@link #STEP_STRING} with the
     *                bits from the header's start to the string and, from bit
     *                {@link #STEP_AFTER_SHIFT}, the bits after its NUL; for a body with a program,
     *                {@link #STEP_PROGRAM} with the header's bits; else 0. Null without a step
     *                option. The short loop goes from event to event with one load from this
     *                table, and leaves every other event to the full loop.
     */
    record Plan(boolean[] stopAt, boolean[] countAt, boolean[] counts, long[] actions, long[] steps) {}

    /** Kinds of a negative step, in bits 61 and 62. */
    private static final long STEP_KIND = 3L << 61;
    private static final long STEP_STRING = Long.MIN_VALUE;
    private static final long STEP_PROGRAM = Long.MIN_VALUE | 1L << 61;
    private static final long STEP_COUNTED = Long.MIN_VALUE | 2L << 61;
    private static final long STEP_PART = 0x3FFF_FFFFL;
    private static final int STEP_AFTER_SHIFT = 30;

    private static final long VARIABLE = -2;
    /**
     * A body that is a fixed run, a string and a fixed run, encoded in one non-negative action:
     * this flag, the bits before the string in the low {@link #AFTER_SHIFT} bits and the bits
     * after it above them. A plain fixed size never has the flag (sizes are far below it).
     */
    private static final long STRING_SHAPE = 1L << 62;
    private static final int AFTER_SHIFT = 36;
    private static final long MAX_RUN = (1L << AFTER_SHIFT) - 1;
    private static final long MAX_AFTER = (1L << (62 - AFTER_SHIFT)) - 1;
    private static final long UNKNOWN = -1;
    private static final long WANTED = Long.MIN_VALUE;

    private EventSkipper(TaggedHeaderDecoder.Layout header, long[] options, long[] bodyBits, BodyProgram[] programs) {
        this.header = header;
        this.options = options;
        this.bodyBits = bodyBits;
        this.programs = programs;
        // A field loaded from a byte of the largest header reads 8 bytes from there; this covers them with room to spare.
        this.slack = header.maxBytes() + 9;
        this.stepOption = stepOption(header, options);
    }

    /** See {@link #stepOption}. */
    private static int stepOption(TaggedHeaderDecoder.Layout h, long[] opt) {
        if (Long.bitCount(h.idMask()) > MAX_STEP_TAG_BITS || h.idMask() + 1 > h.optionOf().length) {
            return -1;
        }
        for (int o = 0; o < h.bits().length; o++) {
            int i = o * PER_OPTION;
            boolean idIsTag = h.idOffset()[o] < 0;
            boolean tsInWord = h.tsOffset()[o] >= 0 && opt[i + 4] == 0;
            if (idIsTag && tsInWord) {
                return o;
            }
        }
        return -1;
    }

    /** The skipper of a stream class, or null when its event header is not one the loop knows. */
    static EventSkipper of(FieldDecoder eventHeader, FieldDecoder commonContext, EventDecoder[] eventsById) {
        if (!(eventHeader instanceof TaggedHeaderDecoder t) || t.layout() == null || eventsById == null) {
            return null;
        }
        long[] options = t.layout().loads();
        if (options == null) {
            return null;
        }
        long[] body = new long[eventsById.length];
        BodyProgram[] programs = new BodyProgram[eventsById.length];
        for (int id = 0; id < body.length; id++) {
            EventDecoder e = eventsById[id];
            BodyProgram p = e == null ? null : BodyProgram.compile(commonContext, e.context(), e.payload());
            if (p == null) {
                body[id] = -1;
            } else if (p.fixedBits() >= 0 && p.fixedBits() <= MAX_RUN) {
                body[id] = p.fixedBits();
            } else if (p.stringShape() != null && p.stringShape()[0] <= MAX_RUN && p.stringShape()[1] <= MAX_AFTER) {
                body[id] = STRING_SHAPE | p.stringShape()[0] | p.stringShape()[1] << AFTER_SHIFT;
            } else {
                body[id] = VARIABLE;
                programs[id] = p;
            }
        }
        return new EventSkipper(t.layout(), options, body, programs);
    }

    /** Whether an event class has a body the loop hops over in one step (for tests and benchmarks). */
    public boolean fixedBody(long id) {
        return id >= 0 && id < bodyBits.length && bodyBits[(int) id] >= 0 && (bodyBits[(int) id] & STRING_SHAPE) == 0;
    }

    /**
     * Size in bits of the body of event class {@code id} starting at bit {@code at}, as the loop
     * hops over it (fixed size, string shape or body program), or -1 when the loop hands the
     * event to the generic decoders or the body does not fit before {@code limit}. For tests and
     * for the benchmark that compares the loop with a loop specialized by hand.
     */
    long bodyBits(int id, ByteBuffer le, long at, long limit, long[] slots) {
        long action = id >= 0 && id < bodyBits.length ? bodyBits[id] : UNKNOWN;
        long size;
        if (action == UNKNOWN) {
            return -1;
        } else if (action >= 0 && (action & STRING_SHAPE) != 0) {
            size = stringBody(le, at, limit, action);
        } else {
            size = action == VARIABLE ? programs[id].run(le, at, limit, slots) : action;
        }
        return size >= 0 && at + size <= limit ? size : -1;
    }

    /** Whether the loop skips an event class's body itself (see {@link BodyProgram}). */
    public boolean skipsBody(long id) {
        return id >= 0 && id < bodyBits.length && bodyBits[(int) id] != -1;
    }

    /**
     * Reads events from the reader's position until one of the stopping conditions, updating the
     * decode state's clock and event id as the generic header decoder would.
     *
     * @param stopAt  event ids (index) the caller wants to see; ids beyond its length are not wanted
     * @param countAt event ids (index) whose events passed over inside the window are also counted
     *                in {@link Tally#counted}; a wanted id is not counted
     * @param beginNs events before this time are passed over without being counted
     * @param endNs   the loop stops on the first event after this time
     * @param budget  the loop returns {@link #BUDGET} after passing over this many events
     * @return one of the status constants
     */
    public int run(BitReader r, DecodeState s, ClockMath clock, boolean[] stopAt, boolean[] countAt, long beginNs,
                   long endNs, long budget, Tally tally) {
        final Plan plan = tally.plan(this, stopAt, countAt);
        final long[] actions = plan.actions();
        final boolean[] counts = plan.counts();
        final ByteBuffer le = r.littleEndian();
        final long limit = r.limitBits();
        final long safeEndByte = (long) r.capacityBytes() - slack;
        final byte[] optionOf = header.optionOf();
        final long tagMask = header.idMask();
        final long[] opt = options;
        // Without a time window, times are needed only for the first and last event passed over
        // and for the event the loop stops on: the loop keeps cycles and converts at the end.
        final boolean windowed = beginNs != Long.MIN_VALUE || endNs != Long.MAX_VALUE;
        // The short loop: without a time window, and once the first event passed over is known
        // (an earlier call's, or one passed over here by the full loop, whose time is kept).
        final long[] steps = windowed ? null : plan.steps();
        final boolean firstKnown = tally.firstNs != Long.MIN_VALUE;
        final int so = stepOption * PER_OPTION;
        final long stepTsShift = steps == null ? 0 : opt[so + 5];
        final long stepTsMask = steps == null ? 0 : opt[so + 6];
        final long stepTsWrap = steps == null ? 0 : opt[so + 7];
        final long lastLoadBits = safeEndByte << 3;
        long pos = r.positionBits();
        long clockCycles = s.clockCycles;
        long skipped = 0;
        long before = 0;
        long countedHere = 0;
        boolean anyPassed = false;
        long firstCycles = 0;
        long lastCycles = 0;
        int status;
        while (true) {
            if (steps != null && (anyPassed || firstKnown) && (pos & 7) == 0) {
                // Each step keeps the position on a byte, inside the content and where a
                // header's load fits; anything else is left to the full loop below.
                long room = budget - skipped - before;
                long n = 0;
                long p = pos;
                long c = clockCycles;
                long k = 0;
                while (n < room && p < limit && p <= lastLoadBits) {
                    long word = le.getLong((int) (p >>> 3));
                    long step = steps[(int) (word & tagMask)];
                    long next;
                    long kind = step & STEP_KIND;
                    if (step > 0) {
                        next = p + step;
                    } else if (kind == (STEP_COUNTED & STEP_KIND)) {
                        next = p + (step & STEP_PART);
                        if (next > limit) {
                            break;
                        }
                        k++;
                    } else if (kind == (STEP_PROGRAM & STEP_KIND)) {
                        long bodyAt = p + (step & STEP_PART);
                        long size = bodyAt <= limit ? programs[(int) (word & tagMask)].run(le, bodyAt, limit, s.slots) : -1;
                        if (size < 0) {
                            break;
                        }
                        next = bodyAt + size;
                    } else if (step < 0) {
                        long stringAt = p + (step & STEP_PART);
                        long nul = stringAt < limit ? BodyProgram.findNul(le, stringAt >>> 3, limit >>> 3) : -1;
                        if (nul < 0) {
                            break;
                        }
                        next = ((nul + 1) << 3) + ((step >>> STEP_AFTER_SHIFT) & STEP_PART);
                    } else {
                        break;
                    }
                    if (next > limit) {
                        break;
                    }
                    long value = (word >>> stepTsShift) & stepTsMask;
                    c = ((c & ~stepTsMask) | value) + (stepTsWrap & ((value - (c & stepTsMask)) >> 63));
                    p = next;
                    n++;
                }
                if (n > 0) {
                    pos = p;
                    clockCycles = c;
                    lastCycles = c;
                    skipped += n;
                    countedHere += k;
                    anyPassed = true;
                }
            }
            if (pos >= limit) {
                status = END_OF_PACKET;
                break;
            }
            if (skipped + before >= budget) {
                status = BUDGET;
                break;
            }
            if ((pos & 7) != 0 || (pos >>> 3) > safeEndByte) {
                status = GENERIC;
                break;
            }
            int at = (int) (pos >>> 3);
            long word = le.getLong(at);
            int o = optionOf[(int) (word & tagMask)];
            if (o < 0) {
                status = GENERIC;
                break;
            }
            int oi = o * PER_OPTION;
            long bodyAt = pos + opt[oi];
            if (bodyAt > limit) {
                status = GENERIC;
                break;
            }
            long idByte = opt[oi + 1];
            long id = ((idByte == 0 ? word : le.getLong(at + (int) idByte)) >>> opt[oi + 2]) & opt[oi + 3];
            // As DecodeState.updateClock: replace the low bits of the clock, carrying one wrap.
            // Without branches: both values are below 2^size <= 2^63 when the mask is not -1, so
            // the sign of their difference is the unsigned comparison; a 64-bit timestamp replaces
            // the clock (mask -1, wrap step 0), and an option without one leaves it (mask 0).
            long tsMask = opt[oi + 6];
            long tsByte = opt[oi + 4];
            long value = ((tsByte == 0 ? word : le.getLong(at + (int) tsByte)) >>> opt[oi + 5]) & tsMask;
            long wrap = opt[oi + 7] & ((value - (clockCycles & tsMask)) >> 63);
            clockCycles = ((clockCycles & ~tsMask) | value) + wrap;
            long action = id >= 0 && id < actions.length ? actions[(int) id] : UNKNOWN;
            boolean counted = true;
            if (windowed) {
                long ns = clock.toNs(clockCycles);
                if (ns > endNs) {
                    action = WANTED;
                } else if (ns < beginNs) {
                    counted = false;
                }
            }
            if (action != WANTED) {
                if (counted) {
                    if (!anyPassed) {
                        anyPassed = true;
                        firstCycles = clockCycles;
                    }
                    lastCycles = clockCycles;
                    skipped++;
                    if (counts != null && id >= 0 && id < counts.length && counts[(int) id]) {
                        countedHere++;
                    }
                } else {
                    before++;
                }
                long size;
                if (action >= 0 && (action & STRING_SHAPE) != 0) {
                    size = stringBody(le, bodyAt, limit, action);
                } else {
                    size = action == VARIABLE ? programs[(int) id].run(le, bodyAt, limit, s.slots) : action;
                }
                if (size >= 0 && bodyAt + size <= limit) {
                    pos = bodyAt + size;
                    continue;
                }
            }
            // Stopping on this event (wanted), or handing its body to the generic decoders.
            s.eventId = id;
            s.eventIdSeen = true;
            tally.eventStartBits = pos;
            pos = bodyAt;
            status = action == WANTED ? STOP : SKIP_BODY;
            break;
        }
        if (pos != r.positionBits()) {
            r.noteLittleEndian();
        }
        r.positionBits(pos);
        s.clockCycles = clockCycles;
        tally.skipped += skipped;
        tally.before += before;
        tally.counted += countedHere;
        if (anyPassed) {
            if (tally.firstNs == Long.MIN_VALUE) {
                tally.firstNs = clock.toNs(firstCycles);
            }
            tally.lastNs = clock.toNs(lastCycles);
        }
        return status;
    }

    /**
     * The plan for a wanted set and a set to count: the last one made when it was for equal sets
     * (the streams of one stream class usually want the same classes), else a new one.
     */
    Plan plan(boolean[] stopAt, boolean[] countAt) {
        Plan p = lastPlan;
        if (p != null && java.util.Arrays.equals(p.stopAt(), stopAt) && java.util.Arrays.equals(p.countAt(), countAt)) {
            return p;
        }
        long[] a = new long[bodyBits.length];
        boolean[] counts = null;
        for (int id = 0; id < a.length; id++) {
            a[id] = id < stopAt.length && stopAt[id] ? WANTED : bodyBits[id];
            if (id < countAt.length && countAt[id] && a[id] != WANTED) {
                counts = counts != null ? counts : new boolean[a.length];
                counts[id] = true;
            }
        }
        long[] steps = null;
        if (stepOption >= 0) {
            steps = new long[(int) header.idMask() + 1];
            long headerBits = options[stepOption * PER_OPTION];
            byte[] optionOf = header.optionOf();
            for (int tag = 0; tag < steps.length && tag < a.length; tag++) {
                long action = a[tag];
                if (optionOf[tag] != stepOption) {
                    continue;
                }
                boolean counted = counts != null && counts[tag];
                if (counted) {
                    // Only fixed bodies are counted here; the full loop counts the others.
                    long bits = headerBits + action;
                    boolean fixed = action >= 0 && (action & STRING_SHAPE) == 0;
                    steps[tag] = fixed && bits % 8 == 0 && bits <= STEP_PART ? STEP_COUNTED | bits : 0;
                } else if (action == VARIABLE) {
                    steps[tag] = headerBits % 8 == 0 && headerBits <= STEP_PART ? STEP_PROGRAM | headerBits : 0;
                } else if (action < 0) {
                    continue;
                } else if ((action & STRING_SHAPE) == 0) {
                    long bits = headerBits + action;
                    steps[tag] = bits % 8 == 0 ? bits : 0;
                } else {
                    long before = headerBits + (action & MAX_RUN);
                    long after = (action >>> AFTER_SHIFT) & MAX_AFTER;
                    boolean fits = before % 8 == 0 && after % 8 == 0 && before <= STEP_PART && after <= STEP_PART;
                    steps[tag] = fits ? STEP_STRING | before | after << STEP_AFTER_SHIFT : 0;
                }
            }
        }
        p = new Plan(stopAt.clone(), countAt.clone(), counts, a, steps);
        lastPlan = p;
        return p;
    }

    /** Size of a {@link #STRING_SHAPE} body at {@code at}, or -1 when it does not fit before {@code limit}. */
    private static long stringBody(ByteBuffer le, long at, long limit, long action) {
        long stringAt = at + (action & MAX_RUN);
        if (stringAt >= limit) {
            return -1;
        }
        long nul = BodyProgram.findNul(le, stringAt >>> 3, limit >>> 3);
        if (nul < 0) {
            return -1;
        }
        return ((nul + 1) << 3) + ((action >>> AFTER_SHIFT) & MAX_AFTER) - at;
    }
}

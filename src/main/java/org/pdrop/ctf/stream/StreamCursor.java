package org.pdrop.ctf.stream;

import java.nio.ByteBuffer;
import org.pdrop.ctf.CorruptTraceException;
import org.pdrop.ctf.decode.BitReader;
import org.pdrop.ctf.decode.ClockMath;
import org.pdrop.ctf.decode.DecodeException;
import org.pdrop.ctf.decode.DecodeState;
import org.pdrop.ctf.decode.EventDecoder;
import org.pdrop.ctf.decode.EventSkipper;
import org.pdrop.ctf.decode.FieldDecoder;
import org.pdrop.ctf.decode.FieldValue;
import org.pdrop.ctf.decode.FieldVisitor;
import org.pdrop.ctf.decode.FieldValue.StructValue;
import org.pdrop.ctf.decode.FixedLayout;
import org.pdrop.ctf.decode.StreamDecoder;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.ir.EventClass;

/**
 * Walks one {@link DataStream} event by event (CTF 1.8 §5 and §6). {@link #advance()} decodes
 * only the next event header (id and timestamp), so a merger can order streams by time and a
 * consumer can decide, per event class, whether to decode the contexts and payload
 * ({@link #payload()} and friends, decoded lazily and in order) or let the cursor skip them.
 *
 * <p>Between packets it reports tracer-side loss as {@link Notice}s before the packet's first
 * event: discarded events measured against the largest {@code events_discarded} snapshot seen so
 * far (a snapshot that goes backwards is an LTTng quirk and counts as nothing), and gaps in
 * {@code packet_seq_num}.
 */
public final class StreamCursor {
    public enum Kind { EVENT, NOTICE, END }

    private static final int STAGE_HEADER = 0;
    private static final int STAGE_COMMON = 1;
    private static final int STAGE_SPECIFIC = 2;
    private static final int STAGE_DONE = 3;

    private final DataStream stream;
    private final TraceDecoder decoder;
    private final ClockMath clock;
    private final BitReader reader = new BitReader();
    private final DecodeState state;
    private final boolean readPacketContext;

    private int packetIndex = -1;
    /**
     * The buffer packets are read into, grown to the largest packet so far (file-backed streams);
     * direct, so that reading a packet copies its bytes once.
     */
    private ByteBuffer packetBuffer = ByteBuffer.allocateDirect(0);
    private PacketInfo packet;
    private StreamDecoder streamDecoder;
    /** The fixed size of {@link #streamDecoder}'s event context, or -1. */
    private long commonFixedBits = -1;
    private StructValue packetContext;
    private long maxDiscarded = -1;
    private long prevSeq = -1;
    private long prevEndCycles;
    private boolean prevHasTimes;
    private Notice pendingDiscarded;
    private Notice pendingLost;

    private Kind kind;
    private Notice notice;
    private EventDecoder event;
    private long timestampCycles;
    private long timestampNs;
    private int stage;
    private long eventStartBits;
    private long bodyStartBits;
    private StructValue commonContext;
    private StructValue specificContext;
    private StructValue payload;
    private long events;
    private final EventSkipper.Tally tally = new EventSkipper.Tally();

    /**
     * @param readPacketContext decode each packet context into a value (for printers); when false
     *                          only the values with roles are kept
     */
    public StreamCursor(DataStream stream, boolean readPacketContext) {
        this.stream = stream;
        this.decoder = stream.trace().decoder();
        this.clock = stream.trace().clock();
        this.state = decoder.newState();
        this.readPacketContext = readPacketContext;
    }

    public DataStream stream() {
        return stream;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Moves to the next item: an event (header decoded) or a notice. Returns false at the end of
     * the stream. The current event's remaining parts are skipped first.
     */
    public boolean advance() {
        if (kind == Kind.EVENT) {
            finishEvent();
        }
        while (true) {
            if (emitPendingNotice()) {
                return true;
            }
            if (packet != null && reader.positionBits() < packet.contentSizeBits()) {
                readEventHeader();
                return true;
            }
            if (!nextPacket()) {
                kind = Kind.END;
                return false;
            }
        }
    }

    /**
     * Like {@link #advance()} for a reader that wants only some event classes: an event whose
     * class id is not set in {@code stopAt} is passed over (its body skipped, not decoded) and
     * counted in {@link #passedOver()} instead of being returned. Where the stream's layout allows
     * it, a tight loop does this without a call per field ({@link EventSkipper}).
     *
     * <p>Returns true on a wanted event, a notice, the first event after {@code endNs}, and, once
     * {@code budget} events were passed over in this call, the next event whatever it is (so the
     * caller can report progress); false at the end of the stream. Events before {@code beginNs}
     * are passed over without being counted.
     */
    public boolean advanceSkipping(boolean[] stopAt, long beginNs, long endNs, long budget) {
        return advanceSkipping(stopAt, NOTHING, beginNs, endNs, budget);
    }

    private static final boolean[] NOTHING = new boolean[0];

    /**
     * As {@link #advanceSkipping(boolean[], long, long, long)}, and the events of the classes set
     * in {@code countAt} (and not in {@code stopAt}) that it passes over inside the window are
     * counted in {@link #countedOver()}: for a reader that only needs their number.
     */
    public boolean advanceSkipping(boolean[] stopAt, boolean[] countAt, long beginNs, long endNs, long budget) {
        if (kind == Kind.EVENT) {
            finishEvent();
        }
        long passed = 0;
        while (true) {
            if (emitPendingNotice()) {
                return true;
            }
            if (packet != null && reader.positionBits() < packet.contentSizeBits()) {
                EventSkipper skipper = streamDecoder.skipper();
                if (skipper != null) {
                    long before = tally.skipped + tally.before;
                    int status = skipper.run(reader, state, clock, stopAt, countAt, beginNs, endNs, budget - passed,
                            tally);
                    long moved = tally.skipped + tally.before - before;
                    passed += moved;
                    events += moved;
                    switch (status) {
                        case EventSkipper.STOP:
                            enterEvent(tally.eventStartBits);
                            events++;
                            return true;
                        case EventSkipper.SKIP_BODY:
                            enterEvent(tally.eventStartBits);
                            finishEvent();
                            continue;
                        case EventSkipper.END_OF_PACKET:
                            continue;
                        case EventSkipper.BUDGET:
                            readEventHeader();
                            return true;
                        default:
                            break;
                    }
                }
                readEventHeader();
                long id = event.eventClass().id();
                if (timestampNs > endNs || (id >= 0 && id < stopAt.length && stopAt[(int) id]) || passed >= budget) {
                    return true;
                }
                if (timestampNs < beginNs) {
                    tally.before++;
                } else {
                    tally.passed(timestampNs);
                    if (id >= 0 && id < countAt.length && countAt[(int) id]) {
                        tally.counted++;
                    }
                }
                passed++;
                finishEvent();
                continue;
            }
            if (!nextPacket()) {
                kind = Kind.END;
                return false;
            }
        }
    }

    /** Events passed over by {@link #advanceSkipping} inside its time window (all its calls). */
    public long passedOver() {
        return tally.skipped;
    }

    /** Events of the counted classes among {@link #passedOver()} (all calls). */
    public long countedOver() {
        return tally.counted;
    }

    /** Time of the first event passed over inside the window, or {@code Long.MIN_VALUE}. */
    public long firstPassedNs() {
        return tally.firstNs;
    }

    /** Time of the last event passed over inside the window, or {@code Long.MIN_VALUE}. */
    public long lastPassedNs() {
        return tally.lastNs;
    }

    /** Makes the next loss notice found at a packet start the current item, if there is one. */
    private boolean emitPendingNotice() {
        if (pendingDiscarded != null) {
            emitNotice(pendingDiscarded);
            pendingDiscarded = null;
            return true;
        }
        if (pendingLost != null) {
            emitNotice(pendingLost);
            pendingLost = null;
            return true;
        }
        return false;
    }

    private void emitNotice(Notice n) {
        kind = Kind.NOTICE;
        notice = n;
        event = null;
        timestampNs = n.beginNs();
        timestampCycles = n.beginCycles();
    }

    private boolean nextPacket() {
        packetIndex++;
        if (packetIndex >= stream.packets().size()) {
            packet = null;
            return false;
        }
        PacketInfo p = stream.packets().get(packetIndex);
        // Values decoded from a packet copy what they keep, so the next packet may reuse its buffer.
        ByteBuffer buf = p.file().read(p.offsetBytes(), p.packetSizeBits() / 8, packetBuffer);
        if (buf.capacity() > packetBuffer.capacity()) {
            packetBuffer = buf;
        }
        reader.reset(buf, p.contentSizeBits());
        state.beginPacket();
        try {
            FieldDecoder header = decoder.packetHeader();
            if (header != null) {
                header.skip(reader, state);
            }
            streamDecoder = decoder.stream(state.streamClassId);
            FieldDecoder common = streamDecoder == null ? null : streamDecoder.eventContext();
            commonFixedBits = common == null ? -1 : common.fixedSizeBits();
            if (streamDecoder == null) {
                throw PacketScanner.corrupt(p.file(), p.offsetBytes(), "unknown stream class: stream-id="
                        + state.streamClassId, null);
            }
            FieldDecoder ctx = streamDecoder.packetContext();
            packetContext = null;
            if (ctx != null) {
                if (readPacketContext) {
                    packetContext = (StructValue) ctx.read(reader, state);
                } else {
                    ctx.skip(reader, state);
                }
            }
        } catch (DecodeException e) {
            throw PacketScanner.corrupt(p.file(), p.offsetBytes(), "packet header or context runs past the content", e);
        }
        if (!state.beginSeen) {
            // Without timestamp_begin the clock carries on from the previous packet.
            state.clockCycles = packetIndex == 0 ? 0 : state.clockCycles;
        }
        checkLoss(p);
        packet = p;
        return true;
    }

    private void checkLoss(PacketInfo p) {
        long snapshot = p.discarded();
        if (snapshot >= 0) {
            long base = Math.max(maxDiscarded, 0);
            boolean first = maxDiscarded < 0;
            if (Long.compareUnsigned(snapshot, base) > 0) {
                long beginCycles = first || !prevHasTimes ? p.beginCycles() : prevEndCycles;
                long endCycles = p.endCycles();
                pendingDiscarded = new Notice(Notice.Kind.DISCARDED_EVENTS, stream, snapshot - base,
                        clock.toNs(beginCycles), clock.toNs(endCycles), false, beginCycles, endCycles, first);
            }
            if (first || Long.compareUnsigned(snapshot, maxDiscarded) > 0) {
                maxDiscarded = snapshot;
            }
        }
        long seq = p.seqNum();
        if (seq >= 0 && prevSeq >= 0 && Long.compareUnsigned(seq, prevSeq + 1) > 0) {
            long beginCycles = prevEndCycles;
            long endCycles = p.beginCycles();
            pendingLost = new Notice(Notice.Kind.LOST_PACKETS, stream, seq - prevSeq - 1,
                    clock.toNs(beginCycles), clock.toNs(endCycles), false, beginCycles, endCycles, false);
        }
        if (seq >= 0) {
            prevSeq = seq;
        }
        prevEndCycles = p.endCycles();
        prevHasTimes = p.hasTimes();
    }

    private void readEventHeader() {
        long eventStartBits = reader.positionBits();
        state.beginEvent();
        try {
            FieldDecoder h = streamDecoder.eventHeader();
            if (h != null) {
                h.skip(reader, state);
            }
        } catch (BitReader.OutOfBoundsException e) {
            throw corrupt("event header runs past the packet content", e);
        } catch (DecodeException e) {
            throw corrupt("cannot decode event header", e);
        }
        enterEvent(eventStartBits);
        events++;
    }

    /** Makes the event whose header was just decoded (it started at {@code startBits}) the current item. */
    private void enterEvent(long startBits) {
        kind = Kind.EVENT;
        notice = null;
        eventStartBits = startBits;
        bodyStartBits = reader.positionBits();
        long id = state.eventIdSeen ? state.eventId : 0;
        event = streamDecoder.event(id);
        if (event == null) {
            if (!state.eventIdSeen && streamDecoder.eventCount() == 1) {
                event = streamDecoder.event(streamDecoder.streamClass().events().get(0).id());
            }
            if (event == null) {
                throw corrupt("unknown event class: event-id=" + Long.toUnsignedString(id), null);
            }
        }
        timestampCycles = state.clockCycles;
        timestampNs = clock.toNs(timestampCycles);
        stage = STAGE_HEADER;
        commonContext = null;
        specificContext = null;
        payload = null;
    }

    private void finishEvent() {
        try {
            if (stage < STAGE_COMMON) {
                FieldDecoder d = streamDecoder.eventContext();
                if (d != null) {
                    d.skip(reader, state);
                }
            }
            if (stage < STAGE_SPECIFIC && event.context() != null) {
                event.context().skip(reader, state);
            }
            if (stage < STAGE_DONE && event.payload() != null) {
                event.payload().skip(reader, state);
            }
        } catch (DecodeException e) {
            throw decodeError(e);
        }
        stage = STAGE_DONE;
        if (reader.positionBits() == eventStartBits) {
            throw corrupt("event takes no space, the stream cannot advance", null);
        }
    }

    private CorruptTraceException decodeError(DecodeException e) {
        if (e instanceof BitReader.OutOfBoundsException) {
            return corrupt("event runs past the packet content", e);
        }
        return corrupt("cannot decode event", e);
    }

    private CorruptTraceException corrupt(String what, DecodeException cause) {
        String where = (cause == null ? ", bit=" + reader.positionBits() : "")
                + (event != null ? ", event=\"" + event.eventClass().name() + "\"" : "");
        CorruptTraceException base = PacketScanner.corrupt(packet.file(), packet.offsetBytes(), what, cause);
        return new CorruptTraceException(base.getMessage() + where);
    }

    // --- current item ---------------------------------------------------------------------------

    public Notice notice() {
        return notice;
    }

    public EventClass eventClass() {
        return event.eventClass();
    }

    public long timestampCycles() {
        return timestampCycles;
    }

    /** Nanoseconds from the clock origin: the merge key. */
    public long timestampNs() {
        return timestampNs;
    }

    /** CPU from the packet context's {@code cpu_id}, or -1. */
    public long cpuId() {
        return state.cpuId;
    }

    /** Events read so far from this stream. */
    public long eventCount() {
        return events;
    }

    /** The packet context decoded into a value (only when asked for at construction), or null. */
    public StructValue packetContext() {
        return packetContext;
    }

    public PacketInfo packet() {
        return packet;
    }

    /** Index of the current packet in {@link DataStream#packets()} (-1 before the first). */
    public int packetIndex() {
        return packetIndex;
    }

    /**
     * Bit offset, from the start of the current packet ({@link #packet()}), where the current
     * event's header ends: its contexts and payload follow.
     */
    public long bodyStartBits() {
        return bodyStartBits;
    }

    /**
     * Skips what is left of the current event (contexts, payload) and returns the bit offset,
     * from the start of the current packet, where the event ends. Parts not read before are
     * skipped, so their accessors return null afterwards.
     */
    public long bodyEndBits() {
        finishEvent();
        return reader.positionBits();
    }

    /**
     * The layout of the current event's body (common context, specific context, payload) when it
     * is the same for every event of its class ({@link FixedLayout}), else null. Computed on each
     * call: callers keep it per event class.
     */
    public FixedLayout fixedLayout() {
        return streamDecoder.fixedLayout(event);
    }

    /**
     * Passes over the current event's body at once when nothing of it was read yet, it starts on a
     * byte and, laid out as {@code layout} (this event class's {@link #fixedLayout()}) says, it ends
     * within the packet's content. Returns the index in {@link #packetBytes()} of the body's first
     * byte, whose fields the caller then loads itself; the scope accessors return null for this
     * event. Returns -1 and changes nothing otherwise: the caller reads the event the usual way,
     * which reports the error if there is one.
     */
    public int passFixedBody(FixedLayout layout) {
        if (kind != Kind.EVENT || stage != STAGE_HEADER || (bodyStartBits & 7) != 0
                || reader.positionBits() != bodyStartBits) {
            return -1;
        }
        long end = bodyStartBits + layout.bits();
        if (end > reader.limitBits() || end == eventStartBits) {
            return -1;
        }
        reader.positionBits(end);
        stage = STAGE_DONE;
        return (int) (bodyStartBits >>> 3);
    }

    /**
     * Scope numbers of {@link #fixedScopeAt}, {@link #passScope} and {@link #visitScope}, in
     * decoding order; a scope's number is the stage at which it is the next to read.
     */
    public static final int COMMON_CONTEXT = 0;
    public static final int SPECIFIC_CONTEXT = 1;
    public static final int PAYLOAD = 2;

    /**
     * The index in {@link #packetBytes()} of the current event's {@code scope} when it is the next
     * part of the body to read (the ones before it read, passed or absent), has a fixed size in whole
     * bytes and no side effects ({@link #scopeFixedBits}), starts on a byte and ends within the
     * packet's content; else -1. A caller that knows what those bytes print as passes over them
     * with {@link #passScope}; otherwise it reads them the usual way, which reports the error if
     * there is one.
     */
    public int fixedScopeAt(int scope) {
        int at = scopeStartByte(scope);
        if (at < 0) {
            return -1;
        }
        long bits = scopeFixedBits(scope);
        return bits > 0 && bits <= reader.limitBits() - reader.positionBits() ? at : -1;
    }

    /**
     * The index in {@link #packetBytes()} of the first byte of the current event's {@code scope}
     * when it is the next part of the body to read (the ones before it read, passed or absent)
     * and starts on a byte within the packet's content; else -1 (also when the event has no such
     * scope). A caller that finds where the scope ends (at most {@link #contentEndByte()}) and
     * knows what its bytes print as passes over it with {@link #passScopeTo}.
     */
    public int scopeStartByte(int scope) {
        if (kind != Kind.EVENT || stage > scope || scopeDecoder(scope) == null) {
            return -1;
        }
        for (int s = stage; s < scope; s++) {
            if (scopeDecoder(s) != null) {
                return -1;
            }
        }
        long pos = reader.positionBits();
        return (pos & 7) != 0 || pos >= reader.limitBits() ? -1 : (int) (pos >>> 3);
    }

    /** The end of the current packet's content as an index in {@link #packetBytes()}: no field reaches past it. */
    public int contentEndByte() {
        return (int) (reader.limitBits() >>> 3);
    }

    /**
     * Passes over the {@code scope} located by {@link #scopeStartByte}, which the caller found to
     * end before byte {@code end} (an index in {@link #packetBytes()}, at most
     * {@link #contentEndByte()}); its accessor returns null afterwards. Only for a scope whose
     * fields nothing after it refers to (the payload): their values are not recorded.
     */
    public void passScopeTo(int scope, int end) {
        int start = scopeStartByte(scope);
        if (start < 0 || end < start || end > contentEndByte()) {
            throw new IllegalStateException("scope " + scope + " does not start at a byte next to read or end at " + end);
        }
        reader.positionBits((long) end << 3);
        stage = scope + 1;
    }

    /**
     * Size in bits of the current event's {@code scope} when it does not depend on the data
     * ({@link FieldDecoder#fixedSizeBits}, at a byte-aligned position), else -1 (also when the
     * event has no such scope).
     */
    public long scopeFixedBits(int scope) {
        switch (scope) {
            case COMMON_CONTEXT:
                return commonFixedBits;
            case SPECIFIC_CONTEXT:
                return event.context() == null ? -1 : event.context().fixedSizeBits();
            case PAYLOAD:
                return event.payload() == null ? -1 : event.payload().fixedSizeBits();
            default:
                throw new IllegalArgumentException("scope " + scope);
        }
    }

    /**
     * Passes over the {@code scope} located by {@link #fixedScopeAt}, which must have returned an
     * index for it; its accessor returns null afterwards.
     */
    public void passScope(int scope) {
        int at = fixedScopeAt(scope);
        if (at < 0) {
            throw new IllegalStateException("scope " + scope + " is not a fixed run of bytes next to read");
        }
        passScopeTo(scope, at + (int) (scopeFixedBits(scope) >>> 3));
    }

    /**
     * Decodes the current event's {@code scope} into {@code v}, or replays it when its accessor
     * decoded it already, as {@link #visit} does; the unread scopes before it are skipped. A
     * later call for a following scope, or {@link #visit}, goes on from there.
     */
    public void visitScope(int scope, FieldVisitor v) {
        try {
            while (stage < scope) {
                decodeScope(scopeDecoder(stage), null);
                stage++;
            }
            if (stage == scope) {
                decodeScope(scopeDecoder(scope), v);
                stage = scope + 1;
            } else if (v != null) {
                StructValue value = scope == COMMON_CONTEXT ? commonContext
                        : scope == SPECIFIC_CONTEXT ? specificContext : payload;
                if (value != null) {
                    FieldDecoder.replay(value, v);
                }
            }
        } catch (DecodeException e) {
            throw decodeError(e);
        }
    }

    private FieldDecoder scopeDecoder(int scope) {
        return scope == COMMON_CONTEXT ? streamDecoder.eventContext()
                : scope == SPECIFIC_CONTEXT ? event.context() : event.payload();
    }

    /** The current packet's bytes, little-endian, index 0 at the packet's start (read only). */
    public ByteBuffer packetBytes() {
        return reader.littleEndian();
    }

    public StructValue commonContext() {
        if (stage < STAGE_COMMON) {
            FieldDecoder d = streamDecoder.eventContext();
            commonContext = d == null ? null : (StructValue) read(d);
            stage = STAGE_COMMON;
        }
        return commonContext;
    }

    public StructValue specificContext() {
        if (stage < STAGE_SPECIFIC) {
            commonContext();
            specificContext = event.context() == null ? null : (StructValue) read(event.context());
            stage = STAGE_SPECIFIC;
        }
        return specificContext;
    }

    public StructValue payload() {
        if (stage < STAGE_DONE) {
            specificContext();
            payload = event.payload() == null ? null : (StructValue) read(event.payload());
            stage = STAGE_DONE;
        }
        return payload;
    }

    /**
     * Decodes the rest of the current event into visitors instead of values (the allocation-free
     * path): the common context, the specific context and the payload each go to their visitor,
     * or are skipped when it is null; a scope the event does not have produces no call. A scope
     * already decoded by {@link #commonContext()} and friends is replayed from its value. The
     * accessors return null for the scopes decoded this way.
     */
    public void visit(FieldVisitor common, FieldVisitor specific, FieldVisitor payloadVisitor) {
        try {
            if (stage < STAGE_COMMON) {
                decodeScope(streamDecoder.eventContext(), common);
                stage = STAGE_COMMON;
            } else if (common != null && commonContext != null) {
                FieldDecoder.replay(commonContext, common);
            }
            if (stage < STAGE_SPECIFIC) {
                decodeScope(event.context(), specific);
                stage = STAGE_SPECIFIC;
            } else if (specific != null && specificContext != null) {
                FieldDecoder.replay(specificContext, specific);
            }
            if (stage < STAGE_DONE) {
                decodeScope(event.payload(), payloadVisitor);
                stage = STAGE_DONE;
            } else if (payloadVisitor != null && payload != null) {
                FieldDecoder.replay(payload, payloadVisitor);
            }
        } catch (DecodeException e) {
            throw decodeError(e);
        }
    }

    private void decodeScope(FieldDecoder d, FieldVisitor v) {
        if (d == null) {
            return;
        }
        if (v == null) {
            d.skip(reader, state);
        } else {
            d.visit(reader, state, v);
        }
    }

    private FieldValue read(FieldDecoder d) {
        try {
            return d.read(reader, state);
        } catch (DecodeException e) {
            throw decodeError(e);
        }
    }
}

package org.pdrop.gen;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.pdrop.ctf.CtfException;

/**
 * Writes one data stream file (CTF 1.8 §5) and its LTTng index, packet by packet: fixed-size
 * packets (as LTTng's sub-buffers), each a header and context ({@link PacketLayout}) then as many
 * events (header from {@link EventHeaderEncoder}, body copied from the {@link EventSource}) as fit,
 * then zero padding. Holds one packet in memory, whatever the file size. One writer per stream.
 *
 * <p>Times: a packet begins where the previous one ended and ends at its last event, so packets
 * tile the stream's time line as LTTng's do. Loss: every {@code discardEvery}-th packet says the
 * tracer discarded 1 to {@value #MAX_DISCARD} more events ({@code events_discarded} is a running
 * count), and the time those events would have taken passes before its first event.
 */
final class StreamWriter {
    /** What one stream got. Times in cycles. */
    record Result(Path file, long cpu, long packets, long events, long kfreeEvents, long discarded,
                  long largeHeaders, long bytes, long firstCycles, long lastCycles) {}

    static final int MAX_DISCARD = 1000;

    private final PacketLayout layout;
    private final EventHeaderEncoder header;
    private final int packetBytes;
    private final long packetBits;
    private final long streamClassId;
    private final long cpu;
    private final int discardEvery;
    private final SplittableRandom rng;
    private final long meanDelta;
    private final byte[] buf;

    // Running state of the stream being written.
    private long clock;
    private long pos;
    private long last;
    private long events;
    private long kfree;
    private long large;

    /**
     * @param discardEvery packets between simulated losses, 0 for none
     * @param rng          draws the loss sizes (unused when {@code discardEvery} is 0)
     * @param meanDelta    cycles per event, to turn discarded events into lost time
     */
    StreamWriter(PacketLayout layout, EventHeaderEncoder header, int packetBytes, long streamClassId, long cpu,
                 int discardEvery, SplittableRandom rng, long meanDelta) {
        this.layout = layout;
        this.header = header;
        this.packetBytes = packetBytes;
        this.packetBits = (long) packetBytes * 8;
        this.streamClassId = streamClassId;
        this.cpu = cpu;
        this.discardEvery = discardEvery;
        this.rng = rng;
        this.meanDelta = meanDelta;
        this.buf = new byte[packetBytes];
    }

    /**
     * Writes {@code file} and {@code index} with events of {@code src} until it ends or
     * {@code maxPackets} are written (the event that does not fit then is dropped). Writes nothing
     * when the source has no event.
     */
    Result write(EventSource src, long maxPackets, Path file, Path index) throws IOException {
        if (!src.next()) {
            return new Result(file, cpu, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        long first = src.timestampCycles();
        long packets = 0;
        long discarded = 0;
        long prevEnd = 0;
        boolean pending = true;
        ByteBuffer out = ByteBuffer.wrap(buf);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             DataOutputStream idx = new DataOutputStream(new BufferedOutputStream(
                     Files.newOutputStream(index, StandardOpenOption.CREATE_NEW), 1 << 16))) {
            IndexWriter.header(idx);
            while (pending && packets < maxPackets) {
                long begin = packets == 0 ? src.timestampCycles() : prevEnd;
                if (discardEvery > 0 && packets % discardEvery == discardEvery - 1) {
                    long lost = 1 + rng.nextInt(MAX_DISCARD);
                    discarded += lost;
                    src.delay(lost * meanDelta);
                }
                clock = layout.clockAfter(clock, begin);
                // The prologue is written at the end, when its sizes and end time are known.
                Arrays.fill(buf, 0, (int) ((layout.endBits() + 7) >>> 3), (byte) 0);
                pos = layout.endBits();
                last = begin;
                pending = fill(src);
                Arrays.fill(buf, (int) ((pos + 7) >>> 3), packetBytes, (byte) 0);
                PacketLayout.Values v = new PacketLayout.Values(streamClassId, cpu, begin, last, pos, packetBits,
                        packets, discarded, cpu);
                layout.write(buf, v);
                out.clear();
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                IndexWriter.entry(idx, packets * packetBytes, v);
                prevEnd = last;
                packets++;
            }
        }
        return new Result(file, cpu, packets, events, kfree, discarded, large, packets * packetBytes, first, prevEnd);
    }

    /**
     * Adds the source's events to the packet from {@link #pos} until one does not fit; returns
     * whether that one is pending (false when the source ended).
     */
    private boolean fill(EventSource src) {
        int headerAlign = header.alignBits();
        long inPacket = 0;
        while (true) {
            long id = src.eventId();
            long ts = src.timestampCycles();
            long start = Layouts.align(pos, headerAlign);
            EventHeaderEncoder.Plan plan = header.choose(start, id, ts, clock);
            if (plan == null) {
                throw new CtfException("Cannot encode event header: event-id=" + Long.toUnsignedString(id)
                        + ", timestamp=" + Long.toUnsignedString(ts) + ", clock=" + Long.toUnsignedString(clock)
                        + ", reason=\"no layout of the event header carries this id and time\"");
            }
            long bits = src.bodyBits();
            long end = start + plan.sizeBits + bits;
            if (end > packetBits) {
                if (inPacket == 0) {
                    throw new CtfException("Cannot write event: event-id=" + id + ", size-bits=" + (end - start)
                            + ", packet-size-bits=" + packetBits + ", reason=\"the event does not fit an empty packet\"");
                }
                return true;
            }
            // Bytes between the previous event and this one (alignment) are zero.
            int gapFrom = (int) ((pos + 7) >>> 3);
            int headerFrom = (int) (start >>> 3);
            if (gapFrom < headerFrom) {
                Arrays.fill(buf, gapFrom, headerFrom, (byte) 0);
            }
            plan.write(buf, start, id, ts);
            System.arraycopy(src.body(), src.bodyOffset(), buf, (int) ((start + plan.sizeBits) >>> 3),
                    (int) ((bits + 7) >>> 3));
            pos = end;
            clock = ts;
            last = ts;
            inPacket++;
            events++;
            if (src.kfree()) {
                kfree++;
            }
            if (plan.index > 0) {
                large++;
            }
            if (!src.next()) {
                return false;
            }
        }
    }
}

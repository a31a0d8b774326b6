package org.pdrop.ctf.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * How far {@link EventSkipper}'s loop is from a loop specialized by hand for one header, on the
 * same generated 8 MiB stream as {@code SkipLoopBench} (1 MiB packets, the mix of
 * {@code bench/template}). The floor knows LTTng's {@code event_header_large} (16-bit id, 65535
 * for the extended form, 32-bit compact timestamp), takes one table load from an event's id to
 * the size of the whole event for fixed bodies, and has none of the loop's checks (budget, time
 * window, alignment, packet bounds, wanted events); strings and programs go through
 * {@link EventSkipper#bodyBits}. It is a bound to compare with, not a reader: it trusts the data.
 *
 * <p>{@code floor}: the packets already in memory; {@code floorWithRead}: each packet read from the
 * file first, as the cursor does; {@code readOnly}: the reads alone; {@code floorBodiesFree}: the
 * floor with the strings and programs already done, each variable body's end taken from a table
 * made at setup, which shows what those bodies cost (28% of the events of this mix);
 * {@code floorPaired} and {@code floorBodiesFreePaired}: the same two walking two packets in one
 * loop, an event of each per turn. Setup checks that the floor counts the same events as the
 * cursor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
public class SkipFloorBench {
    private static final int LARGE_EXTENDED = 0xFFFF;
    private static final int COMPACT_BYTES = 6;
    private static final int EXTENDED_BYTES = 14;

    private Path dir;
    private CtfTrace trace;
    private EventSkipper skipper;
    private List<PacketInfo> packets;
    private final List<ByteBuffer> inMemory = new ArrayList<>();
    private int[] firstEvent;
    private int[] contentEnd;
    /** Per 16-bit tag: bytes of the whole event (header and fixed body), or 0 for the slow path. */
    private final long[] step = new long[1 << 16];
    private final long[] slots = new long[64];
    /** The buffer packets are read into, 8 bytes longer than the largest (the floor loads 8 bytes at any event), and its view. */
    private ByteBuffer reuse;
    private ByteBuffer reuseView;
    /** Per packet, where each event with a variable body ends, in order (for {@code floorBodiesFree}). */
    private int[][] variableEnds;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("pdrop-floor-bench");
        trace = org.pdrop.jmh.Lttng.oneStream(dir);
        DataStream stream = trace.streams().get(0);
        skipper = trace.traces().get(0).decoder().stream(stream.streamClassId()).skipper();
        packets = stream.packets();
        firstEvent = new int[packets.size()];
        contentEnd = new int[packets.size()];
        StreamCursor c = new StreamCursor(stream, false);
        long events = 0;
        while (c.advance()) {
            if (c.kind() != StreamCursor.Kind.EVENT) {
                continue;
            }
            events++;
            int p = c.packetIndex();
            if (inMemory.size() == p) {
                ByteBuffer src = c.packetBytes();
                ByteBuffer copy = ByteBuffer.allocateDirect(src.capacity() + 8).order(ByteOrder.LITTLE_ENDIAN);
                copy.put(src.duplicate().clear()).clear();
                inMemory.add(copy);
                int body = (int) (c.bodyStartBits() >>> 3);
                boolean extended = (copy.getShort(body - EXTENDED_BYTES) & 0xFFFF) == LARGE_EXTENDED;
                firstEvent[p] = body - (extended ? EXTENDED_BYTES : COMPACT_BYTES);
                contentEnd[p] = (int) (c.packet().contentSizeBits() >>> 3);
            }
        }
        for (int tag = 0; tag < LARGE_EXTENDED; tag++) {
            step[tag] = skipper.fixedBody(tag) ? COMPACT_BYTES + (skipper.bodyBits(tag, null, 0, Long.MAX_VALUE, slots) >>> 3) : 0;
        }
        reuse = ByteBuffer.allocateDirect(packets.stream().mapToInt(p -> (int) (p.packetSizeBits() >>> 3)).max().orElse(0) + 8);
        reuseView = reuse.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long counted = 0;
        long variable = 0;
        variableEnds = new int[firstEvent.length][];
        for (int p = 0; p < firstEvent.length; p++) {
            List<Integer> ends = new ArrayList<>();
            counted += scan(inMemory.get(p), firstEvent[p], contentEnd[p], ends)[0];
            variableEnds[p] = ends.stream().mapToInt(Integer::intValue).toArray();
            variable += ends.size();
        }
        if (counted != events) {
            throw new IllegalStateException("the floor counted " + counted + " events, the cursor " + events);
        }
        System.out.printf("%n%d events in %d packets, %d with a variable body%n", events, packets.size(), variable);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        trace.close();
        org.pdrop.jmh.Lttng.deleteTree(dir);
    }

    @Benchmark
    public long floor() {
        long total = 0;
        for (int p = 0; p < firstEvent.length; p++) {
            long[] r = scan(inMemory.get(p), firstEvent[p], contentEnd[p], null);
            total += r[0] + r[1];
        }
        return total;
    }

    @Benchmark
    public long floorWithRead() {
        long total = 0;
        for (int p = 0; p < firstEvent.length; p++) {
            PacketInfo pi = packets.get(p);
            pi.file().read(pi.offsetBytes(), pi.packetSizeBits() >>> 3, reuse);
            long[] r = scan(reuseView, firstEvent[p], contentEnd[p], null);
            total += r[0] + r[1];
        }
        return total;
    }

    @Benchmark
    public long readOnly() {
        long total = 0;
        for (PacketInfo pi : packets) {
            total += pi.file().read(pi.offsetBytes(), pi.packetSizeBits() >>> 3, reuse).get(7);
        }
        return total;
    }

    @Benchmark
    public long floorBodiesFree() {
        long total = 0;
        for (int p = 0; p < firstEvent.length; p++) {
            long[] s = new long[3];
            ByteBuffer le = inMemory.get(p);
            int[] ends = variableEnds[p];
            int end = contentEnd[p];
            for (int pos = firstEvent[p]; pos < end; ) {
                pos = nextBodiesFree(le, pos, ends, s);
            }
            total += s[0] + s[1];
        }
        return total;
    }

    /**
     * {@code floorBodiesFree} with two packets walked in one loop, an event of each per turn: the
     * two chains of loads (position, header word, table, next position) do not depend on each
     * other, so the processor can overlap them. How much of the floor is the latency of one chain.
     */
    @Benchmark
    public long floorBodiesFreePaired() {
        long total = 0;
        for (int p = 0; p < firstEvent.length; p += 2) {
            long[] sa = new long[3];
            long[] sb = new long[3];
            ByteBuffer la = inMemory.get(p);
            int[] ea = variableEnds[p];
            int pa = firstEvent[p];
            int enda = contentEnd[p];
            boolean pair = p + 1 < firstEvent.length;
            ByteBuffer lb = pair ? inMemory.get(p + 1) : null;
            int[] eb = pair ? variableEnds[p + 1] : null;
            int pb = pair ? firstEvent[p + 1] : 0;
            int endb = pair ? contentEnd[p + 1] : 0;
            while (pa < enda && pb < endb) {
                pa = nextBodiesFree(la, pa, ea, sa);
                pb = nextBodiesFree(lb, pb, eb, sb);
            }
            while (pa < enda) {
                pa = nextBodiesFree(la, pa, ea, sa);
            }
            while (pb < endb) {
                pb = nextBodiesFree(lb, pb, eb, sb);
            }
            total += sa[0] + sa[1] + sb[0] + sb[1];
        }
        return total;
    }

    /** {@code floor} with two packets walked in one loop, an event of each per turn. */
    @Benchmark
    public long floorPaired() {
        long total = 0;
        for (int p = 0; p < firstEvent.length; p += 2) {
            long[] sa = new long[2];
            long[] sb = new long[2];
            ByteBuffer la = inMemory.get(p);
            int pa = firstEvent[p];
            int enda = contentEnd[p];
            boolean pair = p + 1 < firstEvent.length;
            ByteBuffer lb = pair ? inMemory.get(p + 1) : null;
            int pb = pair ? firstEvent[p + 1] : 0;
            int endb = pair ? contentEnd[p + 1] : 0;
            while (pa < enda && pb < endb) {
                pa = next(la, pa, enda, sa, null);
                pb = next(lb, pb, endb, sb, null);
            }
            while (pa < enda) {
                pa = next(la, pa, enda, sa, null);
            }
            while (pb < endb) {
                pb = next(lb, pb, endb, sb, null);
            }
            total += sa[0] + sa[1] + sb[0] + sb[1];
        }
        return total;
    }

    /** The clock after a compact header word: its 32-bit timestamp replaces the low bits, carrying one wrap. */
    private static long clock(long clock, long word) {
        long value = (word >>> 16) & 0xFFFFFFFFL;
        long wrap = (1L << 32) & ((value - (clock & 0xFFFFFFFFL)) >> 63);
        return ((clock & ~0xFFFFFFFFL) | value) + wrap;
    }

    /**
     * One event of the floor at byte {@code pos} of a packet whose content ends at byte
     * {@code end}: counts it in {@code state[0]} and moves the clock in {@code state[1]}; the end
     * of an event with a variable body goes to {@code variableEnds} unless it is null. Returns the
     * byte where the next event starts.
     */
    private int next(ByteBuffer le, int pos, int end, long[] state, List<Integer> variableEnds) {
        long w = le.getLong(pos);
        int tag = (int) w & 0xFFFF;
        long clock = clock(state[1], w);
        state[0]++;
        long a = step[tag];
        if (a > 0) {
            state[1] = clock;
            return pos + (int) a;
        }
        int id;
        int bodyAt;
        if (tag == LARGE_EXTENDED) {
            id = le.getInt(pos + 2);
            clock = le.getLong(pos + 6);
            bodyAt = pos + EXTENDED_BYTES;
        } else {
            id = tag;
            bodyAt = pos + COMPACT_BYTES;
        }
        state[1] = clock;
        long size = skipper.bodyBits(id, le, (long) bodyAt << 3, (long) end << 3, slots);
        if (size < 0) {
            throw new IllegalStateException("no size for event class " + id + " at byte " + bodyAt);
        }
        int next = bodyAt + (int) (size >>> 3);
        if (variableEnds != null) {
            variableEnds.add(next);
        }
        return next;
    }

    /**
     * One event of {@code floorBodiesFree}: as {@link #next}, with the end of a variable body
     * taken from {@code ends} at index {@code state[2]} instead of being worked out.
     */
    private int nextBodiesFree(ByteBuffer le, int pos, int[] ends, long[] state) {
        long w = le.getLong(pos);
        state[1] = clock(state[1], w);
        state[0]++;
        long a = step[(int) w & 0xFFFF];
        return a > 0 ? pos + (int) a : ends[(int) state[2]++];
    }

    /**
     * Events and final clock of one packet's events from byte {@code start} to {@code end}; the
     * end of each event with a variable body goes to {@code variableEnds} unless it is null.
     */
    private long[] scan(ByteBuffer le, int start, int end, List<Integer> variableEnds) {
        long[] state = new long[2];
        for (int pos = start; pos < end; ) {
            pos = next(le, pos, end, state, variableEnds);
        }
        return state;
    }
}

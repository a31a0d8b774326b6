package org.pdrop.ctf.decode;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.stream.*;

@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
public class FloorBench {
    List<ByteBuffer> packets = new ArrayList<>();
    int[] starts;
    int[] ends;
    long[] table = new long[65536];
    long[] bodyBits;
    BodyProgram[] programs;
    long[] slots = new long[64];
    long events;
    List<PacketInfo> infos;
    ByteBuffer reuse = ByteBuffer.allocateDirect(2 << 20);

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path dir = Files.createTempDirectory("pdrop-floor");
        CtfTrace trace = org.pdrop.gen.TraceGenerator.generate(org.pdrop.gen.TraceGenerator.Config.of(Path.of("bench/template"), dir, 8L << 20, 1).withPackets(1 << 20, 0), Diagnostics.IGNORE) == null ? null
            : CtfTrace.open(List.of(dir), Diagnostics.IGNORE, PacketIndexProvider.NONE);
        DataStream ds = trace.streams().get(0);
        List<EventClass> classes = ds.trace().decoder().traceClass().stream(ds.streamClassId()).events();
        StreamCursor c = new StreamCursor(ds, false);
        List<Integer> st = new ArrayList<>();
        int lastPacket = -1;
        long n = 0;
        while (c.advance()) {
            if (c.kind() != StreamCursor.Kind.EVENT) continue;
            n++;
            if (c.packetIndex() != lastPacket) {
                lastPacket = c.packetIndex();
                ByteBuffer src = c.packetBytes();
                ByteBuffer copy = ByteBuffer.allocateDirect(src.capacity() + 64).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < src.capacity(); i++) copy.put(i, src.get(i));
                packets.add(copy);
                int body = (int) (c.bodyStartBits() >>> 3);
                int s = (copy.getShort(body - 14) & 0xFFFF) == 0xFFFF ? body - 14 : body - 6;
                st.add(s);
            }
        }
        events = n;
        infos = ds.packets();
        starts = st.stream().mapToInt(Integer::intValue).toArray();
        ends = new int[packets.size()];
        for (int i = 0; i < ends.length; i++) ends[i] = (int) (ds.packets().get(i).contentSizeBits() >>> 3);
        EventSkipper sk = ((StreamDecoder) findDecoder(ds)).skipper();
        Field f = EventSkipper.class.getDeclaredField("bodyBits"); f.setAccessible(true);
        long[] bits = (long[]) f.get(sk);
        Field g = EventSkipper.class.getDeclaredField("programs"); g.setAccessible(true);
        programs = (BodyProgram[]) g.get(sk);
        bodyBits = bits;
        for (int id = 0; id < 65535; id++) {
            long b = id < bits.length ? bits[id] : -1;
            table[id] = b >= 0 && (b & (1L << 62)) == 0 ? 6 + (b >>> 3) : -id - 1;
        }
        table[65535] = -65536;
        System.out.printf("%n%d events, %d packets%n", n, packets.size());
    }

    static Object findDecoder(DataStream ds) {
        return ds.trace().decoder().stream(ds.streamClassId());
    }

    @Benchmark
    public long floor() {
        long total = 0;
        for (int p = 0; p < starts.length; p++) {
            total += scan(packets.get(p), starts[p], ends[p]);
        }
        return total;
    }

    @Benchmark
    public long floorWithRead() {
        long total = 0;
        for (int p = 0; p < starts.length; p++) {
            PacketInfo pi = infos.get(p);
            ByteBuffer b = pi.file().read(pi.offsetBytes(), pi.packetSizeBits() / 8, reuse).order(ByteOrder.LITTLE_ENDIAN);
            total += scan(b, starts[p], ends[p]);
        }
        return total;
    }

    @Benchmark
    public long floorWithRead64() throws java.io.IOException {
        long total = 0;
        for (int p = 0; p < starts.length; p++) {
            PacketInfo pi = infos.get(p);
            int len = (int) (pi.packetSizeBits() / 8);
            reuse.clear();
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(pi.file().path())) {
                for (int off = 0; off < len; off += 65536) {
                    reuse.limit(Math.min(len, off + 65536)).position(off);
                    while (reuse.hasRemaining()) ch.read(reuse, pi.offsetBytes() + reuse.position());
                }
            }
            ByteBuffer b = reuse.duplicate().clear().limit(len).slice().order(ByteOrder.LITTLE_ENDIAN);
            total += scan(b, starts[p], ends[p]);
        }
        return total;
    }

    @Benchmark
    public long readOnly() {
        long total = 0;
        for (int p = 0; p < starts.length; p++) {
            PacketInfo pi = infos.get(p);
            ByteBuffer b = pi.file().read(pi.offsetBytes(), pi.packetSizeBits() / 8, reuse);
            total += b.get(7);
        }
        return total;
    }

    long scan(ByteBuffer le, int start, int end) {
        long clock = 0;
        long count = 0;
        int pos = start;
        final long[] t = table;
        while (pos < end) {
            long w = le.getLong(pos);
            int tag = (int) w & 0xFFFF;
            long value = (w >>> 16) & 0xFFFFFFFFL;
            long wrap = (1L << 32) & ((value - (clock & 0xFFFFFFFFL)) >> 63);
            clock = ((clock & ~0xFFFFFFFFL) | value) + wrap;
            long a = t[tag];
            count++;
            if (a > 0) {
                pos += (int) a;
                continue;
            }
            int id;
            int bodyAt;
            if (tag == 0xFFFF) {
                id = le.getInt(pos + 2);
                clock = le.getLong(pos + 6);
                bodyAt = pos + 14;
            } else {
                id = tag;
                bodyAt = pos + 6;
            }
            long b = bodyBits[id];
            long size;
            if (b >= 0 && (b & (1L << 62)) == 0) {
                size = b;
            } else if (b >= 0) {
                long stringAt = ((long) bodyAt << 3) + (b & ((1L << 36) - 1));
                long nul = BodyProgram.findNul(le, stringAt >>> 3, end);
                size = ((nul + 1) << 3) + ((b >>> 36) & ((1L << 26) - 1)) - ((long) bodyAt << 3);
            } else {
                size = programs[id].run(le, (long) bodyAt << 3, (long) end << 3, slots);
            }
            pos = bodyAt + (int) (size >>> 3);
        }
        return count + clock;
    }
}

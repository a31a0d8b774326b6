package org.pdrop.gen;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.pdrop.ctf.CtfException;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * What the generator learns from a template trace: its metadata, the stream class most of its
 * events belong to, and for that class, per event class, how often it occurs and a uniform sample
 * of its raw bodies (reservoir sampling per stream, at most {@link #BODIES_PER_CLASS} or
 * {@link #KFREE_BODIES} from each), plus a sample of the
 * time between consecutive events of a stream.
 */
final class Template {
    /** The LTTng kernel event of a freed, dropped packet. */
    static final String KFREE = "skb_kfree";
    /**
     * Bodies kept per event class: enough variety (addresses, process names), few enough that the
     * bodies of all classes stay in the processor's caches while generating.
     */
    static final int BODIES_PER_CLASS = 1024;
    /** Bodies kept of {@link #KFREE}, the event the analysis is about: more variety. */
    static final int KFREE_BODIES = 8192;
    static final int DELTAS = 1 << 16;

    /** Occurrences and sampled bodies of one event class; a body is its bytes and its length in bits. */
    static final class ClassSample {
        final EventClass eventClass;
        long count;
        final List<byte[]> bodies = new ArrayList<>();
        final List<Long> bodyBits = new ArrayList<>();

        ClassSample(EventClass eventClass) {
            this.eventClass = eventClass;
        }
    }

    final Path folder;
    final TraceClass traceClass;
    final StreamClass streamClass;
    /** Event classes that occur, in order of first occurrence. */
    final List<ClassSample> classes;
    /** Sampled gaps between consecutive events of one stream, in cycles. */
    final long[] deltas;
    /** Timestamp of the earliest event, in cycles. */
    final long firstCycles;
    final long events;

    private Template(Path folder, TraceClass traceClass, StreamClass streamClass, List<ClassSample> classes,
                     long[] deltas, long firstCycles, long events) {
        this.folder = folder;
        this.traceClass = traceClass;
        this.streamClass = streamClass;
        this.classes = classes;
        this.deltas = deltas;
        this.firstCycles = firstCycles;
        this.events = events;
    }

    /** What was read of one stream. */
    private static final class Stats {
        final long streamClassId;
        final Map<Long, ClassSample> classes = new LinkedHashMap<>();
        final long[] deltas = new long[DELTAS];
        long deltaCount;
        long events;
        long first = Long.MAX_VALUE;

        Stats(long streamClassId) {
            this.streamClassId = streamClassId;
        }
    }

    /**
     * Reads every event of the trace found below {@code dir} (exactly one trace, one folder), its
     * streams on up to {@code threads} threads. Samples are per stream, each with its own random
     * generator split from {@code seed} in stream order, so the result does not depend on threads.
     */
    static Template read(Path dir, long seed, int threads, Diagnostics diag) {
        SplittableRandom root = new SplittableRandom(seed);
        try (CtfTrace trace = CtfTrace.open(List.of(dir), diag, PacketIndexProvider.NONE)) {
            CtfTrace.Trace t = single(trace, dir);
            List<Callable<Stats>> tasks = new ArrayList<>();
            // A stream file is read through one mapping window at a time: streams that share a
            // file (not LTTng's layout) are read one after the other.
            Set<Object> files = new HashSet<>();
            boolean shared = false;
            for (DataStream ds : t.streams()) {
                Set<Object> mine = new HashSet<>();
                for (PacketInfo p : ds.packets()) {
                    mine.add(p.file());
                }
                for (Object f : mine) {
                    shared |= !files.add(f);
                }
            }
            for (DataStream ds : t.streams()) {
                SplittableRandom rng = root.split();
                tasks.add(() -> sample(ds, rng));
            }
            List<Stats> perStream = Parallel.run(tasks, shared ? 1 : threads, "pdrop-template");
            // The stream class with the most events is the one to imitate.
            Map<Long, Long> eventsByClass = new LinkedHashMap<>();
            for (Stats st : perStream) {
                eventsByClass.merge(st.streamClassId, st.events, Long::sum);
            }
            long best = -1;
            long most = 0;
            for (Map.Entry<Long, Long> e : eventsByClass.entrySet()) {
                if (e.getValue() > most) {
                    best = e.getKey();
                    most = e.getValue();
                }
            }
            if (most == 0) {
                throw new CtfException("Cannot generate from this template: path=\"" + dir
                        + "\", reason=\"the template trace has no events\"");
            }
            Map<Long, ClassSample> classes = new LinkedHashMap<>();
            List<Long> deltas = new ArrayList<>();
            long first = Long.MAX_VALUE;
            for (Stats st : perStream) {
                if (st.streamClassId != best) {
                    continue;
                }
                first = Math.min(first, st.first);
                for (ClassSample cs : st.classes.values()) {
                    ClassSample all = classes.computeIfAbsent(cs.eventClass.id(), k -> new ClassSample(cs.eventClass));
                    all.count += cs.count;
                    all.bodies.addAll(cs.bodies);
                    all.bodyBits.addAll(cs.bodyBits);
                }
                for (int i = 0; i < Math.min(st.deltaCount, DELTAS); i++) {
                    deltas.add(st.deltas[i]);
                }
            }
            StreamClass sc = t.traceClass().stream(best);
            List<ClassSample> list = List.copyOf(classes.values());
            List<String> problems = ReplayCheck.problems(sc, list.stream().map(c -> c.eventClass).toList());
            if (!problems.isEmpty()) {
                throw new UnsupportedCtfException("Cannot generate from this template: path=\"" + dir
                        + "\", reason=\"event bodies cannot be replayed elsewhere: " + String.join("; ", problems)
                        .replace('"', '\'') + "\"");
            }
            long[] d = deltas.isEmpty() ? new long[] {1000} : deltas.stream().mapToLong(Long::longValue).toArray();
            return new Template(t.folders().get(0), t.traceClass(), sc, list, d, first, most);
        }
    }

    static CtfTrace.Trace single(CtfTrace trace, Path dir) {
        if (trace.traces().size() != 1 || trace.traces().get(0).folders().size() != 1) {
            throw new CtfException("Cannot use template: path=\"" + dir + "\", reason=\"expecting one trace folder, found "
                    + trace.traces().stream().mapToInt(x -> x.folders().size()).sum() + "\"");
        }
        return trace.traces().get(0);
    }

    private static Stats sample(DataStream ds, SplittableRandom rng) {
        Stats st = new Stats(ds.streamClassId());
        StreamCursor c = new StreamCursor(ds, false);
        PacketInfo packet = null;
        ByteBuffer buf = null;
        long prev = 0;
        boolean havePrev = false;
        while (c.advance()) {
            if (c.kind() != StreamCursor.Kind.EVENT) {
                continue;
            }
            long ts = c.timestampCycles();
            st.events++;
            st.first = Math.min(st.first, ts);
            if (havePrev) {
                long d = ts - prev;
                long i = st.deltaCount++;
                if (i < DELTAS) {
                    st.deltas[(int) i] = d;
                } else {
                    long j = rng.nextLong(i + 1);
                    if (j < DELTAS) {
                        st.deltas[(int) j] = d;
                    }
                }
            }
            prev = ts;
            havePrev = true;
            EventClass ec = c.eventClass();
            ClassSample cs = st.classes.computeIfAbsent(ec.id(), k -> new ClassSample(ec));
            long i = cs.count++;
            int cap = ec.name().equals(KFREE) ? KFREE_BODIES : BODIES_PER_CLASS;
            int slot;
            if (i < cap) {
                slot = -1;
            } else {
                long j = rng.nextLong(i + 1);
                if (j >= cap) {
                    continue;
                }
                slot = (int) j;
            }
            long start = c.bodyStartBits();
            long end = c.bodyEndBits();
            if (start % 8 != 0) {
                throw new UnsupportedCtfException("Cannot generate from this template: stream=\"" + ds.name()
                        + "\", reason=\"an event body starts inside a byte\"");
            }
            if (c.packet() != packet) {
                packet = c.packet();
                buf = packet.file().slice(packet.offsetBytes(), packet.packetSizeBits() / 8);
            }
            byte[] body = new byte[(int) ((end + 7) / 8 - start / 8)];
            buf.get((int) (start / 8), body);
            if (slot < 0) {
                cs.bodies.add(body);
                cs.bodyBits.add(end - start);
            } else {
                cs.bodies.set(slot, body);
                cs.bodyBits.set(slot, end - start);
            }
        }
        return st;
    }
}

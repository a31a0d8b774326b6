package org.pdrop.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.pdrop.ctf.CtfException;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.ir.ClockClass;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * Writes LTTng-kernel-shaped CTF traces from a template trace: {@link #generate} makes a synthetic
 * trace of any size with the template's event mix, {@link #cut} copies a short piece of the
 * template (the events of a time window, unchanged) into fresh packets.
 *
 * <p>Output layout, as an LTTng session folder: {@code OUT/kernel/metadata} (the template's file,
 * byte for byte, so the generated trace has the template's UUID: do not read both together, they
 * would merge), {@code OUT/kernel/CHANNEL_CPU} and {@code OUT/kernel/index/CHANNEL_CPU.idx}.
 * Deterministic: the same template, options and seed give the same bytes, whatever the thread count.
 */
public final class TraceGenerator {
    /** Name of the trace folder inside the output folder. */
    public static final String TRACE_FOLDER = "kernel";

    private TraceGenerator() {
    }

    /**
     * What to generate.
     *
     * @param sizeBytes    total size of the stream files, split evenly between CPUs, rounded down to
     *                     whole packets (at least one per CPU)
     * @param kfreeShare   share of {@code skb_kfree} events, 0 to 1; negative keeps the template's
     * @param discardEvery packets between simulated tracer losses, 0 for none
     * @param idleEvery    events between idle gaps (2^27 to 2^33 cycles, see {@link MixSource}), 0 for none
     * @param threads      streams written at once
     */
    public record Config(Path template, Path out, long sizeBytes, int cpus, long seed, double kfreeShare,
                         int discardEvery, int packetBytes, long idleEvery, String channel, int threads) {
        public Config {
            if (cpus < 1 || cpus > 4096) {
                throw new IllegalArgumentException("CPU count out of range [1, 4096]: " + cpus);
            }
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("negative size: " + sizeBytes);
            }
            if (kfreeShare > 1 || Double.isNaN(kfreeShare)) {
                throw new IllegalArgumentException("skb_kfree share above 1: " + kfreeShare);
            }
            if (discardEvery < 0 || idleEvery < 0) {
                throw new IllegalArgumentException("negative period: discard-every=" + discardEvery + ", idle-every="
                        + idleEvery);
            }
            checkPacketAndChannel(packetBytes, channel);
            if (threads < 1) {
                throw new IllegalArgumentException("thread count below 1: " + threads);
            }
        }

        /** The defaults of {@code pdrop generate} for the required parts. */
        public static Config of(Path template, Path out, long sizeBytes, int cpus) {
            return new Config(template, out, sizeBytes, cpus, 1, 0.02, 0, 1 << 20, 1_000_000, "channel0",
                    Math.min(cpus, Runtime.getRuntime().availableProcessors()));
        }

        public Config withSeed(long s) {
            return new Config(template, out, sizeBytes, cpus, s, kfreeShare, discardEvery, packetBytes, idleEvery,
                    channel, threads);
        }

        public Config withPackets(int bytes, int every) {
            return new Config(template, out, sizeBytes, cpus, seed, kfreeShare, every, bytes, idleEvery, channel,
                    threads);
        }

        public Config withMix(double share, long idle) {
            return new Config(template, out, sizeBytes, cpus, seed, share, discardEvery, packetBytes, idle, channel,
                    threads);
        }

        public Config withThreads(int n) {
            return new Config(template, out, sizeBytes, cpus, seed, kfreeShare, discardEvery, packetBytes, idleEvery,
                    channel, n);
        }
    }

    /**
     * What to cut: per stream of the template, at most {@code events} events from the first one at or
     * after {@code fromNs} past the template's first event.
     */
    public record CutConfig(Path template, Path out, long events, long fromNs, int packetBytes, String channel) {
        public CutConfig {
            if (events < 1) {
                throw new IllegalArgumentException("event count below 1: " + events);
            }
            if (fromNs < 0) {
                throw new IllegalArgumentException("negative start: " + fromNs);
            }
            checkPacketAndChannel(packetBytes, channel);
        }
    }

    private static void checkPacketAndChannel(int packetBytes, String channel) {
        if (packetBytes < 4096 || packetBytes % 8 != 0) {
            throw new IllegalArgumentException("packet size must be a multiple of 8 bytes, at least 4096: "
                    + packetBytes);
        }
        if (channel.isEmpty() || channel.contains("/") || channel.startsWith(".")) {
            throw new IllegalArgumentException("invalid channel name: \"" + channel + "\"");
        }
    }

    /** One stream file written. Times in cycles of the trace's clock. */
    public record StreamResult(Path file, long cpu, long packets, long events, long kfreeEvents, long discarded,
                               long largeHeaders, long bytes, long firstCycles, long lastCycles) {}

    /** What was written. */
    public record Result(Path traceFolder, List<StreamResult> streams, long templateEvents, Duration elapsed) {
        public Result {
            streams = List.copyOf(streams);
        }

        public long events() {
            return streams.stream().mapToLong(StreamResult::events).sum();
        }

        public long kfreeEvents() {
            return streams.stream().mapToLong(StreamResult::kfreeEvents).sum();
        }

        public long discarded() {
            return streams.stream().mapToLong(StreamResult::discarded).sum();
        }

        /** Events written with a header plan larger than the smallest (LTTng's extended headers). */
        public long largeHeaders() {
            return streams.stream().mapToLong(StreamResult::largeHeaders).sum();
        }

        public long packets() {
            return streams.stream().mapToLong(StreamResult::packets).sum();
        }

        public long bytes() {
            return streams.stream().mapToLong(StreamResult::bytes).sum();
        }
    }

    /** Generates a synthetic trace (see the class comment); fails if {@code OUT/kernel} holds anything. */
    public static Result generate(Config c, Diagnostics diag) {
        long t0 = System.nanoTime();
        Template t = Template.read(c.template(), c.seed(), c.threads(), diag);
        PacketLayout layout = PacketLayout.compile(t.traceClass, t.streamClass);
        EventHeaderEncoder header = EventHeaderEncoder.compile(t.streamClass);
        Mix mix = new Mix(t, c.kfreeShare());
        long worst = Layouts.align(layout.endBits(), header.alignBits()) + header.maxSizeBits() + mix.maxBodyBits;
        if (worst > (long) c.packetBytes() * 8) {
            throw new CtfException("Cannot generate: packet-size=" + c.packetBytes() + ", reason=\"the largest event ("
                    + worst / 8 + " bytes with the packet header and context) does not fit a packet\"");
        }
        Path kernel = prepare(c.out(), t.folder);
        long perCpu = c.sizeBytes() / c.cpus() / c.packetBytes();
        long maxPackets = Math.max(1, perCpu);
        SplittableRandom root = new SplittableRandom(c.seed());
        List<Callable<StreamResult>> tasks = new ArrayList<>();
        for (int cpu = 0; cpu < c.cpus(); cpu++) {
            SplittableRandom rng = root.split();
            long cpuId = cpu;
            long start = t.firstCycles + rng.nextLong(mix.meanDelta * 16);
            String name = c.channel() + "_" + cpu;
            tasks.add(() -> {
                StreamWriter w = new StreamWriter(layout, header, c.packetBytes(), t.streamClass.id(), cpuId,
                        c.discardEvery(), rng.split(), mix.meanDelta);
                return result(w.write(new MixSource(mix, rng, start, c.idleEvery()), maxPackets,
                        kernel.resolve(name), kernel.resolve("index").resolve(name + ".idx")));
            });
        }
        List<StreamResult> results = Parallel.run(tasks, c.threads(), "pdrop-generate");
        return new Result(kernel, results, t.events, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Cuts a short trace out of the template (see {@link CutConfig}); fails if {@code OUT/kernel} holds anything. */
    public static Result cut(CutConfig c, Diagnostics diag) {
        long t0 = System.nanoTime();
        try (CtfTrace trace = CtfTrace.open(List.of(c.template()), diag, PacketIndexProvider.NONE)) {
            CtfTrace.Trace t = Template.single(trace, c.template());
            TraceClass tc = t.traceClass();
            long first = Long.MAX_VALUE;
            for (DataStream ds : t.streams()) {
                StreamCursor cur = new StreamCursor(ds, false);
                while (cur.advance()) {
                    if (cur.kind() == StreamCursor.Kind.EVENT) {
                        first = Math.min(first, cur.timestampCycles());
                        break;
                    }
                }
            }
            if (first == Long.MAX_VALUE) {
                throw new CtfException("Cannot cut trace: path=\"" + c.template() + "\", reason=\"it has no events\"");
            }
            Map<Long, PacketLayout> layouts = new HashMap<>();
            Map<Long, EventHeaderEncoder> headers = new HashMap<>();
            for (StreamClass sc : tc.streams()) {
                List<String> problems = ReplayCheck.problems(sc, sc.events());
                if (!problems.isEmpty()) {
                    throw new UnsupportedCtfException("Cannot cut trace: path=\"" + c.template()
                            + "\", reason=\"event bodies cannot be replayed elsewhere: "
                            + String.join("; ", problems).replace('"', '\'') + "\"");
                }
                layouts.put(sc.id(), PacketLayout.compile(tc, sc));
                headers.put(sc.id(), EventHeaderEncoder.compile(sc));
            }
            Path kernel = prepare(c.out(), t.folders().get(0));
            List<StreamResult> results = new ArrayList<>();
            for (DataStream ds : t.streams()) {
                StreamClass sc = tc.stream(ds.streamClassId());
                long from = first + nsToCycles(c.fromNs(), sc.clock());
                long cpu = ds.streamInstanceId() >= 0 ? ds.streamInstanceId() : ds.ordinal();
                String name = c.channel() + "_" + cpu;
                StreamWriter w = new StreamWriter(layouts.get(sc.id()), headers.get(sc.id()), c.packetBytes(), sc.id(),
                        cpu, 0, null, 1);
                StreamWriter.Result r = w.write(new ReplaySource(ds, from, c.events()), Long.MAX_VALUE,
                        kernel.resolve(name), kernel.resolve("index").resolve(name + ".idx"));
                if (r.events() > 0) {
                    results.add(result(r));
                }
            }
            return new Result(kernel, results, 0, Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write trace: path=\"" + c.out() + "\"", e);
        }
    }

    private static long nsToCycles(long ns, ClockClass clock) {
        long freq = clock == null ? 1_000_000_000L : clock.frequency();
        return freq == 1_000_000_000L ? ns : Math.round(ns * (freq / 1e9));
    }

    private static StreamResult result(StreamWriter.Result r) {
        return new StreamResult(r.file(), r.cpu(), r.packets(), r.events(), r.kfreeEvents(), r.discarded(),
                r.largeHeaders(), r.bytes(), r.firstCycles(), r.lastCycles());
    }

    /** Creates {@code OUT/kernel/index} and copies the template's metadata; returns {@code OUT/kernel}. */
    private static Path prepare(Path out, Path templateFolder) {
        Path kernel = out.resolve(TRACE_FOLDER);
        try {
            if (Files.isDirectory(kernel)) {
                try (Stream<Path> s = Files.list(kernel)) {
                    if (s.findAny().isPresent()) {
                        throw new CtfException("Cannot generate trace: path=\"" + kernel
                                + "\", reason=\"the folder exists and is not empty\"");
                    }
                }
            }
            Files.createDirectories(kernel.resolve("index"));
            // Through a stream, so the copy gets default permissions, not the template's (often read-only).
            try (var in = Files.newInputStream(templateFolder.resolve("metadata"))) {
                Files.copy(in, kernel.resolve("metadata"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create trace folder: path=\"" + kernel + "\"", e);
        }
        return kernel;
    }
}

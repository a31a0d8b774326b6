package org.pdrop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.Notice;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.StreamCursor;
import org.pdrop.lttng.LttngIndexProvider;

/**
 * Generated traces read back, with pdrop's reader and with Babeltrace 2 where installed, exactly as
 * the generator says it wrote them.
 */
class TraceGeneratorTest {
    private static final Path TEMPLATE = Path.of("bench/template");
    private static final Path NETEM = Path.of("samples/lab-20261126");

    @TempDir
    Path tmp;

    private static TraceGenerator.Config small(Path template, Path out) {
        return TraceGenerator.Config.of(template, out, 4L << 20, 3).withPackets(64 << 10, 4).withMix(0.02, 3000)
                .withSeed(42);
    }

    /** What pdrop reads from a trace folder, stream by stream. */
    record Read(long events, long kfree, long discarded, long discardNotices, Map<Long, Long> perId, List<Long> cpus) {}

    private static Read read(Path trace, List<String> warnings) {
        long events = 0;
        long kfree = 0;
        long discarded = 0;
        long notices = 0;
        Map<Long, Long> perId = new HashMap<>();
        List<Long> cpus = new ArrayList<>();
        try (CtfTrace t = CtfTrace.open(List.of(trace), warnings::add, new LttngIndexProvider(warnings::add))) {
            for (DataStream ds : t.streams()) {
                StreamCursor c = new StreamCursor(ds, false);
                long prev = Long.MIN_VALUE;
                while (c.advance()) {
                    if (c.kind() == StreamCursor.Kind.NOTICE) {
                        assertThat(c.notice().kind()).isEqualTo(Notice.Kind.DISCARDED_EVENTS);
                        discarded += c.notice().count();
                        notices++;
                        continue;
                    }
                    assertThat(c.timestampCycles()).as("strictly increasing in %s", ds.name()).isGreaterThan(prev);
                    prev = c.timestampCycles();
                    assertThat(c.cpuId()).isEqualTo(ds.streamInstanceId());
                    events++;
                    perId.merge(c.eventClass().id(), 1L, Long::sum);
                    if (c.eventClass().name().equals("skb_kfree")) {
                        kfree++;
                    }
                }
                cpus.add(ds.streamInstanceId());
            }
            // Merged, the streams interleave in time order.
            EventMerger m = t.merger(false);
            long merged = 0;
            long prevNs = Long.MIN_VALUE;
            while (m.next()) {
                if (m.current().kind() == StreamCursor.Kind.EVENT) {
                    assertThat(m.current().timestampNs()).isGreaterThanOrEqualTo(prevNs);
                    prevNs = m.current().timestampNs();
                    merged++;
                }
            }
            assertThat(merged).isEqualTo(events);
        }
        return new Read(events, kfree, discarded, notices, perId, cpus);
    }

    @Test
    void aGeneratedTraceReadsBackAsGenerated() {
        TraceGenerator.Result r = TraceGenerator.generate(small(TEMPLATE, tmp), Diagnostics.IGNORE);
        assertThat(r.streams()).hasSize(3);
        assertThat(r.packets()).isEqualTo(3 * 21);
        assertThat(r.bytes()).isEqualTo(3 * 21 * 65536L);
        List<String> warnings = new ArrayList<>();
        Read read = read(tmp, warnings);
        assertThat(warnings).as("the index files are used").isEmpty();
        assertThat(read.events()).isEqualTo(r.events()).isGreaterThan(50_000);
        assertThat(read.kfree()).isEqualTo(r.kfreeEvents());
        assertThat((double) read.kfree() / read.events()).isBetween(0.015, 0.025);
        assertThat(read.discarded()).isEqualTo(r.discarded()).isPositive();
        assertThat(read.discardNotices()).isEqualTo(3 * 5); // packets 3, 7, 11, 15, 19 of each stream
        assertThat(read.cpus()).containsExactly(0L, 1L, 2L);
        assertThat(r.largeHeaders()).as("idle gaps need extended headers").isPositive();
        // Event classes come in the template's proportions: the commonest is still the commonest.
        long top = read.perId().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(top).isEqualTo(templateTopId());
    }

    private static long templateTopId() {
        Template t = Template.read(TEMPLATE, 1, 1, Diagnostics.IGNORE);
        return t.classes.stream().max((a, b) -> Long.compare(a.count, b.count)).orElseThrow().eventClass.id();
    }

    @Test
    void theIndexFilesSayWhatAScanFinds() {
        TraceGenerator.generate(small(TEMPLATE, tmp), Diagnostics.IGNORE);
        List<String> warnings = new ArrayList<>();
        try (CtfTrace indexed = CtfTrace.open(List.of(tmp), warnings::add, new LttngIndexProvider(warnings::add));
             CtfTrace scanned = CtfTrace.open(List.of(tmp), warnings::add, PacketIndexProvider.NONE)) {
            List<String> a = describe(indexed);
            assertThat(a).hasSize(3 * 21);
            assertThat(a).isEqualTo(describe(scanned));
        }
        assertThat(warnings).isEmpty();
    }

    private static List<String> describe(CtfTrace t) {
        List<String> out = new ArrayList<>();
        for (DataStream ds : t.streams()) {
            for (PacketInfo p : ds.packets()) {
                out.add(p.file().displayName() + " " + p.offsetBytes() + " " + p.packetSizeBits() + " "
                        + p.contentSizeBits() + " " + p.streamClassId() + " " + p.streamInstanceId() + " "
                        + p.beginCycles() + " " + p.endCycles() + " " + p.hasTimes() + " " + p.discarded() + " "
                        + p.seqNum());
            }
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheThreads() throws IOException {
        TraceGenerator.generate(small(TEMPLATE, tmp.resolve("a")).withThreads(1), Diagnostics.IGNORE);
        TraceGenerator.generate(small(TEMPLATE, tmp.resolve("b")).withThreads(3), Diagnostics.IGNORE);
        TraceGenerator.generate(small(TEMPLATE, tmp.resolve("c")).withSeed(43), Diagnostics.IGNORE);
        for (String f : List.of("metadata", "channel0_0", "channel0_2", "index/channel0_1.idx")) {
            assertThat(Files.mismatch(tmp.resolve("a/kernel").resolve(f), tmp.resolve("b/kernel").resolve(f)))
                    .as(f).isEqualTo(-1);
        }
        assertThat(Files.mismatch(tmp.resolve("a/kernel/channel0_0"), tmp.resolve("c/kernel/channel0_0")))
                .isNotEqualTo(-1);
        assertThat(Files.mismatch(tmp.resolve("a/kernel/metadata"), TEMPLATE.resolve("kernel/metadata"))).isEqualTo(-1);
    }

    @Test
    void aCompactHeaderTemplateWorksToo() {
        TraceGenerator.Result r = TraceGenerator.generate(small(NETEM, tmp), Diagnostics.IGNORE);
        Read read = read(tmp, new ArrayList<>());
        assertThat(read.events()).isEqualTo(r.events());
        assertThat(read.kfree()).isEqualTo(r.kfreeEvents());
        assertThat(read.discarded()).isEqualTo(r.discarded());
        assertThat(r.largeHeaders()).isPositive();
    }

    @Test
    void idsAbove30TakeTheExtendedCompactHeader() throws IOException {
        Path template = TestTemplates.compactWithManyIds(tmp.resolve("template"), 40, 4000);
        TraceGenerator.Result r = TraceGenerator.generate(small(template, tmp.resolve("out")).withMix(-1, 0),
                Diagnostics.IGNORE);
        Read read = read(tmp.resolve("out"), new ArrayList<>());
        assertThat(read.events()).isEqualTo(r.events());
        long high = read.perId().entrySet().stream().filter(e -> e.getKey() >= 31).mapToLong(Map.Entry::getValue).sum();
        assertThat(high).isPositive();
        // With no idle gaps, the template's gaps are short: only ids of 31 and more need the extended header.
        assertThat(r.largeHeaders()).isEqualTo(high);
    }

    @Test
    void aCutCopiesTheTemplatesEventsUnchanged() {
        TraceGenerator.Result r = TraceGenerator.cut(new TraceGenerator.CutConfig(TEMPLATE, tmp, 500, 0, 8192,
                "channel0"), Diagnostics.IGNORE);
        assertThat(r.events()).isEqualTo(1000);
        assertThat(r.packets()).isGreaterThan(2); // 8 KiB packets: many packet boundaries
        List<String> original = firstEvents(TEMPLATE, 500);
        assertThat(firstEvents(tmp, 500)).isEqualTo(original).hasSize(1000);
    }

    /** id, timestamp and body bytes of the first {@code n} events of each stream. */
    private static List<String> firstEvents(Path trace, int n) {
        List<String> out = new ArrayList<>();
        try (CtfTrace t = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            for (DataStream ds : t.streams()) {
                StreamCursor c = new StreamCursor(ds, false);
                int k = 0;
                while (k < n && c.advance()) {
                    if (c.kind() != StreamCursor.Kind.EVENT) {
                        continue;
                    }
                    long start = c.bodyStartBits();
                    long end = c.bodyEndBits();
                    PacketInfo p = c.packet();
                    ByteBuffer b = p.file().slice(p.offsetBytes(), p.packetSizeBits() / 8);
                    byte[] body = new byte[(int) ((end - start + 7) / 8)];
                    b.get((int) (start / 8), body);
                    out.add(ds.streamInstanceId() + " " + c.eventClass().id() + " " + c.timestampCycles() + " "
                            + java.util.HexFormat.of().formatHex(body));
                    k++;
                }
            }
        }
        return out;
    }

    // --- Babeltrace 2 ----------------------------------------------------------------------------

    private static boolean babeltrace2() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "babeltrace2")));
    }

    private record Run(int status, String out, String err) {}

    private Run bt2(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "bt2", ".out");
        Path err = Files.createTempFile(tmp, "bt2", ".err");
        List<String> cmd = new ArrayList<>(List.of("babeltrace2"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("babeltrace2 finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void babeltrace2ReadsEveryGeneratedEvent() throws Exception {
        assumeThat(babeltrace2()).as("babeltrace2 on PATH").isTrue();
        Path out = tmp.resolve("trace");
        TraceGenerator.Result r = TraceGenerator.generate(small(TEMPLATE, out), Diagnostics.IGNORE);

        Run counter = bt2(out.toString(), "-c", "sink.utils.counter", "-p", "step=+0");
        assertThat(counter.status()).as(counter.err()).isZero();
        assertThat(count(counter.out(), "Event messages")).isEqualTo(r.events());
        assertThat(count(counter.out(), "Discarded event messages")).isEqualTo(3 * 5);

        Run text = bt2(out.toString());
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out().lines().count()).isEqualTo(r.events());
        assertThat(text.out().lines().filter(l -> l.contains(" skb_kfree: ")).count()).isEqualTo(r.kfreeEvents());
        // "WARNING: Tracer discarded N events between [...] and [...] in trace ..." per lossy packet.
        Matcher m = Pattern.compile("Tracer discarded (\\d+) events").matcher(text.err());
        long discarded = 0;
        while (m.find()) {
            discarded += Long.parseLong(m.group(1));
        }
        assertThat(discarded).isEqualTo(r.discarded());
    }

    @Test
    void babeltrace2ReadsCompactAndExtendedHeaders() throws Exception {
        assumeThat(babeltrace2()).as("babeltrace2 on PATH").isTrue();
        Path template = TestTemplates.compactWithManyIds(tmp.resolve("template"), 40, 2000);
        Path out = tmp.resolve("trace");
        TraceGenerator.Result r = TraceGenerator.generate(small(template, out).withMix(-1, 500), Diagnostics.IGNORE);
        Run counter = bt2(out.toString(), "-c", "sink.utils.counter", "-p", "step=+0");
        assertThat(counter.status()).as(counter.err()).isZero();
        assertThat(count(counter.out(), "Event messages")).isEqualTo(r.events());
        Run text = bt2(template.toString());
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out().lines().count()).isEqualTo(2 * 2000);
    }

    private static long count(String counterOutput, String what) {
        Matcher m = Pattern.compile("(?m)^\\s*(\\d+) " + Pattern.quote(what) + "$").matcher(counterOutput);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }
}

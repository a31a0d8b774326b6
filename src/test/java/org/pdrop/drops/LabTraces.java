package org.pdrop.drops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The real traces in {@code ../shared} (skipped when absent) and Babeltrace 2's text output of
 * them, parsed for comparison.
 */
public final class LabTraces {
    /** The lab traces with skb events (system-info holds files, not a trace). */
    public static final List<String> NAMES = List.of("netem-loss", "all-net", "discarded", "snapshot",
            "tracefile-rotation");

    private LabTraces() {
    }

    public static Path shared() {
        return Path.of("").toAbsolutePath().getParent().resolve("shared");
    }

    public static Path lab() {
        return shared().resolve("traces/lab-6.1");
    }

    public static Path trace(String name) {
        return lab().resolve(name);
    }

    public static Path kallsyms() {
        return lab().resolve("kallsyms");
    }

    /** Skips the test unless the shared traces are there. */
    public static void assumeAvailable() {
        assumeTrue(Files.isDirectory(lab()), "no shared traces at " + lab());
    }

    /** A request with the lab's kallsyms, UTC, no progress. */
    public static AnalysisRequest.Builder request(Path... traces) {
        return AnalysisRequest.builder(List.of(traces)).kallsyms(kallsyms()).zone(ZoneOffset.UTC).progress(false);
    }

    /** Output of one run. */
    public record Run(DropReport report, List<DropEvent> events, List<Loss> losses, String err) {}

    /** Runs the analysis and keeps every event and loss it reports. */
    public static Run run(AnalysisRequest request) throws IOException {
        List<DropEvent> events = new ArrayList<>();
        List<Loss> losses = new ArrayList<>();
        StringWriter err = new StringWriter();
        DropReport r = DropAnalysis.run(request, new DropSink() {
            @Override
            public void begin(RunInfo info) {
            }

            @Override
            public void event(DropEvent event) {
                events.add(event);
            }

            @Override
            public void loss(Loss loss) {
                losses.add(loss);
            }

            @Override
            public void end(DropReport report) {
            }
        }, new PrintWriter(err, true), new HostInfo("test-host", "0.0", Path.of("/nonexistent/kallsyms")));
        return new Run(r, events, losses, err.toString());
    }

    public static Run run(String name, Consumer<AnalysisRequest.Builder> tweak) throws IOException {
        AnalysisRequest.Builder b = request(trace(name));
        tweak.accept(b);
        return run(b.build());
    }

    // --- Babeltrace 2 reference -----------------------------------------------------------------

    /** One skb event as Babeltrace 2.0.4 printed it (time of day in UTC). */
    public record Bt2Event(String name, String timeOfDay, int cpu, long location, boolean hasLocation, int protocol,
                           Long reason, String reasonLabel, String procname) {}

    private static final Pattern LINE = Pattern.compile("^\\[(\\d\\d:\\d\\d:\\d\\d\\.\\d{9})\\] \\([^)]*\\) \\S+ "
            + "(skb_kfree|skb_consume): (.*)$");
    private static final Pattern CPU = Pattern.compile("cpu_id = (\\d+)");
    private static final Pattern LOCATION = Pattern.compile("\\blocation = (0x[0-9A-Fa-f]+|\\d+)");
    private static final Pattern PROTOCOL = Pattern.compile("\\bprotocol = (\\d+)");
    private static final Pattern REASON = Pattern.compile("\\breason = \\( (?:\"([^\"]*)\"|<unknown>) : container = (\\d+) \\)");
    private static final Pattern PROCNAME = Pattern.compile("\\bprocname = \"([^\"]*)\"");

    public static Path bt2Output(String referenceName) {
        return shared().resolve("reference/bt2-2.0.4/" + referenceName + ".txt.gz");
    }

    /** The skb_kfree and skb_consume events of a Babeltrace 2 output file. */
    public static List<Bt2Event> bt2Events(Path gz) throws IOException {
        List<Bt2Event> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String body = m.group(3);
                Matcher cpu = CPU.matcher(body);
                Matcher loc = LOCATION.matcher(body);
                Matcher proto = PROTOCOL.matcher(body);
                Matcher reason = REASON.matcher(body);
                Matcher proc = PROCNAME.matcher(body);
                boolean hasLoc = loc.find();
                out.add(new Bt2Event(m.group(2), m.group(1), cpu.find() ? Integer.parseInt(cpu.group(1)) : -1,
                        hasLoc ? parseAddress(loc.group(1)) : 0, hasLoc,
                        proto.find() ? Integer.parseInt(proto.group(1)) : -1,
                        reason.find() ? Long.valueOf(reason.group(2)) : null,
                        reason.find(0) ? reason.group(1) : null,
                        proc.find() ? proc.group(1) : null));
            }
        }
        return out;
    }

    private static long parseAddress(String s) {
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseUnsignedLong(s);
    }
}

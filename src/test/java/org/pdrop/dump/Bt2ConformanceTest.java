package org.pdrop.dump;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pdrop.ctf.stream.PacketIndexProvider;

/**
 * {@code pdrop dump} against Babeltrace 2.0.4: for every trace of {@code shared/reference/bt2-2.0.4/index.tsv}
 * that Babeltrace read without error, under {@code traces/}, Babeltrace's own test traces
 * ({@code ctf-traces/1}), the CTF test suite's {@code pass} cases and Trace Compass's test traces,
 * stdout must be byte-identical to the reference (times in UTC, as the references were made).
 * References cut at 2,000,000 lines are compared on those lines; where Babeltrace stopped with an
 * error after printing some events, pdrop's output must begin with those lines.
 *
 * <p>Where the reference has loss warnings, the {@code WARNING:} lines on stderr must match too
 * (stream paths made relative to {@code shared/}, as the reference's).
 *
 * <p>Traces where pdrop knowingly differs are listed in {@link #KNOWN} with the reason; they are
 * reported as skipped while they differ. Skipped as a whole when {@code ../shared} is absent.
 */
class Bt2ConformanceTest {
    static final Path SHARED = Path.of("").toAbsolutePath().getParent().resolve("shared");
    static final Path REFERENCE = SHARED.resolve("reference/bt2-2.0.4");

    /** Trace → why pdrop's stdout differs from Babeltrace 2.0.4's. */
    static final Map<String, String> KNOWN = new LinkedHashMap<>();

    /**
     * Traces whose reference still has Babeltrace 2.0.4's stale empty strings (it prints an empty
     * string as the last non-empty one it decoded) because the correction with Babeltrace 1.5
     * could not line them up, or lined up the wrong events. pdrop prints {@code ""}; the lines
     * must be equal but for string literals where one side is {@code ""}.
     */
    static final Map<String, String> STALE_STRINGS = Map.of(
            "traces/ust/pid", "Babeltrace 1.5 orders two pairs of events of equal time the other way round: "
                    + "the correction emptied the wrong string of each pair",
            "corpora/tracecompass/ctf/bug446190", "Babeltrace 1.5 prints one more line");

    /**
     * Trace → why its stderr warnings differ (stdout is still compared), and how many warning
     * lines may be missing or extra because of it.
     */
    record KnownStderr(String why, int lines) {}

    static final Map<String, KnownStderr> KNOWN_STDERR = Map.of(
            "traces/lab-6.1/discarded", new KnownStderr("events_discarded goes backwards in 2 packets of tiny_0: "
                    + "Babeltrace prints the wrapped 64-bit difference (18446744073709510627 events), pdrop nothing, "
                    + "and measures the next losses of that stream from the largest count seen", 6));

    private static boolean selected(String trace) {
        return trace.startsWith("traces/")
                || trace.startsWith("corpora/babeltrace/ctf-traces/1/")
                || trace.matches("corpora/ctf-testsuite/regression/[^/]+/pass/.*")
                || trace.startsWith("corpora/tracecompass/ctf/");
    }

    record Row(String trace, int exitCode, long lines) {}

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(REFERENCE.resolve("index.tsv"))) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            int rc = Integer.parseInt(f[1]);
            long lines = Long.parseLong(f[2]);
            // Also the traces Babeltrace stopped on with an error after printing some events.
            if ((rc == 0 || (rc == 1 && lines > 0)) && selected(f[0])) {
                rows.add(new Row(f[0], rc, lines));
            }
        }
        return rows;
    }

    static Path referenceFile(String trace, String ext) {
        return REFERENCE.resolve(trace.replace("/", "__") + ext);
    }

    @TestFactory
    Stream<DynamicTest> stdoutMatchesBabeltrace() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(REFERENCE.resolve("index.tsv")), "no ../shared/reference");
        return rows().stream().map(r -> DynamicTest.dynamicTest(r.trace(), () -> check(r)));
    }

    static final class Run {
        byte[] out;
        String err;
        int rc;
    }

    static Run run(String trace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Run r = new Run();
        try (PrintWriter ps = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true)) {
            r.rc = new DumpService(ZoneOffset.UTC, PacketIndexProvider.NONE)
                    .dump(List.of(SHARED.resolve(trace)), out, ps);
        }
        r.out = out.toByteArray();
        r.err = err.toString(StandardCharsets.UTF_8);
        return r;
    }

    private static void check(Row row) throws IOException {
        Run r = run(row.trace());
        Assumptions.assumeFalse(r.err.contains("metadata parser not merged yet"), "no TSDL parser yet");
        byte[] want;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(referenceFile(row.trace(), ".txt.gz")))) {
            want = in.readAllBytes();
        }
        byte[] got = r.out;
        if (row.lines() >= 2_000_000 || row.exitCode() != 0) {
            // Babeltrace stopped there (cut, or an error such as its muxer's "timestamp is less
            // than the last returned" on a stream that goes back in time): pdrop must print the
            // same events up to that point, and may print more.
            got = firstLines(got, row.lines());
        }
        String problem = null;
        if (!Arrays.equals(got, want)) {
            problem = firstDifference(got, want);
            if (STALE_STRINGS.containsKey(row.trace()) && staleStringLines(got, want) > 0) {
                problem = null;
            }
        }
        if (problem != null) {
            // reported below
        } else if (r.rc != 0 && row.exitCode() == 0) {
            problem = "exit code " + r.rc + ": " + r.err;
        } else {
            problem = compareWarnings(row.trace(), r.err, row.exitCode() != 0);
        }
        if (problem != null) {
            String known = KNOWN.get(row.trace());
            if (known != null) {
                Assumptions.abort("known difference: " + known + " (" + problem + ")");
            }
            fail(row.trace() + ": " + problem + (r.err.isEmpty() ? "" : "\nstderr: " + abbreviate(r.err, 2000)));
        }
    }

    /** @param stoppedEarly Babeltrace stopped on an error: pdrop may warn about more */
    private static String compareWarnings(String trace, String err, boolean stoppedEarly) throws IOException {
        Path ref = referenceFile(trace, ".err");
        TreeSet<String> want = new TreeSet<>();
        if (Files.isRegularFile(ref)) {
            for (String l : Files.readAllLines(ref, StandardCharsets.ISO_8859_1)) {
                int at = l.indexOf("WARNING: Tracer");
                if (at >= 0) {
                    want.add(l.substring(at));
                }
            }
        }
        TreeSet<String> got = new TreeSet<>();
        String prefix = SHARED.toAbsolutePath().normalize() + "/";
        for (String l : err.split("\n")) {
            if (l.startsWith("WARNING: Tracer")) {
                got.add(l.replace(prefix, ""));
            }
        }
        if (got.equals(want) || (stoppedEarly && got.containsAll(want))) {
            return null;
        }
        TreeSet<String> missing = new TreeSet<>(want);
        missing.removeAll(got);
        TreeSet<String> extra = new TreeSet<>(got);
        extra.removeAll(want);
        KnownStderr known = KNOWN_STDERR.get(trace);
        if (known != null && missing.size() + extra.size() <= known.lines()) {
            return null;
        }
        return "stderr warnings differ: missing " + abbreviate(String.join("\n", missing), 1500)
                + "\nextra " + abbreviate(String.join("\n", extra), 1500);
    }

    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    /**
     * The number of lines that differ only in string literals that one side prints as {@code ""},
     * or -1 when anything else differs.
     */
    static int staleStringLines(byte[] got, byte[] want) {
        String[] g = new String(got, StandardCharsets.ISO_8859_1).split("\n", -1);
        String[] w = new String(want, StandardCharsets.ISO_8859_1).split("\n", -1);
        if (g.length != w.length) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < g.length; i++) {
            if (g[i].equals(w[i])) {
                continue;
            }
            List<String> gl = new ArrayList<>();
            List<String> wl = new ArrayList<>();
            Matcher gm = LITERAL.matcher(g[i]);
            while (gm.find()) {
                gl.add(gm.group());
            }
            Matcher wm = LITERAL.matcher(w[i]);
            while (wm.find()) {
                wl.add(wm.group());
            }
            if (gl.size() != wl.size() || !LITERAL.matcher(g[i]).replaceAll("\"\"")
                    .equals(LITERAL.matcher(w[i]).replaceAll("\"\""))) {
                return -1;
            }
            for (int k = 0; k < gl.size(); k++) {
                if (!gl.get(k).equals(wl.get(k)) && !gl.get(k).equals("\"\"") && !wl.get(k).equals("\"\"")) {
                    return -1;
                }
            }
            n++;
        }
        return n;
    }

    static byte[] firstLines(byte[] b, long lines) {
        long n = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && ++n == lines) {
                return Arrays.copyOf(b, i + 1);
            }
        }
        return b;
    }

    static String firstDifference(byte[] got, byte[] want) {
        int line = 1;
        int lineStartGot = 0;
        int lineStartWant = 0;
        int n = Math.min(got.length, want.length);
        int i = 0;
        while (i < n && got[i] == want[i]) {
            if (got[i] == '\n') {
                line++;
                lineStartGot = i + 1;
                lineStartWant = i + 1;
            }
            i++;
        }
        return "first difference at line " + line + " (pdrop " + count(got) + " lines, babeltrace " + count(want)
                + ")\n  pdrop: " + abbreviate(lineAt(got, lineStartGot), 600)
                + "\n  bt2:   " + abbreviate(lineAt(want, lineStartWant), 600);
    }

    private static long count(byte[] b) {
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String lineAt(byte[] b, int start) {
        int end = start;
        while (end < b.length && b[end] != '\n') {
            end++;
        }
        return start >= b.length ? "<end of output>" : new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}

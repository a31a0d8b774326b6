package org.pdrop.ctf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pdrop.ctf.CtfException;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.decode.FieldValue.StructValue;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * Bit-exact decoding, case by case, in the form of Babeltrace's field tests
 * ({@code tests/data/plugins/src.ctf.fs/field/}, see its {@code README.adoc}). A case is a
 * "moultipart" text: three parts, each opened by a line starting with {@code ---}:
 *
 * <ol>
 *   <li>TSDL;</li>
 *   <li>the data stream in {@link Normand} text (little-endian by default, hex bytes annotated
 *       with {@code # comments});</li>
 *   <li>pass cases: the expected text of the decoded fields ({@link FieldText}); fail cases: a
 *       substring of the error message (Babeltrace's cases hold Babeltrace's message: pdrop's is
 *       in {@link #FAIL_REASONS}).</li>
 * </ol>
 *
 * <p>Babeltrace's cases ({@code ctf-1.8-*.mp} in {@code ../shared}): part 1 is the field class of
 * the payload's only member {@code root}, wrapped like Babeltrace's harness does: a CTF 1.8 trace
 * block (little-endian), the common typealiases, and one event without stream class, header or
 * id; the data stream file is the event payload and nothing else (no packet header or context,
 * so the whole file is one packet). A pass case must yield exactly one event.
 *
 * <p>pdrop's own cases ({@code src/test/resources/ctf/decode/{pass,fail}/*.case}) cover what the
 * corpus lacks (event headers, clocks, scopes other than the payload): part 1 is TSDL put after
 * the same trace block and typealiases, declaring its own clocks, stream and events; part 3
 * lists every event as {@code - event: NAME}, {@code timestamp: 0xCYCLES} (hexadecimal, when the
 * trace has a clock), then the non-empty scopes ({@code stream-context:}, {@code context:},
 * {@code payload:}), with enumeration labels shown.
 */
class FieldCaseTest {
    private static final String FIELD_DIR = "corpora/babeltrace/tests-plugins/src.ctf.fs/field";

    /**
     * Babeltrace cases pdrop does not pass, with the reason. Empty: every CTF 1.8 case passes.
     * An entry here must name a deliberate difference (a CTF feature outside 1.8, a
     * Babeltrace-only rendering), never a decoder bug.
     */
    static final Map<String, String> IGNORED = Map.of();

    /**
     * What pdrop's error must say for Babeltrace's fail cases (part 3 is Babeltrace's own message),
     * so that a case cannot pass by failing for another reason. A fail case missing here is only
     * checked for the exception type.
     */
    static final Map<String, String> FAIL_REASONS = Map.of(
            "ctf-1.8-fail-mixed-byte-order-unaligned-be-le.mp", "byte-order-change=be-to-le, at-bit=5",
            "ctf-1.8-fail-mixed-byte-order-unaligned-le-be.mp", "byte-order-change=le-to-be, at-bit=5",
            "ctf-1.8-fail-not-enough-data.mp", "event runs past the packet content",
            "ctf-1.8-fail-variant-no-sel-match.mp", "tag-value=5");

    /** Trace block and typealiases put before every case's TSDL (as Babeltrace's harness does). */
    static final String PREAMBLE = """
            /* CTF 1.8 */

            trace {
                major = 1;
                minor = 8;
                byte_order = le;
            };

            typealias integer { size = 8; } := u8;
            typealias integer { size = 16; } := u16;
            typealias integer { size = 32; } := u32;
            typealias integer { size = 64; } := u64;
            typealias integer { size = 8; byte_order = le; } := u8le;
            typealias integer { size = 16; byte_order = le; } := u16le;
            typealias integer { size = 32; byte_order = le; } := u32le;
            typealias integer { size = 64; byte_order = le; } := u64le;
            typealias integer { size = 8; byte_order = be; } := u8be;
            typealias integer { size = 16; byte_order = be; } := u16be;
            typealias integer { size = 32; byte_order = be; } := u32be;
            typealias integer { size = 64; byte_order = be; } := u64be;
            typealias integer { signed = true; size = 8; } := i8;
            typealias integer { signed = true; size = 16; } := i16;
            typealias integer { signed = true; size = 32; } := i32;
            typealias integer { signed = true; size = 64; } := i64;
            typealias integer { signed = true; size = 8; byte_order = le; } := i8le;
            typealias integer { signed = true; size = 16; byte_order = le; } := i16le;
            typealias integer { signed = true; size = 32; byte_order = le; } := i32le;
            typealias integer { signed = true; size = 64; byte_order = le; } := i64le;
            typealias integer { signed = true; size = 8; byte_order = be; } := i8be;
            typealias integer { signed = true; size = 16; byte_order = be; } := i16be;
            typealias integer { signed = true; size = 32; byte_order = be; } := i32be;
            typealias integer { signed = true; size = 64; byte_order = be; } := i64be;
            typealias floating_point { exp_dig = 8; mant_dig = 24; } := flt32;
            typealias floating_point { exp_dig = 11; mant_dig = 53; } := flt64;
            typealias floating_point { exp_dig = 8; mant_dig = 24; byte_order = le; } := flt32le;
            typealias floating_point { exp_dig = 11; mant_dig = 53; byte_order = le; } := flt64le;
            typealias floating_point { exp_dig = 8; mant_dig = 24; byte_order = be; } := flt32be;
            typealias floating_point { exp_dig = 11; mant_dig = 53; byte_order = be; } := flt64be;
            typealias string { encoding = UTF8; } := nt_str;

            """;

    // --- Babeltrace's cases -------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> babeltraceFieldCases() throws IOException {
        Path dir = SharedData.require().resolve(FIELD_DIR);
        Assumptions.assumeTrue(Files.isDirectory(dir), "no Babeltrace field tests in ../shared/" + FIELD_DIR);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("ctf-1\\.8-(pass|fail)-.*\\.mp"))
                    .sorted().toList();
        }
        assertThat(files).as("Babeltrace CTF 1.8 field cases").isNotEmpty();
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(),
                () -> runBabeltraceCase(p)));
    }

    private static void runBabeltraceCase(Path file) throws IOException {
        String name = file.getFileName().toString();
        Assumptions.assumeFalse(IGNORED.containsKey(name), () -> "ignored: " + IGNORED.get(name));
        List<String> parts = parts(Files.readString(file, StandardCharsets.UTF_8), name);
        String metadata = PREAMBLE + wrapRootField(parts.get(0));
        byte[] data = Normand.assemble(parts.get(1), ByteOrder.LITTLE_ENDIAN);
        if (name.startsWith("ctf-1.8-fail-")) {
            assertThatThrownBy(() -> decode(metadata, data))
                    .as("%s must be refused; Babeltrace's error: %s", name, parts.get(2).strip())
                    .isInstanceOf(CtfException.class)
                    .hasMessageContaining(FAIL_REASONS.getOrDefault(name, ""));
            return;
        }
        List<Decoded> events = decode(metadata, data);
        assertThat(events).as("events of %s", name).hasSize(1);
        String actual = FieldText.render(events.get(0).payload().get("root"), false);
        assertThat(normalized(actual)).as("%s\n--- metadata:\n%s", name, metadata)
                .isEqualTo(normalized(parts.get(2)));
    }

    /** The payload declaration: {@code root} replaces every {@code @}, or follows the field class. */
    static String wrapRootField(String fieldClass) {
        String fc = fieldClass.strip();
        String member = fc.contains("@") ? fc.replace("@", "root") : fc + " root";
        return "event {\n    name = the_event;\n    fields := struct {\n        " + member + ";\n    };\n};\n";
    }

    // --- pdrop's own cases --------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> ownDecodeCases() throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("pass", "fail")) {
            URL url = FieldCaseTest.class.getResource("/ctf/decode/" + kind);
            assertThat(url).as("test resources ctf/decode/%s", kind).isNotNull();
            try (Stream<Path> list = Files.list(Path.of(url.toURI()))) {
                for (Path p : list.filter(f -> f.toString().endsWith(".case")).sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(kind + "/" + p.getFileName(), p.toUri(),
                            () -> runOwnCase(p, kind.equals("pass"))));
                }
            }
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private static void runOwnCase(Path file, boolean pass) throws IOException {
        String name = file.getFileName().toString();
        List<String> parts = parts(Files.readString(file, StandardCharsets.UTF_8), name);
        String metadata = PREAMBLE + parts.get(0);
        byte[] data = Normand.assemble(parts.get(1), ByteOrder.LITTLE_ENDIAN);
        if (!pass) {
            String expected = parts.get(2).strip();
            assertThatThrownBy(() -> decode(metadata, data)).isInstanceOf(CtfException.class)
                    .hasMessageContaining(expected);
            return;
        }
        List<String> lines = new ArrayList<>();
        for (Decoded e : decode(metadata, data)) {
            lines.add("- event: " + e.name());
            if (e.timestampCycles() != null) {
                lines.add("  timestamp: 0x" + Long.toHexString(e.timestampCycles()));
            }
            section(lines, "stream-context", e.commonContext());
            section(lines, "context", e.specificContext());
            section(lines, "payload", e.payload());
        }
        assertThat(normalized(String.join("\n", lines))).as(name).isEqualTo(normalized(parts.get(2)));
    }

    private static void section(List<String> lines, String title, StructValue value) {
        if (value != null && value.values().length > 0) {
            lines.add("  " + title + ":");
            lines.addAll(FieldText.members(value, 2, true));
        }
    }

    // --- shared ----------------------------------------------------------------------------------

    /** One decoded event; {@code timestampCycles} is null when its stream has no clock. */
    record Decoded(String name, Long timestampCycles, StructValue commonContext, StructValue specificContext,
                   StructValue payload) {}

    /** Reads every event of a one-stream trace, decoding every scope. */
    static List<Decoded> decode(String metadata, byte[] data) {
        List<Decoded> out = new ArrayList<>();
        try (CtfTrace trace = CtfTrace.fromMemory(metadata, Map.of("data", ByteBuffer.wrap(data)), Diagnostics.IGNORE)) {
            boolean clocked = !trace.traces().get(0).traceClass().clocks().isEmpty();
            EventMerger merger = trace.merger(true);
            while (merger.next()) {
                StreamCursor c = merger.current();
                if (c.kind() != StreamCursor.Kind.EVENT) {
                    continue;
                }
                out.add(new Decoded(c.eventClass().name(), clocked ? c.timestampCycles() : null,
                        c.commonContext(), c.specificContext(), c.payload()));
            }
        }
        return out;
    }

    /**
     * The parts of a moultipart text: each starts after a line beginning with {@code ---}; text
     * before the first such line is a preamble (pdrop's cases describe themselves there).
     */
    static List<String> parts(String text, String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("---")) {
                if (current != null) {
                    parts.add(current.toString());
                }
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            parts.add(current.toString());
        }
        assertThat(parts).as("parts of %s", name).hasSize(3);
        return parts;
    }

    /** Without trailing whitespace on each line and without leading or trailing blank lines. */
    private static String normalized(String text) {
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }
}

package org.pdrop.record;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host files saved next to a trace so that it can be analysed elsewhere: kallsyms and the
 * tracepoint format files. {@code java.io} streams throughout: unlike NIO channels, an interrupt
 * (Ctrl-C arriving while the files are saved) does not close them.
 */
final class HostFiles {
    static final String KALLSYMS = "kallsyms";
    /** Tracepoint name to the file name it is saved as. */
    static final List<String> FORMAT_EVENTS = List.of("kfree_skb", "consume_skb");

    private HostFiles() {
    }

    static String formatFileName(String event) {
        return "ftrace-" + event + "-format.txt";
    }

    /**
     * Fails unless {@code kallsyms} is readable and shows at least one non-zero address; reads
     * only as far as the first one.
     */
    static void checkKallsyms(Path proc) {
        Path kallsyms = proc.resolve(KALLSYMS);
        try (BufferedReader in = reader(kallsyms)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (hasAddress(line)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new RecordException("Cannot record: cannot read " + kallsyms + ": " + e.getMessage()
                    + ": pdrop needs it to name the functions that drop packets");
        }
        throw allZero(proc);
    }

    /** Copies kallsyms to {@code target}, refusing (and deleting the copy) if every address is zero. */
    static void saveKallsyms(Path proc, Path target) {
        Path kallsyms = proc.resolve(KALLSYMS);
        boolean any = false;
        try (BufferedReader in = reader(kallsyms); Writer out = writer(target)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                any |= hasAddress(line);
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            new File(target.toString()).delete();
            throw new RecordException("Cannot save kallsyms: from=" + kallsyms + ", to=" + target + ": "
                    + e.getMessage());
        }
        if (!any) {
            new File(target.toString()).delete();
            throw allZero(proc);
        }
    }

    /**
     * Copies the first of {@code candidates} that exists to {@code target}.
     *
     * @return the source copied, or {@code null} if none exists
     */
    static Path copyFirst(List<Path> candidates, Path target) throws IOException {
        for (Path source : candidates) {
            if (Files.isRegularFile(source)) {
                byte[] bytes;
                try (InputStream in = new FileInputStream(source.toFile())) {
                    bytes = in.readAllBytes();
                }
                try (OutputStream out = new FileOutputStream(target.toFile())) {
                    out.write(bytes);
                }
                return source;
            }
        }
        return null;
    }

    /** Where tracefs may be: its own mount point, or below debugfs on older systems. */
    static List<Path> formatCandidates(Path sys, String event) {
        return List.of(sys.resolve("kernel/tracing/events/skb/" + event + "/format"),
                sys.resolve("kernel/debug/tracing/events/skb/" + event + "/format"));
    }

    static void writeText(Path target, String text) throws IOException {
        try (OutputStream out = new FileOutputStream(target.toFile())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A kallsyms line whose address is not all zeros. */
    private static boolean hasAddress(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            if (line.charAt(end) != '0') {
                return true;
            }
            end++;
        }
        return false;
    }

    private static RecordException allZero(Path proc) {
        String restrict;
        try (InputStream in = new FileInputStream(proc.resolve("sys/kernel/kptr_restrict").toFile())) {
            restrict = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            restrict = "unknown";
        }
        return new RecordException("Cannot save kallsyms: every address in " + proc.resolve(KALLSYMS) + " is zero"
                + " (kernel.kptr_restrict=" + restrict + "): run pdrop as root, with `sysctl kernel.kptr_restrict=1`"
                + " if it is 2; a copy without addresses could not name a single drop location");
    }

    // ISO-8859-1 maps bytes to chars one to one, so the copy is byte for byte.
    private static BufferedReader reader(Path path) throws IOException {
        Reader r = new InputStreamReader(new FileInputStream(path.toFile()), StandardCharsets.ISO_8859_1);
        return new BufferedReader(r, 1 << 16);
    }

    private static Writer writer(Path path) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(path.toFile()),
                StandardCharsets.ISO_8859_1), 1 << 16);
    }
}

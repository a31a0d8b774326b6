package org.pdrop.ctf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.pdrop.ctf.decode.DecoderCompiler;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.metadata.MetadataReader;

/**
 * Reads a trace's metadata and compiles its decoders on a thread of its own, started before the
 * command line is parsed, so that this work overlaps the CLI's start-up instead of following it.
 * A kernel trace with every event enabled has about 400 KB of metadata, whose parsing and
 * compilation take a good part of a short run's start-up.
 *
 * <p>The guess is used only when {@link CtfTrace#open} then reads the very same file: same path,
 * same bytes. Otherwise, or when the prefetch failed, the metadata is read as usual, so errors
 * and warnings are exactly those of a run without prefetch (warnings of a used prefetch are
 * replayed in order). One prefetch per process; tests and library callers that never start one
 * see no difference.
 */
public final class MetadataPrefetch {
    private static final String METADATA = "metadata";
    /**
     * Larger metadata is left to the run alone: a guess must not hold a second copy of a huge
     * file. A kernel trace with every event enabled has about 400 KB.
     */
    static final long MAX_BYTES = 16L << 20;

    /** What the prefetch made, for one file. */
    record Result(byte[] raw, TraceClass traceClass, TraceDecoder decoder, List<String> warnings) {}

    private record Pending(String name, FutureTask<Result> task) {}

    private static Pending pending;
    /** A prefetch was started in this process (one at most, taken or not). */
    private static boolean started;

    private MetadataPrefetch() {
    }

    /**
     * Starts reading the metadata of the first of {@code roots} that is a trace folder, a
     * {@code metadata} file, or an LTTng session folder with a {@code kernel/} trace (paths as
     * given on the command line). Does nothing when none is, or when a prefetch was started
     * already.
     */
    public static synchronized void start(List<Path> roots) {
        if (started) {
            return;
        }
        Path file = null;
        for (Path root : roots) {
            file = metadataOf(root);
            if (file != null) {
                break;
            }
        }
        if (file == null) {
            return;
        }
        Path chosen = file;
        FutureTask<Result> task = new FutureTask<>(() -> read(chosen));
        pending = new Pending(chosen.toString(), task);
        started = true;
        Thread t = new Thread(task, "pdrop-metadata");
        t.setDaemon(true);
        t.start();
    }

    /** The metadata file that {@link CtfTrace#open} would read first for {@code root}, for the likely layouts, or null. */
    static Path metadataOf(Path root) {
        try {
            if (Files.isRegularFile(root)) {
                return root.getFileName() != null && root.getFileName().toString().equals(METADATA)
                        && Files.size(root) <= MAX_BYTES ? root : null;
            }
            if (!Files.isDirectory(root)) {
                return null;
            }
            for (Path candidate : new Path[] {root.resolve(METADATA), root.resolve("kernel").resolve(METADATA)}) {
                if (Files.isRegularFile(candidate)) {
                    return Files.size(candidate) <= MAX_BYTES ? candidate : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            // An odd path (InvalidPathException, SecurityException): no guess.
        }
        return null;
    }

    private static Result read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        List<String> warnings = new ArrayList<>();
        TraceClass tc = MetadataReader.read(raw, file.toString(), warnings::add);
        return new Result(raw, tc, DecoderCompiler.compile(tc), List.copyOf(warnings));
    }

    /**
     * The prefetched result for the metadata file {@code name} whose content is {@code raw}, its
     * warnings replayed to {@code diag}; empty when there is none for exactly this file and
     * content, or when the prefetch failed (the caller then reads the metadata itself). The
     * prefetch is given out once.
     */
    static Optional<Result> take(String name, byte[] raw, Diagnostics diag) {
        Pending p;
        synchronized (MetadataPrefetch.class) {
            p = pending;
            if (p == null || !p.name().equals(name)) {
                return Optional.empty();
            }
            pending = null;
        }
        Result r;
        try {
            r = p.task().get();
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (r == null || !Arrays.equals(r.raw(), raw)) {
            return Optional.empty();
        }
        r.warnings().forEach(diag::warn);
        given++;
        return Optional.of(r);
    }

    /** Prefetches given out so far (tests). */
    static volatile int given;

    /** For tests: forgets any prefetch, as in a new process. */
    static synchronized void reset() {
        pending = null;
        started = false;
    }
}

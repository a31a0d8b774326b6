package org.pdrop.dump;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.pdrop.ctf.CtfException;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * {@code pdrop dump TRACE...}: prints every event of the traces found below the given paths, in
 * time order, as {@code babeltrace2 TRACE...} does with its default pretty text output, and the
 * tracer's loss notices on {@code err}.
 *
 * <p>Known, deliberate difference from Babeltrace 2.0.4: when a stream's {@code events_discarded}
 * counter goes backwards between two packets (an LTTng quirk), Babeltrace prints the wrapped
 * 64-bit difference (e.g. {@code 18446744073709510627} events); pdrop reports nothing for that
 * packet and measures later losses from the largest count seen.
 */
public final class DumpService {
    /** Exit codes returned by {@link #dump}. */
    public static final int OK = 0;
    /** The trace could not be read (missing, malformed metadata, corrupt stream). */
    public static final int BAD_TRACE = 3;

    private final ZoneId zone;
    private final PacketIndexProvider index;
    private final boolean parallel;

    /** Times in the JVM's default zone (honours {@code TZ}), packets found by scanning. */
    public DumpService() {
        this(ZoneId.systemDefault(), PacketIndexProvider.NONE);
    }

    public DumpService(ZoneId zone, PacketIndexProvider index) {
        this(zone, index, true);
    }

    /**
     * @param parallel format the streams on worker threads when there are several streams and
     *                 cores (the output is the same either way)
     */
    public DumpService(ZoneId zone, PacketIndexProvider index, boolean parallel) {
        this.zone = zone;
        this.index = index;
        this.parallel = parallel;
    }

    /**
     * Prints all events of {@code traces} to {@code out} and loss warnings to {@code err}. On a
     * fatal problem, what was printed before it is flushed to {@code out} and the exception
     * propagates. Does not close the streams.
     *
     * @throws CtfException when a trace cannot be found, parsed or decoded
     */
    public void print(List<Path> traces, OutputStream out, PrintWriter err) {
        PrettyPrinter printer = null;
        try (CtfTrace ctf = CtfTrace.open(traces, message -> err.println("WARNING: " + message), index)) {
            List<String> names = ctf.traces().stream().map(CtfTrace.Trace::name).toList();
            printer = new PrettyPrinter(ctf.traces(), names, out, err, zone);
            if (parallel && ParallelDump.applicable(ctf)) {
                ParallelDump.run(ctf, printer, names);
            } else {
                EventMerger merger = ctf.merger(true);
                while (merger.next()) {
                    StreamCursor c = merger.current();
                    if (c.kind() == StreamCursor.Kind.EVENT) {
                        printer.event(c);
                    } else {
                        printer.notice(c.notice());
                    }
                }
            }
        } catch (RuntimeException e) {
            // Print what came before the problem, as Babeltrace does, unless output itself failed.
            if (printer != null && !(e instanceof UncheckedIOException)) {
                try {
                    printer.flush();
                } catch (UncheckedIOException flushFailed) {
                    e.addSuppressed(flushFailed);
                }
            }
            throw e;
        }
        printer.flush();
    }

    /**
     * {@link #print}, with a fatal problem reported as {@code ERROR: message} on {@code err}.
     *
     * @return {@link #OK}, or {@link #BAD_TRACE} after printing the error
     */
    public int dump(List<Path> traces, OutputStream out, PrintWriter err) {
        try {
            print(traces, out, err);
            return OK;
        } catch (CtfException e) {
            err.println("ERROR: " + e.getMessage());
            return BAD_TRACE;
        }
    }
}

package org.pdrop.dump;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
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

    /** Times in the JVM's default zone (honours {@code TZ}), packets found by scanning. */
    public DumpService() {
        this(ZoneId.systemDefault(), PacketIndexProvider.NONE);
    }

    public DumpService(ZoneId zone, PacketIndexProvider index) {
        this.zone = zone;
        this.index = index;
    }

    /**
     * Prints all events of {@code traces} to {@code out} and loss warnings and errors to
     * {@code err}. Whatever was printed before an error is flushed. Does not close the streams.
     *
     * @return {@link #OK}, or {@link #BAD_TRACE} after printing the error on {@code err}
     */
    public int dump(List<Path> traces, OutputStream out, PrintStream err) {
        PrettyPrinter printer = null;
        try (CtfTrace ctf = CtfTrace.open(traces, err::println, index)) {
            printer = new PrettyPrinter(ctf.traces(), bt2Names(ctf.traces(), traces), out, err, zone);
            EventMerger merger = ctf.merger(true);
            while (merger.next()) {
                StreamCursor c = merger.current();
                if (c.kind() == StreamCursor.Kind.EVENT) {
                    printer.event(c);
                } else {
                    printer.notice(c.notice());
                }
            }
            printer.flush();
            return OK;
        } catch (CtfException e) {
            if (printer != null) {
                printer.flush();
            }
            err.println("ERROR: " + e.getMessage());
            return BAD_TRACE;
        }
    }

    /**
     * Babeltrace's trace names ({@code set_trace_name()} of {@code src.ctf.fs}): the environment's
     * {@code hostname}, then a slash and the trace folder's path relative to the input path it
     * was found under, when that path is not the folder itself. Traces made of several folders
     * (same UUID) get the hostname alone.
     */
    static List<String> bt2Names(List<CtfTrace.Trace> traces, List<Path> roots) {
        List<String> names = new ArrayList<>();
        for (CtfTrace.Trace t : traces) {
            Object host = t.traceClass().env().get("hostname");
            String suffix = null;
            if (t.folders().size() == 1) {
                Path folder = t.folders().get(0).toAbsolutePath().normalize();
                for (Path r : roots) {
                    Path root = r.toAbsolutePath().normalize();
                    if (folder.startsWith(root)) {
                        String rel = root.relativize(folder).toString();
                        suffix = rel.isEmpty() ? null : rel;
                        break;
                    }
                }
            }
            StringBuilder n = new StringBuilder();
            if (host instanceof String h) {
                n.append(h);
                if (suffix != null) {
                    n.append('/');
                }
            }
            if (suffix != null) {
                n.append(suffix);
            }
            names.add(n.toString());
        }
        return names;
    }
}

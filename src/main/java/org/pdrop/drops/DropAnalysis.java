package org.pdrop.drops;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.Notice;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * The packet-drop analysis: reads every trace of a request in time order, turns
 * {@code skb_kfree}/{@code skb_consume} events into {@link DropEvent}s, filters them, hands them
 * and the tracer's loss notices to a {@link DropSink}, and aggregates them into a
 * {@link DropReport} in the same pass.
 *
 * <p>Memory stays bounded: events stream through; only per-key counters are kept. Events of
 * other classes, and events outside the time window, are skipped without decoding their fields;
 * reading stops at the end of the window.
 */
public final class DropAnalysis {
    /** Merged items (drops, losses) between progress updates (a power of two minus one, used as a mask). */
    private static final long PROGRESS_MASK = 255;

    private DropAnalysis() {
    }

    /**
     * Starts parsing the kallsyms file a coming run will most likely use ({@code kallsyms}, else
     * one beside the traces), before that run's options are parsed; the run takes it over when it
     * chooses the same file. For the command line's entry point.
     */
    public static void prefetchSymbols(Optional<Path> kallsyms, List<Path> traces) {
        SymbolPrefetch.startEarly(kallsyms, traces, HostInfo.PROC_KALLSYMS);
    }

    /** Runs with this host's symbols as the last resort. */
    public static DropReport run(AnalysisRequest request, DropSink sink, PrintWriter err) throws IOException {
        return run(request, sink, err, HostInfo.current());
    }

    /**
     * Runs the analysis.
     *
     * @param sink receives the run's results
     * @param err  warnings ({@code pdrop: warning: ...}) and the progress line
     * @param host this host, for the {@code /proc/kallsyms} fallback
     * @return the aggregate (also given to {@link DropSink#end})
     * @throws org.pdrop.ctf.CtfException         when a trace cannot be read
     * @throws org.pdrop.symbols.SymbolsException when the chosen kallsyms cannot be used
     * @throws IllegalArgumentException           when a filter cannot be read
     */
    public static DropReport run(AnalysisRequest request, DropSink sink, PrintWriter err, HostInfo host)
            throws IOException {
        // Bad filters fail before any output (relative bounds are checked again once the start is known).
        DropFilters.compile(request.filters(), 0);
        Warnings warnings = new Warnings(err);
        Diagnostics diag = warnings::add;
        SymbolPrefetch symbols = SymbolPrefetch.start(request.kallsyms(), request.traces(), host.kallsyms());
        try (CtfTrace ctf = CtfTrace.open(request.traces(), diag, request.index())) {
            Setup setup = setup(ctf, request, host, warnings, symbols);
            RunInfo info = new RunInfo(setup.traces, setup.contextFields, ctf.totalBytes(), warnings.all());
            sink.begin(info);
            Aggregator agg = new Aggregator(request.interval().map(d -> d.toNanos()).orElse(0L));
            Progress progress = new Progress(err, request.progress(), ctf.totalBytes(), System::nanoTime);
            try {
                loop(ctf, setup, request, sink, agg, progress);
            } finally {
                progress.done();
            }
            DropReport report = agg.build(info, request.top());
            sink.end(report);
            return report;
        }
    }

    private static void loop(CtfTrace ctf, Setup setup, AnalysisRequest request, DropSink sink, Aggregator agg,
                             Progress progress) throws IOException {
        FilterSpec spec = request.filters();
        long start = traceStart(ctf.streams());
        long anchor = start == DropReport.NO_TIME ? 0 : start;
        Optional<DropFilter.Window> w = DropFilters.window(spec, anchor);
        long begin = w.map(DropFilter.Window::beginNs).orElse(Long.MIN_VALUE);
        long end = w.map(DropFilter.Window::endNs).orElse(Long.MAX_VALUE);
        List<DropFilter> filters = DropFilters.compile(spec, anchor);
        Predicate<DropEvent> keep = DropFilters.predicate(filters);
        if (start != DropReport.NO_TIME) {
            // Intervals start at --begin, else at a whole multiple of their length (wall clock).
            long length = request.interval().map(d -> d.toNanos()).orElse(0L);
            agg.intervalStart(begin != Long.MIN_VALUE ? begin
                    : length > 0 ? Math.floorDiv(start, length) * length : start);
        }
        // Frees only count, unless a filter looks at their fields or they are listed.
        boolean countFrees = !request.allFrees() && filters.stream().allMatch(f -> f instanceof DropFilter.Window);
        try (ParallelScan scan = new ParallelScan(ctf.streams(), setup.plans::get, n -> loss(n, setup), begin, end,
                countFrees)) {
            long items = 0;
            ParallelScan.Item item;
            while ((item = scan.next()) != null) {
                if (item.value() instanceof Loss loss) {
                    if (loss.endNs() >= begin && loss.beginNs() <= end) {
                        agg.add(loss);
                        sink.loss(loss);
                    }
                } else {
                    DropEvent e = (DropEvent) item.value();
                    if (keep.test(e)) {
                        agg.add(e);
                        if (e.isDrop() || request.allFrees()) {
                            sink.event(e);
                        }
                    }
                }
                if ((++items & PROGRESS_MASK) == 0) {
                    progress.tick(scan.bytesRead(), scan.eventsRead());
                }
            }
            ParallelScan.Counts counts = scan.counts();
            agg.eventsRead(counts.events, counts.firstNs, counts.lastNs);
            agg.addFrees(counts.frees);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the trace");
        }
    }

    /** Time of the earliest event of all streams (ns since the epoch), or {@link DropReport#NO_TIME}. */
    private static long traceStart(List<DataStream> streams) {
        long start = DropReport.NO_TIME;
        for (DataStream s : streams) {
            StreamCursor c = new StreamCursor(s, false);
            while (c.advance()) {
                if (c.kind() == StreamCursor.Kind.EVENT) {
                    start = start == DropReport.NO_TIME ? c.timestampNs() : Math.min(start, c.timestampNs());
                    break;
                }
            }
        }
        return start;
    }

    static Loss loss(Notice n, Setup setup) {
        String trace = setup.traceNames.getOrDefault(n.stream().trace(), n.stream().trace().name());
        Loss.Kind kind = n.kind() == Notice.Kind.DISCARDED_EVENTS ? Loss.Kind.DISCARDED_EVENTS : Loss.Kind.LOST_PACKETS;
        return new Loss(trace, n.stream().name(), kind, n.count(), n.beginNs(), n.endNs());
    }

    // --- setup ----------------------------------------------------------------------------------

    /** Skb event plans of one data stream, by event class id. */
    static final class Plans {
        private final SkbEvents.EventPlan[] dense;
        private final Map<Long, SkbEvents.EventPlan> sparse;

        Plans(Map<Long, SkbEvents.EventPlan> byId) {
            long max = -1;
            for (long id : byId.keySet()) {
                max = Math.max(max, id);
            }
            if (max < (1 << 16) && byId.keySet().stream().allMatch(id -> id >= 0)) {
                dense = new SkbEvents.EventPlan[(int) max + 1];
                byId.forEach((id, p) -> dense[(int) (long) id] = p);
                sparse = null;
            } else {
                dense = null;
                sparse = new HashMap<>(byId);
            }
        }

        /**
         * The ids that have a plan {@code which} accepts, as a mask indexed by id, or null when the
         * ids are not small.
         */
        boolean[] mask(java.util.function.Predicate<SkbEvents.EventPlan> which) {
            if (dense == null) {
                return null;
            }
            boolean[] m = new boolean[dense.length];
            for (int i = 0; i < dense.length; i++) {
                m[i] = dense[i] != null && which.test(dense[i]);
            }
            return m;
        }

        SkbEvents.EventPlan get(long id) {
            if (dense != null) {
                return id >= 0 && id < dense.length ? dense[(int) id] : null;
            }
            return sparse.get(id);
        }
    }

    private record Setup(List<TraceInfo> traces, List<String> contextFields, Map<DataStream, Plans> plans,
                         Map<DataStream.TraceHandle, String> traceNames) {}

    private static Setup setup(CtfTrace ctf, AnalysisRequest request, HostInfo host, Warnings warnings,
                               SymbolPrefetch prefetch) {
        SymbolLocator locator = new SymbolLocator(request.kallsyms(), host, prefetch);
        List<TraceInfo> infos = new ArrayList<>();
        List<ReasonNaming> namings = new ArrayList<>();
        Set<String> contextFields = new LinkedHashSet<>();
        Map<DataStream, Plans> plans = new IdentityHashMap<>();
        Map<DataStream.TraceHandle, String> traceNames = new IdentityHashMap<>();
        for (CtfTrace.Trace t : ctf.traces()) {
            TraceClass tc = t.traceClass();
            String hostname = tc.envString("hostname");
            String release = tc.envString("kernel_release");
            Path root = rootOf(t.folders(), request.traces());
            // Skb event classes by stream class, and what they carry.
            boolean hasKfree = false;
            boolean hasReasons = false;
            Map<String, Long> labels = new LinkedHashMap<>();
            for (StreamClass sc : tc.streams()) {
                for (EventClass ec : sc.events()) {
                    if (SkbEvents.isKfree(ec.name())) {
                        hasKfree = true;
                        if (SkbEvents.intField(ec.payload(), "reason") >= 0) {
                            hasReasons = true;
                            SkbEvents.reasonLabels(ec).forEach(labels::putIfAbsent);
                        }
                    }
                }
            }
            SymbolLocator.Choice symbols = locator.choose(t.folders(), root, hostname, release);
            symbols.warnings().forEach(warnings::add);
            Optional<Path> formatFile = request.formatFile().isPresent() ? request.formatFile()
                    : SymbolLocator.findNear(t.folders(), root, ReasonNaming.FORMAT_FILE_NAMES);
            ReasonNaming naming = ReasonNaming.of(formatFile, release, labels);
            if (hasReasons) {
                namings.add(naming);
            }
            String reasons = hasReasons ? naming.description : "not recorded (kernel or tracer without drop reasons)";
            TraceInfo info = new TraceInfo(t.name(), hostname, release, tracer(tc), hasReasons, hasKfree,
                    symbols.source(), reasons, hasReasons ? naming.notes : List.of());
            infos.add(info);
            if (!hasKfree) {
                warnings.add("trace \"" + t.name() + "\" has no skb_kfree event class: it was recorded without "
                        + "'lttng enable-event -k skb_kfree', so it cannot show drops");
            } else if (!hasReasons) {
                warnings.add("trace " + t.name() + " (kernel " + release + ", " + tracer(tc) + ") records no drop "
                        + "reasons: some reported drops may be normal frees (code paths that free packets with "
                        + "kfree_skb() instead of consume_skb() look like drops; newer kernels and LTTng record "
                        + "a reason that tells them apart)");
            } else if (naming.namer.shippedTable().map(s -> s.kind().isApproximate()).orElse(false)
                    && naming.namer.formatTable().isEmpty()) {
                warnings.add("reason names for kernel " + release + " are approximate: " + naming.description
                        + "; save /sys/kernel/tracing/events/skb/kfree_skb/format next to the trace as "
                        + ReasonNaming.FORMAT_FILE_NAMES.get(0) + " for exact names");
            }
            SkbEvents.TracePlan tp = new SkbEvents.TracePlan(t.name(), symbols.table(), naming::name);
            for (DataStream ds : t.streams()) {
                traceNames.putIfAbsent(ds.trace(), t.name());
                StreamClass sc = tc.stream(ds.streamClassId());
                if (sc == null) {
                    continue;
                }
                Map<Long, SkbEvents.EventPlan> byId = new HashMap<>();
                for (EventClass ec : sc.events()) {
                    if (SkbEvents.isKfree(ec.name()) || SkbEvents.isConsume(ec.name())) {
                        SkbEvents.EventPlan p = new SkbEvents.EventPlan(tp, sc, ec);
                        byId.put(ec.id(), p);
                        contextFields.addAll(List.of(p.contextNames));
                    }
                }
                if (!byId.isEmpty()) {
                    plans.put(ds, new Plans(byId));
                }
            }
        }
        checkFilters(request.filters(), contextFields, namings, warnings);
        return new Setup(infos, new ArrayList<>(contextFields), plans, traceNames);
    }

    /** Warns about filters that cannot match anything in these traces (most likely a mistake). */
    private static void checkFilters(FilterSpec spec, Set<String> contextFields, List<ReasonNaming> namings,
                                     Warnings warnings) {
        if (!spec.processes().isEmpty() && !contextFields.contains("procname")) {
            warnings.add("--process matches nothing: the trace has no procname context "
                    + "(record it with 'lttng add-context -k -t procname')");
        }
        if (!spec.tids().isEmpty() && !contextFields.contains("tid") && !contextFields.contains("vtid")) {
            warnings.add("--tid matches nothing: the trace has no tid context "
                    + "(record it with 'lttng add-context -k -t tid')");
        }
        if (!spec.reasons().isEmpty() && namings.isEmpty()) {
            warnings.add("--reason matches nothing: the trace records no drop reasons");
            return;
        }
        for (String name : DropFilters.reasons(spec.reasons()).names()) {
            boolean known = namings.stream().anyMatch(n -> n.knows(name));
            if (!known) {
                warnings.add("--reason " + name + " is not a drop reason known for the traced kernel: it matches nothing");
            }
        }
    }

    private static String tracer(TraceClass tc) {
        String name = tc.envString("tracer_name");
        if (name == null) {
            return null;
        }
        String major = tc.envString("tracer_major");
        String minor = tc.envString("tracer_minor");
        String patch = tc.envString("tracer_patchlevel");
        if (major == null) {
            return name;
        }
        return name + ' ' + major + (minor != null ? "." + minor : "") + (patch != null ? "." + patch : "");
    }

    /** The requested path that contains these folders (for the kallsyms search), or null. */
    private static Path rootOf(List<Path> folders, List<Path> roots) {
        Path best = null;
        for (Path r : roots) {
            Path ar = r.toAbsolutePath().normalize();
            for (Path f : folders) {
                if (f.toAbsolutePath().normalize().startsWith(ar) && (best == null || ar.getNameCount() > best.getNameCount())) {
                    best = ar;
                }
            }
        }
        return best;
    }

    /** Warnings printed once each to stderr and remembered for sinks. */
    private static final class Warnings {
        private final PrintWriter err;
        private final Set<String> seen = new LinkedHashSet<>();

        Warnings(PrintWriter err) {
            this.err = err;
        }

        void add(String message) {
            if (seen.add(message)) {
                err.println("pdrop: warning: " + message);
                err.flush();
            }
        }

        List<String> all() {
            return List.copyOf(seen);
        }
    }
}

package org.pdrop.record;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code pdrop record}: checks, records, undoes, saves.
 *
 * <ol>
 *   <li>Checks, changing nothing: root, {@code lttng} (and {@code tc}, COMMAND) on PATH, the output
 *       folder new or empty and on a file system with {@link Host#minFreeBytes} free, kallsyms
 *       with addresses, the device's qdiscs (and that the kernel has netem), a session daemon
 *       (started if none runs: the one change before recording), the kernel tracer and its
 *       events.
 *   <li>Records: {@code lttng create}, {@code enable-event}, {@code add-context}, {@code start},
 *       then the netem qdisc; waits for the duration, COMMAND's exit, or an interrupt.
 *   <li>Undoes, last change first ({@link Teardown}): the qdisc, {@code lttng stop},
 *       {@code lttng destroy}, an output folder pdrop created and left empty. Also after a failed
 *       step, an interrupt, or an unexpected exception. What cannot be undone is printed with the
 *       command that removes it, and the exit status is {@link ExitStatuses#failed()}.
 *   <li>Saves next to the trace: kallsyms, the skb tracepoint format files, {@code uname.txt} and
 *       {@link Manifest pdrop-record.json}; prints {@code pdrop DIR}.
 * </ol>
 *
 * <p>Interrupts: a thread interrupt (what {@link SignalGuard} turns SIGINT and SIGTERM into) stops
 * the recording at the next step boundary or while waiting; a step already started is finished
 * first ({@link ProcessRunner#run}). Undo steps are not interruptible.
 */
public final class Recorder {
    private static final DateTimeFormatter SESSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Host host;
    private final ProcessRunner runner;
    private final ExitStatuses statuses;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Lttng lttng;
    private Function<LossRequest, List<String>> lossQdisc = LossEmulation::netem;

    /**
     * @param out where the final {@code pdrop DIR} line goes
     * @param err progress, warnings, errors and what was left behind
     */
    public Recorder(Host host, ProcessRunner runner, ExitStatuses statuses, PrintWriter out, PrintWriter err) {
        this.host = host;
        this.runner = runner;
        this.statuses = statuses;
        this.out = out;
        this.err = err;
        this.lttng = new Lttng(runner, host.timeouts());
    }

    /** Test seam: install another qdisc than netem, on kernels without it. */
    Recorder withLossQdisc(Function<LossRequest, List<String>> qdisc) {
        this.lossQdisc = qdisc;
        return this;
    }

    /**
     * Records as {@code request} says.
     *
     * @return the exit status: {@link ExitStatuses#ok()}, COMMAND's exit status,
     *     {@link ExitStatuses#interrupted()} or {@link ExitStatuses#failed()}
     * @throws RecordException when a check fails; nothing was changed then
     */
    public int record(RecordRequest request) {
        Run run = new Run(request);
        run.check();
        return run.record();
    }

    /** The name of a new session: {@code pdrop-20261126-143000-3fa2}. */
    String sessionName() {
        LocalDateTime now = LocalDateTime.now(host.clock());
        return "pdrop-" + SESSION_TIME.format(now) + String.format("-%04x", host.random().nextInt(0x10000));
    }

    /** The state of one {@link #record} call. */
    private final class Run {
        final RecordRequest request;
        final String session = sessionName();
        final Path shownOutput;
        final Path output;
        final LossEmulation loss;
        final List<String> warnings = new ArrayList<>();
        String lttngVersion;
        boolean sessionDaemonStarted;
        Instant start;
        Instant stop;
        String stoppedBy;
        Integer commandExitStatus;
        String error;
        List<Leftover> leftovers = List.of();
        final Map<String, String> files = new LinkedHashMap<>();

        Run(RecordRequest request) {
            this.request = request;
            this.shownOutput = request.output() != null ? request.output() : Path.of(session);
            this.output = shownOutput.toAbsolutePath().normalize();
            this.loss = request.loss() == null ? null : new LossEmulation(runner, host.timeouts().tc(),
                    request.loss(), lossQdisc.apply(request.loss()));
        }

        void check() {
            checkRoot();
            requireProgram("lttng", Lttng.installHint());
            if (loss != null) {
                requireProgram("tc", "install iproute2");
            }
            if (!request.command().isEmpty() && runner.find(request.command().get(0)).isEmpty()) {
                throw new RecordException("Cannot record: cannot run COMMAND: program=\"" + request.command().get(0)
                        + "\" is not an executable file nor found on PATH");
            }
            for (String context : request.contexts()) {
                if (context.equals("prio")) {
                    throw new RecordException("Cannot record: the prio context crashes some kernels (lttng-modules"
                            + " 2.13 on Linux 6.1): leave it out of --context");
                }
            }
            checkOutput();
            HostFiles.checkKallsyms(host.proc());
            lttngVersion = lttng.version();
            if (loss != null) {
                loss.inspect();
                loss.probe();
            }
            sessionDaemonStarted = lttng.ensureSessionDaemon();
            if (sessionDaemonStarted) {
                say("started the LTTng session daemon (lttng-sessiond --daemonize); it keeps running");
            }
            lttng.checkKernelTracer(request.events());
        }

        int record() {
            Teardown teardown = new Teardown();
            boolean interrupted = false;
            try {
                interrupted = recordUntilDone(teardown);
            } catch (RecordException e) {
                error = e.getMessage();
                stoppedBy = "error";
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                Teardown.Result undone = teardown.run();
                stop = host.clock().instant();
                leftovers = undone.leftovers();
                warnings.addAll(undone.warnings());
                if (error != null) {
                    err.println("pdrop: " + error);
                }
                for (Leftover l : leftovers) {
                    err.println("pdrop: " + l.describe());
                }
                err.flush();
            }
            if (interrupted) {
                stoppedBy = "interrupt";
                say("interrupted: recording stopped and everything undone" + (leftovers.isEmpty() ? "" : " but the above"));
            }
            int status = status(interrupted);
            if (start != null) {
                status = save(status, interrupted);
            }
            for (String w : warnings) {
                err.println("pdrop: warning: " + w);
            }
            err.flush();
            if (start != null && Files.isDirectory(output)) {
                say("recorded to " + shownOutput + "; analyse it with:");
                out.println("pdrop " + Shell.quote(shownOutput.toString()));
                out.flush();
            }
            return status;
        }

        private int status(boolean interrupted) {
            if (error != null || !leftovers.isEmpty()) {
                return statuses.failed();
            }
            if (interrupted) {
                return statuses.interrupted();
            }
            return commandExitStatus != null ? commandExitStatus : statuses.ok();
        }

        /** @return whether the wait was interrupted */
        private boolean recordUntilDone(Teardown teardown) throws InterruptedException {
            if (!Files.exists(output)) {
                try {
                    Files.createDirectories(output);
                } catch (IOException e) {
                    throw new RecordException("Cannot create the output folder: path=" + output + ": " + e);
                }
                teardown.push("remove the empty output folder " + output, null, w -> removeIfNoFiles(output));
            }
            checkInterrupt();
            step(Lttng.create(session, output), host.timeouts().lttng(), "create the LTTng session", () ->
                    teardown.push("destroy the LTTng session " + session,
                            new Leftover("the LTTng session " + session, Lttng.destroy(session)), w -> destroy()));
            step(Lttng.enableEvents(session, request.events()), host.timeouts().lttng(), "enable the kernel events", null);
            step(Lttng.addContexts(session, request.contexts()), host.timeouts().lttng(), "add the contexts", null);
            checkInterrupt();
            step(Lttng.start(session), host.timeouts().lttng(), "start tracing", () ->
                    teardown.push("stop the LTTng session " + session, null, w -> stopSession()));
            start = host.clock().instant();
            checkInterrupt();
            if (loss != null) {
                try {
                    loss.apply();
                } finally {
                    if (loss.changed()) {
                        teardown.push("restore the root qdisc of " + loss.device(),
                                new Leftover("possibly pdrop's qdisc on " + loss.device(), loss.restoreCommand()),
                                loss::undo);
                    }
                }
                say("emulating " + request.loss().netemLoss() + " loss on " + loss.device() + " with `"
                        + Shell.join(loss.applyCommand()) + "`");
            }
            checkInterrupt();
            if (request.duration() != null) {
                say("recording to " + shownOutput + " (session " + session + ") for "
                        + describe(request.duration()) + "; Ctrl-C stops early");
                err.flush();
                try {
                    Thread.sleep(request.duration().toMillis(), request.duration().toNanosPart() % 1_000_000);
                } catch (InterruptedException e) {
                    return true;
                }
                stoppedBy = "duration";
                return false;
            }
            say("recording to " + shownOutput + " (session " + session + ") while `"
                    + Shell.join(request.command()) + "` runs; Ctrl-C stops early");
            return runCommand();
        }

        private boolean runCommand() {
            out.flush();
            err.flush();
            Process process;
            try {
                process = runner.startInteractive(request.command());
            } catch (IOException e) {
                throw new RecordException("Cannot run COMMAND: `" + Shell.join(request.command()) + "`: "
                        + e.getMessage());
            }
            try {
                commandExitStatus = process.waitFor();
                stoppedBy = "command";
                return false;
            } catch (InterruptedException e) {
                stopCommand(process);
                return true;
            }
        }

        /** SIGTERM to COMMAND and what it started, SIGKILL after the grace time; not interruptible. */
        private void stopCommand(Process process) {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.forEach(ProcessHandle::destroy);
            process.destroy();
            long deadline = System.nanoTime() + host.timeouts().commandGrace().toNanos();
            boolean interrupted = false;
            while (process.isAlive() && System.nanoTime() < deadline) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (process.isAlive()) {
                warnings.add("COMMAND did not exit within " + describe(host.timeouts().commandGrace())
                        + " of SIGTERM and was killed");
            }
            all.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Runs one recording step. {@code undo} (which pushes the step's undo) runs if the step
         * succeeded or timed out, since a step killed at its timeout may have done its work.
         */
        private void step(List<String> command, Duration timeout, String what, Runnable undo) {
            ProcessResult r = runner.run(command, timeout);
            if (undo != null && (r.ok() || r.timedOut())) {
                undo.run();
            }
            if (!r.ok()) {
                throw new RecordException("Failed to " + what + ": " + r.describe());
            }
        }

        private void stopSession() {
            ProcessResult r = runner.run(Lttng.stop(session), host.timeouts().lttngFlush());
            if (!r.ok()) {
                throw new RecordException(r.describe());
            }
        }

        private void destroy() {
            ProcessResult r = runner.run(Lttng.destroy(session), host.timeouts().lttngFlush());
            // A session whose create timed out may not exist: then there is nothing to destroy.
            if (!r.ok() && !(r.stderr().contains("not found") && !r.timedOut())) {
                throw new RecordException(r.describe());
            }
        }

        private void checkInterrupt() throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }

        /** Saves the host files and the manifest; returns the status, worsened by a failure. */
        private int save(int status, boolean interrupted) {
            int result = status;
            try {
                HostFiles.saveKallsyms(host.proc(), output.resolve(HostFiles.KALLSYMS));
                files.put("kallsyms", HostFiles.KALLSYMS);
            } catch (RecordException e) {
                err.println("pdrop: " + e.getMessage());
                error = error == null ? e.getMessage() : error;
                result = statuses.failed();
            }
            for (String event : HostFiles.FORMAT_EVENTS) {
                String name = HostFiles.formatFileName(event);
                try {
                    List<Path> candidates = HostFiles.formatCandidates(host.sys(), event);
                    if (HostFiles.copyFirst(candidates, output.resolve(name)) != null) {
                        files.put(event + "_format", name);
                    } else {
                        warnings.add("no tracepoint format file for skb/" + event + " (" + candidates.get(0)
                                + "): pdrop will name drop reasons from its own tables; mount tracefs"
                                + " (mount -t tracefs nodev /sys/kernel/tracing) to save the kernel's own");
                    }
                } catch (IOException e) {
                    warnings.add("cannot save " + name + ": " + e);
                }
            }
            String kernel = null;
            ProcessResult uname = runner.run(List.of("uname", "-a"), host.timeouts().tc());
            if (uname.ok()) {
                kernel = uname.stdout().strip();
                try {
                    HostFiles.writeText(output.resolve("uname.txt"), uname.stdout());
                    files.put("uname", "uname.txt");
                } catch (IOException e) {
                    warnings.add("cannot save uname.txt: " + e);
                }
            } else {
                warnings.add("cannot run uname -a: " + uname.describe());
            }
            if (interrupted && stoppedBy == null) {
                stoppedBy = "interrupt";
            }
            Manifest.Content content = new Manifest.Content(request.pdropVersion(), request.commandLine(), session,
                    output, time(start), time(stop), stoppedBy,
                    request.duration() == null ? null : request.duration().toNanos(), request.command(),
                    commandExitStatus, request.events().label(), request.events().describe(), request.contexts(),
                    lttngVersion, kernel, sessionDaemonStarted, loss == null ? List.of() : List.of(loss.change()),
                    files, warnings, leftovers, error, result);
            try {
                Manifest.write(output.resolve(Manifest.FILE), content);
            } catch (IOException e) {
                err.println("pdrop: Cannot write " + output.resolve(Manifest.FILE) + ": " + e);
                result = statuses.failed();
            }
            return result;
        }

        private OffsetDateTime time(Instant instant) {
            return instant == null ? null : OffsetDateTime.ofInstant(instant, host.clock().getZone());
        }

        private void checkRoot() {
            Path status = host.proc().resolve("self/status");
            String text;
            try (InputStream in = new java.io.FileInputStream(status.toFile())) {
                text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new RecordException("Cannot record: cannot tell whether pdrop runs as root: " + status + ": "
                        + e.getMessage());
            }
            String euid = text.lines().filter(l -> l.startsWith("Uid:")).map(l -> l.split("\\s+"))
                    .filter(f -> f.length > 2).map(f -> f[2]).findFirst().orElse("?");
            if (!euid.equals("0")) {
                throw new RecordException("Cannot record: kernel tracing and qdisc changes need root, and pdrop runs"
                        + " as uid " + euid + ": run it as root (sudo pdrop record ...)");
            }
        }

        private void requireProgram(String program, String hint) {
            if (runner.find(program).isEmpty()) {
                throw new RecordException("Cannot record: " + program + " not found on PATH: " + hint);
            }
        }

        private void checkOutput() {
            if (Files.exists(output)) {
                if (!Files.isDirectory(output)) {
                    throw new RecordException("Cannot record: the output path is not a folder: path=" + output
                            + ": choose a new or empty folder with -o DIR");
                }
                try (Stream<Path> entries = Files.list(output)) {
                    if (entries.findAny().isPresent()) {
                        throw new RecordException("Cannot record: the output folder is not empty: path=" + output
                                + ": choose a new or empty folder with -o DIR");
                    }
                } catch (IOException e) {
                    throw new RecordException("Cannot record: cannot read the output folder: path=" + output + ": " + e);
                }
            }
            Path existing = output;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                throw new RecordException("Cannot record: cannot create or write the output folder: path=" + output
                        + ": choose another folder with -o DIR");
            }
            long free;
            try {
                free = Files.getFileStore(existing).getUsableSpace();
            } catch (IOException e) {
                throw new RecordException("Cannot record: cannot tell the free space for path=" + output + ": " + e);
            }
            if (free < host.minFreeBytes()) {
                throw new RecordException("Cannot record: not enough free space for the trace: path=" + output
                        + ", free=" + megabytes(free) + ", needed=" + megabytes(host.minFreeBytes())
                        + ": free some space or choose another folder with -o DIR");
            }
        }

        private void say(String message) {
            err.println("pdrop: " + message);
            err.flush();
        }
    }

    /** Deletes {@code dir} and the folders below it if none holds a file (a failed recording's). */
    static void removeIfNoFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        if (all.stream().allMatch(Files::isDirectory)) {
            for (Path p : all) {
                if (!new File(p.toString()).delete()) {
                    throw new IOException("cannot delete " + p);
                }
            }
        }
    }

    private static String megabytes(long bytes) {
        return (bytes / 1_000_000) + " MB";
    }

    static String describe(Duration d) {
        if (d.toNanosPart() == 0 && d.toSeconds() % 60 != 0) {
            return d.toSeconds() + " s";
        }
        if (d.toNanosPart() == 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() + " ms";
    }
}

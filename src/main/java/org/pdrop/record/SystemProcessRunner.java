package org.pdrop.record;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link ProcessRunner} on {@link ProcessBuilder}, with an explicit environment.
 *
 * <p>Output goes to temporary files, not pipes: {@code lttng-sessiond --daemonize} and anything
 * else that leaves a child behind could keep a pipe open, and reading it would then never end.
 * Files are read with {@code java.io} streams, which an interrupt does not close.
 */
public final class SystemProcessRunner implements ProcessRunner {
    /** More than any {@code lttng list -k} output; a runaway program cannot exhaust the heap. */
    private static final int MAX_OUTPUT_BYTES = 16 << 20;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Map<String, String> environment;

    /** @param environment the complete environment of every program run, {@code PATH} included */
    public SystemProcessRunner(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<String> find(String program) {
        if (program.contains("/")) {
            File f = new File(program);
            return f.isFile() && f.canExecute() ? Optional.of(program) : Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(":", -1)) {
            File f = new File(dir.isEmpty() ? "." : dir, program);
            if (f.isFile() && f.canExecute()) {
                return Optional.of(f.getPath());
            }
        }
        return Optional.empty();
    }

    @Override
    public ProcessResult run(List<String> command, Duration timeout) {
        ProcessBuilder pb = builder(command);
        File out = null;
        File err = null;
        boolean interrupted = false;
        try {
            out = tempFile();
            err = tempFile();
            pb.redirectOutput(out).redirectError(err);
            Process process = pb.start();
            process.getOutputStream().close();
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean finished = false;
            for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                try {
                    finished = process.waitFor(left, TimeUnit.NANOSECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!finished) {
                interrupted |= kill(process);
            }
            return new ProcessResult(command, finished ? process.exitValue() : -1,
                    read(out), read(err), !finished);
        } catch (IOException e) {
            throw new RecordException("Cannot run `" + Shell.join(command) + "`: " + e.getMessage(), e);
        } finally {
            delete(out);
            delete(err);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Process startInteractive(List<String> command) throws IOException {
        return builder(command).inheritIO().start();
    }

    private ProcessBuilder builder(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        String program = find(command.get(0)).orElseThrow(() -> new RecordException(
                "Cannot run `" + Shell.join(command) + "`: " + command.get(0) + " not found on PATH"));
        List<String> argv = new ArrayList<>(command);
        argv.set(0, program);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb;
    }

    /** SIGTERM, then SIGKILL; waits uninterruptibly. Returns whether an interrupt came meanwhile. */
    private static boolean kill(Process process) {
        boolean interrupted = false;
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return interrupted;
                }
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    private static File tempFile() throws IOException {
        File f = File.createTempFile("pdrop-record-", ".txt");
        // Owner only: outputs may name sessions and paths.
        f.setReadable(false, false);
        f.setReadable(true, true);
        return f;
    }

    private static String read(File f) throws IOException {
        try (InputStream in = new FileInputStream(f)) {
            return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static void delete(File f) {
        if (f != null && !f.delete() && f.exists()) {
            f.deleteOnExit();
        }
    }
}

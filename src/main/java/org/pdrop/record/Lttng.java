package org.pdrop.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code lttng} commands of one recording, built as argument lists. Messages quote lttng's
 * own error line; the checks match the messages of lttng-tools 2.13 ({@code No session daemon is
 * available}, {@code Kernel tracer not available}).
 */
final class Lttng {
    static final String NO_SESSIOND = "No session daemon is available";
    static final String NO_KERNEL_TRACER = "Kernel tracer not available";
    private static final String INSTALL = "install lttng-tools and lttng-modules (Debian and Ubuntu:"
            + " apt install lttng-tools lttng-modules-dkms)";

    private final ProcessRunner runner;
    private final Timeouts timeouts;

    Lttng(ProcessRunner runner, Timeouts timeouts) {
        this.runner = runner;
        this.timeouts = timeouts;
    }

    static String installHint() {
        return INSTALL;
    }

    /** {@code lttng --version}'s line, for the record. */
    String version() {
        ProcessResult r = runner.run(List.of("lttng", "--version"), timeouts.lttng());
        if (!r.ok()) {
            throw new RecordException("Cannot record: lttng does not run: " + r.describe() + ": " + INSTALL);
        }
        return r.stdout().strip();
    }

    /**
     * Makes sure a session daemon answers, starting one if none does.
     *
     * @return whether pdrop started it (it keeps running afterwards, as a system's own would)
     */
    boolean ensureSessionDaemon() {
        ProcessResult r = runner.run(List.of("lttng", "list"), timeouts.lttng());
        if (r.ok()) {
            return false;
        }
        if (!(r.stderr() + r.stdout()).contains(NO_SESSIOND)) {
            throw new RecordException("Cannot record: the LTTng session daemon does not answer: " + r.describe()
                    + ": check `lttng list`, or restart lttng-sessiond");
        }
        if (runner.find("lttng-sessiond").isEmpty()) {
            throw new RecordException("Cannot record: no LTTng session daemon runs and lttng-sessiond is not on"
                    + " PATH: " + INSTALL);
        }
        ProcessResult start = runner.run(List.of("lttng-sessiond", "--daemonize"), timeouts.lttng());
        if (!start.ok()) {
            throw new RecordException("Cannot record: failed to start the LTTng session daemon: " + start.describe()
                    + ": start it yourself (lttng-sessiond --daemonize, or the lttng-sessiond service)");
        }
        ProcessResult again = runner.run(List.of("lttng", "list"), timeouts.lttng());
        if (!again.ok()) {
            throw new RecordException("Cannot record: the LTTng session daemon pdrop started does not answer: "
                    + again.describe());
        }
        return true;
    }

    /** The kernel tracer is there and knows every event of {@code events}. */
    void checkKernelTracer(EventSet events) {
        ProcessResult r = runner.run(List.of("lttng", "list", "-k"), timeouts.lttng());
        if (!r.ok()) {
            if ((r.stderr() + r.stdout()).contains(NO_KERNEL_TRACER)) {
                throw new RecordException("Cannot record: the LTTng kernel tracer is not available: " + r.describe()
                        + ": install lttng-modules for the running kernel (Debian and Ubuntu: apt install"
                        + " lttng-modules-dkms), then restart lttng-sessiond");
            }
            throw new RecordException("Cannot record: failed to list the kernel events: " + r.describe());
        }
        List<String> missing = new ArrayList<>();
        for (String event : events.requiredEvents()) {
            if (!Pattern.compile("(?m)^\\s*" + Pattern.quote(event) + "\\s").matcher(r.stdout()).find()) {
                missing.add(event);
            }
        }
        if (!missing.isEmpty()) {
            throw new RecordException("Cannot record: the LTTng kernel tracer lacks events: " + missing
                    + ": update lttng-modules, or choose another --events");
        }
    }

    static List<String> create(String session, Path output) {
        return List.of("lttng", "create", session, "--output=" + output);
    }

    static List<String> enableEvents(String session, EventSet events) {
        List<String> cmd = new ArrayList<>(List.of("lttng", "enable-event", "-k", "-s", session));
        cmd.addAll(events.enableArguments());
        return cmd;
    }

    static List<String> addContexts(String session, List<String> contexts) {
        List<String> cmd = new ArrayList<>(List.of("lttng", "add-context", "-k", "-s", session));
        for (String context : contexts) {
            cmd.add("-t");
            cmd.add(context);
        }
        return cmd;
    }

    static List<String> start(String session) {
        return List.of("lttng", "start", session);
    }

    static List<String> stop(String session) {
        return List.of("lttng", "stop", session);
    }

    static List<String> destroy(String session) {
        return List.of("lttng", "destroy", session);
    }
}

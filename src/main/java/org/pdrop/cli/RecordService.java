package org.pdrop.cli;

import java.io.PrintWriter;
import org.pdrop.record.ExitStatuses;
import org.pdrop.record.Host;
import org.pdrop.record.ProcessRunner;
import org.pdrop.record.Recorder;
import org.pdrop.record.RecordRequest;
import org.pdrop.record.SignalGuard;
import org.pdrop.record.SystemProcessRunner;

/** The seam between {@code pdrop record} and {@link Recorder}. */
@FunctionalInterface
public interface RecordService {
    /** The exit statuses {@link Recorder} returns, from {@link ExitCode}. */
    ExitStatuses STATUSES = new ExitStatuses(ExitCode.OK.code(), ExitCode.TRACER_FAILURE.code(),
            ExitCode.INTERRUPTED.code());

    /** This host, its environment, the real programs; looked at only when a recording starts. */
    RecordService SYSTEM = (request, out, err) -> on(Host.system()).record(request, out, err);

    /**
     * Records.
     *
     * @return the exit status: 0, COMMAND's exit status, {@link ExitCode#INTERRUPTED} or
     *     {@link ExitCode#TRACER_FAILURE}
     * @throws org.pdrop.record.RecordException if a check fails before anything was changed
     */
    int record(RecordRequest request, PrintWriter out, PrintWriter err);

    /** Records on {@code host} with its environment, interrupted by SIGINT, SIGTERM and SIGHUP. */
    static RecordService on(Host host) {
        return (request, out, err) -> {
            ProcessRunner runner = new SystemProcessRunner(host.environment());
            Recorder recorder = new Recorder(host, runner, STATUSES, out, err);
            return SignalGuard.run(() -> recorder.record(request), ExitCode.INTERRUPTED.code());
        };
    }
}

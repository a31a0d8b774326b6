package org.pdrop.record;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs programs from argument lists, never through a shell. Programs are looked up on the runner's
 * own {@code PATH}, not the JVM's, so tests put stand-in executables first without touching the
 * JVM's environment.
 */
public interface ProcessRunner {
    /**
     * Runs {@code command} to completion with standard input empty and both outputs captured.
     *
     * <p>Not interruptible: an interrupt while the program runs is remembered (the thread's
     * interrupt status is set again on return) but the program is waited for, up to
     * {@code timeout}. A step that was started is therefore always finished or killed before the
     * caller decides what to undo.
     *
     * @throws RecordException if the program cannot be found or started; a program that runs and
     *     fails is a result, not an exception
     */
    ProcessResult run(List<String> command, Duration timeout);

    /**
     * Starts {@code command} with pdrop's own standard input, output and error; the caller waits
     * for it and kills it.
     */
    Process startInteractive(List<String> command) throws IOException;

    /** Where {@code program} would be found, if anywhere. */
    Optional<String> find(String program);
}

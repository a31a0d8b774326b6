/**
 * {@code pdrop record}: drives the {@code lttng} and {@code tc} command-line tools to record a
 * self-contained kernel trace of packet drops, and undoes every change it made on every exit path.
 *
 * <p>{@link org.pdrop.record.Recorder} is the entry point. It runs programs only through
 * {@link org.pdrop.record.ProcessRunner} (argument lists, no shell, a timeout per step, captured
 * output), so tests run the real code against stand-in executables. Changes to the host are
 * undone by a {@link org.pdrop.record.Teardown}, last change first, exactly once.
 *
 * <p>JDK only, plus jackson-core's streaming API for {@code tc -j} output and
 * {@code pdrop-record.json}.
 */
package org.pdrop.record;

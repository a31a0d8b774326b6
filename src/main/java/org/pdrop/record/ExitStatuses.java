package org.pdrop.record;

/**
 * The exit statuses the recorder returns, given by the caller so that the command line's list of
 * exit codes stays the one place that defines them.
 *
 * @param ok recorded, everything undone
 * @param failed could not record, or could not undo everything
 * @param interrupted stopped by SIGINT, SIGTERM or SIGHUP, everything undone
 */
public record ExitStatuses(int ok, int failed, int interrupted) {
}

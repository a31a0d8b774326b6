package org.pdrop.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An input named on the command line that cannot be read; exit code {@link ExitCode#BAD_INPUT}.
 * Checked before any service runs, so the message names the path exactly as the user typed it.
 */
final class UnreadableInputException extends RuntimeException {
    // No cause: the message already says everything the IOException would.
    UnreadableInputException(String what, Path path, String reason) {
        super("Cannot read " + what + ": path=" + ErrorHandler.quote(path.toString())
                + ", reason=" + ErrorHandler.quote(reason));
    }

    /** Throws unless {@code path} exists and can be read ({@code what}: "trace", "kallsyms"). */
    static void check(String what, Path path) {
        try {
            if (!Files.exists(path)) {
                // Distinguish a missing file from a parent we may not search.
                Files.readAttributes(path, "basic:size");
                throw new NoSuchFileException(path.toString());
            }
            if (!Files.isReadable(path)) {
                throw new AccessDeniedException(path.toString());
            }
        } catch (IOException e) {
            throw new UnreadableInputException(what, path, ErrorHandler.reason(e));
        }
    }
}

package org.pdrop.record;

import java.util.List;

/**
 * How one program run ended.
 *
 * @param command the argument list as given (program name as given, not its resolved path)
 * @param exitCode the exit status; meaningless when {@code timedOut}
 * @param timedOut the program was still running at its timeout and was killed
 */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {
    public ProcessResult {
        command = List.copyOf(command);
    }

    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** The last non-blank line of standard error, else of standard output, else "". */
    public String lastLine() {
        String line = lastLine(stderr);
        return line.isEmpty() ? lastLine(stdout) : line;
    }

    /** {@code `lttng start x` exited with 1: Error: ...}, or {@code ... timed out}: for messages. */
    public String describe() {
        String what = "`" + Shell.join(command) + "`";
        if (timedOut) {
            return what + " did not finish in time and was killed";
        }
        String line = lastLine();
        return what + " exited with " + exitCode + (line.isEmpty() ? "" : ": " + line);
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}

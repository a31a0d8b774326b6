package org.pdrop.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every exit status pdrop can end with, in one place: the help's "Exit codes" section and the
 * README's table are both made from (or checked against) this enum.
 *
 * <p>There is deliberately no "partial result" code. Discarded events and skipped packets are
 * common on busy hosts; the report itself says what was lost and where (see STYLE.md §4), so a
 * run that produced a report ends with {@link #OK}. A script that needs to know can read the
 * loss records of {@code --format json}.
 */
public enum ExitCode {
    OK(0, "Success."),
    INTERNAL_ERROR(1, "Internal error (a bug): run again with --debug and report the stack trace."),
    USAGE(2, "Usage error: unknown option, missing or invalid argument."),
    BAD_INPUT(3, "Bad or unreadable input: missing file, corrupt or truncated trace, invalid metadata, unreadable kallsyms."),
    TRACER_FAILURE(4, "LTTng tools or relay daemon failure."),
    INTERRUPTED(130, "Interrupted (Ctrl-C).");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The table picocli prints under "Exit codes:", keys right-aligned like picocli's own. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exit : values()) {
            list.put(String.format("%3d", exit.code), exit.description);
        }
        return list;
    }
}

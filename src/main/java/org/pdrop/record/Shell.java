package org.pdrop.record;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders argument lists as text a person can paste into a POSIX shell. pdrop never runs a shell
 * itself; this is only for messages ("remove it with: ...").
 */
public final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {
    }

    public static String quote(String arg) {
        if (SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> args) {
        return args.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}

package org.pdrop.record;

import java.util.List;

/**
 * A change pdrop made and could not undo.
 *
 * @param what what is left, in words
 * @param removeCommand the command that removes it, to paste into a root shell
 */
public record Leftover(String what, List<String> removeCommand) {
    public Leftover {
        removeCommand = List.copyOf(removeCommand);
    }

    /** {@code left behind: ...; remove it with: ...}. */
    public String describe() {
        return "left behind: " + what + "; remove it with: " + Shell.join(removeCommand);
    }
}

package org.pdrop.ctf.ir;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where IR elements came from: the metadata file name and, per element instance, the line of the
 * TSDL text that declared it. Keys are compared by identity, since equal records may come from
 * different lines. Filled by the metadata builder; passes copy the line of an element they replace
 * with {@link #inherit}. IR built by hand has an empty map and errors then name no line.
 */
public final class SourceMap {
    private final String file;
    private final Map<Object, Integer> lines = new IdentityHashMap<>();

    public SourceMap(String file) {
        this.file = file;
    }

    /** A map for IR that does not come from a file. */
    public static SourceMap none() {
        return new SourceMap(null);
    }

    /** The metadata file name, or null. */
    public String file() {
        return file;
    }

    /** Records the line of {@code element} unless one is known already. */
    public void put(Object element, int line) {
        lines.putIfAbsent(element, line);
    }

    /** The line of {@code element}, or -1. */
    public int line(Object element) {
        Integer line = element == null ? null : lines.get(element);
        return line == null ? -1 : line;
    }

    /** Gives {@code newer}, which replaces {@code older}, the line of {@code older}. */
    public void inherit(Object newer, Object older) {
        if (newer != older) {
            Integer line = lines.get(older);
            if (line != null) {
                lines.putIfAbsent(newer, line);
            }
        }
    }
}

package org.pdrop.drops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pdrop.drops.reasons.ReasonName;
import org.pdrop.drops.reasons.ReasonNamer;
import org.pdrop.drops.reasons.ReasonSource;

/**
 * Builds the reason namer of one trace from what it has (format file, kernel release, enum
 * labels) and adapts its answers to the report model's {@link Reason}.
 */
final class ReasonNaming {
    /** Format-file names looked for next to a trace, as pdrop record and the lab save them. */
    static final List<String> FORMAT_FILE_NAMES = List.of("ftrace-kfree_skb-format.txt", "kfree_skb-format.txt");

    private static final Pattern TABLE_LINE = Pattern.compile("table (\\d+\\.\\d+)\\.txt");

    final ReasonNamer namer;
    final String description;
    final List<String> notes;

    private ReasonNaming(ReasonNamer namer, String description, List<String> notes) {
        this.namer = namer;
        this.description = description;
        this.notes = List.copyOf(notes);
    }

    /**
     * @param formatFile the format file to use, if one was given or found
     * @param release    the trace's kernel_release, or null
     * @param labels     the trace's reason enum labels, label to value
     */
    static ReasonNaming of(Optional<Path> formatFile, String release, Map<String, Long> labels) {
        ReasonNamer.Builder b = ReasonNamer.builder();
        List<String> notes = new ArrayList<>();
        if (formatFile.isPresent()) {
            try {
                b.formatFile(formatFile.get());
            } catch (IOException | RuntimeException e) {
                notes.add("cannot read format file " + formatFile.get() + ": " + e.getMessage());
            }
        }
        if (release != null) {
            b.kernelRelease(release);
        }
        b.traceEnumLabels(labels);
        ReasonNamer namer = b.build();
        notes.addAll(namer.notes());
        String description;
        if (namer.formatTable().isPresent()) {
            description = "format file " + formatFile.map(Path::toString).orElse("?");
        } else if (namer.shippedTable().isPresent()) {
            boolean approx = namer.shippedTable().get().kind() == ReasonSource.SHIPPED_APPROXIMATE;
            Matcher m = TABLE_LINE.matcher(namer.shippedTable().get().source());
            description = "table shipped with pdrop" + (m.find() ? " for Linux " + m.group(1) : "")
                    + (approx ? ", approximate for kernel " + release : "");
            notes.add("reason table source: " + namer.shippedTable().get().source());
        } else if (!labels.isEmpty()) {
            description = "the trace's enum labels only (other reasons are shown as numbers)";
        } else {
            description = "numbers only";
        }
        return new ReasonNaming(namer, description, notes);
    }

    /** True when some source of this naming has a reason of this (normalised) name. */
    boolean knows(String normalizedName) {
        return namer.formatTable().map(t -> t.valueOf(normalizedName).isPresent()).orElse(false)
                || namer.shippedTable().map(t -> t.valueOf(normalizedName).isPresent()).orElse(false)
                || namer.traceLabels().containsValue(normalizedName);
    }

    Reason name(long value) {
        return adapt(namer.name(value));
    }

    static Reason adapt(ReasonName n) {
        return new Reason(n.value(), n.name(), sourceLabel(n.source()), n.approximate(), n.possiblyTruncated(),
                n.isNotADrop());
    }

    static String sourceLabel(ReasonSource s) {
        switch (s) {
            case FORMAT_FILE:
                return Reason.FORMAT_FILE;
            case SHIPPED_EXACT:
                return Reason.SHIPPED_TABLE;
            case SHIPPED_APPROXIMATE:
                return Reason.SHIPPED_TABLE_APPROXIMATE;
            case TRACE_ENUM_LABEL:
                return Reason.TRACE_ENUM;
            case NUMBER:
                return Reason.NUMBER;
            default:
                throw new AssertionError(s);
        }
    }
}

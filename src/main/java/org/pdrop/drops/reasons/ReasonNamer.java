package org.pdrop.drops.reasons;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Names the {@code reason} values of one trace's {@code skb_kfree} events.
 *
 * <h2>Order of sources</h2>
 * For each value the first source that names it wins:
 * <ol>
 *   <li>the traced kernel's {@code kfree_skb} format file (exact). Values below
 *       {@code NOT_SPECIFIED}, which the tracepoint never prints, are filled from the enum's fixed
 *       layout: 0 is {@code NOT_DROPPED_YET}, and 1 is {@code CONSUMED} when {@code NOT_SPECIFIED}
 *       is 2;</li>
 *   <li>the table shipped for the kernel release line found in the trace's {@code kernel_release}
 *       ({@link ReasonSource#SHIPPED_EXACT}), else the nearest older shipped line
 *       ({@link ReasonSource#SHIPPED_APPROXIMATE}). No shipped table is used for releases before
 *       5.17 (distribution backports to 5.15, RHEL 8/9 kernels: their numbering is their own) or
 *       when the release is unknown;</li>
 *   <li>the trace's own enum labels (LTTng maps only {@code NOT_SPECIFIED} ... {@code UDP_CSUM} and
 *       {@code MAX});</li>
 *   <li>the bare number.</li>
 * </ol>
 * A shipped table is checked against the format file and the trace's labels: if a real reason
 * has a different number there, the table is not used at all; if only the end differs
 * ({@code MAX}, or a value the table lacks) it is used but marked approximate.
 *
 * <h2>Truncation</h2>
 * LTTng records the reason in 8 bits, so a kernel value of 256 or more arrives as its low byte.
 * A recorded value {@code v} (0..255) is flagged {@link ReasonName#possiblyTruncated()} when:
 * <ul>
 *   <li>a table is known (format file, else the shipped table in use) and it has a reason
 *       {@code k >= 256} (not {@code MAX}) with {@code k % 256 == v}; or</li>
 *   <li>no table is known and the kernel is 6.4 or newer, or its release is unknown: from 6.4 on,
 *       subsystem reasons carry the subsystem in the upper 16 bits
 *       ({@link DropReasons#SUBSYS_MASK}), and without a table nothing rules that out.</li>
 * </ul>
 * With a table, subsystem reasons (mac80211, openvswitch, qdisc) are not flagged value by value,
 * because every small value could be one; {@link #subsystemReasonsPossible()} tells whether the
 * trace's kernel can emit them at all, so a report can say so once. Values above 255 cannot have
 * been truncated and are never flagged.
 */
public final class ReasonNamer {

    private final ReasonTable formatTable;
    private final ReasonTable shippedTable;
    private final KernelRelease release;
    private final SortedMap<Long, String> traceLabels;
    private final List<String> notes;

    private ReasonNamer(Builder b) {
        List<String> log = new ArrayList<>();
        this.release = b.release;
        this.traceLabels = Collections.unmodifiableSortedMap(new TreeMap<>(b.labels));
        this.formatTable = formatTableOf(b.format, log);
        this.shippedTable = chooseShipped(b.tables, release, formatTable, traceLabels, log);
        this.notes = List.copyOf(log);
    }

    /** A builder; all inputs are optional. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Shorthand for the builder.
     *
     * @param formatText      text of the kfree_skb format file, or null
     * @param kernelRelease   the trace's {@code kernel_release}, or null
     * @param traceEnumLabels label-to-value map of the trace's reason enum, or null
     */
    public static ReasonNamer of(String formatText, String kernelRelease, Map<String, ? extends Number> traceEnumLabels) {
        Builder b = builder();
        if (formatText != null) {
            b.formatText(formatText);
        }
        if (kernelRelease != null) {
            b.kernelRelease(kernelRelease);
        }
        if (traceEnumLabels != null) {
            b.traceEnumLabels(traceEnumLabels);
        }
        return b.build();
    }

    /** Names one recorded value. */
    public ReasonName name(long value) {
        boolean truncated = possiblyTruncated(value);
        if (formatTable != null) {
            Optional<String> n = formatTable.name(value);
            if (n.isPresent()) {
                return new ReasonName(value, n.get(), ReasonSource.FORMAT_FILE, false, truncated);
            }
        }
        if (shippedTable != null) {
            Optional<String> n = shippedTable.name(value);
            if (n.isPresent()) {
                ReasonSource kind = shippedTable.kind();
                return new ReasonName(value, n.get(), kind, kind.isApproximate(), truncated);
            }
        }
        String label = traceLabels.get(value);
        if (label != null) {
            return new ReasonName(value, label, ReasonSource.TRACE_ENUM_LABEL, false, truncated);
        }
        return new ReasonName(value, null, ReasonSource.NUMBER, false, truncated);
    }

    /** The truncation rule described in the class comment. */
    public boolean possiblyTruncated(long value) {
        if (value < 0 || value > 0xFF) {
            return false;
        }
        ReasonTable table = formatTable != null ? formatTable : shippedTable;
        if (table != null) {
            return !table.valuesTruncatingTo((int) value).isEmpty();
        }
        return release == null || release.isAtLeast(6, 4);
    }

    /**
     * Whether the traced kernel may emit subsystem drop reasons (value with a non-zero
     * {@link DropReasons#SUBSYS_MASK} part), which LTTng records as their low byte: true for
     * kernels 6.4 and newer, and when the release is unknown.
     */
    public boolean subsystemReasonsPossible() {
        return release == null || release.isAtLeast(6, 4);
    }

    /** The table read from the format file (with the implied values below NOT_SPECIFIED). */
    public Optional<ReasonTable> formatTable() {
        return Optional.ofNullable(formatTable);
    }

    /** The shipped table in use, if any (kind SHIPPED_EXACT or SHIPPED_APPROXIMATE). */
    public Optional<ReasonTable> shippedTable() {
        return Optional.ofNullable(shippedTable);
    }

    /** The kernel release line, if a release string was given and readable. */
    public Optional<KernelRelease> kernelRelease() {
        return Optional.ofNullable(release);
    }

    /** The trace's enum labels, value to normalised name. */
    public SortedMap<Long, String> traceLabels() {
        return traceLabels;
    }

    /** Why tables were used, demoted or rejected, for a report's diagnostics. */
    public List<String> notes() {
        return notes;
    }

    private static ReasonTable formatTableOf(FormatFile format, List<String> log) {
        if (format == null) {
            return null;
        }
        if (format.kind() == FormatFile.EventKind.CONSUME_SKB) {
            log.add("format file is for consume_skb, which has no reason: ignored");
            return null;
        }
        Optional<ReasonTable> t = format.table();
        if (t.isEmpty()) {
            log.add(format.hasReasonField()
                    ? "format file has a reason field but lists no reason numbers"
                    : "format file has no reason field (kernel without drop reasons)");
            return null;
        }
        ReasonTable printed = t.get();
        long notSpecified = printed.valueOf(DropReasons.NOT_SPECIFIED).orElse(-1);
        TreeMap<Long, String> implied = new TreeMap<>();
        if (notSpecified == 1 || notSpecified == 2) {
            implied.put(0L, DropReasons.NOT_DROPPED_YET);
        }
        if (notSpecified == 2) {
            implied.put(1L, DropReasons.CONSUMED);
        }
        if (implied.isEmpty()) {
            return printed;
        }
        return printed.plusMissing(implied, printed.source() + ", with " + implied
                + " implied by the enum layout");
    }

    private static ReasonTable chooseShipped(ShippedTables tables, KernelRelease release, ReasonTable format,
                                             SortedMap<Long, String> labels, List<String> log) {
        if (release == null) {
            log.add("no kernel release: no shipped table");
            return null;
        }
        if (!release.isAtLeast(5, 17)) {
            log.add("kernel " + release.text() + " is older than 5.17: pdrop ships no table for it");
            return null;
        }
        ReasonTable candidate;
        Optional<ShippedTables.ShippedTable> exact = tables.forLine(release);
        if (exact.isPresent()) {
            candidate = exact.get().table().withKind(ReasonSource.SHIPPED_EXACT);
        } else {
            Optional<ShippedTables.ShippedTable> older = tables.nearestOlder(release);
            if (older.isEmpty()) {
                log.add("no shipped table for " + release.line() + " or an older line");
                return null;
            }
            candidate = older.get().table().withKind(ReasonSource.SHIPPED_APPROXIMATE);
            log.add("no shipped table for " + release.line() + ": using " + older.get().line().line()
                    + " (approximate)");
        }
        if (format != null) {
            candidate = checked(candidate, format.entries(), "the format file", log);
        }
        if (candidate != null && !labels.isEmpty()) {
            candidate = checked(candidate, labels, "the trace's enum labels", log);
        }
        return candidate;
    }

    private static ReasonTable checked(ReasonTable candidate, Map<Long, String> evidence, String what,
                                       List<String> log) {
        switch (candidate.agreementWith(evidence)) {
            case AGREES:
                return candidate;
            case PARTIAL:
                log.add("shipped table differs from " + what + " at the end of the enum: approximate");
                return candidate.withKind(ReasonSource.SHIPPED_APPROXIMATE);
            default:
                log.add("shipped table numbers reasons differently from " + what + ": not used");
                return null;
        }
    }

    /** Collects the inputs of a {@link ReasonNamer}. */
    public static final class Builder {
        private FormatFile format;
        private KernelRelease release;
        private final TreeMap<Long, String> labels = new TreeMap<>();
        private ShippedTables tables;

        private Builder() {
        }

        /** Reads the kfree_skb format file saved with the trace. */
        public Builder formatFile(Path path) throws IOException {
            this.format = FormatFile.read(path);
            return this;
        }

        /** Uses format-file text. */
        public Builder formatText(String text) {
            this.format = FormatFile.parse(Objects.requireNonNull(text, "text"));
            return this;
        }

        /** Uses an already parsed format file. */
        public Builder format(FormatFile parsed) {
            this.format = parsed;
            return this;
        }

        /** The trace's {@code kernel_release}; ignored when it does not start with N.N. */
        public Builder kernelRelease(String kernelRelease) {
            this.release = KernelRelease.parse(kernelRelease).orElse(null);
            return this;
        }

        /**
         * The labels of the trace's {@code reason} enum, label to value; names are normalised
         * (leading underscore and {@code SKB_DROP_REASON_} prefix dropped).
         */
        public Builder traceEnumLabels(Map<String, ? extends Number> labelToValue) {
            for (Map.Entry<String, ? extends Number> e : labelToValue.entrySet()) {
                labels.putIfAbsent(e.getValue().longValue(), DropReasons.normalizeName(e.getKey()));
            }
            return this;
        }

        /** Replaces the built-in shipped tables (for tests). */
        public Builder shippedTables(ShippedTables shipped) {
            this.tables = Objects.requireNonNull(shipped, "shipped");
            return this;
        }

        public ReasonNamer build() {
            if (tables == null) {
                tables = ShippedTables.builtIn();
            }
            return new ReasonNamer(this);
        }
    }
}

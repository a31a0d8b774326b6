package org.pdrop.drops.reasons;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable map from drop-reason number to name for one kernel, with where it came from.
 *
 * <p>Names are stored as the tracepoint prints them ({@code QDISC_DROP}, without the
 * {@code SKB_DROP_REASON_} prefix). A table may contain {@code NOT_DROPPED_YET}, {@code CONSUMED}
 * and the {@code MAX} end marker.
 *
 * @param entries number-to-name map (copied, sorted, unmodifiable)
 * @param kind    what kind of source the table is
 * @param source  a human-readable description of the exact source (file, package, version)
 */
public record ReasonTable(SortedMap<Long, String> entries, ReasonSource kind, String source) {

    /** How well a table matches other evidence about the traced kernel's numbering. */
    public enum Agreement {
        /** Every value the evidence names has the same name in the table. */
        AGREES,
        /**
         * They differ only at the end of the enum: a {@code MAX} at a different value, or values the
         * table does not have. Typical for another point release of the same line that appended a
         * reason; the table's lower numbers are probably right but not certain.
         */
        PARTIAL,
        /** Some real reason has a different number: the table is for another numbering. */
        DISAGREES
    }

    public ReasonTable {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        TreeMap<Long, String> copy = new TreeMap<>();
        for (Map.Entry<Long, String> e : entries.entrySet()) {
            Long value = Objects.requireNonNull(e.getKey(), "value");
            String name = Objects.requireNonNull(e.getValue(), "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("blank name for value " + value);
            }
            copy.put(value, name);
        }
        entries = Collections.unmodifiableSortedMap(copy);
    }

    /** Creates a table from a plain map. */
    public static ReasonTable of(Map<Long, String> entries, ReasonSource kind, String source) {
        return new ReasonTable(new TreeMap<>(entries), kind, source);
    }

    /** The name of {@code value}, if the table has it. */
    public Optional<String> name(long value) {
        return Optional.ofNullable(entries.get(value));
    }

    /** The number of the reason called {@code name} (any spelling {@link DropReasons#normalizeName} accepts). */
    public OptionalLong valueOf(String name) {
        String wanted = DropReasons.normalizeName(name);
        for (Map.Entry<Long, String> e : entries.entrySet()) {
            if (e.getValue().equals(wanted)) {
                return OptionalLong.of(e.getKey());
            }
        }
        return OptionalLong.empty();
    }

    /** The value of the {@code MAX} end marker, if the table has one. */
    public OptionalLong max() {
        return valueOf(DropReasons.MAX);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The same entries with another kind (e.g. a shipped table demoted to approximate). */
    public ReasonTable withKind(ReasonSource newKind) {
        return new ReasonTable(entries, newKind, source);
    }

    /** This table plus {@code extra} entries for values it does not have (its own entries win). */
    public ReasonTable plusMissing(Map<Long, String> extra, String newSource) {
        TreeMap<Long, String> merged = new TreeMap<>(extra);
        merged.putAll(entries);
        return new ReasonTable(merged, kind, newSource);
    }

    /**
     * Reasons of this table that LTTng's 8-bit field would record as {@code lowByte}: values of
     * 256 or more (other than {@code MAX}, which is never emitted) whose low byte is {@code lowByte}.
     */
    public List<Long> valuesTruncatingTo(int lowByte) {
        List<Long> out = new ArrayList<>();
        for (Map.Entry<Long, String> e : entries.tailMap(256L).entrySet()) {
            if ((e.getKey() & 0xFF) == lowByte && !e.getValue().equals(DropReasons.MAX)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * Compares this table with number-to-name evidence about the traced kernel (a format file's
     * table, or the trace's enum labels). Values the evidence does not mention are not compared.
     */
    public Agreement agreementWith(Map<Long, String> evidence) {
        Agreement result = Agreement.AGREES;
        OptionalLong myMax = max();
        for (Map.Entry<Long, String> e : evidence.entrySet()) {
            long value = e.getKey();
            String theirs = DropReasons.normalizeName(e.getValue());
            if (theirs.equals(DropReasons.MAX)) {
                if (myMax.isEmpty() || myMax.getAsLong() != value) {
                    result = Agreement.PARTIAL;
                }
                continue;
            }
            String mine = entries.get(value);
            if (mine == null || mine.equals(DropReasons.MAX)) {
                result = Agreement.PARTIAL;
            } else if (!mine.equals(theirs)) {
                return Agreement.DISAGREES;
            }
        }
        return result;
    }
}

package org.pdrop.drops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which drops to keep, as the user wrote it. Every list means "any of" (empty: no restriction);
 * different criteria combine with "and". Reasons, protocols and symbols stay text because their
 * meaning depends on the traced kernel; {@link DropFilters#compile} turns this into
 * {@link DropFilter}s.
 *
 * @param reasons   reason names (case-insensitive, with or without {@code SKB_DROP_REASON_}) or numbers
 * @param protocols protocol names ({@code ipv4}, {@code arp}) or numbers ({@code 2048}, {@code 0x0800})
 * @param symbols   globs on the symbol name ({@code tcp_*}, {@code ip_defrag}); {@code *}, {@code ?}
 *                  and {@code [abc]} as in a shell
 * @param processes process names ({@code procname} context), exact
 * @param tids      thread ids ({@code tid} context, else {@code vtid})
 */
public record FilterSpec(Optional<TimeBound> begin, Optional<TimeBound> end, List<Integer> cpus,
                         List<String> reasons, List<String> protocols, List<String> symbols,
                         List<String> processes, List<Long> tids) {
    public static final FilterSpec NONE = new FilterSpec(Optional.empty(), Optional.empty(), List.of(),
            List.of(), List.of(), List.of(), List.of(), List.of());

    public FilterSpec {
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
        cpus = List.copyOf(cpus);
        reasons = List.copyOf(reasons);
        protocols = List.copyOf(protocols);
        symbols = List.copyOf(symbols);
        processes = List.copyOf(processes);
        tids = List.copyOf(tids);
    }

    public boolean isEmpty() {
        return this.equals(NONE);
    }
}

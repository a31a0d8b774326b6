package org.pdrop.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pdrop.drops.TimeBound;

/**
 * Which drops to keep. Every list is "any of" (empty: no restriction); different options
 * combine with "and". Reasons, protocols, symbols and processes stay text here: what a reason
 * name means depends on the traced kernel, so the analysis resolves them.
 *
 * @param reasons reason names (case-insensitive, with or without {@code SKB_DROP_REASON_}) or numbers
 * @param protocols protocol names ({@code ipv4}, {@code arp}, ...) or numbers ({@code 2048}, {@code 0x0800})
 * @param symbols globs on the symbol name ({@code tcp_*}, {@code ip_defrag})
 * @param processes process names ({@code procname} context)
 */
public record FilterConfig(Optional<TimeBound> begin, Optional<TimeBound> end, List<Integer> cpus,
                           List<String> reasons, List<String> protocols, List<String> symbols,
                           List<String> processes, List<Integer> tids) {
    public static final FilterConfig NONE = new FilterConfig(Optional.empty(), Optional.empty(),
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public FilterConfig {
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
        cpus = List.copyOf(cpus);
        reasons = List.copyOf(reasons);
        protocols = List.copyOf(protocols);
        symbols = List.copyOf(symbols);
        processes = List.copyOf(processes);
        tids = List.copyOf(tids);
        if (begin.isPresent() && end.isPresent() && endsBeforeBegin(begin.get(), end.get())) {
            throw new IllegalArgumentException("--end must not be before --begin");
        }
        for (int cpu : cpus) {
            if (cpu < 0) {
                throw new IllegalArgumentException("--cpu must not be negative, got " + cpu);
            }
        }
    }

    /** Only comparable when both bounds are of the same kind; mixed kinds are checked by the analysis. */
    private static boolean endsBeforeBegin(TimeBound begin, TimeBound end) {
        if (begin instanceof TimeBound.At b && end instanceof TimeBound.At e) {
            return e.instant().isBefore(b.instant());
        }
        if (begin instanceof TimeBound.AfterStart b && end instanceof TimeBound.AfterStart e) {
            return e.offset().compareTo(b.offset()) < 0;
        }
        return false;
    }
}

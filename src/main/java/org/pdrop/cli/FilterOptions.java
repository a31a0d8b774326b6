package org.pdrop.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import org.pdrop.drops.FilterSpec;
import org.pdrop.drops.TimeBound;

/** Mixin: which drops analyze keeps. Repeating an option, or giving a comma list, means "any of". */
final class FilterOptions {
    @Option(names = "--begin", paramLabel = "TIME", converter = TimeSyntax.TimeBoundConverter.class,
            description = "Ignore drops before TIME: 'YYYY-MM-DD HH:MM:SS[.nnnnnnnnn]' in local time,"
                    + " or +DURATION after the trace start (+1.5s).")
    TimeBound begin;

    @Option(names = "--end", paramLabel = "TIME", converter = TimeSyntax.TimeBoundConverter.class,
            description = "Ignore drops after TIME (same forms as --begin).")
    TimeBound end;

    @Option(names = "--cpu", paramLabel = "N", split = ",", description = "Only drops on these CPUs.")
    List<Integer> cpus;

    @Option(names = "--reason", paramLabel = "REASON", split = ",",
            description = "Only these drop reasons: names as the traced kernel has them (NO_SOCKET) or numbers.")
    List<String> reasons;

    @Option(names = "--protocol", paramLabel = "PROTO", split = ",",
            description = "Only these protocols: names (ipv4, ipv6, arp) or EtherType numbers (0x0800).")
    List<String> protocols;

    @Option(names = "--symbol", paramLabel = "GLOB",
            description = "Only drops in functions matching GLOB (tcp_*); repeatable.")
    List<String> symbols;

    @Option(names = "--process", paramLabel = "NAME", description = "Only drops in processes with this name; repeatable.")
    List<String> processes;

    @Option(names = "--tid", paramLabel = "TID", split = ",", description = "Only drops in these threads.")
    List<Long> tids;

    /** The analysis' filter spec; usage errors (end before begin, negative CPU) as IllegalArgumentException. */
    FilterSpec toConfig() {
        if (begin != null && end != null && endsBeforeBegin(begin, end)) {
            throw new IllegalArgumentException("--end must not be before --begin");
        }
        for (int cpu : orEmpty(cpus)) {
            if (cpu < 0) {
                throw new IllegalArgumentException("--cpu must not be negative, got " + cpu);
            }
        }
        return new FilterSpec(Optional.ofNullable(begin), Optional.ofNullable(end), orEmpty(cpus),
                orEmpty(reasons), orEmpty(protocols), orEmpty(symbols), orEmpty(processes), orEmpty(tids));
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

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

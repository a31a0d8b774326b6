package org.pdrop.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
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
    List<Integer> tids;

    FilterConfig toConfig() {
        return new FilterConfig(Optional.ofNullable(begin), Optional.ofNullable(end), orEmpty(cpus),
                orEmpty(reasons), orEmpty(protocols), orEmpty(symbols), orEmpty(processes), orEmpty(tids));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

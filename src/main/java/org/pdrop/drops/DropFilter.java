package org.pdrop.drops;

import java.util.List;
import java.util.Set;

/**
 * One criterion a reported drop must meet. Filters are plain data; {@link DropFilters#predicate}
 * compiles a list of them (combined with "and") into one predicate, once per run.
 */
public sealed interface DropFilter permits DropFilter.Window, DropFilter.CpuIn, DropFilter.ReasonIn,
        DropFilter.ProtocolIn, DropFilter.SymbolGlob, DropFilter.ProcessIn, DropFilter.TidIn {

    /** {@code beginNs <= t <= endNs}, ns since the epoch ({@code Long.MIN_VALUE/MAX_VALUE}: open). */
    record Window(long beginNs, long endNs) implements DropFilter {
        public Window {
            if (endNs < beginNs) {
                throw new IllegalArgumentException("the time window ends before it begins: begin-ns=" + beginNs
                        + ", end-ns=" + endNs);
            }
        }
    }

    record CpuIn(Set<Integer> cpus) implements DropFilter {
        public CpuIn {
            cpus = Set.copyOf(cpus);
        }
    }

    /**
     * A reason with one of these values, or whose name (normalised: upper case, no
     * {@code SKB_DROP_REASON_} prefix) is one of these. Events without a reason never match.
     */
    record ReasonIn(Set<Long> values, Set<String> names) implements DropFilter {
        public ReasonIn {
            values = Set.copyOf(values);
            names = Set.copyOf(names);
        }
    }

    /** {@code skb->protocol} (host-order EtherType) is one of these. */
    record ProtocolIn(Set<Integer> protocols) implements DropFilter {
        public ProtocolIn {
            protocols = Set.copyOf(protocols);
        }
    }

    /**
     * The location's symbol matches one of these shell globs; a glob with a {@code +} is matched
     * against {@code symbol+offset}. Unresolved locations never match.
     */
    record SymbolGlob(List<String> globs) implements DropFilter {
        public SymbolGlob {
            globs = List.copyOf(globs);
        }
    }

    /** The {@code procname} context is one of these (events without it never match). */
    record ProcessIn(Set<String> names) implements DropFilter {
        public ProcessIn {
            names = Set.copyOf(names);
        }
    }

    /** The {@code tid} context (else {@code vtid}) is one of these. */
    record TidIn(Set<Long> tids) implements DropFilter {
        public TidIn {
            tids = Set.copyOf(tids);
        }
    }
}

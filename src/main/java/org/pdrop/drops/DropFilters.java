package org.pdrop.drops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.pdrop.drops.reasons.DropReasons;

/** Turns a {@link FilterSpec} into {@link DropFilter}s, and those into one predicate. */
public final class DropFilters {
    private DropFilters() {
    }

    /**
     * The filters a spec describes, given the trace's first event time (for {@code +DURATION}
     * bounds). An empty spec gives an empty list.
     *
     * @throws IllegalArgumentException for a protocol or reason that cannot be read, or a window
     *                                  that ends before it begins
     */
    public static List<DropFilter> compile(FilterSpec spec, long traceStartNs) {
        List<DropFilter> out = new ArrayList<>();
        window(spec, traceStartNs).ifPresent(out::add);
        if (!spec.cpus().isEmpty()) {
            out.add(new DropFilter.CpuIn(new HashSet<>(spec.cpus())));
        }
        if (!spec.reasons().isEmpty()) {
            out.add(reasons(spec.reasons()));
        }
        if (!spec.protocols().isEmpty()) {
            Set<Integer> p = new HashSet<>();
            for (String s : spec.protocols()) {
                OptionalInt v = Protocols.parse(s);
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("Cannot read protocol: value=\"" + s
                            + "\", expected=\"a name such as ipv4, ipv6, arp, vlan, or a number such as 2048 or 0x0800\"");
                }
                p.add(v.getAsInt());
            }
            out.add(new DropFilter.ProtocolIn(p));
        }
        if (!spec.symbols().isEmpty()) {
            out.add(new DropFilter.SymbolGlob(spec.symbols()));
        }
        if (!spec.processes().isEmpty()) {
            out.add(new DropFilter.ProcessIn(new HashSet<>(spec.processes())));
        }
        if (!spec.tids().isEmpty()) {
            out.add(new DropFilter.TidIn(new HashSet<>(spec.tids())));
        }
        return out;
    }

    /** The time window of a spec, if it has a bound. */
    public static java.util.Optional<DropFilter.Window> window(FilterSpec spec, long traceStartNs) {
        if (spec.begin().isEmpty() && spec.end().isEmpty()) {
            return java.util.Optional.empty();
        }
        long b = spec.begin().map(t -> t.resolveNs(traceStartNs)).orElse(Long.MIN_VALUE);
        long e = spec.end().map(t -> t.resolveNs(traceStartNs)).orElse(Long.MAX_VALUE);
        return java.util.Optional.of(new DropFilter.Window(b, e));
    }

    static DropFilter.ReasonIn reasons(List<String> texts) {
        Set<Long> values = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (String t : texts) {
            String s = t.trim();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("Cannot read reason: value=\"\"");
            }
            try {
                values.add(s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16)
                        : Long.parseLong(s));
            } catch (NumberFormatException e) {
                names.add(normalizeReason(s));
            }
        }
        return new DropFilter.ReasonIn(values, names);
    }

    /** Upper case, one leading underscore and the {@code SKB_DROP_REASON_}/{@code SKB_} prefix removed. */
    public static String normalizeReason(String name) {
        return DropReasons.normalizeName(name);
    }

    /** One predicate for all filters ("and"); always true for an empty list. */
    public static Predicate<DropEvent> predicate(List<DropFilter> filters) {
        Predicate<DropEvent> p = e -> true;
        for (DropFilter f : filters) {
            p = p.and(predicate(f));
        }
        return p;
    }

    static Predicate<DropEvent> predicate(DropFilter f) {
        if (f instanceof DropFilter.Window w) {
            long b = w.beginNs();
            long end = w.endNs();
            return e -> e.timestampNs() >= b && e.timestampNs() <= end;
        }
        if (f instanceof DropFilter.CpuIn c) {
            Set<Integer> cpus = c.cpus();
            return e -> cpus.contains(e.cpu());
        }
        if (f instanceof DropFilter.ReasonIn r) {
            Set<Long> values = r.values();
            Set<String> names = r.names();
            return e -> e.reason() != null && (values.contains(e.reason().value())
                    || (e.reason().name() != null && names.contains(normalizeReason(e.reason().name()))));
        }
        if (f instanceof DropFilter.ProtocolIn p) {
            Set<Integer> protocols = p.protocols();
            return e -> protocols.contains(e.protocol());
        }
        if (f instanceof DropFilter.SymbolGlob g) {
            List<Pattern> plain = new ArrayList<>();
            List<Pattern> withOffset = new ArrayList<>();
            for (String glob : g.globs()) {
                (glob.contains("+") ? withOffset : plain).add(globToRegex(glob));
            }
            return e -> {
                Site s = e.location();
                if (s == null || !s.resolved()) {
                    return false;
                }
                for (Pattern p : plain) {
                    if (p.matcher(s.symbol()).matches()) {
                        return true;
                    }
                }
                if (!withOffset.isEmpty()) {
                    String so = s.symbolAndOffset();
                    for (Pattern p : withOffset) {
                        if (p.matcher(so).matches()) {
                            return true;
                        }
                    }
                }
                return false;
            };
        }
        if (f instanceof DropFilter.ProcessIn p) {
            Set<String> names = p.names();
            return e -> {
                String n = e.context().procname();
                return n != null && names.contains(n);
            };
        }
        if (f instanceof DropFilter.TidIn t) {
            Set<Long> tids = t.tids();
            return e -> {
                long tid = e.context().longValue("tid");
                if (tid == Long.MIN_VALUE) {
                    tid = e.context().longValue("vtid");
                }
                return tid != Long.MIN_VALUE && tids.contains(tid);
            };
        }
        throw new AssertionError(f);
    }

    /** A shell glob as a regular expression: {@code *}, {@code ?}, {@code [abc]}, {@code [!abc]}. */
    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int close = glob.indexOf(']', i + 2);
                String body = glob.substring(i + 1, close);
                re.append('[');
                if (body.startsWith("!") || body.startsWith("^")) {
                    re.append('^');
                    body = body.substring(1);
                }
                for (char b : body.toCharArray()) {
                    if (b == '\\' || b == '[' || b == ']' || b == '&' || b == '^') {
                        re.append('\\');
                    }
                    re.append(b);
                }
                re.append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Pattern.compile(re.toString());
    }
}

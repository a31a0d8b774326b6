package org.pdrop.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.gen.TraceGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pdrop generate}: a hidden command for benchmarks and tests (issue #5) that writes a
 * synthetic LTTng kernel trace from a template trace ({@link TraceGenerator}), or with
 * {@code --cut N} a short piece of the template.
 */
@Command(name = "generate", hidden = true, sortOptions = false, optionListHeading = "%nOptions:%n",
        mixinStandardHelpOptions = true,
        description = {"Write a synthetic LTTng kernel trace of any size into OUT/kernel, with the metadata and the "
                + "event mix of a template trace (for benchmarks and tests).",
                "With --cut N, copy instead the first N events at or after --cut-from of each stream of the "
                        + "template, unchanged, into fresh packets."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--template", required = true, paramLabel = "DIR",
            description = "A folder holding one CTF trace (an LTTng kernel trace folder or session folder).")
    Path template;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder; the trace goes into OUT/kernel, which must not exist or be empty.")
    Path out;

    @Option(names = "--size", defaultValue = "64MB", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "Total size of the stream files: bytes or a number with kB, MB, GB (powers of 1000) or "
                    + "KiB, MiB, GiB (default ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--cpus", defaultValue = "4", description = "Streams, one per CPU (default ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--kfree-share", defaultValue = "0.02", paramLabel = "SHARE",
            description = "Share of skb_kfree events, 0 to 1, or -1 for the template's (default ${DEFAULT-VALUE}).")
    double kfreeShare;

    @Option(names = "--discard-every", defaultValue = "0", paramLabel = "N",
            description = "Every Nth packet of a stream reports 1 to 1000 discarded events; 0 for none "
                    + "(default ${DEFAULT-VALUE}).")
    int discardEvery;

    @Option(names = "--idle-every", defaultValue = "1000000", paramLabel = "N",
            description = "Every Nth event of a stream comes after an idle gap of 2^27 to 2^33 cycles (which needs "
                    + "LTTng's extended event header); 0 for none (default ${DEFAULT-VALUE}).")
    long idleEvery;

    @Option(names = "--packet-size", defaultValue = "1MiB", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "Packet (sub-buffer) size (default ${DEFAULT-VALUE}).")
    long packetSize;

    @Option(names = "--channel", defaultValue = "channel0",
            description = "Channel name: stream files are CHANNEL_CPU (default ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--threads", paramLabel = "N",
            description = "Streams written at once (default: the smaller of --cpus and the processor count).")
    Integer threads;

    @Option(names = "--cut", paramLabel = "N",
            description = "Cut mode: at most N events per stream of the template, unchanged.")
    Long cut;

    @Option(names = "--cut-from", defaultValue = "0s", paramLabel = "DURATION",
            description = "Cut mode: start at this time after the template's first event (default ${DEFAULT-VALUE}).")
    String cutFrom;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        UnreadableInputException.check("template", template);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Diagnostics diag = message -> err.println("pdrop: warning: " + message);
        TraceGenerator.Result r;
        try {
            if (cut != null) {
                long from = TimeSyntax.parseDuration(cutFrom).toNanos();
                r = TraceGenerator.cut(new TraceGenerator.CutConfig(template, out, cut, from, packetBytes(), channel),
                        diag);
            } else {
                int n = threads != null ? threads : Math.min(cpus, Runtime.getRuntime().availableProcessors());
                r = TraceGenerator.generate(new TraceGenerator.Config(template, this.out, size, cpus, seed, kfreeShare,
                        discardEvery, packetBytes(), idleEvery, channel, n), diag);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        print(r, stdout);
        return ExitCode.OK.code();
    }

    private int packetBytes() {
        if (packetSize > Integer.MAX_VALUE - 8) {
            throw new ParameterException(spec.commandLine(), "packet size above 2 GiB: " + packetSize);
        }
        return (int) packetSize;
    }

    /** A summary, one line per stream then totals as {@code key=value} pairs for scripts. */
    static void print(TraceGenerator.Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "%-24s %6s %8s %12s %10s %10s %12s %14s%n", "stream", "cpu", "packets", "events",
                "skb_kfree", "discarded", "large-hdrs", "bytes");
        for (TraceGenerator.StreamResult s : r.streams()) {
            out.printf(Locale.ROOT, "%-24s %6d %8d %12d %10d %10d %12d %14d%n", s.file().getFileName(), s.cpu(),
                    s.packets(), s.events(), s.kfreeEvents(), s.discarded(), s.largeHeaders(), s.bytes());
        }
        double seconds = r.elapsed().toNanos() / 1e9;
        out.printf(Locale.ROOT, "trace=%s streams=%d packets=%d events=%d skb_kfree=%d discarded=%d large_headers=%d "
                        + "bytes=%d seconds=%.3f mb_per_s=%.1f%n", r.traceFolder(), r.streams().size(), r.packets(),
                r.events(), r.kfreeEvents(), r.discarded(), r.largeHeaders(), r.bytes(), seconds,
                seconds > 0 ? r.bytes() / 1e6 / seconds : 0.0);
    }

    /** {@code 4096}, {@code 64MB}, {@code 1.5GB} (powers of 1000), {@code 1MiB} (powers of 1024). */
    static final class SizeConverter implements ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKMGT]i?B|B)?");

        @Override
        public Long convert(String value) {
            return parse(value);
        }

        static long parse(String value) {
            Matcher m = SIZE.matcher(value.strip());
            if (!m.matches()) {
                throw new TypeConversionException("expected bytes or a number with kB, MB, GB, KiB, MiB or GiB, got '"
                        + value + "'");
            }
            String unit = m.group(2) == null ? "B" : m.group(2);
            double scale = switch (unit.toUpperCase(Locale.ROOT)) {
                case "B" -> 1;
                case "KB" -> 1e3;
                case "MB" -> 1e6;
                case "GB" -> 1e9;
                case "TB" -> 1e12;
                case "KIB" -> 1024.0;
                case "MIB" -> 1024.0 * 1024;
                case "GIB" -> 1024.0 * 1024 * 1024;
                case "TIB" -> 1024.0 * 1024 * 1024 * 1024;
                default -> throw new TypeConversionException("unknown size unit '" + unit + "'");
            };
            double bytes = Double.parseDouble(m.group(1)) * scale;
            if (bytes > Long.MAX_VALUE / 2) {
                throw new TypeConversionException("size too large: '" + value + "'");
            }
            return Math.round(bytes);
        }
    }
}

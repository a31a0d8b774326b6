package org.pdrop.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.pdrop.record.EventSet;
import org.pdrop.record.LossRequest;
import org.pdrop.record.RecordRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pdrop record}: options to {@link RecordRequest} to {@link RecordService}. */
@Command(name = "record", sortOptions = false, optionListHeading = "%nOptions:%n", mixinStandardHelpOptions = true,
        customSynopsis = {
            "pdrop record [-o DIR] [--duration DURATION] [--events SET] [--context NAME,...]",
            "             [--netem-loss PERCENT --dev IFACE [--force]]",
            "       pdrop record [OPTIONS] [--] COMMAND [ARGS...]"},
        description = {
            "Record an LTTng kernel trace of packet drops (as root), ready for 'pdrop DIR' anywhere.",
            "Records for DURATION (default 60s), or while COMMAND runs, into a new folder DIR, and saves next to"
                    + " the trace what 'pdrop DIR' needs: kallsyms, the skb tracepoint format files, uname.txt and"
                    + " pdrop-record.json.",
            "Checks everything before changing anything. On every exit path (the end, Ctrl-C, SIGTERM, a failing"
                    + " step or COMMAND) the LTTng session is destroyed and the device's qdisc restored; what"
                    + " cannot be undone is printed with the command that removes it."},
        parameterListHeading = "%n",
        footerHeading = "%n",
        footer = {
            "In record, exit status 4 means a check failed (nothing was changed), a step failed, or something"
                    + " could not be undone; 130 follows SIGINT, SIGTERM or SIGHUP, after the cleanup; with"
                    + " COMMAND, pdrop exits with COMMAND's exit status.",
            "",
            "Examples:",
            "  sudo pdrop record --duration 30s -o /tmp/drops",
            "  sudo pdrop record --netem-loss 10%% --dev eth0 -- ping -c 100 192.0.2.1"})
final class RecordCommand implements Callable<Integer> {
    private static final String DEFAULT_CONTEXTS = "procname,tid,pid";
    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "New or empty folder for the trace. Default: a new folder named after the session"
                    + " (pdrop-YYYYmmdd-HHMMSS-xxxx) in the current directory.")
    Path output;

    @Option(names = "--duration", paramLabel = "DURATION", converter = TimeSyntax.PositiveDurationConverter.class,
            description = "How long to record (500ms, 30s, 2m); default 60s. Not with COMMAND.")
    Duration duration;

    @Option(names = "--events", paramLabel = "SET", defaultValue = "drops",
            description = "drops (default): skb_kfree and skb_consume. net: also net_dev_queue, net_dev_xmit,"
                    + " net_if_receive_skb, net_if_rx and napi_poll, to join drops to devices and flows."
                    + " all: every kernel tracepoint (no system calls).")
    String events;

    @Option(names = "--context", paramLabel = "NAME", split = ",",
            description = "LTTng contexts added to every event (a comma list or repeated);"
                    + " default " + DEFAULT_CONTEXTS + ". Not prio: it crashes some kernels.")
    List<String> contexts;

    @Option(names = "--netem-loss", paramLabel = "PERCENT",
            description = "While recording, drop PERCENT of the packets sent on --dev (10%%, 0.5%%) with a netem root"
                    + " qdisc, removed afterwards.")
    String netemLoss;

    @Option(names = "--dev", paramLabel = "IFACE", description = "The device for --netem-loss.")
    String dev;

    @Option(names = "--force", description = "With --netem-loss: replace a root qdisc the device already has;"
            + " it is restored afterwards, exactly (pfifo, bfifo, pfifo_fast, tbf, htb without classes).")
    boolean force;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "Record while COMMAND runs (after '--'), with pdrop's terminal; its exit status becomes"
                    + " pdrop's.")
    List<String> command;

    @Spec
    CommandSpec spec;

    private final RecordService service;

    RecordCommand(RecordService service) {
        this.service = service;
    }

    RecordRequest request() {
        List<String> cmd = command == null ? List.of() : command;
        if (duration != null && !cmd.isEmpty()) {
            throw usage("--duration and COMMAND exclude each other: record for a time, or while COMMAND runs");
        }
        EventSet eventSet;
        try {
            eventSet = EventSet.fromLabel(events);
        } catch (IllegalArgumentException e) {
            throw usage("Invalid value for option '--events': " + e.getMessage());
        }
        List<String> contextList = contexts();
        LossRequest loss = null;
        if (netemLoss != null || dev != null) {
            if (netemLoss == null) {
                throw usage("--dev is only used with --netem-loss");
            }
            if (dev == null) {
                throw usage("--netem-loss needs --dev IFACE, the device whose outgoing packets to drop");
            }
            try {
                BigDecimal percent = LossRequest.parsePercent(netemLoss);
                loss = new LossRequest(percent, dev, force);
            } catch (IllegalArgumentException e) {
                throw usage("Invalid value for option '--netem-loss' or '--dev': " + e.getMessage());
            }
        } else if (force) {
            throw usage("--force is only used with --netem-loss");
        }
        Duration d = cmd.isEmpty() ? (duration != null ? duration : DEFAULT_DURATION) : null;
        List<String> commandLine = new ArrayList<>(List.of("pdrop"));
        commandLine.addAll(spec.commandLine().getParseResult().originalArgs());
        return new RecordRequest(output, d, cmd, eventSet, contextList, loss, commandLine, VersionProvider.version());
    }

    private List<String> contexts() {
        if (contexts == null) {
            return List.of(DEFAULT_CONTEXTS.split(","));
        }
        LinkedHashSet<String> set = new LinkedHashSet<>();
        for (String c : contexts) {
            String name = c.strip();
            if (!name.matches("[A-Za-z0-9_:.-]+")) {
                throw usage("Invalid value for option '--context': not an LTTng context name: '" + c + "'");
            }
            if (name.equals("prio")) {
                throw usage("Invalid value for option '--context': prio crashes some kernels at the first"
                        + " sched_switch (lttng-modules 2.13 on Linux 6.1): leave it out");
            }
            set.add(name);
        }
        return List.copyOf(set);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() {
        RecordRequest request = request();
        try {
            return service.record(request, spec.commandLine().getOut(), spec.commandLine().getErr());
        } finally {
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
        }
    }
}

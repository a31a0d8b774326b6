package org.pdrop.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Loss emulation with a netem root qdisc on one device: inspect (read only), install, and undo
 * with a check that the device is back as it was.
 *
 * <p>pdrop's qdisc gets an explicit handle ({@link #HANDLES}) so that the undo recognises it: if
 * someone replaced it during the recording, pdrop leaves their qdisc alone. The handle also
 * differs from the saved qdisc's, so that both directions are a single atomic
 * {@code tc qdisc replace} (the kernel grafts a new qdisc when the handle is new; the same handle
 * with another kind is an error).
 *
 * <p>A device whose root is the kernel's default qdisc (handle {@code 0:}) gets {@code tc qdisc
 * add}, which fails rather than overwrite a qdisc someone added meanwhile; the undo is {@code tc
 * qdisc del dev IFACE root}, after which the kernel attaches its default again.
 */
final class LossEmulation {
    static final List<String> HANDLES = List.of("d7:", "d8:");
    static final String UNKNOWN_KIND = "Specified qdisc kind is unknown";

    /**
     * What {@link #inspect} found and decided.
     *
     * @param previous the root qdisc to restore afterwards, or {@code null} for the default one
     * @param restoreArguments {@code handle 5: tbf ...}, empty when {@code previous} is null
     * @param handle pdrop's handle
     */
    record Plan(Qdisc previous, List<String> restoreArguments, String handle) {
        Plan {
            restoreArguments = List.copyOf(restoreArguments);
        }
    }

    private final ProcessRunner runner;
    private final Duration timeout;
    private final LossRequest request;
    private final List<String> qdisc;
    private Plan plan;
    private boolean applied;
    private boolean changed;
    private Boolean restored;

    /**
     * @param qdisc the qdisc to install and its parameters, {@code netem loss 10%}; tests on
     *     kernels without netem pass another kind to exercise the replace-and-restore path for real
     */
    LossEmulation(ProcessRunner runner, Duration timeout, LossRequest request, List<String> qdisc) {
        this.runner = runner;
        this.timeout = timeout;
        this.request = request;
        this.qdisc = List.copyOf(qdisc);
    }

    static List<String> netem(LossRequest request) {
        return List.of("netem", "loss", request.netemLoss());
    }

    String device() {
        return request.device();
    }

    /** Reads the device's qdiscs and decides; changes nothing. */
    Plan inspect() {
        String dev = request.device();
        List<Qdisc> qdiscs = show();
        Qdisc root = Qdisc.root(qdiscs);
        List<Qdisc> others = qdiscs.stream().filter(q -> q.inRootTree() && q != root).toList();
        if (root == null || root.isDefault()) {
            List<Qdisc> added = others.stream().filter(q -> !q.isDefault()).toList();
            if (!added.isEmpty()) {
                throw refuse("its default root qdisc has qdiscs added under it, which pdrop cannot restore: "
                        + describe(added) + ": remove them first, or record without --netem-loss");
            }
            plan = new Plan(null, List.of(), HANDLES.get(0));
            return plan;
        }
        if (!request.force()) {
            throw refuse("it already has a root qdisc: " + root.describe()
                    + ": pass --force to replace it while recording (pdrop restores it afterwards)");
        }
        List<String> restore;
        try {
            restore = QdiscRestore.arguments(root);
        } catch (QdiscRestore.NotRestorableException e) {
            throw refuse("its root qdisc could not be restored exactly afterwards: " + root.describe() + ": "
                    + e.getMessage() + ": remove or replace it yourself, or record without --netem-loss");
        }
        if (!others.isEmpty()) {
            throw refuse("its root qdisc has child qdiscs, which pdrop cannot restore: " + describe(others)
                    + ": remove them first, or record without --netem-loss");
        }
        if (root.kind().equals("htb")) {
            ProcessResult classes = tc(List.of("tc", "class", "show", "dev", dev));
            if (!classes.stdout().isBlank()) {
                throw refuse("its htb root qdisc has classes, which pdrop cannot restore: "
                        + classes.stdout().lines().findFirst().orElse("").strip()
                        + ": remove them first, or record without --netem-loss");
            }
        }
        ProcessResult filters = tc(List.of("tc", "-j", "filter", "show", "dev", dev));
        if (!filters.stdout().isBlank() && !filters.stdout().strip().equals("[]")) {
            throw refuse("its root qdisc has filters, which pdrop cannot restore: remove them first,"
                    + " or record without --netem-loss");
        }
        String handle = HANDLES.stream().filter(h -> !h.equals(root.handle())).findFirst().orElseThrow();
        plan = new Plan(root, restore, handle);
        return plan;
    }

    /**
     * Checks that the kernel knows the qdisc kind, by adding it to the loopback device of a
     * throw-away network namespace ({@code unshare --net}): nothing on the host changes, and the
     * kernel loads {@code sch_netem} on demand if it can. Inconclusive (and silent) when
     * {@code unshare} is missing or not permitted; the real add then says the same.
     */
    void probe() {
        if (runner.find("unshare").isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("unshare", "--net", "tc", "qdisc", "add", "dev", "lo", "root"));
        cmd.addAll(qdisc);
        ProcessResult r = runner.run(cmd, timeout);
        if (!r.ok() && r.stderr().contains(UNKNOWN_KIND)) {
            throw missingKind(r);
        }
    }

    /** The command that installs pdrop's qdisc. */
    List<String> applyCommand() {
        List<String> cmd = new ArrayList<>(List.of("tc", "qdisc", plan.previous() == null ? "add" : "replace",
                "dev", request.device(), "root", "handle", plan.handle()));
        cmd.addAll(qdisc);
        return cmd;
    }

    /** The command that undoes {@link #applyCommand}. */
    List<String> restoreCommand() {
        List<String> cmd = new ArrayList<>(List.of("tc", "qdisc"));
        if (plan.previous() == null) {
            cmd.addAll(List.of("del", "dev", request.device(), "root"));
        } else {
            cmd.addAll(List.of("replace", "dev", request.device(), "root"));
            cmd.addAll(plan.restoreArguments());
        }
        return cmd;
    }

    /**
     * Installs pdrop's qdisc. Afterwards, whether it succeeded or threw, the caller registers
     * {@link #undo} if {@link #changed()}.
     */
    void apply() {
        Objects.requireNonNull(plan, "inspect first");
        ProcessResult r = runner.run(applyCommand(), timeout);
        applied = r.ok();
        changed = r.ok() || r.timedOut();
        if (!r.ok()) {
            if (r.stderr().contains(UNKNOWN_KIND)) {
                throw missingKind(r);
            }
            throw new RecordException("Failed to add the " + qdisc.get(0) + " qdisc: dev=\"" + request.device()
                    + "\": " + r.describe());
        }
        Qdisc now = Qdisc.root(show());
        if (!isOurs(now)) {
            throw new RecordException("Failed to add the " + qdisc.get(0) + " qdisc: dev=\"" + request.device()
                    + "\": tc succeeded but the root qdisc is " + (now == null ? "none" : now.describe()));
        }
    }

    /** The device may have been changed: tc succeeded, or timed out and may have. */
    boolean changed() {
        return changed;
    }

    /** Puts the device back as {@link #inspect} found it, and checks that it is. */
    void undo(List<String> warnings) throws Teardown.LeftBehindException {
        String dev = request.device();
        List<String> restore = restoreCommand();
        ProcessResult shown = showResult();
        if (!shown.ok() && shown.stderr().contains("Cannot find device")) {
            warnings.add("The device " + dev + " disappeared during the recording: no qdisc to restore");
            restored = false;
            return;
        }
        Qdisc now = shown.ok() ? Qdisc.root(Qdisc.parseList(shown.stdout())) : null;
        if (shown.ok() && !isOurs(now)) {
            restored = false;
            String current = now == null ? "none" : now.describe();
            if (plan.previous() == null) {
                if (applied) {
                    warnings.add("The root qdisc of " + dev + " was changed by someone else during the recording"
                            + " (now " + current + "): pdrop left it as it is");
                }
                return;
            }
            if (!applied && now != null && now.sameConfiguration(plan.previous())) {
                return; // the replace never happened: nothing to undo
            }
            throw new Teardown.LeftBehindException(new Leftover("the previous root qdisc of " + dev
                    + " (" + plan.previous().describe() + ") is not restored: the root qdisc was changed during"
                    + " the recording (now " + current + ")", restore));
        }
        ProcessResult r = runner.run(restore, timeout);
        if (!r.ok()) {
            restored = false;
            throw new Teardown.LeftBehindException(new Leftover("pdrop's " + qdisc.get(0) + " root qdisc on "
                    + dev + " (" + r.describe() + ")", restore));
        }
        Qdisc after;
        try {
            after = Qdisc.root(show());
        } catch (RecordException e) {
            restored = null;
            throw new Teardown.LeftBehindException(new Leftover("possibly a changed root qdisc on " + dev
                    + ": `" + Shell.join(restore) + "` succeeded but checking the result failed (" + e.getMessage()
                    + "); check with `tc qdisc show dev " + dev + "`", restore));
        }
        boolean back = plan.previous() == null ? after == null || after.isDefault()
                : after != null && after.sameConfiguration(plan.previous());
        restored = back;
        if (!back) {
            String now2 = after == null ? "none" : after.describe();
            String was = plan.previous() == null ? "the kernel's default" : plan.previous().describe();
            throw new Teardown.LeftBehindException(new Leftover("the root qdisc of " + dev
                    + " differs from before the recording: was " + was + ", now " + now2,
                    plan.previous() == null ? List.of("tc", "qdisc", "del", "dev", dev, "root") : restore));
        }
    }

    /** For {@code pdrop-record.json}: what was there, what was done, whether it was undone. */
    QdiscChange change() {
        return new QdiscChange(request.device(), plan == null ? null : plan.previous(),
                plan == null ? List.of() : applyCommand(), plan == null ? List.of() : restoreCommand(),
                applied, restored);
    }

    private boolean isOurs(Qdisc q) {
        return q != null && q.kind().equals(qdisc.get(0)) && q.handle().equals(plan.handle());
    }

    private List<Qdisc> show() {
        ProcessResult r = showResult();
        if (!r.ok()) {
            if (r.stderr().contains("Cannot find device")) {
                throw new RecordException("Cannot emulate loss: no network device dev=\"" + request.device()
                        + "\": --dev must name an interface of this host (see `ip link`)");
            }
            throw new RecordException("Cannot read the qdiscs of dev=\"" + request.device() + "\": " + r.describe());
        }
        return Qdisc.parseList(r.stdout());
    }

    private ProcessResult showResult() {
        return runner.run(List.of("tc", "-j", "-d", "-r", "qdisc", "show", "dev", request.device()), timeout);
    }

    private ProcessResult tc(List<String> cmd) {
        ProcessResult r = runner.run(cmd, timeout);
        if (!r.ok()) {
            throw new RecordException("Cannot inspect dev=\"" + request.device() + "\": " + r.describe());
        }
        return r;
    }

    private RecordException refuse(String why) {
        return new RecordException("Cannot emulate loss on dev=\"" + request.device() + "\": " + why);
    }

    private RecordException missingKind(ProcessResult r) {
        String kind = qdisc.get(0);
        String module = "sch_" + kind;
        return new RecordException("Cannot emulate loss: the kernel has no " + kind + " qdisc (module " + module
                + "): load it with `modprobe " + module + "` (a kernel built without it cannot), or record without"
                + " --netem-loss: " + r.describe());
    }

    private static String describe(List<Qdisc> qdiscs) {
        return String.join(", ", qdiscs.stream().map(Qdisc::describe).toList());
    }
}

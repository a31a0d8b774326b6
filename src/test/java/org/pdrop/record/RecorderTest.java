package org.pdrop.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder against stand-in lttng, tc, unshare and uname: command sequences, checks, cleanup. */
class RecorderTest {
    static final String S = StandIns.session();
    static final Duration SHORT = Duration.ofMillis(10);

    @TempDir
    Path tmp;

    StandIns standIns() {
        return new StandIns(tmp);
    }

    RecordRequest request(Path out) {
        return new RecordRequest(out, SHORT, List.of(), EventSet.DROPS, List.of("procname", "tid", "pid"), null,
                List.of("pdrop", "record", "--duration", "10ms"), "9.9.9-test");
    }

    RecordRequest withLoss(Path out, boolean force) {
        return new RecordRequest(out, SHORT, List.of(), EventSet.DROPS, List.of("procname", "tid", "pid"),
                new LossRequest(new BigDecimal("10"), "eth0", force), List.of("pdrop", "record"), "9.9.9-test");
    }

    static List<String> lttngSession(Path out) {
        return List.of(
                "lttng create " + S + " --output=" + out,
                "lttng enable-event -k -s " + S + " skb_kfree,skb_consume",
                "lttng add-context -k -s " + S + " -t procname -t tid -t pid",
                "lttng start " + S);
    }

    static List<String> concat(List<?>... parts) {
        List<String> all = new ArrayList<>();
        for (List<?> p : parts) {
            p.forEach(x -> all.add((String) x));
        }
        return all;
    }

    static final String SHOW = "tc -j -d -r qdisc show dev eth0";

    @Test
    void recordsForADurationWithTheExactLttngSequence() throws IOException {
        StandIns s = standIns();
        Path out = tmp.resolve("trace");

        int status = s.recorder().record(request(out));

        assertThat(status).as(s.err.toString()).isZero();
        assertThat(s.calls()).containsExactlyElementsOf(concat(
                List.of("lttng --version", "lttng list", "lttng list -k"),
                lttngSession(out),
                List.of("lttng stop " + S, "lttng destroy " + S, "uname -a")));
        assertThat(s.sessionExists()).isFalse();
        assertThat(out.resolve("kallsyms")).content().contains("ffffffff81a3c2d0 T kfree_skb_reason");
        assertThat(out.resolve("ftrace-kfree_skb-format.txt")).hasContent("name: kfree_skb\nID: 1");
        assertThat(out.resolve("ftrace-consume_skb-format.txt")).exists();
        assertThat(out.resolve("uname.txt")).content().startsWith("Linux standin 6.1.0-standin");
        assertThat(out.resolve("kernel/metadata")).exists();
        assertThat(s.out.toString()).isEqualTo("pdrop " + out + "\n");
        assertThat(s.err.toString()).contains("pdrop: recording to " + out + " (session " + S + ") for 10 ms")
                .doesNotContain("warning", "left behind");

        String json = Files.readString(out.resolve("pdrop-record.json"));
        assertThat(json).contains("\"pdrop_version\" : \"9.9.9-test\"", "\"session\" : \"" + S + "\"",
                "\"start\" : \"2026-11-26T14:30:00Z\"", "\"stop\" : \"2026-11-26T14:30:00Z\"",
                "\"stopped_by\" : \"duration\"", "\"duration_ns\" : 10000000",
                "\"event_set\" : \"drops\"", "\"lttng_version\" : \"lttng (LTTng Trace Control) 2.13.9 - Nordicité\"",
                "\"kernel\" : \"Linux standin", "\"qdisc_changes\" : [ ]", "\"exit_status\" : 0",
                "\"kallsyms\" : \"kallsyms\"", "\"kfree_skb_format\" : \"ftrace-kfree_skb-format.txt\"",
                "\"session_daemon_started\" : false", "\"error\" : null");
        assertThat(Json.parse(json)).isInstanceOf(java.util.Map.class);
    }

    @Test
    void startsASessionDaemonWhenNoneRuns() {
        StandIns s = standIns().sessiond(false);
        Path out = tmp.resolve("trace");

        assertThat(s.recorder().record(request(out))).isZero();

        assertThat(s.calls()).startsWith("lttng --version", "lttng list", "lttng-sessiond --daemonize", "lttng list",
                "lttng list -k", "lttng create " + S + " --output=" + out);
        assertThat(s.err.toString()).contains("started the LTTng session daemon");
    }

    @Test
    void netEventsAndAllEvents() {
        StandIns s = standIns();
        RecordRequest net = new RecordRequest(tmp.resolve("a"), SHORT, List.of(), EventSet.NET, List.of("tid"),
                null, List.of(), "v");
        assertThat(s.recorder().record(net)).isZero();
        assertThat(s.calls()).contains("lttng enable-event -k -s " + S
                + " skb_kfree,skb_consume,net_dev_queue,net_dev_xmit,net_if_receive_skb,net_if_rx,napi_poll",
                "lttng add-context -k -s " + S + " -t tid");

        StandIns t = new StandIns(tmp.resolve("t"));
        RecordRequest all = new RecordRequest(tmp.resolve("b"), SHORT, List.of(), EventSet.ALL, List.of("pid"),
                null, List.of(), "v");
        assertThat(t.recorder().record(all)).isZero();
        assertThat(t.calls()).contains("lttng enable-event -k -s " + S + " --all --tracepoint");
    }

    @Test
    void netemOnADefaultRootIsAddedThenDeleted() {
        StandIns s = standIns().device("eth0", StandIns.NOQUEUE);
        Path out = tmp.resolve("trace");

        assertThat(s.recorder().record(withLoss(out, false))).as(s.err.toString()).isZero();

        assertThat(s.calls()).containsExactlyElementsOf(concat(
                List.of("lttng --version", SHOW, "unshare --net tc qdisc add dev lo root netem loss 10%",
                        "lttng list", "lttng list -k"),
                lttngSession(out),
                List.of("tc qdisc add dev eth0 root handle d7: netem loss 10%", SHOW,
                        SHOW, "tc qdisc del dev eth0 root", SHOW,
                        "lttng stop " + S, "lttng destroy " + S, "uname -a")));
        assertThat(s.qdiscs("eth0")).isEqualTo(StandIns.NOQUEUE);
        assertThat(s.err.toString()).contains("emulating 10% loss on eth0");
        assertThat(out.resolve("pdrop-record.json")).content().contains("\"device\" : \"eth0\"",
                "\"before\" : \"default\"", "\"applied\" : true", "\"restored\" : true",
                "\"restore_command\" : [ \"tc\", \"qdisc\", \"del\", \"dev\", \"eth0\", \"root\" ]");
    }

    @Test
    void aNonDefaultRootQdiscIsRefusedWithoutForceBeforeAnythingChanges() {
        StandIns s = standIns().device("eth0", StandIns.TBF);

        assertThatThrownBy(() -> s.recorder().record(withLoss(tmp.resolve("trace"), false)))
                .isInstanceOf(RecordException.class)
                .hasMessageStartingWith("Cannot emulate loss on dev=\"eth0\": it already has a root qdisc: tbf 5: ")
                .hasMessageEndingWith("pass --force to replace it while recording (pdrop restores it afterwards)");
        assertThat(s.calls()).containsExactly("lttng --version", SHOW);
        assertThat(s.qdiscs("eth0")).isEqualTo(StandIns.TBF);
        assertThat(tmp.resolve("trace")).doesNotExist();
    }

    @Test
    void forceReplacesTheRootQdiscAndRestoresItWithItsExactParameters() throws IOException {
        StandIns s = standIns().device("eth0", StandIns.TBF);
        Path out = tmp.resolve("trace");

        assertThat(s.recorder().record(withLoss(out, true))).as(s.err.toString()).isZero();

        assertThat(s.calls()).containsExactlyElementsOf(concat(
                List.of("lttng --version", SHOW, "tc -j filter show dev eth0",
                        "unshare --net tc qdisc add dev lo root netem loss 10%", "lttng list", "lttng list -k"),
                lttngSession(out),
                List.of("tc qdisc replace dev eth0 root handle d7: netem loss 10%", SHOW, SHOW,
                        "tc qdisc replace dev eth0 root handle 5: tbf rate 1234560bit burst 3333 limit 4413", SHOW,
                        "lttng stop " + S, "lttng destroy " + S, "uname -a")));
        assertThat(s.qdiscs("eth0")).isEqualTo(StandIns.TBF);
        String json = Files.readString(out.resolve("pdrop-record.json"));
        assertThat(json).contains("\"kind\" : \"tbf\"", "\"handle\" : \"5:\"", "\"burst_raw\" : \"5263c\"",
                "\"restored\" : true");
    }

    @Test
    void forceUsesAnotherHandleWhenTheSavedQdiscHasPdropsUsualOne() {
        String pfifo = "[{\"kind\":\"pfifo\",\"handle\":\"d7:\",\"root\":true,\"refcnt\":2,\"options\":{\"limit\":7}}]";
        StandIns s = standIns().device("eth0", pfifo);

        assertThat(s.recorder().record(withLoss(tmp.resolve("trace"), true))).as(s.err.toString()).isZero();

        assertThat(s.calls()).contains("tc qdisc replace dev eth0 root handle d8: netem loss 10%",
                "tc qdisc replace dev eth0 root handle d7: pfifo limit 7");
        assertThat(s.qdiscs("eth0")).isEqualTo(pfifo);
    }

    @Test
    void unrestorableQdiscsAreRefusedEvenWithForce() {
        StandIns s = standIns().device("eth0", "[{\"kind\":\"fq_codel\",\"handle\":\"8001:\",\"root\":true,"
                + "\"options\":{\"limit\":10240}}]");
        assertThatThrownBy(() -> s.recorder().record(withLoss(tmp.resolve("a"), true)))
                .hasMessageContaining("its root qdisc could not be restored exactly afterwards: fq_codel 8001:")
                .hasMessageContaining("pdrop can restore only pfifo, bfifo");

        StandIns t = new StandIns(tmp.resolve("t")).device("eth0", "[{\"kind\":\"htb\",\"handle\":\"1:\","
                + "\"root\":true,\"options\":{\"r2q\":10,\"default\":\"0x10\",\"direct_packets_stat\":0,"
                + "\"direct_qlen\":1000}}]");
        t.write("classes-eth0.txt", "class htb 1:10 root prio 0 rate 1Mbit ceil 1Mbit burst 1600b cburst 1600b");
        assertThatThrownBy(() -> t.recorder().record(withLoss(tmp.resolve("b"), true)))
                .hasMessageContaining("its htb root qdisc has classes, which pdrop cannot restore: class htb 1:10");

        StandIns u = new StandIns(tmp.resolve("u")).device("eth0", "[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,"
                + "\"options\":{\"rate\":125000,\"burst_raw\":\"3e8000\",\"limit\":10000}},"
                + "{\"kind\":\"pfifo\",\"handle\":\"10:\",\"parent\":\"5:1\",\"options\":{\"limit\":3}}]");
        assertThatThrownBy(() -> u.recorder().record(withLoss(tmp.resolve("c"), true)))
                .hasMessageContaining("its root qdisc has child qdiscs, which pdrop cannot restore: pfifo 10:");

        StandIns v = new StandIns(tmp.resolve("v")).device("eth0", "[{\"kind\":\"mq\",\"handle\":\"0:\",\"root\":true,"
                + "\"options\":{}},{\"kind\":\"fq\",\"handle\":\"8002:\",\"parent\":\":1\",\"options\":{}}]");
        assertThatThrownBy(() -> v.recorder().record(withLoss(tmp.resolve("d"), false)))
                .hasMessageContaining("its default root qdisc has qdiscs added under it");

        for (StandIns x : List.of(s, t, u, v)) {
            assertThat(String.join("\n", x.calls())).doesNotContain("lttng create", "qdisc add", "qdisc replace");
        }
    }

    @Test
    void ingressQdiscsAreNotPartOfTheRootTree() {
        StandIns s = standIns().device("eth0", "[{\"kind\":\"noqueue\",\"handle\":\"0:\",\"root\":true,"
                + "\"options\":{}},{\"kind\":\"ingress\",\"handle\":\"ffff:\",\"parent\":\"ffff:fff1\",\"options\":{}}]");
        assertThat(s.recorder().record(withLoss(tmp.resolve("a"), false))).as(s.err.toString()).isZero();
    }

    @Test
    void aKernelWithoutNetemIsRefusedBeforeAnythingChanges() {
        StandIns s = standIns().device("eth0", StandIns.NOQUEUE).failAt(3, "Error: Specified qdisc kind is unknown.");

        assertThatThrownBy(() -> s.recorder().record(withLoss(tmp.resolve("trace"), false)))
                .isInstanceOf(RecordException.class)
                .hasMessageStartingWith("Cannot emulate loss: the kernel has no netem qdisc (module sch_netem):"
                        + " load it with `modprobe sch_netem`");
        assertThat(s.calls()).containsExactly("lttng --version", SHOW,
                "unshare --net tc qdisc add dev lo root netem loss 10%");
    }

    @Test
    void netemMissingAtTheRealAddIsACleanFailure() {
        StandIns s = standIns().device("eth0", StandIns.NOQUEUE);
        // 10th call: the real tc qdisc add (the unshare probe was inconclusive, say).
        s.failAt(10, "Error: Specified qdisc kind is unknown.");
        s.env.put("STANDIN_FAIL_STATUS", "2");

        int status = s.recorder().record(withLoss(tmp.resolve("trace"), false));

        assertThat(status).isEqualTo(4);
        assertThat(s.calls().get(9)).isEqualTo("tc qdisc add dev eth0 root handle d7: netem loss 10%");
        assertThat(s.calls().subList(10, s.calls().size()))
                .containsExactly("lttng stop " + S, "lttng destroy " + S, "uname -a");
        assertThat(s.err.toString()).contains("pdrop: Cannot emulate loss: the kernel has no netem qdisc (module"
                + " sch_netem)").doesNotContain("left behind");
        assertThat(s.qdiscs("eth0")).isEqualTo(StandIns.NOQUEUE);
        assertThat(s.sessionExists()).isFalse();
    }

    @Test
    void checksFailWithOneLineThatSaysWhatToDo() throws IOException {
        assertCheck(s -> s.env.put("PATH", tmp.resolve("nothing").toString()), "Cannot record: lttng not found on PATH:"
                + " install lttng-tools and lttng-modules");
        assertCheck(s -> s.write("../proc/self/status", "Uid:\t1000\t1000\t1000\t1000"),
                "Cannot record: kernel tracing and qdisc changes need root, and pdrop runs as uid 1000: run it as root");
        assertCheck(s -> s.kernelTracer(false), "Cannot record: the LTTng kernel tracer is not available:"
                + " `lttng list -k` exited with 1: Error: Unable to list kernel events: Kernel tracer not available:"
                + " install lttng-modules");
        assertCheck(s -> s.env.put("STANDIN_KERNEL_EVENTS", "skb_kfree sched_switch"),
                "Cannot record: the LTTng kernel tracer lacks events: [skb_consume]");
        assertCheck(s -> s.minFreeBytes = Long.MAX_VALUE, "Cannot record: not enough free space for the trace");
        assertCheck(s -> s.write("../proc/kallsyms", "0000000000000000 T _stext\n0000000000000000 T foo"),
                "Cannot save kallsyms: every address in");
        assertCheck(s -> s.failAt(1, "lttng: error while loading shared libraries"),
                "Cannot record: lttng does not run: `lttng --version` exited with 1");
        assertCheck(s -> s.failAt(2, "Error: something else"),
                "Cannot record: the LTTng session daemon does not answer: `lttng list` exited with 1: Error: something else");
        assertCheck(s -> s.sessiond(false).failAt(3), "Cannot record: failed to start the LTTng session daemon");
    }

    @Test
    void outputFolderMustBeNewOrEmpty() throws IOException {
        StandIns s = standIns();
        Path out = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(out.resolve("x"), "");
        assertThatThrownBy(() -> s.recorder().record(request(out)))
                .hasMessage("Cannot record: the output folder is not empty: path=" + out
                        + ": choose a new or empty folder with -o DIR");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(s.recorder().record(request(empty))).isZero();
        assertThat(empty.resolve("pdrop-record.json")).exists();
    }

    @Test
    void prioContextIsRefused() {
        StandIns s = standIns();
        RecordRequest r = new RecordRequest(tmp.resolve("x"), SHORT, List.of(), EventSet.DROPS,
                List.of("pid", "prio"), null, List.of(), "v");
        assertThatThrownBy(() -> s.recorder().record(r)).hasMessageContaining("the prio context crashes");
        assertThat(s.calls()).isEmpty();
    }

    private void assertCheck(java.util.function.Consumer<StandIns> setup, String message) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "check");
        StandIns s = new StandIns(dir);
        setup.accept(s);
        assertThatThrownBy(() -> s.recorder().record(request(dir.resolve("trace"))))
                .isInstanceOf(RecordException.class).hasMessageStartingWith(message);
        assertThat(String.join("\n", s.calls())).doesNotContain("lttng create");
        assertThat(dir.resolve("trace")).doesNotExist();
    }

    @Test
    void commandExitStatusIsPassedOnAfterCleanup() throws IOException {
        StandIns s = standIns().device("eth0", StandIns.NOQUEUE);
        Path out = tmp.resolve("trace");
        RecordRequest r = new RecordRequest(out, null, List.of("/bin/sh", "-c", "echo from-command; exit 3"),
                EventSet.DROPS, List.of("pid"), new LossRequest(BigDecimal.ONE, "eth0", false), List.of(), "v");

        assertThat(s.recorder().record(r)).isEqualTo(3);

        assertThat(s.calls()).endsWith("tc qdisc del dev eth0 root", SHOW, "lttng stop " + S, "lttng destroy " + S,
                "uname -a");
        assertThat(s.qdiscs("eth0")).isEqualTo(StandIns.NOQUEUE);
        assertThat(out.resolve("pdrop-record.json")).content().contains("\"stopped_by\" : \"command\"",
                "\"command_exit_status\" : 3", "\"exit_status\" : 3", "\"command\" : [ \"/bin/sh\", \"-c\"");
    }

    @Test
    void aMissingCommandIsACheckFailure() {
        StandIns s = standIns();
        RecordRequest r = new RecordRequest(tmp.resolve("x"), null, List.of("no-such-program"), EventSet.DROPS,
                List.of("pid"), null, List.of(), "v");
        assertThatThrownBy(() -> s.recorder().record(r))
                .hasMessage("Cannot record: cannot run COMMAND: program=\"no-such-program\" is not an executable file"
                        + " nor found on PATH");
    }

    @Test
    void aStepThatTimesOutIsKilledAndUndone() {
        StandIns s = standIns().hangAt(4); // lttng create
        s.timeouts = new Timeouts(Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(20),
                Duration.ofSeconds(5));
        Path out = tmp.resolve("trace");

        long t0 = System.nanoTime();
        int status = s.recorder().record(request(out));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertThat(status).isEqualTo(4);
        // The create may have happened before it was killed: the session is destroyed to be sure.
        assertThat(s.calls()).endsWith("lttng create " + S + " --output=" + out, "lttng destroy " + S);
        assertThat(s.err.toString()).contains("pdrop: Failed to create the LTTng session: `lttng create " + S
                + " --output=" + out + "` did not finish in time and was killed").doesNotContain("left behind");
        assertThat(out).doesNotExist();
    }

    @Test
    void interruptWhileWaitingStopsAndUndoesEverything() throws Exception {
        StandIns s = standIns().device("eth0", StandIns.TBF);
        Path out = tmp.resolve("trace");
        RecordRequest r = new RecordRequest(out, Duration.ofMinutes(5), List.of(), EventSet.DROPS, List.of("pid"),
                new LossRequest(BigDecimal.TEN, "eth0", true), List.of(), "v");

        int status = recordAndInterrupt(s, r, () -> s.err.toString().contains("pdrop: recording to"));

        assertThat(status).isEqualTo(130);
        assertThat(s.calls()).endsWith(SHOW,
                "tc qdisc replace dev eth0 root handle 5: tbf rate 1234560bit burst 3333 limit 4413", SHOW,
                "lttng stop " + S, "lttng destroy " + S, "uname -a");
        assertThat(s.qdiscs("eth0")).isEqualTo(StandIns.TBF);
        assertThat(s.sessionExists()).isFalse();
        assertThat(s.err.toString()).contains("pdrop: interrupted: recording stopped and everything undone");
        assertThat(out.resolve("pdrop-record.json")).content().contains("\"stopped_by\" : \"interrupt\"",
                "\"exit_status\" : 130");
        assertThat(s.out.toString()).isEqualTo("pdrop " + out + "\n");
    }

    @Test
    void interruptDuringAStepFinishesTheStepThenUndoes() throws Exception {
        StandIns s = standIns().device("eth0", StandIns.NOQUEUE);
        s.env.put("STANDIN_SLOW_AT", "9"); // lttng start
        Path out = tmp.resolve("trace");
        RecordRequest r = new RecordRequest(out, Duration.ofMinutes(5), List.of(), EventSet.DROPS, List.of("pid"),
                new LossRequest(BigDecimal.TEN, "eth0", false), List.of(), "v");

        int status = recordAndInterrupt(s, r, () -> s.calls().size() >= 9);

        assertThat(status).isEqualTo(130);
        assertThat(s.calls().subList(8, s.calls().size()))
                .containsExactly("lttng start " + S, "lttng stop " + S, "lttng destroy " + S, "uname -a");
        assertThat(s.qdiscs("eth0")).isEqualTo(StandIns.NOQUEUE);
    }

    @Test
    void interruptWhileCommandRunsStopsTheCommand() throws Exception {
        StandIns s = standIns();
        Path out = tmp.resolve("trace");
        RecordRequest r = new RecordRequest(out, null, List.of("/bin/sleep", "60"), EventSet.DROPS, List.of("pid"),
                null, List.of(), "v");

        long t0 = System.nanoTime();
        int status = recordAndInterrupt(s, r, () -> s.err.toString().contains("pdrop: recording to"));

        assertThat(status).isEqualTo(130);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertThat(s.calls()).endsWith("lttng stop " + S, "lttng destroy " + S, "uname -a");
    }

    private static int recordAndInterrupt(StandIns s, RecordRequest r, java.util.function.BooleanSupplier ready)
            throws InterruptedException {
        AtomicInteger status = new AtomicInteger(-1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                status.set(s.recorder().record(r));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        worker.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ready.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        worker.interrupt();
        worker.join(30_000);
        assertThat(worker.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        return status.get();
    }

    // ---- every step failing, one at a time ----

    @Test
    void cleanupAfterAFailureAtEveryStepOfAPlainRecording() throws IOException {
        everyStepFails("plain", s -> s, out -> request(out));
    }

    @Test
    void cleanupAfterAFailureAtEveryStepWithNetemOnADefaultRoot() throws IOException {
        everyStepFails("netem", s -> s.device("eth0", StandIns.NOQUEUE), out -> withLoss(out, false));
    }

    @Test
    void cleanupAfterAFailureAtEveryStepWithAForcedReplace() throws IOException {
        everyStepFails("forced", s -> s.device("eth0", StandIns.TBF), out -> withLoss(out, true));
    }

    @Test
    void cleanupAfterAFailureAtEveryStepWhileACommandRuns() throws IOException {
        everyStepFails("command", s -> s.device("eth0", StandIns.NOQUEUE).sessiond(false), out -> new RecordRequest(
                out, null, List.of("/bin/true"), EventSet.NET, List.of("pid"),
                new LossRequest(BigDecimal.TEN, "eth0", false), List.of(), "v"));
    }

    private static final Pattern LEFT = Pattern.compile("pdrop: left behind: .*; remove it with: (.*)");

    /**
     * Runs the scenario once to count its program calls, then once per call with that call failing,
     * and checks after each run: nothing is left, or every leftover is printed with a command that
     * removes it; the status says so; a started session was stopped; the qdisc is as before.
     */
    private void everyStepFails(String name, java.util.function.UnaryOperator<StandIns> setup,
            java.util.function.Function<Path, RecordRequest> request) throws IOException {
        StandIns clean = setup.apply(new StandIns(tmp.resolve(name + "-ok")));
        String initial = qdiscsOrNull(clean);
        assertThat(clean.recorder().record(request.apply(tmp.resolve(name + "-ok/out")))).isZero();
        List<String> calls = clean.calls();
        assertThat(calls.size()).isGreaterThan(8);

        for (int n = 1; n <= calls.size(); n++) {
            Path dir = tmp.resolve(name + "-" + n);
            StandIns s = setup.apply(new StandIns(dir)).failAt(n);
            Path out = dir.resolve("out");
            String what = name + ", call " + n + " (" + calls.get(n - 1) + ") fails";
            Integer status = null;
            try {
                status = s.recorder().record(request.apply(out));
            } catch (RecordException e) {
                // A check failed: nothing was changed, nothing was created.
                assertThat(String.join("\n", s.calls())).as(what).doesNotContain("lttng create",
                        "qdisc add dev eth0", "qdisc replace dev eth0");
                assertThat(out).as(what).doesNotExist();
                continue;
            }
            String err = s.err.toString();
            List<String> log = s.calls();
            assertThat(log.get(n - 1)).as(what).isEqualTo(calls.get(n - 1).replace(name + "-ok", name + "-" + n));
            Matcher left = LEFT.matcher(err);
            List<String> removeCommands = new ArrayList<>();
            while (left.find()) {
                removeCommands.add(left.group(1));
            }
            assertThat(status).as(what + "\n" + err).isIn(0, 4);
            if (!removeCommands.isEmpty() || err.contains("pdrop: Failed") || err.contains("pdrop: Cannot")) {
                assertThat(status).as(what + "\n" + err).isEqualTo(4);
            }
            if (log.contains("lttng start " + S) && log.indexOf("lttng start " + S) != n - 1) {
                assertThat(log).as(what).contains("lttng stop " + S);
                assertThat(log.lastIndexOf("lttng stop " + S)).as(what).isGreaterThan(log.indexOf("lttng start " + S));
            }
            // Whatever is left is printed with the command that removes it; run it and check.
            s.env.remove("STANDIN_FAIL_AT");
            for (String command : removeCommands) {
                s.runner().run(List.of(command.split(" ")), Duration.ofSeconds(10));
            }
            assertThat(s.sessionExists()).as(what + "\n" + err).isFalse();
            assertThat(qdiscsOrNull(s)).as(what + "\n" + err).isEqualTo(initial);
            boolean destroyed = log.contains("lttng destroy " + S) && log.lastIndexOf("lttng destroy " + S) != n - 1;
            if (destroyed || !log.contains("lttng create " + S + " --output=" + out)) {
                assertThat(removeCommands).as(what).noneMatch(c -> c.startsWith("lttng"));
            }
        }
    }

    private static String qdiscsOrNull(StandIns s) {
        return Files.exists(s.state.resolve("qdisc-eth0.json")) ? s.qdiscs("eth0") : null;
    }
}

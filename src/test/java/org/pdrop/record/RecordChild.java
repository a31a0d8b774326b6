package org.pdrop.record;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;
import org.pdrop.cli.AnalyzeService;
import org.pdrop.cli.DumpService;
import org.pdrop.cli.Main;
import org.pdrop.cli.RecordService;
import org.pdrop.cli.Services;

/**
 * {@code pdrop} as {@link Main#main} runs it, on a fake host: {@code RecordChild ROOT ARGS...}
 * runs {@code pdrop ARGS...} with procfs and sysfs from {@link StandIns} folder ROOT and this
 * process's environment (the test puts the stand-ins on PATH). For {@link SignalTest}, which sends
 * it real signals.
 */
public final class RecordChild {
    private RecordChild() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        Host host = new Host(root.resolve("proc"), root.resolve("sys"), System.getenv(), Clock.systemUTC(),
                new Random(StandIns.SEED), Timeouts.DEFAULT, 0);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Services services = new Services(AnalyzeService.NOT_IMPLEMENTED, DumpService.NOT_IMPLEMENTED,
                RecordService.on(host));
        int status = Main.execute(services, out, err, Arrays.copyOfRange(args, 1, args.length));
        System.exit(status);
    }
}

package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.EventClass;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.StreamCursor;
import org.pdrop.symbols.KallsymsParser;
import org.pdrop.symbols.SymbolTable;

/**
 * The allocation-free reader of skb events ({@link SkbEvents.FastReader}) gives exactly the
 * events the value-tree reader gives (times, addresses, sites, reasons, context fields), on the
 * project's sample and template traces and on the lab's traces in {@code ../shared}.
 */
class SkbReadTest {
    private static List<DropEvent> read(Path trace, boolean fast) throws Exception {
        Path kallsyms = trace.resolve("kallsyms");
        SymbolTable symbols = Files.exists(kallsyms) ? KallsymsParser.lenient().parse(kallsyms) : null;
        List<DropEvent> out = new ArrayList<>();
        try (CtfTrace t = CtfTrace.open(List.of(trace), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            SkbEvents.TracePlan tp = new SkbEvents.TracePlan("t", symbols,
                    v -> new Reason(v, "R" + v, Reason.SHIPPED_TABLE, false, false, false));
            for (DataStream ds : t.streams()) {
                StreamClass sc = ds.trace().decoder().traceClass().stream(ds.streamClassId());
                List<SkbEvents.EventPlan> plans = new ArrayList<>();
                for (EventClass ec : sc.events()) {
                    if (SkbEvents.isKfree(ec.name()) || SkbEvents.isConsume(ec.name())) {
                        SkbEvents.EventPlan p = new SkbEvents.EventPlan(tp, sc, ec, fast);
                        assertThat(p.fastRead()).as("fast reader for %s", ec.name()).isEqualTo(fast);
                        while (plans.size() <= ec.id()) {
                            plans.add(null);
                        }
                        plans.set((int) ec.id(), p);
                    }
                }
                StreamCursor c = new StreamCursor(ds, false);
                while (c.advance()) {
                    if (c.kind() == StreamCursor.Kind.EVENT && c.eventClass().id() < plans.size()
                            && plans.get((int) c.eventClass().id()) != null) {
                        out.add(plans.get((int) c.eventClass().id()).read(c));
                    }
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> fastReaderGivesWhatTheValueTreesGive() {
        List<Path> traces = new ArrayList<>(List.of(Path.of("samples/lab-20261126"), Path.of("bench/template")));
        if (Files.isDirectory(LabTraces.lab())) {
            for (String name : LabTraces.NAMES) {
                traces.add(LabTraces.trace(name));
            }
        }
        return traces.stream().map(t -> DynamicTest.dynamicTest(t.toString(), () -> {
            List<DropEvent> slow = read(t, false);
            List<DropEvent> fast = read(t, true);
            assertThat(fast).hasSameSizeAs(slow);
            for (int i = 0; i < fast.size(); i++) {
                assertThat(fast.get(i)).as("event %d", i).isEqualTo(slow.get(i));
            }
            if (t.endsWith("lab-20261126") || t.endsWith("all-net")) {
                assertThat(fast).as("skb events with a procname context").anyMatch(e -> e.context().procname() != null);
            }
        }));
    }
}

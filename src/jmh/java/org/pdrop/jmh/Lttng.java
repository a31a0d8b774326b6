package org.pdrop.jmh;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pdrop.ctf.CtfTrace;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.metadata.MetadataReader;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * Benchmark inputs from the project's template trace, {@code bench/template} (a real LTTng 2.13
 * kernel trace: {@code event_header_large}, contexts procname/tid/pid). Paths are relative to the
 * project root, where {@code mvn -P jmh ... exec:exec} runs.
 */
public final class Lttng {
    static final Path TEMPLATE = Path.of("bench/template");

    private Lttng() {
    }

    /**
     * Generates a trace with the template's mix of events as {@code config} says (into {@code dir},
     * its output folder), prints how many events it holds, and opens it.
     */
    static CtfTrace generate(org.pdrop.gen.TraceGenerator.Config config, Path dir) throws java.io.IOException {
        org.pdrop.gen.TraceGenerator.Result r = org.pdrop.gen.TraceGenerator.generate(config, Diagnostics.IGNORE);
        System.out.printf("%n%d events%n", r.events());
        return CtfTrace.open(List.of(dir), Diagnostics.IGNORE, PacketIndexProvider.NONE);
    }

    /** One generated 8 MiB stream in 1 MiB packets, opened (see {@link #generate}). */
    public static CtfTrace oneStream(Path dir) throws java.io.IOException {
        return generate(org.pdrop.gen.TraceGenerator.Config.of(TEMPLATE, dir, 8L << 20, 1).withPackets(1 << 20, 0), dir);
    }

    /** Deletes a generated trace folder and everything in it. */
    public static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    static TraceClass metadata() {
        return MetadataReader.read(TEMPLATE.resolve("kernel/metadata"), Diagnostics.IGNORE);
    }

    /** Raw bodies (stream event context, event context, payload) of the template's events of one class. */
    static List<byte[]> bodies(String eventName) {
        List<byte[]> out = new ArrayList<>();
        try (CtfTrace t = CtfTrace.open(List.of(TEMPLATE), Diagnostics.IGNORE, PacketIndexProvider.NONE)) {
            for (DataStream ds : t.streams()) {
                StreamCursor c = new StreamCursor(ds, false);
                while (c.advance()) {
                    if (c.kind() != StreamCursor.Kind.EVENT || !c.eventClass().name().equals(eventName)) {
                        continue;
                    }
                    long start = c.bodyStartBits();
                    long end = c.bodyEndBits();
                    PacketInfo p = c.packet();
                    ByteBuffer b = p.file().slice(p.offsetBytes(), p.packetSizeBits() / 8);
                    byte[] body = new byte[(int) ((end - start + 7) / 8)];
                    b.get((int) (start / 8), body);
                    out.add(body);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no " + eventName + " event in " + TEMPLATE);
        }
        return out;
    }
}

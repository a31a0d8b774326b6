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
final class Lttng {
    static final Path TEMPLATE = Path.of("bench/template");

    private Lttng() {
    }

    /** Deletes a generated trace folder and everything in it. */
    static void deleteTree(Path dir) throws java.io.IOException {
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

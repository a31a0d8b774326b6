package org.pdrop.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.pdrop.ctf.ir.TraceClass;

/**
 * Small LTTng-shaped traces with bodies given byte for byte, for tests outside this package,
 * written with the generator's own stream writer (one stream, stream class 0, CPU 0).
 */
public final class TestTraces {
    private TestTraces() {
    }

    /** One event: class id, time in clock cycles, and its body (contexts, then payload). */
    public record Event(long id, long cycles, byte[] body) {}

    /**
     * Writes {@code dir/kernel} (plain-text metadata {@code tsdl}, one stream {@code channel0_0}
     * in packets of {@code packetBytes}, its index) and returns {@code dir}.
     */
    public static Path write(Path dir, String tsdl, List<Event> events, int packetBytes) throws IOException {
        TraceClass tc = Tsdl.parse(tsdl);
        Path kernel = dir.resolve("kernel");
        Files.createDirectories(kernel.resolve("index"));
        Files.writeString(kernel.resolve("metadata"), tsdl);
        StreamWriter w = new StreamWriter(PacketLayout.compile(tc, tc.stream(0)),
                EventHeaderEncoder.compile(tc.stream(0)), packetBytes, 0, 0, 0, null, 1);
        w.write(new Listed(events.iterator()), Long.MAX_VALUE, kernel.resolve("channel0_0"),
                kernel.resolve("index/channel0_0.idx"));
        return dir;
    }

    private static final class Listed implements EventSource {
        private final Iterator<Event> it;
        private Event e;

        Listed(Iterator<Event> it) {
            this.it = it;
        }

        @Override
        public boolean next() {
            e = it.hasNext() ? it.next() : null;
            return e != null;
        }

        @Override
        public long eventId() {
            return e.id();
        }

        @Override
        public long timestampCycles() {
            return e.cycles();
        }

        @Override
        public byte[] body() {
            return e.body();
        }

        @Override
        public int bodyOffset() {
            return 0;
        }

        @Override
        public long bodyBits() {
            return e.body().length * 8L;
        }

        @Override
        public boolean kfree() {
            return false;
        }
    }
}

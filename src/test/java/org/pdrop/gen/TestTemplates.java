package org.pdrop.gen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.pdrop.ctf.ir.TraceClass;

/** Template traces made for tests, written with the generator's own stream writer. */
final class TestTemplates {
    private TestTemplates() {
    }

    /**
     * An LTTng-shaped trace with {@code event_header_compact} and {@code ids} event classes (ids 0
     * to ids-1; id 1 is {@code skb_kfree}), two CPU streams of {@code events} events each, ids drawn
     * uniformly, gaps of 1 to 6 µs, bodies {@code {tid}, {x, s}} with a string that varies.
     * Plain-text metadata. Returns the session folder.
     */
    static Path compactWithManyIds(Path dir, int ids, int events) throws IOException {
        String text = Tsdl.kernel("le", "event_header_compact", ids, "uint32_t _x; string _s;");
        TraceClass tc = Tsdl.parse(text);
        Path kernel = dir.resolve("kernel");
        Files.createDirectories(kernel.resolve("index"));
        Files.writeString(kernel.resolve("metadata"), text);
        PacketLayout layout = PacketLayout.compile(tc, tc.stream(0));
        EventHeaderEncoder header = EventHeaderEncoder.compile(tc.stream(0));
        for (int cpu = 0; cpu < 2; cpu++) {
            StreamWriter w = new StreamWriter(layout, header, 16384, 0, cpu, 0, null, 1);
            w.write(new Listed(new SplittableRandom(cpu), ids, events), Long.MAX_VALUE,
                    kernel.resolve("channel0_" + cpu), kernel.resolve("index/channel0_" + cpu + ".idx"));
        }
        return dir;
    }

    /** {@code n} events with random ids below {@code ids}. */
    private static final class Listed implements EventSource {
        private final SplittableRandom rng;
        private final int ids;
        private long left;
        private long ts = 1_000_000_000L;
        private long id;
        private final byte[] body = new byte[64];
        private int bodyBytes;

        Listed(SplittableRandom rng, int ids, long n) {
            this.rng = rng;
            this.ids = ids;
            this.left = n;
        }

        @Override
        public boolean next() {
            if (left-- <= 0) {
                return false;
            }
            id = rng.nextInt(ids);
            ts += 1000 + rng.nextInt(5000);
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(100 + (int) id).putInt(rng.nextInt());
            b.put(("s" + rng.nextInt(1000)).getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
            bodyBytes = b.position();
            return true;
        }

        @Override
        public long eventId() {
            return id;
        }

        @Override
        public long timestampCycles() {
            return ts;
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public int bodyOffset() {
            return 0;
        }

        @Override
        public long bodyBits() {
            return bodyBytes * 8L;
        }

        @Override
        public boolean kfree() {
            return id == 1;
        }
    }
}

package org.pdrop.gen;

import java.nio.ByteBuffer;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.StreamCursor;

/**
 * The events of one recorded stream, unchanged (class, timestamp, body), from the first one at or
 * after a given time, at most a given number: what cutting a short trace out of a long one takes.
 */
final class ReplaySource implements EventSource {
    private final StreamCursor cursor;
    private final long fromCycles;
    private long left;
    private PacketInfo packet;
    private ByteBuffer packetBytes;
    private byte[] body = new byte[256];
    private long bodyBits;
    private long id;
    private long ts;
    private boolean kfree;

    ReplaySource(DataStream stream, long fromCycles, long maxEvents) {
        this.cursor = new StreamCursor(stream, false);
        this.fromCycles = fromCycles;
        this.left = maxEvents;
    }

    @Override
    public boolean next() {
        while (left > 0 && cursor.advance()) {
            if (cursor.kind() != StreamCursor.Kind.EVENT
                    || Long.compareUnsigned(cursor.timestampCycles(), fromCycles) < 0) {
                continue;
            }
            left--;
            id = cursor.eventClass().id();
            ts = cursor.timestampCycles();
            kfree = cursor.eventClass().name().equals(Template.KFREE);
            long start = cursor.bodyStartBits();
            long end = cursor.bodyEndBits();
            if (start % 8 != 0) {
                throw new UnsupportedCtfException("Cannot replay event: stream=\"" + cursor.stream().name()
                        + "\", reason=\"its body starts inside a byte\"");
            }
            if (cursor.packet() != packet) {
                packet = cursor.packet();
                packetBytes = packet.file().slice(packet.offsetBytes(), packet.packetSizeBits() / 8);
            }
            int n = (int) ((end + 7) / 8 - start / 8);
            if (n > body.length) {
                body = new byte[Math.max(n, body.length * 2)];
            }
            packetBytes.get((int) (start / 8), body, 0, n);
            bodyBits = end - start;
            return true;
        }
        return false;
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
        return bodyBits;
    }

    @Override
    public boolean kfree() {
        return kfree;
    }
}

package org.pdrop.ctf.stream;

import java.util.List;
import org.pdrop.ctf.decode.ClockMath;
import org.pdrop.ctf.decode.TraceDecoder;

/**
 * One logical data stream (CTF 1.8 §5): the packets of one stream class and stream instance, in
 * time order, possibly spread over several files (LTTng tracefile rotation, snapshots of one
 * session). Packets that several files hold twice (overlapping snapshots) appear once.
 *
 * @param trace     the trace this stream belongs to
 * @param name      display name for messages: the first file's path
 * @param ordinal   position of this stream in a deterministic order of all streams read together
 */
public record DataStream(TraceHandle trace, String name, long streamClassId, long streamInstanceId,
                         List<PacketInfo> packets, int ordinal) {
    public DataStream {
        packets = List.copyOf(packets);
    }

    /**
     * What a stream needs of its trace: the compiled decoders, the clock conversion, and an
     * identity (folder and UUID) for messages and for ordering.
     */
    public record TraceHandle(String name, String path, TraceDecoder decoder, ClockMath clock, int ordinal) {}
}

package org.pdrop.ctf.stream;

/**
 * Tracer-side loss found between two packets of a stream: events the tracer discarded (the
 * {@code events_discarded} snapshot grew) or packets it lost ({@code packet_seq_num} skipped).
 *
 * @param count       events (or packets) lost; for a counter that went backwards, see {@code backwards}
 * @param beginNs     start of the time range in which they were lost, ns from the clock origin
 * @param endNs       end of that range
 * @param backwards   true when the snapshot went down (an LTTng quirk): {@code count} is then 0
 *                    and the true total is the final snapshot (see docs/conformance.md)
 * @param firstPacket true when the loss is the {@code events_discarded} snapshot of the stream's
 *                    first packet, with no earlier packet to measure from: the events were lost
 *                    before or during that packet, whose time range {@code beginNs..endNs} is;
 *                    Babeltrace reports these as "may have discarded events", without a count
 */
public record Notice(Kind kind, DataStream stream, long count, long beginNs, long endNs, boolean backwards,
                     long beginCycles, long endCycles, boolean firstPacket) {
    public enum Kind { DISCARDED_EVENTS, LOST_PACKETS }
}

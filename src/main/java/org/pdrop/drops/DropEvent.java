package org.pdrop.drops;

import java.util.Objects;

/**
 * One freed socket buffer, from an {@code skb_kfree} (drop) or {@code skb_consume} (normal free)
 * event, with everything the trace says about it and the names pdrop gave its numbers.
 *
 * @param timestampNs nanoseconds since the Unix epoch (LTTng's clock origin)
 * @param cpu         the CPU (packet context {@code cpu_id}), or -1 when unknown
 * @param skbaddr     the skb's address
 * @param location    where it was freed, resolved to a symbol; null when the event has no
 *                    {@code location} field ({@code skb_consume} before kernel 6.3)
 * @param protocol    {@code skb->protocol} as a host-order EtherType (0x0800 IPv4), or -1 when the
 *                    event has no protocol field
 * @param reason      the drop reason; null when the event has no {@code reason} field (kernels
 *                    before 5.17, or {@code skb_consume})
 * @param kind        whether this is a drop or a normal free
 * @param event       the event name as recorded ({@code skb_kfree}, {@code skb_consume})
 * @param context     context fields ({@code procname}, {@code tid}, ...) in trace order
 * @param stream      the stream it came from (first file's path)
 */
public record DropEvent(long timestampNs, int cpu, long skbaddr, Site location, int protocol, Reason reason,
                        Kind kind, String event, ContextFields context, String stream) {

    /** A drop, or a free that is not one. */
    public enum Kind {
        DROP, FREE;

        /** {@code drop} or {@code free}, as written in outputs. */
        public String label() {
            return this == DROP ? "drop" : "free";
        }
    }

    public DropEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(stream, "stream");
    }

    public boolean isDrop() {
        return kind == Kind.DROP;
    }
}

package org.pdrop.ctf.decode;

import java.util.Map;
import org.pdrop.ctf.ir.StreamClass;

/**
 * Compiled decoders of one stream class: packet context, event header, common event context and
 * its event classes, looked up by id through a dense array when ids are small (LTTng numbers them
 * from 0).
 */
public final class StreamDecoder {
    private final StreamClass streamClass;
    private final FieldDecoder packetContext;
    private final FieldDecoder eventHeader;
    private final FieldDecoder eventContext;
    private final EventDecoder[] dense;
    private final Map<Long, EventDecoder> sparse;
    private final EventSkipper skipper;

    StreamDecoder(StreamClass streamClass, FieldDecoder packetContext, FieldDecoder eventHeader,
                  FieldDecoder eventContext, Map<Long, EventDecoder> events) {
        this.streamClass = streamClass;
        this.packetContext = packetContext;
        this.eventHeader = eventHeader;
        this.eventContext = eventContext;
        long max = -1;
        for (long id : events.keySet()) {
            max = Math.max(max, id);
        }
        if (max < 65536 && events.keySet().stream().allMatch(id -> id >= 0)) {
            dense = new EventDecoder[(int) max + 1];
            events.forEach((id, d) -> dense[id.intValue()] = d);
            sparse = null;
        } else {
            dense = null;
            sparse = Map.copyOf(events);
        }
        skipper = EventSkipper.of(eventHeader, eventContext, dense);
    }

    /** The layout of an event class's body when it is the same whatever the data, else null. */
    public FixedLayout fixedLayout(EventDecoder event) {
        return FixedLayout.of(eventContext, event.context(), event.payload());
    }

    /** The fast loop that passes over unwanted events, or null when this stream class's layout needs the generic path. */
    public EventSkipper skipper() {
        return skipper;
    }

    public StreamClass streamClass() {
        return streamClass;
    }

    public FieldDecoder packetContext() {
        return packetContext;
    }

    public FieldDecoder eventHeader() {
        return eventHeader;
    }

    public FieldDecoder eventContext() {
        return eventContext;
    }

    /** The event class with this id, or null. */
    public EventDecoder event(long id) {
        if (dense != null) {
            return id >= 0 && id < dense.length ? dense[(int) id] : null;
        }
        return sparse.get(id);
    }

    /** Number of event classes, for building per-class lookup tables. */
    public int eventCount() {
        return streamClass.events().size();
    }
}

package org.pdrop.ctf.ir;

import java.util.UUID;

/**
 * A {@code clock} block (CTF 1.8 §8). Cycles convert to ns since the origin as
 * {@code offsetSeconds * 1e9 + (offsetCycles + cycles) * 1e9 / frequency}.
 *
 * @param frequency    Hz, at least 1 (the spec default is 1e9)
 * @param precision    in cycles
 * @param offsetSeconds seconds from the origin (Unix epoch when {@code absolute} or for LTTng)
 * @param offsetCycles  further cycles from the origin
 */
public record ClockClass(String name, UUID uuid, String description, long frequency, long precision,
                         long offsetSeconds, long offsetCycles, boolean absolute) {
    public ClockClass {
        if (frequency < 1) {
            throw new IllegalArgumentException("clock frequency must be at least 1 Hz: " + frequency);
        }
    }
}

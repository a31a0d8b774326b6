package org.pdrop.gen;

import java.util.SplittableRandom;

/**
 * An endless synthetic stream: each event's class drawn by weight from the {@link Mix}, its body
 * the next of that class's sampled bodies (in turn, from a random first one), its time the previous one plus a sampled gap; now and
 * then an idle gap of 2^27 to 2^29 cycles (a CPU with nothing to trace), which LTTng's compact
 * event header cannot span.
 */
final class MixSource implements EventSource {
    static final long IDLE_MIN_CYCLES = 1L << 27;

    private final Mix mix;
    private final SplittableRandom rng;
    private final long idleEvery;
    private long untilIdle;
    private long ts;
    private int cls;
    private int body;
    /** Last body used per class, -1 before the first. */
    private final int[] lastBody;

    /**
     * @param startCycles time of the first event
     * @param idleEvery   events between idle gaps, 0 for none
     */
    MixSource(Mix mix, SplittableRandom rng, long startCycles, long idleEvery) {
        this.mix = mix;
        this.rng = rng;
        this.idleEvery = idleEvery;
        this.untilIdle = idleEvery;
        this.ts = startCycles - 1;
        this.lastBody = new int[mix.classCount()];
        java.util.Arrays.fill(lastBody, -1);
    }

    @Override
    public boolean next() {
        cls = mix.sampleClass(rng);
        body = mix.nextBody(cls, lastBody[cls], rng);
        lastBody[cls] = body;
        ts += mix.sampleDelta(rng);
        if (idleEvery > 0 && --untilIdle == 0) {
            untilIdle = idleEvery;
            ts += IDLE_MIN_CYCLES + rng.nextLong(3 * IDLE_MIN_CYCLES);
        }
        return true;
    }

    @Override
    public long eventId() {
        return mix.eventIds[cls];
    }

    @Override
    public long timestampCycles() {
        return ts;
    }

    @Override
    public byte[] body() {
        return mix.arena;
    }

    @Override
    public int bodyOffset() {
        return mix.bodyOffset[body];
    }

    @Override
    public long bodyBits() {
        return mix.bodyBits[body];
    }

    @Override
    public boolean kfree() {
        return mix.kfree[cls];
    }

    @Override
    public void delay(long cycles) {
        ts += cycles;
    }
}

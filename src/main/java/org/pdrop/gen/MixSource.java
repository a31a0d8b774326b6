package org.pdrop.gen;

import java.util.SplittableRandom;

/**
 * An endless synthetic stream: each event's class drawn by weight from the {@link Mix}, its body
 * the next of that class's sampled bodies (in turn, from a random first one), its time the
 * previous one plus a sampled gap; now and then an idle gap (a CPU with nothing to trace) of 2^27
 * to 2^33 cycles, log-uniform: 0.13 to 8.6 s at 1 GHz, past what LTTng's compact event header
 * spans (2^27 cycles) and, one time in six, past what its large one spans (2^32).
 */
final class MixSource implements EventSource {
    static final int IDLE_MIN_LOG2 = 27;
    static final int IDLE_MAX_LOG2 = 33;

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
            ts += (long) StrictMath.pow(2, IDLE_MIN_LOG2 + (IDLE_MAX_LOG2 - IDLE_MIN_LOG2) * rng.nextDouble());
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

package org.pdrop.gen;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.pdrop.ctf.CtfException;

/**
 * The event mix a synthetic stream draws from, flattened for speed: event classes with their
 * weights in an alias table (Vose's method: one draw picks a class in constant time), their
 * sampled bodies in one byte arena, and the sampled gaps between events. Immutable; shared by
 * the writer threads, each with its own random generator.
 */
final class Mix {
    final long[] eventIds;
    final boolean[] kfree;
    private final double[] prob;
    private final int[] alias;
    private final int[] firstBody;
    private final int[] bodyCount;
    final int[] bodyOffset;
    final long[] bodyBits;
    final byte[] arena;
    private final long[] deltas;
    /** Mean gap between events, in cycles (at least 1). */
    final long meanDelta;
    final long maxBodyBits;

    /**
     * @param kfreeShare share of {@code skb_kfree} events, from 0 to 1; negative keeps the
     *                   template's share
     */
    Mix(Template t, double kfreeShare) {
        List<Template.ClassSample> cs = t.classes;
        int n = cs.size();
        eventIds = new long[n];
        kfree = new boolean[n];
        double[] weights = new double[n];
        long others = 0;
        boolean haveKfree = false;
        for (int i = 0; i < n; i++) {
            Template.ClassSample c = cs.get(i);
            eventIds[i] = c.eventClass.id();
            kfree[i] = c.eventClass.name().equals(Template.KFREE);
            haveKfree |= kfree[i];
            if (!kfree[i]) {
                others += c.count;
            }
        }
        if (kfreeShare > 0 && !haveKfree) {
            throw new CtfException("Cannot generate from this template: path=\"" + t.folder
                    + "\", reason=\"it has no " + Template.KFREE + " event to replay\"");
        }
        for (int i = 0; i < n; i++) {
            long count = cs.get(i).count;
            if (kfreeShare < 0) {
                weights[i] = count;
            } else if (kfree[i]) {
                weights[i] = kfreeShare;
            } else {
                weights[i] = others == 0 ? 0 : (1 - kfreeShare) * count / others;
            }
        }
        prob = new double[n];
        alias = new int[n];
        buildAlias(weights, prob, alias);

        firstBody = new int[n];
        bodyCount = new int[n];
        int bodies = 0;
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            firstBody[i] = bodies;
            bodyCount[i] = cs.get(i).bodies.size();
            bodies += bodyCount[i];
            for (byte[] b : cs.get(i).bodies) {
                bytes += b.length;
            }
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new CtfException("Cannot generate from this template: reason=\"sampled bodies exceed 2 GiB\"");
        }
        bodyOffset = new int[bodies];
        bodyBits = new long[bodies];
        arena = new byte[(int) bytes];
        int k = 0;
        int at = 0;
        long max = 0;
        for (int i = 0; i < n; i++) {
            Template.ClassSample c = cs.get(i);
            for (int j = 0; j < c.bodies.size(); j++) {
                byte[] b = c.bodies.get(j);
                System.arraycopy(b, 0, arena, at, b.length);
                bodyOffset[k] = at;
                bodyBits[k] = c.bodyBits.get(j);
                max = Math.max(max, bodyBits[k]);
                at += b.length;
                k++;
            }
        }
        maxBodyBits = max;
        deltas = t.deltas.clone();
        double sum = 0;
        for (long d : deltas) {
            sum += Math.max(d, 0);
        }
        meanDelta = Math.max(1, Math.round(sum / deltas.length));
    }

    /** An event class index, drawn by weight. */
    int sampleClass(SplittableRandom r) {
        int i = r.nextInt(prob.length);
        return r.nextDouble() < prob[i] ? i : alias[i];
    }

    /**
     * The body index (into {@link #bodyOffset}/{@link #bodyBits}) of class {@code c} that follows
     * {@code previous} (-1 for a random first one). Bodies are taken in turn rather than drawn: the
     * sample is already random, and reading the arena in order keeps the copy in cache (a random
     * draw costs a cache miss per event).
     */
    int nextBody(int c, int previous, SplittableRandom r) {
        int n = bodyCount[c];
        if (previous < 0) {
            return firstBody[c] + r.nextInt(n);
        }
        int next = previous + 1;
        return next == firstBody[c] + n ? firstBody[c] : next;
    }

    int classCount() {
        return prob.length;
    }

    /** A gap to the next event, in cycles; at least 1 so that times strictly increase. */
    long sampleDelta(SplittableRandom r) {
        return Math.max(1, deltas[r.nextInt(deltas.length)]);
    }

    /** Vose's alias method: fills {@code prob} and {@code alias} for drawing index i with weight w[i]. */
    static void buildAlias(double[] w, double[] prob, int[] alias) {
        int n = w.length;
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double[] scaled = new double[n];
        Deque<Integer> small = new ArrayDeque<>();
        Deque<Integer> large = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            scaled[i] = total == 0 ? 1 : w[i] * n / total;
            (scaled[i] < 1 ? small : large).push(i);
        }
        while (!small.isEmpty() && !large.isEmpty()) {
            int s = small.pop();
            int l = large.pop();
            prob[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).push(l);
        }
        while (!large.isEmpty()) {
            int l = large.pop();
            prob[l] = 1;
            alias[l] = l;
        }
        while (!small.isEmpty()) {
            int s = small.pop();
            prob[s] = 1;
            alias[s] = s;
        }
    }
}

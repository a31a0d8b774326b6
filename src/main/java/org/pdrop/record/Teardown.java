package org.pdrop.record;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The undo list of one recording: each change pushes the step that undoes it, and {@link #run}
 * undoes them last change first, exactly once, continuing past failures. A change that was never
 * made has nothing pushed, so a failure half way undoes only what was done.
 */
final class Teardown {
    /** One undo step; reports problems that leave nothing behind with {@code warnings.add}. */
    @FunctionalInterface
    interface Undo {
        void run(List<String> warnings) throws Exception;
    }

    /** Thrown by an {@link Undo} that knows exactly what it left. */
    static final class LeftBehindException extends Exception {
        final transient Leftover leftover;

        LeftBehindException(Leftover leftover) {
            super(leftover.what());
            this.leftover = leftover;
        }
    }

    /** What {@link #run} could not undo, and what went wrong without leaving anything. */
    record Result(List<Leftover> leftovers, List<String> warnings) {
        Result {
            leftovers = List.copyOf(leftovers);
            warnings = List.copyOf(warnings);
        }
    }

    private record Step(String name, Leftover ifFails, Undo undo) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final AtomicBoolean ran = new AtomicBoolean();

    /**
     * Adds the undo of a change just made.
     *
     * @param name the undo step in words, for warnings ("stop the LTTng session")
     * @param ifFails what is left when {@code undo} throws anything but
     *     {@link LeftBehindException}; {@code null} when a failure leaves nothing (a later step
     *     covers it)
     */
    void push(String name, Leftover ifFails, Undo undo) {
        if (ran.get()) {
            throw new IllegalStateException("teardown already ran");
        }
        steps.push(new Step(name, ifFails, undo));
    }

    /** Undoes everything pushed, once; later calls return an empty result. */
    Result run() {
        List<Leftover> leftovers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!ran.compareAndSet(false, true)) {
            return new Result(leftovers, warnings);
        }
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.undo.run(warnings);
            } catch (LeftBehindException e) {
                leftovers.add(e.leftover);
            } catch (Throwable e) { // even an Error: the remaining steps must still run
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                if (step.ifFails != null) {
                    leftovers.add(new Leftover(step.ifFails.what() + " (" + reason + ")",
                            step.ifFails.removeCommand()));
                } else {
                    warnings.add("Failed to " + step.name + ": " + reason);
                }
            }
        }
        return new Result(leftovers, warnings);
    }
}

package org.pdrop.record;

import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;

/**
 * Turns SIGINT, SIGTERM and SIGHUP during a recording into a thread interrupt, and keeps the JVM
 * alive until the recording has undone its changes.
 *
 * <p>The JVM runs shutdown hooks on those signals. The hook installed here interrupts the
 * recording thread, waits until {@link #run}'s work has returned (it undoes everything and prints
 * what is left, see {@link Recorder}), then ends the JVM with the work's exit status. Cleanup
 * therefore runs once, on the recording thread, never concurrently from the hook. A second
 * Ctrl-C does not cut it short: the JVM ignores signals while shutting down. Every program the
 * cleanup runs has a timeout, so the wait ends.
 *
 * <p>A shutdown hook, not {@code sun.misc.Signal}: no JDK-internal API, and the same path for
 * every signal the JVM handles. The price: the process ends with {@link Runtime#halt}, which skips
 * the other shutdown hooks; pdrop has none.
 */
public final class SignalGuard {
    private SignalGuard() {
    }

    /**
     * Runs {@code work} on this thread with the hook installed.
     *
     * @param interruptedStatus the exit status if a signal comes before {@code work} returns a
     *     status (during the checks, or if it throws)
     */
    public static int run(IntSupplier work, int interruptedStatus) {
        Thread worker = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        int[] status = {interruptedStatus};
        Thread hook = new Thread(() -> {
            worker.interrupt();
            boolean waited = false;
            while (!waited) {
                try {
                    done.await();
                    waited = true;
                } catch (InterruptedException e) {
                    // Nothing interrupts a shutdown hook but keep waiting regardless.
                }
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(status[0]);
        }, "pdrop-record-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int result = work.getAsInt();
            status[0] = result;
            return result;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs (or ran): it ends the JVM with the status set above.
            }
        }
    }
}

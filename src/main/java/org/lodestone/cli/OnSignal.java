package org.lodestone.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (or SIGTERM) while a command works: the signal starts the JVM's shutdown, which runs
 * {@code stop}; when that says the work can end well (a solver stopped with its best plan, an
 * analysis told to start no more solves), the shutdown is held until the work has printed and
 * written what it has, at most {@link #GRACE_SECONDS} (after which {@code late} says so). The
 * process then exits with 130.
 */
final class OnSignal {
    /** How long a Ctrl-C waits for the results to be printed and written. */
    static final long GRACE_SECONDS = 30;

    /** Work that may throw a checked exception of its own. */
    @FunctionalInterface
    interface Work<T, X extends Exception> {
        T run() throws X;
    }

    private OnSignal() {}

    /**
     * Runs {@code work}; a signal meanwhile runs {@code stop}, which returns whether to wait for
     * {@code work} to finish (false: the process ends at once).
     */
    static <T, X extends Exception> T holdUntilDone(BooleanSupplier stop, Work<T, X> work) throws X {
        return holdUntilDone(stop, () -> { }, work);
    }

    /**
     * As {@link #holdUntilDone(BooleanSupplier, Work)}; when {@code work} has not finished
     * {@link #GRACE_SECONDS} after the signal, {@code late} runs (to say so) and the process ends.
     */
    static <T, X extends Exception> T holdUntilDone(BooleanSupplier stop, Runnable late, Work<T, X> work) throws X {
        CountDownLatch done = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            if (!stop.getAsBoolean()) {
                return;
            }
            try {
                if (!done.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    late.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lodestone-interrupt");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return work.run();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
    }
}

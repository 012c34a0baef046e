package org.lodestone.solve;

import java.util.function.BooleanSupplier;

/**
 * Lets another thread (a Ctrl-C handler, a progress display) stop a running solve. The solver
 * returns what it has at that point: its best solution, if any, as FEASIBLE.
 */
public final class SolveControl {
    private volatile boolean interrupted;
    private BooleanSupplier stopper;

    /**
     * Asks the running solve, or the next one, to stop as soon as it can. Returns false when
     * a solve is running whose backend cannot be stopped (OR-Tools' HiGHS and CBC).
     */
    public synchronized boolean interrupt() {
        interrupted = true;
        return stopper == null || stopper.getAsBoolean();
    }

    public boolean interrupted() {
        return interrupted;
    }

    /** Called by a backend while a solve runs, with how to stop it; {@code null} when it ends. */
    synchronized void onInterrupt(BooleanSupplier stop) {
        this.stopper = stop;
        if (stop != null && interrupted) {
            stop.getAsBoolean();
        }
    }
}

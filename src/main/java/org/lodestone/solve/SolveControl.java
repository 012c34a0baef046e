package org.lodestone.solve;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Lets another thread (a Ctrl-C handler, a progress display) stop a running solve, and hear how
 * it goes. The solver returns what it has when stopped: its best solution, if any, as FEASIBLE.
 */
public final class SolveControl {
    private volatile boolean interrupted;
    private volatile Consumer<SolverProgress> listener;
    private BooleanSupplier stopper;

    /**
     * Asks to be told of the solve's progress (incumbent, bound, phase) while it runs, on another
     * thread, each time the solver reports a change. HiGHS (through its C API) reports through its
     * MIP callbacks, in any number of solves at once; the solvers OR-Tools runs only where their
     * log can be read (see {@code NativeStdout}) and only one solve at a time in the process,
     * otherwise the listener hears nothing. The solve is the same either way.
     */
    public SolveControl onProgress(Consumer<SolverProgress> progress) {
        this.listener = progress;
        return this;
    }

    Consumer<SolverProgress> progressListener() {
        return listener;
    }

    /**
     * Asks the running solve, or the next one, to stop as soon as it can. Returns false when
     * a solve is running whose backend cannot be stopped (HiGHS through OR-Tools, CBC).
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

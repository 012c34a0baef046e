package org.lodestone.analysis;

import java.util.HashSet;
import java.util.Set;

import org.lodestone.solve.SolveControl;

/**
 * Ctrl-C for a whole analysis: once requested, the solves under way are interrupted (a solver
 * that can stop keeps its best plan so far) and no further solve starts; the analysis then
 * reports the solves that finished.
 */
public final class Stop {
    /** The solver message of a job the analysis was stopped before: its plan has no solution. */
    public static final String NOT_SOLVED = "not solved: the analysis was interrupted first";

    private final Set<SolveControl> running = new HashSet<>();
    private boolean requested;

    /** Stops the analysis: interrupts every solve under way; later solves do not start. */
    public synchronized void request() {
        requested = true;
        running.forEach(SolveControl::interrupt);
    }

    public synchronized boolean requested() {
        return requested;
    }

    /** Registers a solve about to start; false (and not registered) when the analysis was stopped. */
    synchronized boolean starting(SolveControl control) {
        if (requested) {
            return false;
        }
        running.add(control);
        return true;
    }

    synchronized void finished(SolveControl control) {
        running.remove(control);
    }
}

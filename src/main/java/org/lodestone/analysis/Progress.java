package org.lodestone.analysis;

import java.util.function.Consumer;

import org.lodestone.solve.SolverProgress;

/** Hears of each solve of an analysis as it starts and ends (from any thread: implementations must be thread-safe). */
@FunctionalInterface
public interface Progress {
    Progress NONE = (number, total, label) -> { };

    /**
     * @param number 1-based number of the solve within the analysis
     * @param total how many solves the analysis makes in all
     * @param label what is solved, e.g. "value 0.5" or "baseline"
     */
    void starting(int number, int total, String label);

    /** The solve numbered {@code number} has ended. */
    default void finished(int number) {
    }

    /**
     * Where the solver's own reports of the running solve (incumbent, bound) should go, or null
     * for nowhere. Asked only when one solve runs at a time.
     */
    default Consumer<SolverProgress> solverProgress() {
        return null;
    }
}

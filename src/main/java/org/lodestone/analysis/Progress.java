package org.lodestone.analysis;

/** Hears of each solve of an analysis as it starts (from any thread: implementations must be thread-safe). */
@FunctionalInterface
public interface Progress {
    Progress NONE = (number, total, label) -> { };

    /**
     * @param number 1-based number of the solve within the analysis
     * @param total how many solves the analysis makes in all
     * @param label what is solved, e.g. "value 0.5" or "baseline"
     */
    void starting(int number, int total, String label);
}

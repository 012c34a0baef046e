package org.lodestone.solve;

/**
 * What a solver returned: why it stopped, and its primal and dual sides separately.
 *
 * @param values a value per column, or null without a solution
 * @param objective objective of {@code values}, or null
 * @param bestBound proven lower bound, or null
 */
public record SolveResult(Termination termination, double[] values, Double objective, Double bestBound,
                          double seconds, String solverName, String solverVersion, int threads, String message) {

    public enum Termination {
        /** Proven optimal within the requested gap. */
        OPTIMAL,
        /** A limit stopped the search with a solution in hand. */
        FEASIBLE,
        INFEASIBLE,
        /** A limit stopped the search before any solution was found. */
        NO_SOLUTION,
        /** The solver failed (unbounded, numerical trouble, invalid model). */
        ERROR
    }

    public boolean hasSolution() {
        return values != null;
    }

    /** Relative gap between incumbent and bound, or null when either is missing. */
    public Double gap() {
        if (objective == null || bestBound == null) {
            return null;
        }
        double diff = Math.max(0, objective - bestBound);
        return diff == 0 ? 0.0 : diff / Math.max(Math.abs(objective), 1e-9);
    }
}

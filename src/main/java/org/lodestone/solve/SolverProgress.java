package org.lodestone.solve;

/**
 * Where a running solve stands, as its solver last reported it: the phase it is in and, once
 * known, its best plan's objective and its proven bound (USD, as in the plan file).
 *
 * @param solver the solver's display name ("SCIP", "HiGHS", "CBC")
 * @param phase what the solver is doing: "presolving", "root LP", "branch and bound"
 * @param incumbent objective of the best plan found so far, or null before the first
 * @param bound proven lower bound of every plan's objective, or null before the first
 */
public record SolverProgress(String solver, String phase, Double incumbent, Double bound) {

    /** Relative gap between incumbent and bound, as {@link SolveResult#gap()}; null when either is missing. */
    public Double gap() {
        if (incumbent == null || bound == null) {
            return null;
        }
        double diff = Math.max(0, incumbent - bound);
        return diff == 0 ? 0.0 : diff / Math.max(Math.abs(incumbent), 1e-9);
    }

    SolverProgress withPhase(String newPhase) {
        return new SolverProgress(solver, newPhase, incumbent, bound);
    }

    SolverProgress with(String newPhase, Double newIncumbent, Double newBound) {
        return new SolverProgress(solver, newPhase, newIncumbent != null ? newIncumbent : incumbent,
                newBound != null ? newBound : bound);
    }
}

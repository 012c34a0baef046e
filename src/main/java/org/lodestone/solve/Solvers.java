package org.lodestone.solve;

import org.lodestone.model.MipModel;

/**
 * Runs each solve on the backend its options name: OR-Tools' linear solver for SCIP, CBC and
 * OR-Tools' HiGHS, HiGHS's own C API for HiGHS, and {@link AutoSolver}'s choice for auto.
 */
final class Solvers implements MipSolver {
    private final OrToolsSolver ortools = new OrToolsSolver();
    private final HighsSolver highs = new HighsSolver();
    private final AutoSolver auto = new AutoSolver(ortools, highs);

    @Override
    public SolveResult solve(MipModel model, SolveOptions options, SolveControl control) {
        return switch (options.backend()) {
            case HIGHS -> highs.solve(model, options, control);
            case AUTO -> auto.solve(model, options, control);
            default -> ortools.solve(model, options, control);
        };
    }

    /** HiGHS's dual simplex where HiGHS loads (10× GLOP's speed on large models), else GLOP. */
    static LinearResult solveLinearProgram(MipModel model, double timeLimitSeconds) {
        return HighsSolver.isAvailable() ? new HighsSolver().solveLinear(model, timeLimitSeconds)
                : new OrToolsSolver().solveLinear(model, timeLimitSeconds);
    }
}

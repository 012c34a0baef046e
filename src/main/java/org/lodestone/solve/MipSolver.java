package org.lodestone.solve;

import org.lodestone.model.MipModel;

/** Solves a {@link MipModel}. Implementations are single-use per call and thread-safe across calls. */
public interface MipSolver {
    SolveResult solve(MipModel model, SolveOptions options, SolveControl control);

    default SolveResult solve(MipModel model, SolveOptions options) {
        return solve(model, options, new SolveControl());
    }

    /**
     * Solves the model as a linear program, integrality dropped (fix integer columns first to
     * price a MIP solution), and returns primal values and row duals.
     */
    default LinearResult solveLinear(MipModel model, double timeLimitSeconds) {
        return new OrToolsSolver().solveLinear(model, timeLimitSeconds);
    }

    /** A solver that runs each solve on the backend its options name. */
    static MipSolver create() {
        return new Solvers();
    }
}

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
     * price a MIP solution), and returns primal values and row duals: by HiGHS's dual simplex
     * (through its C API), or by OR-Tools' GLOP where HiGHS cannot be loaded. Both give a row's
     * dual as the change of the minimised objective per unit of the row's bound.
     */
    default LinearResult solveLinear(MipModel model, double timeLimitSeconds) {
        return Solvers.solveLinearProgram(model, timeLimitSeconds);
    }

    /** A solver that runs each solve on the backend its options name. */
    static MipSolver create() {
        return new Solvers();
    }
}

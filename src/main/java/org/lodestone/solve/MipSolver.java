package org.lodestone.solve;

import org.lodestone.model.MipModel;

/** Solves a {@link MipModel}. Implementations are single-use per call and thread-safe across calls. */
public interface MipSolver {
    SolveResult solve(MipModel model, SolveOptions options, SolveControl control);

    default SolveResult solve(MipModel model, SolveOptions options) {
        return solve(model, options, new SolveControl());
    }

    static MipSolver create() {
        return new OrToolsSolver();
    }
}

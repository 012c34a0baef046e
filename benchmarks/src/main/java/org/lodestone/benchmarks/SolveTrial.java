package org.lodestone.benchmarks;

import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveControl;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

/**
 * What {@link SolveBenchmark} and {@link LargeSolveBenchmark} share for one JMH trial: the model
 * built once in the setup, each benchmark call one solve as {@code lodestone solve} does it
 * (MipSolver, the hand-off to the solver included) counted in {@link SolveOutcomes}, and the last
 * solve printed at the teardown.
 */
final class SolveTrial {
    private final Size size;
    private final MipModel model;
    private final SolveOptions options;
    private SolveResult last;

    /** Builds the model of {@code size}: call from a {@code @Setup} method, outside the timing. */
    SolveTrial(Size size, SolveOptions options) {
        this.size = size;
        this.model = SourcingModel.build(size.instance()).mip();
        this.options = options;
    }

    SolveResult solve(SolveControl control, SolveOutcomes outcomes) {
        SolveResult result = MipSolver.create().solve(model, options, control);
        outcomes.record(result);
        last = result;
        return result;
    }

    /** Prints how the last solve ended, with {@code more} after it; call from a {@code @TearDown} method. */
    void report(String more) {
        if (last != null) {
            System.out.println("\n" + size + " " + SolveOutcomes.describe(last) + more);
        }
    }
}

package org.lodestone.plan;

import org.lodestone.domain.Instance;
import org.lodestone.model.SourcingModel;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveControl;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

/** Instance → model → solution → plan: the whole pipeline of {@code lodestone solve}. */
public final class Planner {
    private final MipSolver solver;

    public Planner(MipSolver solver) {
        this.solver = solver;
    }

    public Planner() {
        this(MipSolver.create());
    }

    /** The plan and the model it came from (sizes, names). */
    public record Outcome(Plan plan, SourcingModel model, SolveResult result) {}

    public Outcome solve(Instance instance, SolveOptions options, boolean timings) {
        return solve(instance, options, timings, new SolveControl());
    }

    /** As {@link #solve(Instance, SolveOptions, boolean)}, stoppable through {@code control}. */
    public Outcome solve(Instance instance, SolveOptions options, boolean timings, SolveControl control) {
        SourcingModel model = SourcingModel.build(instance);
        SolveResult result = solver.solve(model.mip(), options, control);
        return new Outcome(PlanExtractor.extract(model, result, options, timings), model, result);
    }
}

package org.lodestone.plan;

import java.util.Objects;
import java.util.function.Consumer;

import org.lodestone.domain.Instance;
import org.lodestone.model.SourcingModel;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveControl;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

/**
 * Instance → model → solution → plan: the one pipeline every command and analysis solves
 * through ({@code lodestone solve}, compare, sweep, pareto, stress, marginal values).
 */
public final class Planner {
    private final MipSolver solver;

    public Planner(MipSolver solver) {
        this.solver = Objects.requireNonNull(solver);
    }

    public Planner() {
        this(MipSolver.create());
    }

    /**
     * One solve.
     *
     * @param instance what to solve
     * @param options backend, limits, threads and seed
     * @param timings whether the plan records the solve time (false for byte-identical plan files)
     * @param adjust a change to the built model before it is solved (an objective of its own, a
     *     fixed first stage), or null
     * @param warmStart a solution of an earlier model to start from when the model has its columns, or null
     * @param control stops the solve and hears its progress
     */
    public record Job(Instance instance, SolveOptions options, boolean timings, Consumer<SourcingModel> adjust,
                      WarmStart warmStart, SolveControl control) {
        public Job {
            Objects.requireNonNull(instance);
            Objects.requireNonNull(options);
            control = control == null ? new SolveControl() : control;
        }

        /** The instance solved as it is, with timings, no warm start and a control of its own. */
        public Job(Instance instance, SolveOptions options) {
            this(instance, options, true, null, null, null);
        }

        public Job withTimings(boolean timings) {
            return new Job(instance, options, timings, adjust, warmStart, control);
        }

        public Job adjusted(Consumer<SourcingModel> adjust) {
            return new Job(instance, options, timings, adjust, warmStart, control);
        }

        public Job warmStartedBy(WarmStart warmStart) {
            return new Job(instance, options, timings, adjust, warmStart, control);
        }

        public Job controlledBy(SolveControl control) {
            return new Job(instance, options, timings, adjust, warmStart, control);
        }
    }

    /**
     * A solved job.
     *
     * @param plan the plan read off the solution (its status says whether there is one)
     * @param size the model's size as it was solved
     * @param result the solver's answer, with the raw column values
     * @param model the model solved, for a step after the solve (marginal values fix its first
     *     stage and re-solve it; shortfalls read off the raw values)
     */
    public record Outcome(Plan plan, ModelSize size, SolveResult result, SourcingModel model) {
        /** This solution as the warm start of a next solve, or null when there is no solution. */
        public WarmStart warmStart() {
            return result.hasSolution() ? new WarmStart(WarmStart.columns(model.mip()), result.values()) : null;
        }
    }

    /** Builds the job's model, adjusts it, solves it (warm-started when the start fits) and reads off the plan. */
    public Outcome solve(Job job) {
        SourcingModel model = SourcingModel.build(job.instance());
        if (job.adjust() != null) {
            job.adjust().accept(model);
        }
        if (job.warmStart() != null && job.warmStart().fits(model.mip())) {
            model.mip().setHint(job.warmStart().values());
        }
        SolveResult result = solver.solve(model.mip(), job.options(), job.control());
        return new Outcome(PlanExtractor.extract(model, result, job.options(), job.timings()),
                ModelSize.of(model.mip()), result, model);
    }

    /** Solves {@code instance} as it is: {@link #solve(Job)} of a plain job. */
    public Outcome solve(Instance instance, SolveOptions options, boolean timings) {
        return solve(new Job(instance, options).withTimings(timings));
    }
}

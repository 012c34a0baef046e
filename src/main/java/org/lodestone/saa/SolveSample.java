package org.lodestone.saa;

import org.lodestone.plan.FirstStage;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.validate.InvalidInputException;

/**
 * A task: replication r of sample-average approximation — samples r·n … r·n+n−1 solved as one
 * instance (exactly the instance {@code lodestone sample} writes for them), the first stage kept.
 */
public record SolveSample(String instanceJson, long seed, int replication, int n, SolveSpec spec)
        implements Task<SampleSolution> {
    private static final Planner PLANNER = new Planner();

    @Override
    public SampleSolution run() {
        try {
            Futures futures = Futures.parse(instanceJson);
            org.lodestone.solve.SolveControl control = RunningSolves.start();
            Planner.Outcome outcome;
            try {
                outcome = PLANNER.solve(new Planner.Job(
                        InstanceReader.toInstance(futures.sampled(seed, (long) replication * n, n)), spec.options())
                        .withTimings(false).controlledBy(control));
            } finally {
                RunningSolves.finished(control);
            }
            Plan plan = outcome.plan();
            if (!plan.status().hasSolution()) {
                return new SampleSolution(replication, plan.status().name(), Double.NaN, Double.NaN, null,
                        String.valueOf(outcome.result().message()));
            }
            double bound = plan.bestBound() != null ? Math.min(plan.bestBound(), plan.objective())
                    : plan.status() == Plan.Status.OPTIMAL ? plan.objective() : Double.NaN;
            return new SampleSolution(replication, plan.status().name(), plan.objective(), bound, FirstStage.of(plan),
                    "");
        } catch (InvalidInputException | RuntimeException e) {
            return new SampleSolution(replication, "ERROR", Double.NaN, Double.NaN, null, String.valueOf(e));
        }
    }
}

package org.lodestone.saa;

import org.lodestone.plan.FirstStage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lodestone.analysis.Figures;
import org.lodestone.domain.Instance;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;

/**
 * A task: one sampled future, the first stage fixed, the operations re-optimised for that future
 * (a linear program). The operations see the future from its first year — they adapt with
 * hindsight, where a real operator learns of a disruption only when it shows; builds and
 * contracts, which are what is being judged, get no such advantage.
 */
public record EvaluateFuture(String instanceJson, long seed, long sample, FirstStage stage, SolveSpec spec)
        implements Task<FutureCost> {
    private static final Planner PLANNER = new Planner();

    @Override
    public FutureCost run() {
        Futures futures = Futures.parse(instanceJson);
        int events = futures.sampler(seed).runs(sample).size();
        try {
            Instance one = futures.alone(seed, sample);
            org.lodestone.solve.SolveControl control = RunningSolves.start();
            Planner.Outcome outcome;
            try {
                outcome = PLANNER.solve(new Planner.Job(one, spec.options()).withTimings(false).adjusted(stage::fix)
                        .controlledBy(control));
            } finally {
                RunningSolves.finished(control);
            }
            Plan plan = outcome.plan();
            if (!plan.status().hasSolution()) {
                return new FutureCost(sample, plan.status().name(), Double.NaN, Double.NaN, new double[0], events,
                        String.valueOf(outcome.result().message()));
            }
            return new FutureCost(sample, plan.status().name(), plan.objective(), Figures.cash(plan),
                    shortfall(futures.demandKeys(), plan), events, "");
        } catch (RuntimeException e) {
            return new FutureCost(sample, "ERROR", Double.NaN, Double.NaN, new double[0], events, String.valueOf(e));
        }
    }

    /** Tonnes short over the horizon per (buyer, element) of {@code keys}. */
    static double[] shortfall(List<String[]> keys, Plan plan) {
        Map<String, Double> byKey = new HashMap<>();
        for (Plan.ScenarioPlan s : plan.scenarios()) {
            for (Plan.Shortfall q : s.shortfalls()) {
                byKey.merge(q.buyer() + "\u0000" + q.element(), s.probability() * q.tonnes(), Double::sum);
            }
        }
        double[] tonnes = new double[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            tonnes[i] = byKey.getOrDefault(keys.get(i)[0] + "\u0000" + keys.get(i)[1], 0.0);
        }
        return tonnes;
    }
}

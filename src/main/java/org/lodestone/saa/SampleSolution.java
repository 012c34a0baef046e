package org.lodestone.saa;

import org.lodestone.plan.FirstStage;
import java.io.Serializable;

/**
 * One replication of sample-average approximation: a sample of futures solved as one instance.
 *
 * @param replication 0-based
 * @param status the plan's status (OPTIMAL, FEASIBLE, INFEASIBLE, NO_SOLUTION) or ERROR
 * @param objective the sample's optimal (or best found) objective; NaN without a solution
 * @param bound the solver's proven lower bound on the sample's optimum (the objective when
 *     optimal); NaN when not known — what the optimality-gap estimate averages
 * @param stage the first stage chosen; null without a solution
 * @param message why there is no solution, else empty
 */
public record SampleSolution(int replication, String status, double objective, double bound, FirstStage stage,
                             String message) implements Serializable {
    public boolean solved() {
        return stage != null;
    }
}

package org.lodestone.analysis;

import org.lodestone.domain.Instance;
import org.lodestone.plan.Plan;

/**
 * One solve of an analysis: the instance solved (after every override) and the plan found.
 * {@code plan.status().hasSolution()} tells whether there is a plan; without one, its costs are zero
 * and its objective is null.
 */
public record Solved(String label, Instance instance, Plan plan) {
    public boolean hasPlan() {
        return plan.status().hasSolution();
    }
}

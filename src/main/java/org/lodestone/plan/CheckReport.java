package org.lodestone.plan;

import java.util.List;

/**
 * What {@link PlanChecker} found in a plan.
 *
 * @param violations one readable line per broken rule or disagreeing figure, naming scenario,
 *     year and ids; empty when the plan is feasible and its figures agree
 * @param costs every cost part recomputed from the instance and the plan's entries (expected,
 *     discounted); {@link Plan.Costs#ZERO} when the plan has no solution
 * @param risk expected risk-tonnes recomputed; 0 when the plan has no solution
 * @param objective the objective recomputed (instance-reference.md §10, §10.6 with risk aversion); NaN when the plan has no
 *     solution
 * @param cvar CVaR_α of the scenario costs recomputed (instance-reference.md §10.6); null without riskAversion
 *     or without a solution
 * @param scenarios each scenario's operating cost (discounted, not weighted) and risk, recomputed,
 *     in the order of the plan's scenarios that exist in the instance
 */
public record CheckReport(List<String> violations, Plan.Costs costs, double risk, double objective, Double cvar,
                          List<ScenarioResult> scenarios) {
    public CheckReport {
        violations = List.copyOf(violations);
        scenarios = List.copyOf(scenarios);
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    public record ScenarioResult(String id, double operatingCost, double risk) {}
}

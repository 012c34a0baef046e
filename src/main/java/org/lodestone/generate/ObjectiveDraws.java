package org.lodestone.generate;

import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;
import static org.lodestone.generate.Quantities.stepFor;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The objective's settings: discount rate, and sometimes a risk weight and a risk budget. */
final class ObjectiveDraws {
    private final RandomDraws random;

    ObjectiveDraws(Generation generation) {
        this.random = generation.random;
    }

    /**
     * Adds discountRate, riskWeight and riskBudget to {@code root}; the budget is 70–100 % of the
     * risk-tonnes of the reachable supply, so that it binds without emptying the plan.
     */
    void settings(ObjectNode root, double reachableRiskTonnes) {
        root.set("discountRate", jsonNumber(quantise(random.uniform(0.03, 0.10), 0.001)));
        if (random.chance(0.75)) {
            root.set("riskWeight", jsonNumber(quantise(random.uniform(20, 300), 0.1)));
        }
        if (random.chance(0.35)) {
            double budget = random.uniform(0.7, 1.0) * reachableRiskTonnes;
            root.set("riskBudget", jsonNumber(quantise(budget, stepFor(budget))));
        }
    }
}

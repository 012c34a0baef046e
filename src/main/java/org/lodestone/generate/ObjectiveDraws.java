package org.lodestone.generate;

import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;
import static org.lodestone.generate.Quantities.stepFor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The objective's settings: discount rate, sometimes a risk weight and a risk budget, and CVaR when asked for. */
final class ObjectiveDraws {
    private final Generation generation;
    private final RandomDraws random;

    ObjectiveDraws(Generation generation) {
        this.generation = generation;
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

    /**
     * CVaR risk aversion (instance-reference.md §10.6): alpha 0.8–0.95 (the worst 5–20 % of probability) and
     * weight 0.2–0.6, to two decimals. From the {@link Feature#RISK_AVERSION} stream.
     */
    ObjectNode riskAversion() {
        RandomDraws cvar = generation.random(Feature.RISK_AVERSION);
        ObjectNode riskAversion = JsonNodeFactory.instance.objectNode();
        riskAversion.set("alpha", jsonNumber(quantise(cvar.uniform(0.8, 0.95), 0.01)));
        riskAversion.set("weight", jsonNumber(quantise(cvar.uniform(0.2, 0.6), 0.01)));
        return riskAversion;
    }
}

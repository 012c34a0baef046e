package org.lodestone.domain;

/**
 * CVaR risk aversion (model-v2.md §2.8): the objective weighs the expected cost by 1 − weight and
 * CVaR_alpha, the expected cost of the worst (1 − alpha) share of probability, by weight.
 */
public record RiskAversion(double alpha, double weight) {
    /** Whether the objective differs from version 1's (alpha 0 or weight 0 leave it as it is). */
    public boolean changesObjective() {
        return alpha > 0 && weight > 0;
    }
}

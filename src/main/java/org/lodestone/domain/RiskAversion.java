package org.lodestone.domain;

/**
 * CVaR risk aversion (instance-reference.md §10.6): the objective weighs the expected cost by 1 − weight and
 * CVaR_alpha, the expected cost of the worst (1 − alpha) share of probability, by weight.
 */
public record RiskAversion(double alpha, double weight) {
    /** Whether the objective differs from version 1's (alpha 0 or weight 0 leave it as it is). */
    public boolean changesObjective() {
        return alpha > 0 && weight > 0;
    }

    /**
     * CVaR_alpha of scenario costs: the expected cost of the worst (1 − alpha) share of probability,
     * min over η of η + Σ π max(0, C − η) / (1 − alpha), taken from the costliest scenario down.
     *
     * @param costs C(s) per scenario
     * @param probabilities π(s) per scenario
     */
    public double cvar(double[] costs, double[] probabilities) {
        Integer[] order = new Integer[costs.length];
        for (int s = 0; s < order.length; s++) {
            order[s] = s;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(costs[b], costs[a]));
        double tail = 1 - alpha;
        double left = tail;
        double sum = 0;
        for (int s : order) {
            double mass = Math.min(left, probabilities[s]);
            sum += mass * costs[s];
            left -= mass;
            if (left <= 0) {
                break;
            }
        }
        return sum / tail;
    }
}

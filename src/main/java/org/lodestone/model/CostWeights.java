package org.lodestone.model;

import java.util.Arrays;

import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;

/**
 * Weights that turn the model's recorded cost terms into one linear function of its columns: a
 * term of part p in scenario s counts {@code stage(s) × part(p) × amount}, stage(−1) being the
 * weight of first-stage terms. The objective is such a function ({@link #standard}), and so is
 * the left side of the risk budget (risk alone, scenarios by probability); other objectives
 * (another riskWeight, risk alone, later a CVaR term) are other weights on the same terms.
 */
public final class CostWeights {
    private static final CostPart[] PARTS = CostPart.values();

    /** [part ordinal] */
    private final double[] parts;
    /** [scenario + 1]: index 0 weighs first-stage terms */
    private final double[] stages;

    private CostWeights(double[] parts, double[] stages) {
        this.parts = parts;
        this.stages = stages;
    }

    /**
     * The objective of model.md §4: first-stage terms as they are, scenario terms times the
     * scenario's probability, risk times riskWeight, surplus revenue times −1.
     */
    public static CostWeights standard(Instance instance) {
        double[] parts = new double[PARTS.length];
        for (CostPart part : PARTS) {
            parts[part.ordinal()] = part == CostPart.RISK ? instance.riskWeight() : part.sign();
        }
        return new CostWeights(parts, probabilities(instance));
    }

    /** Every part at weight 0, scenarios by probability: the start for weighing a few parts alone. */
    public static CostWeights none(Instance instance) {
        return new CostWeights(new double[PARTS.length], probabilities(instance));
    }

    private static double[] probabilities(Instance instance) {
        double[] stages = new double[instance.scenarios().size() + 1];
        stages[0] = 1;
        for (int s = 0; s < instance.scenarios().size(); s++) {
            stages[s + 1] = instance.scenarios().get(s).probability();
        }
        return stages;
    }

    /** The same weights with {@code part} weighed by {@code weight}. */
    public CostWeights withPart(CostPart part, double weight) {
        double[] p = parts.clone();
        p[part.ordinal()] = weight;
        return new CostWeights(p, stages);
    }

    /** The same weights with the terms of {@code scenario} (−1: first stage) weighed by {@code weight}. */
    public CostWeights withStage(int scenario, double weight) {
        double[] s = stages.clone();
        s[scenario + 1] = weight;
        return new CostWeights(parts, s);
    }

    public double part(CostPart part) {
        return parts[part.ordinal()];
    }

    /** The weight of the terms of {@code scenario}, or of the first stage when it is −1. */
    public double stage(int scenario) {
        return stages[scenario + 1];
    }

    /**
     * What one unit of a term's amount counts. Stage first, then part: the objective coefficients
     * have always been computed as probability × part weight × amount, and a column with several
     * terms sums them, so a different order would change coefficients in their last bits.
     */
    double of(CostPart part, int scenario) {
        return stages[scenario + 1] * parts[part.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CostWeights w && Arrays.equals(parts, w.parts) && Arrays.equals(stages, w.stages);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(parts) + Arrays.hashCode(stages);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("CostWeights[");
        for (CostPart part : PARTS) {
            b.append(part).append('=').append(parts[part.ordinal()]).append(", ");
        }
        return b.append("stages=").append(Arrays.toString(stages)).append(']').toString();
    }
}

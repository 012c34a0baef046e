package org.lodestone.model;

import java.util.Arrays;
import java.util.Optional;

import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.domain.RiskAversion;

/**
 * Weights that turn the model's recorded cost terms into one linear function of its columns: a
 * term of part p in scenario s counts {@code stage(s) × part(p) × amount}, stage(−1) being the
 * weight of first-stage terms. The objective is such a function ({@link #standard}), and so is
 * the left side of the risk budget (risk alone, scenarios by probability); other objectives
 * (another riskWeight, risk alone) are other weights on the same terms. With risk aversion
 * (instance-reference.md §10.6) the objective also weighs the CVaR columns: η by {@link #tail} and the excess
 * z(s) of each scenario by {@link #excess}.
 */
public final class CostWeights {
    private static final CostPart[] PARTS = CostPart.values();

    /** [part ordinal] */
    private final double[] parts;
    /** [scenario + 1]: index 0 weighs first-stage terms */
    private final double[] stages;
    /** The weight of η, w of instance-reference.md §10.6; 0 for a risk-neutral objective. */
    private final double tail;
    /** [scenario] the weight of z(s), w × π(s) / (1 − α); all 0 for a risk-neutral objective. */
    private final double[] excess;

    private CostWeights(double[] parts, double[] stages, double tail, double[] excess) {
        this.parts = parts;
        this.stages = stages;
        this.tail = tail;
        this.excess = excess;
    }

    /**
     * The objective of instance-reference.md §10: first-stage terms as they are, scenario terms times the
     * scenario's probability, risk times riskWeight, surplus revenue times −1. With risk aversion
     * (weight w, alpha α) scenario terms count (1 − w) × π(s), and CVaR_α takes the rest:
     * Investment + (1 − w) × Σ π C + w × (η + Σ π z / (1 − α)).
     */
    public static CostWeights standard(Instance instance) {
        double[] parts = new double[PARTS.length];
        for (CostPart part : PARTS) {
            parts[part.ordinal()] = part == CostPart.RISK ? instance.riskWeight() : part.sign();
        }
        double[] stages = probabilities(instance);
        double[] excess = new double[instance.scenarios().size()];
        Optional<RiskAversion> aversion = instance.riskAversion().filter(RiskAversion::changesObjective);
        if (aversion.isEmpty()) {
            return new CostWeights(parts, stages, 0, excess);
        }
        double w = aversion.get().weight();
        for (int s = 0; s < excess.length; s++) {
            excess[s] = w * stages[s + 1] / (1 - aversion.get().alpha());
            stages[s + 1] *= 1 - w;
        }
        return new CostWeights(parts, stages, w, excess);
    }

    /** Every part at weight 0, scenarios by probability, no CVaR: the start for weighing a few parts alone. */
    public static CostWeights none(Instance instance) {
        return new CostWeights(new double[PARTS.length], probabilities(instance), 0,
                new double[instance.scenarios().size()]);
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
        return new CostWeights(p, stages, tail, excess);
    }

    /** The same weights with the terms of {@code scenario} (−1: first stage) weighed by {@code weight}. */
    public CostWeights withStage(int scenario, double weight) {
        double[] s = stages.clone();
        s[scenario + 1] = weight;
        return new CostWeights(parts, s, tail, excess);
    }

    public double part(CostPart part) {
        return parts[part.ordinal()];
    }

    /** The weight of the terms of {@code scenario}, or of the first stage when it is −1. */
    public double stage(int scenario) {
        return stages[scenario + 1];
    }

    /** The weight of the CVaR column η. */
    public double tail() {
        return tail;
    }

    /** The weight of the CVaR column z(s) of {@code scenario}. */
    public double excess(int scenario) {
        return excess[scenario];
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
        return o instanceof CostWeights w && Arrays.equals(parts, w.parts) && Arrays.equals(stages, w.stages)
                && tail == w.tail && Arrays.equals(excess, w.excess);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {Arrays.hashCode(parts), Arrays.hashCode(stages), Double.hashCode(tail),
            Arrays.hashCode(excess)});
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("CostWeights[");
        for (CostPart part : PARTS) {
            b.append(part).append('=').append(parts[part.ordinal()]).append(", ");
        }
        b.append("stages=").append(Arrays.toString(stages));
        if (tail != 0) {
            b.append(", tail=").append(tail).append(", excess=").append(Arrays.toString(excess));
        }
        return b.append(']').toString();
    }
}

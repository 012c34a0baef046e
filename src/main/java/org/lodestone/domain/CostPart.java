package org.lodestone.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The parts of the objective of instance-reference.md §10, in the order the plan file's {@code costs} lists
 * them (plan-reference.md §P4), then risk. A part added here is written to and read from the plan
 * file, listed by the summaries, reports and analysis tables and compared by the checker; the
 * model and the checker still have to compute it.
 */
public enum CostPart {
    CAPEX("capex", "capex", false, 1),
    FIXED_OPEX("fixedOpex", "fixed opex", false, 1),
    SIGNING("signing", "signing", false, 1),
    MINING("mining", "mining (spot)", true, 1),
    REFINING("refining", "refining (spot)", true, 1),
    CONTRACTS("contracts", "contracts", true, 1),
    FREIGHT("freight", "freight", true, 1),
    TARIFFS("tariffs", "tariffs", true, 1),
    SUBSTITUTION("substitution", "substitution", true, 1),
    SHORTFALL("shortfall", "shortfall", true, 1),
    /**
     * Revenue from surplus oxide sold at the market. Everywhere it is shown — plan file, summary,
     * report, analysis tables — it is the positive amount earned, subtracted from the objective,
     * and its label says so ({@link #SUBTRACTED}).
     */
    SURPLUS_REVENUE("surplusRevenue", "surplus revenue (subtracted)", true, -1),
    /** Holding cost of stockpiles (instance-reference.md Rule 12), part of Operating(s). */
    HOLDING("holding", "holding", true, 1),
    /** w × (CVaR − expected cost) of instance-reference.md §10.6; not part of any scenario's Operating(s). */
    RISK_PREMIUM("riskPremium", "risk premium", false, 1),
    /** Risk-tonnes, not money: enters the objective times riskWeight; the plan reports it apart from costs. */
    RISK("risk", "risk", false, 1);

    /**
     * What tables keyed by the plan file's names say of {@code surplusRevenue}: shown as the
     * positive amount earned, as in the plan file, and subtracted from the objective.
     */
    public static final String SUBTRACTED = "surplusRevenue is earned and subtracted";

    private static final List<CostPart> MONEY = Arrays.stream(values()).filter(CostPart::isMoney).toList();

    private final String key;
    private final String label;
    private final boolean operating;
    private final double sign;

    CostPart(String key, String label, boolean operating, double sign) {
        this.key = key;
        this.label = label;
        this.operating = operating;
        this.sign = sign;
    }

    /** The parts in USD, as the plan file's {@code costs} lists them: every part but {@link #RISK}. */
    public static List<CostPart> money() {
        return MONEY;
    }

    /** The part with plan-file key {@code key}, if there is one. */
    public static Optional<CostPart> ofKey(String key) {
        return Arrays.stream(values()).filter(part -> part.key.equals(key)).findFirst();
    }

    /** Operating(s) of instance-reference.md §10.3 from the parts' amounts: Σ sign × amount over the operating parts. */
    public static double operatingCost(ToDoubleFunction<CostPart> amount) {
        return signedSum(CostPart::operating, amount);
    }

    /** Σ sign × amount over the money parts: the objective without its risk term. */
    public static double net(ToDoubleFunction<CostPart> amount) {
        return signedSum(CostPart::isMoney, amount);
    }

    private static double signedSum(Predicate<CostPart> parts, ToDoubleFunction<CostPart> amount) {
        double sum = 0;
        for (CostPart part : values()) {
            if (parts.test(part)) {
                sum += part.sign() * amount.applyAsDouble(part);
            }
        }
        return sum;
    }

    /**
     * Whether summaries list the part even when it is 0: every part of model version 1. The parts
     * version 2 added (holding, risk premium) are listed only where an instance has them, so that
     * summaries of version 1 instances stay as they were.
     */
    public boolean listedWhenZero() {
        return this != HOLDING && this != RISK_PREMIUM;
    }

    /** Whether the part is money (one of the plan file's {@code costs}), not risk-tonnes. */
    public boolean isMoney() {
        return this != RISK;
    }

    /** The key in the plan file: {@code costs.<key>}, or the top-level {@code risk}. */
    public String key() {
        return key;
    }

    /** The name people read in summaries and reports, e.g. "mining (spot)", "surplus revenue (subtracted)". */
    public String label() {
        return label;
    }

    /** Whether the part belongs to Operating(s) of instance-reference.md §10.3. */
    public boolean operating() {
        return operating;
    }

    /** +1 for costs, −1 for revenue. */
    public double sign() {
        return sign;
    }
}

package org.lodestone.model;

/** The parts of the objective as the plan file reports them (plan-and-cli.md {@code costs}), plus risk. */
public enum CostPart {
    CAPEX, FIXED_OPEX, SIGNING,
    MINING, REFINING, CONTRACTS, FREIGHT, TARIFFS, SUBSTITUTION, SHORTFALL, SURPLUS_REVENUE,
    /** Risk-tonnes; enters the objective times riskWeight. */
    RISK;

    /** Whether the part belongs to Operating(s) of model.md §4. */
    public boolean operating() {
        return ordinal() >= MINING.ordinal() && ordinal() <= SURPLUS_REVENUE.ordinal();
    }

    /** +1 for costs, −1 for revenue. */
    public double sign() {
        return this == SURPLUS_REVENUE ? -1 : 1;
    }
}

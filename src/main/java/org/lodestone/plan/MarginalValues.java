package org.lodestone.plan;

import java.util.List;

/**
 * Shadow prices of a plan: what one more tonne would change the objective by, expected over
 * scenarios and discounted to the start year like the objective. Plan data: written into the
 * plan file and shown in the summary beside the plan it prices.
 *
 * @param demand one value per buyer, element and year, by year, then buyer, then element (instance order)
 * @param capacity one value per facility and year, by facility (mines first, then refineries), then year
 */
public record MarginalValues(List<DemandValue> demand, List<CapacityValue> capacity) {
    public MarginalValues {
        demand = List.copyOf(demand);
        capacity = List.copyOf(capacity);
    }

    /** Marginal cost of one more tonne of a buyer's demand for an element in a year (USD/t). */
    public record DemandValue(String buyer, String element, int year, double usdPerTonne) {}

    /** Value of one more tonne of a facility's capacity in a year (USD/t REO, ≥ 0). */
    public record CapacityValue(String facility, int year, double usdPerTonne) {}
}

package org.lodestone.report;

import java.util.function.ToDoubleFunction;

import org.lodestone.domain.Horizon;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Stockpile;
import org.lodestone.plan.Plan;

/**
 * The level of a stockpile at the end of each year of each scenario (instance-reference.md Rule 12), read
 * from a plan, which lists a year only where fill, release or level is above 1e-6: a year it
 * leaves out is an empty stock.
 */
final class StockLevels {
    private StockLevels() {}

    /** [scenario of the plan][year index]: tonnes in {@code stockpile} at the end of the year. */
    static double[][] levels(Instance instance, Plan plan, Stockpile stockpile) {
        return table(instance.horizon(), plan, stockpile, Plan.StockLevel::level);
    }

    /** Σ_s π(s) × tonnes put into (release false) or taken out of (release true) {@code stockpile} over the horizon. */
    static double expectedTotal(Instance instance, Plan plan, Stockpile stockpile, boolean release) {
        double[][] moved = table(instance.horizon(), plan, stockpile,
                release ? Plan.StockLevel::release : Plan.StockLevel::fill);
        double total = 0;
        for (int s = 0; s < moved.length; s++) {
            for (double tonnes : moved[s]) {
                total += plan.scenarios().get(s).probability() * tonnes;
            }
        }
        return total;
    }

    /** The expected level in each year: Σ_s π(s) × level. */
    static double[] expected(Plan plan, double[][] levels) {
        double[] expected = new double[levels.length == 0 ? 0 : levels[0].length];
        for (int s = 0; s < levels.length; s++) {
            for (int t = 0; t < expected.length; t++) {
                expected[t] += plan.scenarios().get(s).probability() * levels[s][t];
            }
        }
        return expected;
    }

    private static double[][] table(Horizon horizon, Plan plan, Stockpile stockpile,
                                    ToDoubleFunction<Plan.StockLevel> value) {
        double[][] table = new double[plan.scenarios().size()][horizon.years()];
        for (int s = 0; s < table.length; s++) {
            for (Plan.StockLevel entry : plan.scenarios().get(s).stockpiles()) {
                if (entry.stockpile().equals(stockpile.id()) && horizon.contains(entry.year())) {
                    table[s][horizon.index(entry.year())] = value.applyAsDouble(entry);
                }
            }
        }
        return table;
    }
}

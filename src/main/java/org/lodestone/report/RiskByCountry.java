package org.lodestone.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lodestone.domain.Country;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.plan.Plan;

/**
 * Where a plan's expected risk-tonnes sit. A tonne of concentrate counts once in its mine's
 * country and once in its refinery's, each at that country's risk score (the model's
 * Risk(s) = Σ (ρ(c(m)) + ρ(c(r))) × x(m, r)), so the countries' risk-tonnes add up to the
 * plan's expected risk.
 */
public final class RiskByCountry {
    /** Country of a facility the instance does not know (a plan of another instance). */
    public static final String UNKNOWN = "?";

    /**
     * One country: expected t REO over the horizon shipped from its mines and fed to its
     * refineries, and its risk score.
     */
    public record Row(String country, double score, double mined, double refined) {
        public double riskTonnes() {
            return score * (mined + refined);
        }
    }

    private RiskByCountry() {}

    /** Every country that mines or refines in some scenario, by country id. */
    public static List<Row> byCountry(Instance instance, Plan plan) {
        Map<String, String> mineCountry = new HashMap<>();
        for (Mine m : instance.mines()) {
            mineCountry.put(m.id(), m.country());
        }
        Map<String, String> refineryCountry = new HashMap<>();
        for (Refinery r : instance.refineries()) {
            refineryCountry.put(r.id(), r.country());
        }
        Map<String, double[]> tonnes = new TreeMap<>();
        for (Plan.ScenarioPlan s : plan.scenarios()) {
            for (Plan.Concentrate x : s.concentrate()) {
                double t = s.probability() * x.tonnes();
                tonnes.computeIfAbsent(mineCountry.getOrDefault(x.mine(), UNKNOWN), k -> new double[2])[0] += t;
                tonnes.computeIfAbsent(refineryCountry.getOrDefault(x.refinery(), UNKNOWN), k -> new double[2])[1] += t;
            }
        }
        Map<String, Double> score = new HashMap<>();
        for (Country c : instance.countries()) {
            score.put(c.id(), c.risk());
        }
        List<Row> rows = new ArrayList<>();
        tonnes.forEach((country, t) -> rows.add(new Row(country, score.getOrDefault(country, 0.0), t[0], t[1])));
        return rows;
    }

    /** {@link #byCountry}, the most risk-tonnes first (ties by country id). */
    public static List<Row> largestFirst(Instance instance, Plan plan) {
        List<Row> rows = new ArrayList<>(byCountry(instance, plan));
        rows.sort(Comparator.comparingDouble(Row::riskTonnes).reversed().thenComparing(Row::country));
        return rows;
    }
}

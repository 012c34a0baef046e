package org.lodestone.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.plan.Plan;
import org.lodestone.report.RiskByCountry;

/**
 * The figures the analyses put side by side, read from a plan (and its instance, for the
 * weight of risk and the countries of facilities). Expected means weighted by scenario
 * probability; tonnes are summed over the horizon, money is discounted as in the plan.
 */
public final class Figures {
    /**
     * The cost parts, named as in the plan file's {@code costs}, then {@code riskCost} =
     * riskWeight × risk. objective = every part − surplusRevenue (revenue is positive).
     */
    public static final List<String> COST_PARTS = Stream.concat(CostPart.money().stream().map(CostPart::key),
            Stream.of("riskCost")).toList();

    private Figures() {}

    /** The plan's cost parts in the order of {@link #COST_PARTS}; NaN each without a plan. */
    public static double[] costParts(Instance instance, Plan plan) {
        if (!plan.status().hasSolution()) {
            double[] none = new double[COST_PARTS.size()];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
        double[] parts = new double[COST_PARTS.size()];
        List<CostPart> money = CostPart.money();
        for (int i = 0; i < money.size(); i++) {
            parts[i] = plan.costs().get(money.get(i));
        }
        parts[money.size()] = instance.riskWeight() * plan.risk();
        return parts;
    }

    /**
     * The money a plan actually spends (plan-reference.md §P10, compare): every cost part but the shortfall
     * penalty and the risk premium, surplus revenue subtracted, and no risk charge; NaN without a plan.
     */
    public static double cash(Plan plan) {
        if (!plan.status().hasSolution()) {
            return Double.NaN;
        }
        return plan.costs().net() - plan.costs().get(CostPart.SHORTFALL) - plan.costs().get(CostPart.RISK_PREMIUM);
    }

    /** The objective, or NaN without a plan. */
    public static double objective(Plan plan) {
        return plan.objective() == null ? Double.NaN : plan.objective();
    }

    /** Expected risk-tonnes, or NaN without a plan. */
    public static double risk(Plan plan) {
        return plan.status().hasSolution() ? plan.risk() : Double.NaN;
    }

    /** Expected tonnes of unmet demand over the horizon, all buyers and elements; NaN without a plan. */
    public static double shortfallTonnes(Plan plan) {
        if (!plan.status().hasSolution()) {
            return Double.NaN;
        }
        double total = 0;
        for (Plan.ScenarioPlan s : plan.scenarios()) {
            for (Plan.Shortfall q : s.shortfalls()) {
                total += s.probability() * q.tonnes();
            }
        }
        return total;
    }

    /** A buyer and an element. */
    public record BuyerElement(String buyer, String element) implements Comparable<BuyerElement> {
        @Override
        public int compareTo(BuyerElement o) {
            int c = buyer.compareTo(o.buyer);
            return c != 0 ? c : element.compareTo(o.element);
        }
    }

    /** Expected shortfall tonnes over the horizon by buyer and element (only those with some), sorted. */
    public static Map<BuyerElement, Double> shortfalls(Plan plan) {
        Map<BuyerElement, Double> out = new TreeMap<>();
        for (Plan.ScenarioPlan s : plan.scenarios()) {
            for (Plan.Shortfall q : s.shortfalls()) {
                out.merge(new BuyerElement(q.buyer(), q.element()), s.probability() * q.tonnes(), Double::sum);
            }
        }
        return out;
    }

    /** A stage of the supply chain, as sourcing is counted. */
    public enum Stage {
        /** t REO of concentrate mined (and shipped to a refinery), by the mine's country. */
        MINED,
        /** t REO of concentrate fed to separation, by the refinery's country. */
        REFINED;

        public String label() {
            return this == MINED ? "mined" : "refined";
        }
    }

    /** Expected t REO over the horizon per country at one stage (only countries with some), sorted by country. */
    public static Map<String, Double> sourcing(Instance instance, Plan plan, Stage stage) {
        Map<String, Double> out = new TreeMap<>();
        for (RiskByCountry.Row row : RiskByCountry.byCountry(instance, plan)) {
            double tonnes = stage == Stage.MINED ? row.mined() : row.refined();
            if (tonnes > 0) {
                out.put(row.country(), tonnes);
            }
        }
        return out;
    }

    /** Ids of the contracts a plan holds, in plan order. */
    public static List<String> held(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Plan.ContractChoice c : plan.contracts()) {
            if (c.held()) {
                out.add(c.id());
            }
        }
        return out;
    }
}

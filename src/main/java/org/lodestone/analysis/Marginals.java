package org.lodestone.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestone.domain.Instance;
import org.lodestone.model.SourcingModel;
import org.lodestone.plan.Plan;
import org.lodestone.solve.LinearResult;
import org.lodestone.solve.MipSolver;

/**
 * Shadow prices of a solved plan: its builds and contracts are fixed, the flows re-solved as
 * a linear program, and the duals read off. Values are expected over scenarios and discounted
 * to the start year, like the objective: what one more tonne would change the objective by.
 */
public final class Marginals {
    private Marginals() {}

    /** Marginal cost of one more tonne of a buyer's demand for an element in a year (USD/t). */
    public record DemandValue(String buyer, String element, int year, double usdPerTonne) {}

    /** Value of one more tonne of a facility's capacity in a year (USD/t REO, ≥ 0). */
    public record CapacityValue(String facility, int year, double usdPerTonne) {}

    public record Values(List<DemandValue> demand, List<CapacityValue> capacity) {}

    /** @throws IllegalStateException when the plan has no solution or the LP cannot be solved */
    public static Values of(Instance instance, Plan plan, MipSolver solver, double timeLimitSeconds) {
        if (!plan.status().hasSolution()) {
            throw new IllegalStateException("the plan has no solution to price");
        }
        SourcingModel model = SourcingModel.build(instance);
        model.fixFirstStage(builds(plan), held(plan));
        LinearResult lp = solver.solveLinear(model.mip(), timeLimitSeconds);
        if (!lp.optimal()) {
            throw new IllegalStateException("could not price the plan: " + lp.message());
        }
        int start = instance.horizon().start();
        Map<List<Integer>, Double> demand = new LinkedHashMap<>();
        for (SourcingModel.DemandRow row : model.demandRows()) {
            demand.merge(List.of(row.year(), row.buyer(), row.element()), lp.duals()[row.row()], Double::sum);
        }
        List<DemandValue> demandValues = new ArrayList<>();
        demand.entrySet().stream().sorted(Map.Entry.comparingByKey(Marginals::compare)).forEach(e ->
                demandValues.add(new DemandValue(instance.buyers().get(e.getKey().get(1)).id(),
                        instance.elements().get(e.getKey().get(2)).id(), start + e.getKey().get(0),
                        clean(e.getValue()))));
        Map<List<Integer>, Double> capacity = new LinkedHashMap<>();
        for (SourcingModel.CapacityRow row : model.capacityRows()) {
            capacity.merge(List.of(row.facility(), row.year()), -lp.duals()[row.row()], Double::sum);
        }
        List<CapacityValue> capacityValues = new ArrayList<>();
        capacity.entrySet().stream().sorted(Map.Entry.comparingByKey(Marginals::compare)).forEach(e ->
                capacityValues.add(new CapacityValue(model.facility(e.getKey().get(0)).id(),
                        start + e.getKey().get(1), clean(e.getValue()))));
        return new Values(demandValues, capacityValues);
    }

    static Map<String, int[]> builds(Plan plan) {
        Map<String, int[]> builds = new HashMap<>();
        for (Plan.Build b : plan.builds()) {
            builds.put(b.facility(), new int[] {b.startYear(), b.modules()});
        }
        return builds;
    }

    static Set<String> held(Plan plan) {
        Set<String> held = new HashSet<>();
        for (Plan.ContractChoice c : plan.contracts()) {
            if (c.held()) {
                held.add(c.id());
            }
        }
        return held;
    }

    /** Duals carry solver noise; a price below a micro-dollar is zero. */
    private static double clean(double value) {
        return Math.abs(value) < 1e-6 ? 0 : value;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}

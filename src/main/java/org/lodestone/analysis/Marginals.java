package org.lodestone.analysis;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestone.domain.Instance;
import org.lodestone.model.SourcingModel;
import org.lodestone.plan.FirstStage;
import org.lodestone.plan.MarginalValues;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.solve.LinearResult;
import org.lodestone.solve.MipSolver;

/**
 * Shadow prices of a solved plan: the builds and contracts of the plan are fixed on the very
 * model it came from, the flows re-solved as a linear program, and the duals read off. Values are
 * expected over scenarios and discounted to the start year, like the objective: what one more
 * tonne would change the objective by.
 */
public final class Marginals {
    private Marginals() {}

    /** A demand row's place: year index, buyer index, element index (sorted in that order). */
    private record DemandKey(int year, int buyer, int element) {
        static final Comparator<DemandKey> ORDER = Comparator.comparingInt(DemandKey::year)
                .thenComparingInt(DemandKey::buyer).thenComparingInt(DemandKey::element);
    }

    /** A capacity row's place: facility index, year index (sorted in that order). */
    private record CapacityKey(int facility, int year) {
        static final Comparator<CapacityKey> ORDER = Comparator.comparingInt(CapacityKey::facility)
                .thenComparingInt(CapacityKey::year);
    }

    /**
     * Prices the plan of {@code outcome}. Its model's first stage is fixed to the plan's builds and
     * contracts (the model is then no longer the one solved) and re-solved as a linear program.
     *
     * @throws IllegalStateException when the plan has no solution or the LP cannot be solved
     */
    public static MarginalValues of(Planner.Outcome outcome, MipSolver solver, double timeLimitSeconds) {
        Plan plan = outcome.plan();
        if (!plan.status().hasSolution()) {
            throw new IllegalStateException("the plan has no solution to price");
        }
        SourcingModel model = outcome.model();
        fixFirstStage(model, plan);
        LinearResult lp = solver.solveLinear(model.mip(), timeLimitSeconds);
        if (!lp.optimal()) {
            throw new IllegalStateException("could not price the plan: " + lp.message());
        }
        Instance instance = model.instance();
        int start = instance.horizon().start();
        Map<DemandKey, Double> demand = new LinkedHashMap<>();
        for (SourcingModel.DemandRow row : model.demandRows()) {
            demand.merge(new DemandKey(row.year(), row.buyer(), row.element()), lp.duals()[row.row()], Double::sum);
        }
        List<MarginalValues.DemandValue> demandValues = demand.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(DemandKey.ORDER))
                .map(e -> new MarginalValues.DemandValue(instance.buyers().get(e.getKey().buyer()).id(),
                        instance.elements().get(e.getKey().element()).id(), start + e.getKey().year(),
                        clean(e.getValue())))
                .toList();
        Map<CapacityKey, Double> capacity = new LinkedHashMap<>();
        for (SourcingModel.CapacityRow row : model.capacityRows()) {
            capacity.merge(new CapacityKey(row.facility(), row.year()), -lp.duals()[row.row()], Double::sum);
        }
        List<MarginalValues.CapacityValue> capacityValues = capacity.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(CapacityKey.ORDER))
                .map(e -> new MarginalValues.CapacityValue(model.facility(e.getKey().facility()).id(),
                        start + e.getKey().year(), clean(e.getValue())))
                .toList();
        return new MarginalValues(demandValues, capacityValues);
    }

    /**
     * Fixes the plan's first stage (its builds and the contracts it holds) on {@code model}.
     *
     * @throws IllegalArgumentException when a build of the plan is not one the model can represent
     */
    static void fixFirstStage(SourcingModel model, Plan plan) {
        FirstStage.of(plan).fix(model);
    }

    /** Duals carry solver noise; a price below a micro-dollar is zero. */
    private static double clean(double value) {
        return Math.abs(value) < 1e-6 ? 0 : value;
    }
}

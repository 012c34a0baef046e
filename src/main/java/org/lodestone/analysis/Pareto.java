package org.lodestone.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.domain.CostPart;
import org.lodestone.model.CostWeights;
import org.lodestone.model.SourcingModel;
import org.lodestone.plan.Plan;
import org.lodestone.validate.InvalidInputException;

/**
 * The cost–risk frontier by the ε-constraint method on expected risk. Every point is a full plan
 * of the instance with {@code riskWeight} 0 (so its objective is its cost) and a
 * {@code riskBudget}: the model of the instance as given, re-weighted and re-budgeted in place
 * ({@link SourcingModel#setObjective}, {@link SourcingModel#setRiskBudget}):
 *
 * <ol>
 *   <li>The min-cost end: no budget. Its risk is R_max, its cost C_min.</li>
 *   <li>R_min, the smallest expected risk any plan can have: the same model with risk as its only
 *       objective. (In model v1 it is 0, since the plan that moves nothing is always feasible,
 *       but nothing here relies on that.)</li>
 *   <li>The min-risk end: the cheapest plan with risk ≤ R_min + a tolerance of
 *       1e-6 × max(1, R_min) risk-tonnes.</li>
 *   <li>N − 2 points in between, with budgets R_min + k (R_max − R_min) / (N − 1), k = 1 … N − 2
 *       (none below the min-risk end's).</li>
 * </ol>
 *
 * Points are numbered from 1, by increasing budget: point 1 is the min-risk end, point N the
 * min-cost end. That is N + 1 solves; the first two run at once when parallel ≥ 2, the other
 * N − 1 as a {@link Batch}, each warm-started by the plan of the next smaller budget, which
 * is feasible for it.
 *
 * <p><b>The service floor</b> (the default): the least-risk end above is the plan that buys
 * nothing, all demand short. With the floor, every point also keeps expected shortfall tonnes
 * (Σ_s π(s) Σ q) at or below S*, the least expected shortfall among plans that cost no more than
 * the least cost C* (1 + 1e-6) — a second solve, so that S* does not depend on which of several
 * least-cost plans a solver returns. Then R_min is the least risk within the floor, the budgets
 * run from R_min up to the least-cost plan's risk, and the min-cost end is re-solved within the
 * floor too: N + 3 solves.
 */
public final class Pareto {
    /** At most this many points. */
    public static final int MAX_POINTS = 1_000;
    /** The min-risk end's budget is R_min plus this many risk-tonnes per risk-tonne of R_min (at least 1). */
    public static final double BUDGET_TOLERANCE = 1e-6;
    /** Plans that cost no more than the least cost times (1 + this) count as least-cost for the service floor. */
    public static final double LEAST_COST_TOLERANCE = 1e-6;
    /** Weight of a risk-tonne when risk alone is minimised (any positive number; this one keeps the objective in USD-like magnitudes). */
    private static final double RISK_ONLY_WEIGHT = 1_000;

    private Pareto() {}

    /**
     * One point of the frontier.
     *
     * @param number 1 … N by increasing budget
     * @param riskBudget the budget the point was solved with; null for the min-cost end (no budget)
     * @param instance the instance as given; its riskWeight and riskBudget are those of the
     *                 tree, not the 0 and {@code riskBudget} the point was solved with
     * @param plan its plan; cost = objective, since the point was solved with riskWeight 0
     */
    public record Point(int number, Double riskBudget, Instance instance, Plan plan) {
        public boolean hasPlan() {
            return plan.status().hasSolution();
        }

        /** The plan's cost (its objective), or NaN without a plan. */
        public double cost() {
            return Figures.objective(plan);
        }

        /** The plan's expected risk-tonnes, or NaN without a plan. */
        public double risk() {
            return Figures.risk(plan);
        }
    }

    /** Point {@code point} is dominated by point {@code by}: no more risk and less cost, or less risk and no more cost. */
    public record Dominated(int point, int by) {}

    /**
     * @param requested N, the points asked for
     * @param minRisk R_min (NaN when it could not be found)
     * @param maxRisk R_max, the risk of the min-cost end (NaN when it could not be found)
     * @param points by increasing budget; fewer than asked for when an end could not be solved
     * @param dominated every dominated point (none on a correct frontier), judged within the gap
     * @param serviceFloor S*, the expected shortfall tonnes every point keeps to; null without the floor
     */
    public record Result(int requested, double minRisk, double maxRisk, List<Point> points,
                         List<Dominated> dominated, Double serviceFloor) {
        /** Whether all {@code requested} points are there, each with a plan. */
        public boolean complete() {
            return points.size() == requested && points.stream().allMatch(Point::hasPlan);
        }

        public Point minRiskEnd() {
            return points.get(0);
        }

        public Point minCostEnd() {
            return points.get(points.size() - 1);
        }
    }

    /**
     * @param tree the instance tree (any --set already applied); not changed
     * @param count N ≥ 2, the number of points
     */
    public static Result run(JsonNode tree, int count, Settings settings) throws InvalidInputException {
        return run(tree, count, settings, true);
    }

    /**
     * @param serviceFloor whether every point keeps to the service floor S* (see the class comment);
     *     false gives the unconstrained frontier, whose least-risk end ships nothing
     */
    public static Result run(JsonNode tree, int count, Settings settings, boolean serviceFloor)
            throws InvalidInputException {
        if (count < 2 || count > MAX_POINTS) {
            throw new InvalidInputException("", "--points must be between 2 and " + MAX_POINTS + ", got " + count);
        }
        Instance given = InstanceReader.toInstance(tree);
        if (serviceFloor) {
            return withServiceFloor(given, count, settings);
        }
        int total = count + 1;
        List<Solved> ends = Batch.solve(List.of(
                new Batch.Job("lowest possible risk", given, Pareto::minimiseRiskOnly),
                new Batch.Job("min-cost end (no risk budget)", given, costWithin(null))), settings, 1, total);
        Solved lowest = ends.get(0);
        Solved minCost = ends.get(1);
        Point last = new Point(count, null, minCost.instance(), minCost.plan());
        double rMax = minCost.hasPlan() ? minCost.plan().risk() : Double.NaN;
        if (!lowest.hasPlan()) {
            List<Point> points = minCost.hasPlan() ? List.of(last) : List.of();
            return new Result(count, Double.NaN, rMax, points, List.of(), null);
        }
        double rMin = lowest.plan().risk();
        // without the min-cost end (R_max unknown) only the min-risk end's budget
        List<Double> budgets = budgets(rMin, rMax, minCost.hasPlan() ? count : 2);
        List<Batch.Job> jobs = new ArrayList<>();
        for (int i = 0; i < budgets.size(); i++) {
            String label = i == 0 ? "min-risk end" : "point " + (i + 1);
            jobs.add(new Batch.Job(String.format(Locale.ROOT, "%s (risk budget %,.1f)", label, budgets.get(i)),
                    given, costWithin(budgets.get(i))));
        }
        List<Solved> solved = Batch.solve(jobs, settings, 3, total);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < solved.size(); i++) {
            points.add(new Point(i + 1, budgets.get(i), solved.get(i).instance(), solved.get(i).plan()));
        }
        if (minCost.hasPlan()) {
            points.add(last);
        }
        return new Result(count, rMin, rMax, points, dominated(points, settings.options().relativeGap()), null);
    }

    /** The frontier of plans that serve demand as well as a least-cost plan does (the class comment). */
    private static Result withServiceFloor(Instance given, int count, Settings settings) {
        int total = count + 3;
        Solved minCost = Batch.solve(List.of(new Batch.Job("least cost (no risk budget, no floor)", given,
                costWithin(null))), settings, 1, total).get(0);
        if (!minCost.hasPlan()) {
            return new Result(count, Double.NaN, Double.NaN, List.of(), List.of(), null);
        }
        double costCap = minCost.plan().objective() * (1 + LEAST_COST_TOLERANCE);
        Solved leastShortfall = Batch.solve(List.of(new Batch.Job(String.format(Locale.ROOT,
                "service floor (least shortfall at a cost of at most %,.0f)", costCap), given,
                leastShortfallWithin(costCap))), settings, 2, total).get(0);
        // the least-cost plan itself is within the cap: its shortfall stands in if the second solve fails
        double floor = Figures.shortfallTonnes((leastShortfall.hasPlan() ? leastShortfall : minCost).plan());
        double floorBound = floor + BUDGET_TOLERANCE * Math.max(1, floor);
        double rMax = minCost.plan().risk();
        Solved lowest = Batch.solve(List.of(new Batch.Job("lowest risk within the service floor", given,
                riskOnlyWithin(floorBound))), settings, 3, total).get(0);
        if (!lowest.hasPlan()) {
            return new Result(count, Double.NaN, rMax, List.of(), List.of(), floor);
        }
        double rMin = lowest.plan().risk();
        List<Double> budgets = new ArrayList<>(budgets(rMin, rMax, count));
        budgets.add(null);
        List<Batch.Job> jobs = new ArrayList<>();
        for (int i = 0; i < budgets.size(); i++) {
            Double budget = budgets.get(i);
            String label = i == 0 ? "min-risk end" : budget == null ? "min-cost end" : "point " + (i + 1);
            jobs.add(new Batch.Job(budget == null ? label + " (no risk budget, within the floor)"
                    : String.format(Locale.ROOT, "%s (risk budget %,.1f)", label, budget),
                    given, costWithin(budget, floorBound)));
        }
        List<Solved> solved = Batch.solve(jobs, settings, 4, total);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < solved.size(); i++) {
            points.add(new Point(i + 1, budgets.get(i), solved.get(i).instance(), solved.get(i).plan()));
        }
        return new Result(count, rMin, rMax, points, dominated(points, settings.options().relativeGap()), floor);
    }

    /**
     * The dominated points among those with a plan. A point is dominated by another with no more
     * risk and strictly less cost, or strictly less risk and no more cost; "strictly" means by
     * more than the tolerance: 1e-6 × max(1, risk) risk-tonnes, and max(gap, 1e-9) × max(1, |cost|)
     * in cost, since a plan within the gap may cost that much more than the best one.
     */
    public static List<Dominated> dominated(List<Point> points, double gap) {
        double relative = Math.max(gap, 1e-9);
        List<Dominated> out = new ArrayList<>();
        for (Point p : points) {
            if (!p.hasPlan()) {
                continue;
            }
            for (Point q : points) {
                if (q == p || !q.hasPlan()) {
                    continue;
                }
                double riskTol = 1e-6 * Math.max(1, Math.max(Math.abs(p.risk()), Math.abs(q.risk())));
                double costTol = relative * Math.max(1, Math.max(Math.abs(p.cost()), Math.abs(q.cost())));
                boolean noMoreRisk = q.risk() <= p.risk() + riskTol;
                boolean noMoreCost = q.cost() <= p.cost() + costTol;
                boolean lessRisk = q.risk() < p.risk() - riskTol;
                boolean lessCost = q.cost() < p.cost() - costTol;
                if (noMoreRisk && noMoreCost && (lessRisk || lessCost)) {
                    out.add(new Dominated(p.number(), q.number()));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The risk budgets of points 1 … N − 1: R_min plus a tolerance of 1e-6 × max(1, R_min) for the
     * min-risk end, then R_min + k (R_max − R_min) / (N − 1), never below the first (no trade-off:
     * R_max ≈ R_min). Point N, the min-cost end, has none.
     */
    private static List<Double> budgets(double rMin, double rMax, int count) {
        List<Double> budgets = new ArrayList<>();
        double lowestBudget = rMin + BUDGET_TOLERANCE * Math.max(1, rMin);
        budgets.add(lowestBudget);
        for (int k = 1; k <= count - 2; k++) {
            budgets.add(Math.max(lowestBudget, rMin + (rMax - rMin) * k / (count - 1)));
        }
        return budgets;
    }

    /** Cost alone (riskWeight 0) as the objective, within the given risk budget (none when null). */
    private static Consumer<SourcingModel> costWithin(Double budget) {
        return costWithin(budget, null);
    }

    /** Cost alone within a risk budget and a service floor (none when null). */
    private static Consumer<SourcingModel> costWithin(Double budget, Double floor) {
        return model -> {
            model.setObjective(cost(model));
            model.setRiskBudget(Optional.ofNullable(budget));
            model.setServiceFloor(Optional.ofNullable(floor));
        };
    }

    /** Expected shortfall tonnes as the objective, among plans of cost (riskWeight 0) at most {@code cap}. */
    private static Consumer<SourcingModel> leastShortfallWithin(double cap) {
        return model -> {
            model.setObjectiveToExpectedShortfall();
            model.setRiskBudget(Optional.empty());
            model.setCostCap(cost(model), Optional.of(cap));
        };
    }

    /** Risk alone as the objective, within a service floor. */
    private static Consumer<SourcingModel> riskOnlyWithin(double floor) {
        return model -> {
            minimiseRiskOnly(model);
            model.setServiceFloor(Optional.of(floor));
        };
    }

    /** "Cost" of the frontier: the objective with riskWeight 0. */
    private static CostWeights cost(SourcingModel model) {
        return CostWeights.standard(model.instance()).withPart(CostPart.RISK, 0);
    }

    /** Risk alone (times {@link #RISK_ONLY_WEIGHT}) as the objective, without a risk budget. */
    private static void minimiseRiskOnly(SourcingModel model) {
        model.setObjective(CostWeights.none(model.instance()).withPart(CostPart.RISK, RISK_ONLY_WEIGHT));
        model.setRiskBudget(Optional.empty());
    }
}

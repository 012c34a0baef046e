package org.lodestone.analysis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestone.plan.Plan;
import org.lodestone.validate.InvalidInputException;

class ParetoTest {
    @Test
    void tradeOffFrontierHasBothEndsAndIsExact() throws Exception {
        // the instance's riskWeight 100 and riskBudget 2000 play no part: every point has weight 0 and its
        // own budget (none at the min-cost end, whose risk 2500 is over the instance's budget)
        Pareto.Result r = Pareto.run(AnalysisFixtures.tradeOff(), 5, AnalysisFixtures.exact());
        assertTrue(r.complete());
        assertEquals(5, r.points().size());
        Pareto.Point minRisk = r.minRiskEnd();
        Pareto.Point minCost = r.minCostEnd();
        assertAll(
                () -> assertEquals(0, r.minRisk(), 1e-6),
                () -> assertEquals(2_500, r.maxRisk(), 1e-6),
                () -> assertEquals(0, minRisk.risk(), 1e-5),
                () -> assertEquals(30_000_000, minRisk.cost(), 1),
                () -> assertNull(minCost.riskBudget()),
                () -> assertEquals(2_500, minCost.risk(), 1e-6),
                () -> assertEquals(10_000_000, minCost.cost(), 1e-3));
        for (Pareto.Point p : r.points()) {
            // the model of the instance (riskWeight 100) re-weighted: no risk term in the objective
            assertEquals(p.plan().costs().net(), p.cost(), 1e-6 * Math.max(1, p.cost()), "point " + p.number());
        }
        // in between: budgets 625, 1250, 1875; every risk-tonne saves 8000
        for (int k = 2; k <= 4; k++) {
            Pareto.Point p = r.points().get(k - 1);
            double budget = 2_500.0 * (k - 1) / 4;
            assertEquals(k, p.number());
            assertEquals(budget, p.riskBudget(), 1e-9);
            assertEquals(budget, p.risk(), 1e-6);
            assertEquals(30_000_000 - 8_000 * budget, p.cost(), 1e-2);
        }
        assertNonDominated(r);
    }

    @Test
    void quickstartFrontierIsNonDominated() throws Exception {
        Pareto.Result r = Pareto.run(AnalysisFixtures.tree(AnalysisFixtures.quickstartFile()), 4,
                AnalysisFixtures.exact(2), false);
        assertTrue(r.complete());
        assertEquals(4, r.points().size());
        assertTrue(r.maxRisk() > r.minRisk());
        // without its risk term, quickstart's plan (objective 7,839,052,754 with riskWeight 50) costs no more
        assertTrue(r.minCostEnd().cost() <= 7_839_052_754.0 - 50 * r.maxRisk() + 1, "" + r.minCostEnd().cost());
        assertTrue(r.minRiskEnd().cost() > r.minCostEnd().cost());
        assertNonDominated(r);
    }

    @Test
    void withTheServiceFloorTheLeastRiskEndStillServesDemand() throws Exception {
        Pareto.Result free = Pareto.run(AnalysisFixtures.tree(AnalysisFixtures.quickstartFile()), 3,
                AnalysisFixtures.exact(2), false);
        Pareto.Result floored = Pareto.run(AnalysisFixtures.tree(AnalysisFixtures.quickstartFile()), 3,
                AnalysisFixtures.exact(2));
        double floor = floored.serviceFloor();
        double leastCostShortfall = Figures.shortfallTonnes(free.minCostEnd().plan());
        assertTrue(floored.complete());
        assertEquals(null, free.serviceFloor());
        // S* is the least shortfall among least-cost plans: at most that of the one the solver returned
        assertTrue(floor <= leastCostShortfall + 1e-6 * Math.max(1, floor), floor + " vs " + leastCostShortfall);
        for (Pareto.Point p : floored.points()) {
            assertTrue(Figures.shortfallTonnes(p.plan()) <= floor * (1 + 1e-5) + 1e-4, "point " + p.number());
        }
        // unconstrained, the least-risk end buys (almost) nothing: all demand short, risk 0
        assertEquals(0, free.minRiskEnd().risk(), 1e-6);
        assertTrue(Figures.shortfallTonnes(free.minRiskEnd().plan()) > 10 * floor);
        // within the floor it must still source, so it carries risk, and costs no more than the buy-nothing plan
        assertTrue(floored.minRiskEnd().risk() > 1, "" + floored.minRiskEnd().risk());
        assertTrue(floored.minRiskEnd().cost() < free.minRiskEnd().cost());
        // both frontiers end at the same least cost, within its tolerance
        assertEquals(free.minCostEnd().cost(), floored.minCostEnd().cost(),
                Pareto.LEAST_COST_TOLERANCE * free.minCostEnd().cost());
        assertNonDominated(floored);
    }

    static void assertNonDominated(Pareto.Result r) {
        assertEquals(List.of(), r.dominated());
        List<Pareto.Point> byRisk = new ArrayList<>(r.points());
        byRisk.sort(Comparator.comparingDouble(Pareto.Point::risk));
        for (int i = 1; i < byRisk.size(); i++) {
            Pareto.Point a = byRisk.get(i - 1);
            Pareto.Point b = byRisk.get(i);
            if (b.risk() > a.risk() + 1e-6) {
                assertTrue(b.cost() <= a.cost() + 1e-6 * Math.abs(a.cost()), "point " + b.number() + " (risk "
                        + b.risk() + ", cost " + b.cost() + ") costs more than point " + a.number() + " (risk "
                        + a.risk() + ", cost " + a.cost() + ")");
            }
        }
    }

    private static Pareto.Point point(int number, double risk, double cost) {
        Plan plan = new Plan("x", Plan.Status.OPTIMAL, cost, cost, 0.0,
                new Plan.SolverInfo("SCIP", "test", 0.0, 1, 60, 0), Plan.Costs.ZERO, risk, List.of(), List.of(),
                List.of());
        return new Pareto.Point(number, risk, null, plan);
    }

    @Test
    void dominatedPointsAreFoundWithinTheGap() {
        List<Pareto.Point> points = List.of(point(1, 0, 100), point(2, 50, 120), point(3, 100, 60),
                point(4, 100, 60.004));
        // 2 has more risk and more cost than 1; 4 costs more than 3 at the same risk, but within a gap of 1e-4
        assertEquals(List.of(new Pareto.Dominated(2, 1)), Pareto.dominated(points, 1e-4));
        assertEquals(List.of(new Pareto.Dominated(2, 1), new Pareto.Dominated(4, 3)), Pareto.dominated(points, 0));
    }

    @Test
    void tooFewPointsIsBadInput() {
        assertThrows(InvalidInputException.class, () -> Pareto.run(AnalysisFixtures.tradeOff(), 1,
                AnalysisFixtures.exact()));
    }
}

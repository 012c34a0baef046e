package org.lodestone.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lodestone.plan.Fixtures.Y;
import static org.lodestone.plan.Fixtures.assertOk;
import static org.lodestone.plan.Fixtures.assertViolations;
import static org.lodestone.plan.Fixtures.base;
import static org.lodestone.plan.Fixtures.basePlan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Series;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.YearRange;

/** The plan's shape (ids, years, scenarios, builds, contract list) and its reported figures. */
class PlanCheckerStructureTest {

    @Test
    void planWithoutSolutionIsReportedOnce() {
        Instance in = base().build();
        Plan good = basePlan().reconciled(in);
        Plan none = new Plan(in.name(), Plan.Status.NO_SOLUTION, null, null, null, good.solver(), Plan.Costs.ZERO, 0,
                List.of(), List.of(), List.of());
        CheckReport r = PlanChecker.check(in, none);
        assertEquals(List.of("plan has no solution"), r.violations());
        assertFalse(r.ok());
        assertTrue(Double.isNaN(r.objective()));
        Plan optimalWithoutObjective = new Plan(in.name(), Plan.Status.OPTIMAL, null, null, null, good.solver(),
                good.costs(), good.risk(), good.builds(), good.contracts(), good.scenarios());
        assertEquals(List.of("plan has no solution"), PlanChecker.check(in, optimalWithoutObjective).violations());
    }

    @Test
    void planNamesItsInstance() {
        Instance in = base().build();
        assertViolations(in, PlanBuilder.plan("other").concentrate("mA", "rU", Y, 500)
                        .deliver("mA", "rU", "bU", "NdPr", Y, 100),
                "plan is for instance \"other\" but the instance is \"rules\"");
    }

    @Test
    void everyIdOfAnEntryExistsWithItsRole() {
        Instance in = base().build();
        assertViolations(in, basePlan()
                        .concentrate("mX", "rU", Y, 1)
                        .concentrate("rU", "rC", Y, 1)
                        .deliver("mA", "rU", "bX", "NdPr", Y, 1)
                        .deliver("mA", "rU", "bU", "Dy", Y, 1)
                        .surplus("mA", "La", Y, 1)
                        .use("kX", Y, 1, 1)
                        .substitute("bX", "NdPr", Y, 1)
                        .shortfall("bU", "Dy", Y, 1),
                "scenario base: concentrate mX → rU in 2026: unknown mine mX",
                "scenario base: concentrate rU → rC in 2026: unknown mine rU",
                "scenario base: delivery mA → rU → bX of NdPr in 2026: unknown buyer bX",
                "scenario base: delivery mA → rU → bU of Dy in 2026: unknown element Dy",
                "scenario base: surplus of La at mA in 2026: unknown refinery mA",
                "scenario base: contractUse of kX in 2026: unknown contract kX",
                "scenario base: substitution for bX of NdPr in 2026: unknown buyer bX",
                "scenario base: shortfall for bU of Dy in 2026: unknown element Dy");
    }

    @Test
    void yearsLieInTheHorizon() {
        Instance in = base().build();
        assertViolations(in, basePlan().concentrate("mA", "rU", 2027, 10).shortfall("bU", "NdPr", 2025, 1),
                "scenario base: concentrate mA → rU in 2027: year outside the horizon 2026–2026",
                "scenario base: shortfall for bU of NdPr in 2025: year outside the horizon 2026–2026");
    }

    @Test
    void noNegativeOrNonFiniteTonnes() {
        Instance in = base().build();
        assertOk(in, basePlan().surplus("rU", "La", Y, -1e-7));
        assertViolations(in, basePlan().surplus("rU", "La", Y, -0.01),
                "scenario base: surplus of La at rU in 2026 has negative tonnes -0.01");
        assertViolations(in, basePlan().surplus("rU", "La", Y, Double.NaN),
                "scenario base: surplus of La at rU in 2026: tonnes is not a finite number (NaN)");
        assertViolations(in, basePlan().shortfall("bU", "La", Y, Double.POSITIVE_INFINITY),
                "scenario base: shortfall for bU of La in 2026: tonnes is not a finite number (Infinity)");
    }

    @Test
    void stockpileEntriesNameAStockpileAYearAndFiniteTonnes() {
        Instance in = Fixtures.withVersion2(base().build(), List.of(new Stockpile("reserve", "bU", "NdPr", 1000, 0, 0,
                0, Optional.empty(), Optional.empty())), Optional.empty());
        assertViolations(in, basePlan().stock("rX", Y, 1, 0, 1).stock("reserve", 2027, 0, 0, 0)
                        .stock("reserve", Y, Double.NaN, 0, 0),
                "scenario base: stockpile rX in 2026: unknown stockpile rX",
                "scenario base: stockpile reserve in 2027: year outside the horizon 2026–2026",
                "scenario base: stockpile reserve in 2026 (fill): tonnes is not a finite number (NaN)");
        assertViolations(in, basePlan().stock("reserve", Y, 0, 0, 0).stock("reserve", Y, 0, 0, 0),
                "scenario base: stockpile reserve in 2026 is listed more than once");
        // a negative level is reported, and still breaks the rules it takes part in
        assertViolations(in, basePlan().stock("reserve", Y, 0, 0, -0.01),
                "scenario base: stockpile reserve in 2026 (level) has negative tonnes -0.01",
                "scenario base, 2026: stockpile reserve holds -0.01 t at the end of 2026 but its initial 0.0 t"
                        + " + fill 0.0 t − release 0.0 t = 0.0 t",
                "scenario base, 2026: stockpile reserve holds -0.01 t at the end of the horizon, below its minFinal"
                        + " 0.0 t");
    }

    @Test
    void entriesAreListedOnce() {
        Instance in = base().build();
        assertViolations(in, basePlan().concentrate("mA", "rU", Y, 500),
                "scenario base: concentrate mA → rU in 2026 is listed more than once");
        assertViolations(in, basePlan().shortfall("bU", "NdPr", Y, 0).shortfall("bU", "NdPr", Y, 0),
                "scenario base: shortfall for bU of NdPr in 2026 is listed more than once");
    }

    @Test
    void scenariosAreTheInstances() {
        Instance in = base().scenario(TestInstances.scenario("a", 0.5)).scenario(TestInstances.scenario("b", 0.5))
                .build();
        PlanBuilder both = PlanBuilder.plan(in)
                .scenario("a", 0.5).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100)
                .scenario("b", 0.5).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100);
        assertOk(in, both);
        assertViolations(in, PlanBuilder.plan(in)
                        .scenario("a", 0.5).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100)
                        .scenario("c", 0.5).shortfall("bU", "NdPr", Y, 100),
                "scenario c is not a scenario of the instance",
                "scenario b of the instance is missing from the plan");
        assertViolations(in, PlanBuilder.plan(in)
                        .scenario("a", 0.6).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100)
                        .scenario("b", 0.5).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100),
                "scenario a has probability 0.6 but the instance gives 0.5");
        Plan p = both.reconciled(in);
        Plan twice = new Plan(p.instance(), p.status(), p.objective(), p.bestBound(), p.gap(), p.solver(), p.costs(),
                p.risk(), p.builds(), p.contracts(), List.of(p.scenarios().get(0), p.scenarios().get(0),
                p.scenarios().get(1)));
        assertEquals(List.of("scenario a is listed more than once"), PlanChecker.check(in, twice).violations());
    }

    // ---------------------------------------------------------------- builds

    /** Three years; mB (AU) has no capacity but 1–2 modules of 300 t, lead 1, start window as given. */
    private static Instance buildable(int earliest, int latest) {
        return TestInstances.instance("rules", 2026, 3).element("NdPr", 100000).country("AU", 0.25)
                .mine(new Mine("mB", "AU", "standard", Series.constant(0, 3), Series.constant(5000, 3),
                        Map.of("NdPr", 0.2), Optional.of(TestInstances.expansion(300, 2, 1, earliest, latest))))
                .mine("mA", "AU", 0, 5000, Map.of("NdPr", 0.2))
                .refinery("rU", "AU", 2000, 1000).buyer("bU", "AU", "NdPr", 100).build();
    }

    private static PlanBuilder allShort() {
        return PlanBuilder.plan("rules").shortfall("bU", "NdPr", 2026, 100).shortfall("bU", "NdPr", 2027, 100)
                .shortfall("bU", "NdPr", 2028, 100);
    }

    @Test
    void buildOnAnExistingExpandableFacilityOnce() {
        Instance in = buildable(2026, 2028);
        assertOk(in, allShort().build("mB", 2026, 2027, 2, 600));
        assertViolations(in, allShort().build("mX", 2026, 2027, 2, 600), "build on mX: unknown facility mX");
        assertViolations(in, allShort().build("mA", 2026, 2027, 2, 600), "build on mA: the facility has no expansion");
        assertViolations(in, allShort().build("mB", 2026, 2027, 1, 300).build("mB", 2027, 2028, 1, 300),
                "build on mB: the facility is built more than once");
    }

    @Test
    void buildStartsInItsWindowWithinTheHorizon() {
        Instance in = buildable(2027, 2030);
        assertOk(in, allShort().build("mB", 2028, 2029, 1, 300));
        assertViolations(in, allShort().build("mB", 2026, 2027, 1, 300),
                "build on mB starts in 2026, outside its start window 2027–2028");
        assertViolations(in, allShort().build("mB", 2029, 2030, 1, 300),
                "build on mB starts in 2029, outside its start window 2027–2028");
        assertViolations(buildable(2030, 2031), allShort().build("mB", 2026, 2027, 1, 300),
                "build on mB starts in 2026 but its start window 2030–2031 does not meet the horizon 2026–2028");
    }

    @Test
    void buildHasAnAllowedNumberOfModules() {
        Instance in = buildable(2026, 2028);
        assertViolations(in, allShort().build("mB", 2026, 2027, 3, 900), "build on mB has 3 modules; allowed 1–2");
        assertViolations(in, allShort().build("mB", 2026, 2027, 0, 0), "build on mB has 0 modules; allowed 1–2");
    }

    @Test
    void buildReportsOnlineYearAndCapacityAdded() {
        Instance in = buildable(2026, 2028);
        assertViolations(in, allShort().build("mB", 2026, 2028, 2, 600),
                "build on mB reports online year 2028 but starts in 2026 with lead time 1 (online 2027)");
        assertViolations(in, allShort().build("mB", 2026, 2027, 2, 600.01),
                "build on mB reports capacityAdded 600.01 t but 2 modules × 300.0 t = 600.0 t");
    }

    // ---------------------------------------------------------------- contract list

    @Test
    void contractListNamesEveryContractOnceAndHoldsTheSigned() {
        Instance in = base()
                .contract(new Contract("k1", "mA", false, new YearRange(2026, 2026), 0, 100, 4000, 10))
                .contract(new Contract("k2", "rU", true, new YearRange(2026, 2026), 0, 100, 900, 10))
                .build();
        assertOk(in, basePlan().contract("k1", false).contract("k2", true));
        assertViolations(in, basePlan().contract("k2", true), "contracts: contract k1 is not listed");
        assertViolations(in, basePlan().contract("k1", false).contract("k1", false).contract("k2", true),
                "contracts: contract k1 is listed more than once");
        assertViolations(in, basePlan().contract("k1", false).contract("k2", true).contract("kX", true),
                "contracts: unknown contract kX");
        assertViolations(in, basePlan().contract("k1", false).contract("k2", false),
                "contracts: contract k2 is signed but the plan does not hold it");
    }

    // ---------------------------------------------------------------- reported figures

    private static Plan withCosts(Plan p, Plan.Costs costs, double risk, double objective) {
        return new Plan(p.instance(), p.status(), objective, p.bestBound(), p.gap(), p.solver(), costs, risk,
                p.builds(), p.contracts(), p.scenarios());
    }

    @Test
    void reportedFiguresAgreeWithinOnePartPerMillion() {
        Instance in = base().riskWeight(2).build();
        Plan p = basePlan().reconciled(in);
        CheckReport r = PlanChecker.check(in, p);
        // 500 t × 5000 mining + 500 t × 1000 refining; risk 500 × 0.375 = 187.5, × riskWeight 2
        assertEquals(2.5e6, r.costs().get(CostPart.MINING));
        assertEquals(5e5, r.costs().get(CostPart.REFINING));
        assertEquals(187.5, r.risk());
        assertEquals(3e6 + 375, r.objective());
        assertEquals(List.of(new CheckReport.ScenarioResult("base", 3e6, 187.5)), r.scenarios());

        Plan.Costs c = p.costs();
        Plan.Costs nearlyMining = Plan.Costs.of(Map.of(CostPart.MINING, 2.5e6 * (1 + 1e-7), CostPart.REFINING, 5e5));
        assertTrue(PlanChecker.check(in, withCosts(p, nearlyMining, 187.5 + 1e-5, 3e6 + 375 + 1)).ok());

        Plan.Costs offMining = Plan.Costs.of(Map.of(CostPart.MINING, 2.5e6 + 30, CostPart.REFINING, 5e5));
        assertEquals(List.of("costs.mining: the plan reports 2500030.0 but it is 2500000.0"),
                PlanChecker.check(in, withCosts(p, offMining, 187.5, 3e6 + 375)).violations());
        Plan.Costs offSurplus = Plan.Costs.of(Map.of(CostPart.MINING, 2.5e6, CostPart.REFINING, 5e5,
                CostPart.SURPLUS_REVENUE, 2.0));
        assertEquals(List.of("costs.surplusRevenue: the plan reports 2.0 but it is 0.0"),
                PlanChecker.check(in, withCosts(p, offSurplus, 187.5, 3e6 + 375)).violations());
        assertEquals(List.of("risk: the plan reports 187.6 but it is 187.5", "objective: the plan reports 3000575.0"
                        + " but it is 3000375.0"),
                PlanChecker.check(in, withCosts(p, c, 187.6, 3e6 + 575)).violations());

        Plan.ScenarioPlan s = p.scenarios().get(0);
        Plan.ScenarioPlan off = new Plan.ScenarioPlan(s.id(), s.probability(), 3.1e6, 188, s.concentrate(),
                s.deliveries(), s.surplus(), s.contractUse(), s.substitution(), s.shortfalls());
        Plan offScenario = new Plan(p.instance(), p.status(), p.objective(), p.bestBound(), p.gap(), p.solver(),
                p.costs(), p.risk(), p.builds(), p.contracts(), List.of(off));
        assertEquals(List.of("scenario base: operatingCost: the plan reports 3100000.0 but it is 3000000.0",
                        "scenario base: risk: the plan reports 188.0 but it is 187.5"),
                PlanChecker.check(in, offScenario).violations());
    }
}

package org.lodestone.plan;

import static org.lodestone.plan.Fixtures.Y;
import static org.lodestone.plan.Fixtures.assertOk;
import static org.lodestone.plan.Fixtures.assertViolations;
import static org.lodestone.plan.Fixtures.base;
import static org.lodestone.plan.Fixtures.basePlan;
import static org.lodestone.plan.Fixtures.mines;
import static org.lodestone.plan.Fixtures.world;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.ExportControl;
import org.lodestone.domain.ExportControl.Stage;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mandate;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Series;
import org.lodestone.domain.YearRange;

/** One test per rule of instance-reference.md §9: a plan that keeps it passes, one that breaks it a little is named. */
class PlanCheckerRulesTest {
    private static final YearRange ALWAYS = new YearRange(2000, 2100);

    @Test
    void basePlanIsFeasible() {
        assertOk(base().build(), basePlan());
    }

    // ---------------------------------------------------------------- rules 1 and 2: capacity

    @Test
    void mineCapacity() {
        Instance in = base().build();
        assertOk(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 1000).deliver("mA", "rU", "bU", "NdPr", Y, 100));
        assertOk(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 1000.0001)
                .deliver("mA", "rU", "bU", "NdPr", Y, 100));   // within 1e-6 relative
        assertViolations(in,
                PlanBuilder.plan(in).concentrate("mA", "rU", Y, 1000.01).deliver("mA", "rU", "bU", "NdPr", Y, 100),
                "scenario base, 2026: mine mA ships 1000.01 t but its capacity is 1000.0 t");
    }

    @Test
    void capacityFactorsMatchCountryFacilityOrAllAndMultiply() {
        Scenario storm = new Scenario("storm", 0.5, List.of(
                new Scenario.FacilityFactor(Optional.of("AU"), Optional.empty(), 0.5, ALWAYS),
                new Scenario.FacilityFactor(Optional.empty(), Optional.of("mA"), 0.8, ALWAYS),
                new Scenario.FacilityFactor(Optional.empty(), Optional.empty(), 0.1, new YearRange(2030, 2031)),
                new Scenario.FacilityFactor(Optional.of("CN"), Optional.empty(), 0.0, ALWAYS)),
                List.of(), List.of(), List.of());
        Instance in = base().scenario(TestInstances.scenario("calm", 0.5)).scenario(storm).build();
        double[] ok = {400, 400.01};
        for (double calm : ok) {
            assertOk(in, PlanBuilder.plan(in)
                    .scenario("calm", 0.5).concentrate("mA", "rU", Y, calm).deliver("mA", "rU", "bU", "NdPr", Y, 80)
                    .shortfall("bU", "NdPr", Y, 20)
                    .scenario("storm", 0.5).concentrate("mA", "rU", Y, 400).deliver("mA", "rU", "bU", "NdPr", Y, 80)
                    .shortfall("bU", "NdPr", Y, 20));
        }
        assertViolations(in, PlanBuilder.plan(in)
                        .scenario("calm", 0.5).concentrate("mA", "rU", Y, 400)
                        .deliver("mA", "rU", "bU", "NdPr", Y, 80).shortfall("bU", "NdPr", Y, 20)
                        .scenario("storm", 0.5).concentrate("mA", "rU", Y, 400.01)
                        .deliver("mA", "rU", "bU", "NdPr", Y, 80).shortfall("bU", "NdPr", Y, 20),
                "scenario storm, 2026: mine mA ships 400.01 t but its capacity is 400.0 t");
    }

    @Test
    void builtCapacityCountsFromStartPlusLeadTime() {
        Instance in = TestInstances.instance("rules", 2026, 2).element("NdPr", 100000).country("AU", 0.25)
                .mine(new Mine("mB", "AU", "standard", Series.of(new double[] {0, 0}), Series.of(new double[] {5000, 5000}),
                        Map.of("NdPr", 0.2), Optional.of(TestInstances.expansion(300, 2, 1, 2026, 2027))))
                .refinery("rU", "AU", 2000, 1000).buyer("bU", "AU", "NdPr", 100).build();
        PlanBuilder ok = PlanBuilder.plan(in).build("mB", 2026, 2027, 2, 600).shortfall("bU", "NdPr", 2026, 100)
                .concentrate("mB", "rU", 2027, 600).deliver("mB", "rU", "bU", "NdPr", 2027, 100);
        assertOk(in, ok);
        assertViolations(in, ok.concentrate("mB", "rU", 2026, 0.01),
                "scenario base, 2026: mine mB ships 0.01 t but its capacity is 0.0 t");
    }

    @Test
    void refineryCapacity() {
        Instance in = base().build();
        assertOk(in, PlanBuilder.plan(in).concentrate("mA", "rC", Y, 500).concentrate("mC", "rC", Y, 500)
                .deliver("mC", "rC", "bU", "NdPr", Y, 100));
        assertViolations(in, PlanBuilder.plan(in).concentrate("mA", "rC", Y, 500).concentrate("mC", "rC", Y, 500.01)
                        .deliver("mC", "rC", "bU", "NdPr", Y, 100),
                "scenario base, 2026: refinery rC takes in 1000.01 t but its capacity is 1000.0 t");
    }

    // ---------------------------------------------------------------- routes

    @Test
    void refineryTakesOnlyAcceptedOreTypes() {
        Instance in = world()
                .mine(new Mine("mA", "AU", "hard-rock", Series.constant(1000, 1), Series.constant(5000, 1),
                        Map.of("NdPr", 0.2), Optional.empty()))
                .mine(new Mine("mC", "CN", "ionic-clay", Series.constant(1000, 1), Series.constant(2000, 1),
                        Map.of("NdPr", 0.2), Optional.empty()))
                .refinery(new Refinery("rC", "CN", Optional.of(List.of("ionic-clay")), Series.constant(1000, 1),
                        Series.constant(500, 1), Map.of(), 1.0, Optional.empty()))
                .buyer("bC", "CN", "NdPr", 100).build();
        PlanBuilder ok = PlanBuilder.plan(in).concentrate("mC", "rC", Y, 500).deliver("mC", "rC", "bC", "NdPr", Y, 100);
        assertOk(in, ok);
        assertViolations(in, ok.concentrate("mA", "rC", Y, 10),
                "scenario base, 2026: refinery rC does not accept ore type \"hard-rock\" but receives 10.0 t from mine mA");
    }

    private static ExportControl control(Stage stage, Optional<Set<String>> elements, YearRange years,
                                         String... allowed) {
        return new ExportControl("CN", stage, elements, years, Set.of(allowed));
    }

    private static PlanBuilder cnMineToUs(Instance in) {
        return PlanBuilder.plan(in).concentrate("mC", "rU", Y, 500).deliver("mC", "rU", "bU", "NdPr", Y, 100);
    }

    @Test
    void concentrateExportControl() {
        String blocked = "scenario base, 2026: concentrate from mine mC (CN) to refinery rU (US) is blocked by an"
                + " export control of CN (500.0 t shipped)";
        // elements do not narrow a concentrate control
        Instance in = base().exportControl(control(Stage.CONCENTRATE, Optional.of(Set.of()), new YearRange(2020, 2026),
                "JP")).build();
        assertViolations(in, cnMineToUs(in), blocked);
        assertViolations(base().exportControl(control(Stage.BOTH, Optional.empty(), ALWAYS)).build(),
                cnMineToUs(in), blocked);
        // refined at home
        assertOk(in, PlanBuilder.plan(in).concentrate("mC", "rC", Y, 500).deliver("mC", "rC", "bU", "NdPr", Y, 100));
        // allowed destination, inactive year, oxide-only control
        for (ExportControl c : List.of(control(Stage.CONCENTRATE, Optional.empty(), ALWAYS, "US"),
                control(Stage.CONCENTRATE, Optional.empty(), new YearRange(2027, 2030)),
                control(Stage.OXIDE, Optional.empty(), ALWAYS))) {
            Instance open = base().exportControl(c).build();
            assertOk(open, cnMineToUs(open));
        }
    }

    @Test
    void scenarioExportControlHoldsOnlyInItsScenario() {
        Scenario ban = new Scenario("ban", 0.4, List.of(), List.of(), List.of(),
                List.of(control(Stage.CONCENTRATE, Optional.empty(), ALWAYS)));
        Instance in = base().scenario(TestInstances.scenario("open", 0.6)).scenario(ban).build();
        PlanBuilder plan = PlanBuilder.plan(in)
                .scenario("open", 0.6).concentrate("mC", "rU", Y, 500).deliver("mC", "rU", "bU", "NdPr", Y, 100)
                .scenario("ban", 0.4).concentrate("mC", "rU", Y, 500).deliver("mC", "rU", "bU", "NdPr", Y, 100);
        assertViolations(in, plan, "scenario ban, 2026: concentrate from mine mC (CN) to refinery rU (US) is blocked"
                + " by an export control of CN (500.0 t shipped)");
    }

    @Test
    void oxideExportControl() {
        PlanBuilder fromCn = PlanBuilder.plan("rules").concentrate("mC", "rC", Y, 500)
                .deliver("mC", "rC", "bU", "NdPr", Y, 100);
        String blocked = "scenario base, 2026: oxide NdPr from refinery rC (CN) to buyer bU (US) is blocked by an"
                + " export control of CN (100.0 t delivered)";
        assertViolations(base().exportControl(control(Stage.OXIDE, Optional.of(Set.of("NdPr")), ALWAYS, "JP"))
                .build(), fromCn, blocked);
        assertViolations(base().exportControl(control(Stage.BOTH, Optional.empty(), ALWAYS)).build(), fromCn,
                blocked);
        for (ExportControl c : List.of(control(Stage.OXIDE, Optional.of(Set.of("La")), ALWAYS),
                control(Stage.OXIDE, Optional.of(Set.of()), ALWAYS),           // elements: [] restricts no oxide
                control(Stage.OXIDE, Optional.empty(), ALWAYS, "US"),
                control(Stage.OXIDE, Optional.empty(), new YearRange(2020, 2025)),
                control(Stage.CONCENTRATE, Optional.empty(), ALWAYS))) {
            assertOk(base().exportControl(c).build(), fromCn);
        }
        // surplus sales are not restricted
        Instance in = base().exportControl(control(Stage.BOTH, Optional.empty(), ALWAYS)).build();
        assertOk(in, basePlan().concentrate("mC", "rC", Y, 500).surplus("rC", "NdPr", Y, 100));
    }

    // ---------------------------------------------------------------- Rule 4: separation

    @Test
    void chainOfCustodyPerMine() {
        Instance in = base().build();
        PlanBuilder both = PlanBuilder.plan(in).concentrate("mA", "rU", Y, 250).concentrate("mC", "rU", Y, 250);
        assertOk(in, both.deliver("mA", "rU", "bU", "NdPr", Y, 50).deliver("mC", "rU", "bU", "NdPr", Y, 50));
        // the refinery separates 100 t in all, but only 50 t come from mA
        assertViolations(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 250).concentrate("mC", "rU", Y, 250)
                        .deliver("mA", "rU", "bU", "NdPr", Y, 60).deliver("mC", "rU", "bU", "NdPr", Y, 40),
                "scenario base, 2026: refinery rU delivers 60.0 t of NdPr from mine mA but separates only 50.0 t"
                        + " of it (recovery 1.0 × basket 0.2 × 250.0 t)");
        // a delivery naming a mine that sent nothing to the refinery
        assertViolations(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 500)
                        .deliver("mA", "rU", "bU", "NdPr", Y, 90).deliver("mC", "rU", "bU", "NdPr", Y, 10),
                "scenario base, 2026: refinery rU delivers 10.0 t of NdPr from mine mC but separates only 0.0 t"
                        + " of it (recovery 1.0 × basket 0.2 × 0.0 t)");
    }

    @Test
    void separationWithSurplusAndRecovery() {
        Instance in = mines(world())
                .refinery(new Refinery("rX", "US", Optional.empty(), Series.constant(2000, 1), Series.constant(1000, 1),
                        Map.of("NdPr", 0.5), 0.25, Optional.empty()))
                .buyer("bU", "US", "NdPr", 100).build();
        // mA → rX 1000 t: NdPr 0.5 × 0.2 × 1000 = 100 t, La ("*" 0.25) 0.25 × 0.3 × 1000 = 75 t
        PlanBuilder ok = PlanBuilder.plan(in).concentrate("mA", "rX", Y, 1000).deliver("mA", "rX", "bU", "NdPr", Y, 100)
                .surplus("rX", "La", Y, 75);
        assertOk(in, ok);
        assertViolations(in, PlanBuilder.plan(in).concentrate("mA", "rX", Y, 1000)
                        .deliver("mA", "rX", "bU", "NdPr", Y, 100).surplus("rX", "La", Y, 75.01),
                "scenario base, 2026: refinery rX delivers 0.0 t and sells 75.01 t of La as surplus but separates"
                        + " only 75.0 t");
        assertViolations(in, PlanBuilder.plan(in).concentrate("mA", "rX", Y, 1000)
                        .deliver("mA", "rX", "bU", "NdPr", Y, 99.99).surplus("rX", "NdPr", Y, 0.02)
                        .shortfall("bU", "NdPr", Y, 0.01),
                "scenario base, 2026: refinery rX delivers 99.99 t and sells 0.02 t of NdPr as surplus but separates"
                        + " only 100.0 t");
    }

    // ---------------------------------------------------------------- Rule 5: demand

    @Test
    void demandBalance() {
        Instance in = base().build();
        assertOk(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 99.99)
                .shortfall("bU", "NdPr", Y, 0.01));
        assertViolations(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 500)
                        .deliver("mA", "rU", "bU", "NdPr", Y, 99.99),
                "scenario base, 2026: buyer bU gets 99.99 t of NdPr delivered + 0.0 t substituted + 0.0 t short"
                        + " = 99.99 t but its demand is 100.0 t");
        // an element the buyer does not want has demand 0
        assertViolations(in, basePlan().deliver("mA", "rU", "bU", "La", Y, 10),
                "scenario base, 2026: buyer bU gets 10.0 t of La delivered + 0.0 t substituted + 0.0 t short"
                        + " = 10.0 t but its demand is 0.0 t");
    }

    @Test
    void demandFactorsMatchBuyerElementOrAllAndMultiply() {
        Scenario boom = new Scenario("boom", 0.5, List.of(), List.of(), List.of(
                new Scenario.DemandFactor(Optional.of("bU"), Optional.empty(), 1.5, ALWAYS),
                new Scenario.DemandFactor(Optional.empty(), Optional.of("NdPr"), 2, ALWAYS),
                new Scenario.DemandFactor(Optional.of("bU"), Optional.of("NdPr"), 1, ALWAYS),
                new Scenario.DemandFactor(Optional.of("bX"), Optional.empty(), 10, ALWAYS),
                new Scenario.DemandFactor(Optional.empty(), Optional.of("La"), 10, ALWAYS),
                new Scenario.DemandFactor(Optional.empty(), Optional.empty(), 10, new YearRange(2027, 2030))),
                List.of());
        Instance in = base().scenario(TestInstances.scenario("calm", 0.5)).scenario(boom).build();
        PlanBuilder ok = PlanBuilder.plan(in)
                .scenario("calm", 0.5).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100)
                .scenario("boom", 0.5).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100)
                .shortfall("bU", "NdPr", Y, 200);
        assertOk(in, ok);
        assertViolations(in, PlanBuilder.plan(in)
                        .scenario("calm", 0.5).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100)
                        .scenario("boom", 0.5).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100)
                        .shortfall("bU", "NdPr", Y, 199.99),
                "scenario boom, 2026: buyer bU gets 100.0 t of NdPr delivered + 0.0 t substituted + 199.99 t short"
                        + " = 299.99 t but its demand is 300.0 t");
    }

    @Test
    void substitutionBoundedByActiveSubstitutes() {
        Instance in = Fixtures.refineries(mines(world())).buyer(new Buyer("bU", "US",
                Map.of("NdPr", Series.constant(100, 1)), Map.of(), Optional.empty(), Optional.empty(), List.of(
                        TestInstances.substitute("NdPr", 0.15, 30000, 2020),
                        TestInstances.substitute("NdPr", 0.05, 40000, 2026),
                        TestInstances.substitute("NdPr", 0.5, 20000, 2027),     // not active yet
                        TestInstances.substitute("La", 0.5, 1, 2026)))).build();
        assertOk(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 80)
                .substitute("bU", "NdPr", Y, 20));
        assertViolations(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 500)
                        .deliver("mA", "rU", "bU", "NdPr", Y, 79.99).substitute("bU", "NdPr", Y, 20.01),
                "scenario base, 2026: buyer bU avoids 20.01 t of NdPr by substitution but at most 20.0 t may be"
                        + " avoided");
    }

    // ---------------------------------------------------------------- Rules 6-7: mandate and share caps

    private static Instance withBuyer(Optional<Mandate> mandate, Optional<Double> maxCountryShare) {
        return Fixtures.refineries(mines(world())).buyer(new Buyer("bU", "US", Map.of("NdPr", Series.constant(100, 1)),
                Map.of(), mandate, maxCountryShare, List.of())).build();
    }

    @Test
    void mandateMinimumCompliantShare() {
        Instance in = withBuyer(Optional.of(TestInstances.mandate(Series.constant(0.6, 1), Set.of(), Set.of("feoc"))),
                Optional.empty());
        assertOk(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 300).concentrate("mC", "rC", Y, 250)
                .deliver("mA", "rU", "bU", "NdPr", Y, 60).deliver("mC", "rC", "bU", "NdPr", Y, 40));
        assertViolations(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 300).concentrate("mC", "rC", Y, 250)
                        .deliver("mA", "rU", "bU", "NdPr", Y, 59.5).deliver("mC", "rC", "bU", "NdPr", Y, 40.5),
                "scenario base, 2026: buyer bU gets 59.5 t of NdPr complying with its mandate out of 100.0 t"
                        + " delivered, below minShare 0.6 (60.0 t)");
        // shortfall and substitution do not count as delivered: 60 % of what is delivered
        assertOk(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 300).concentrate("mC", "rC", Y, 250)
                .deliver("mA", "rU", "bU", "NdPr", Y, 30).deliver("mC", "rC", "bU", "NdPr", Y, 20)
                .shortfall("bU", "NdPr", Y, 50));
    }

    @Test
    void mandateChecksOnlyItsStages() {
        PlanBuilder auMinedCnRefined = PlanBuilder.plan("rules").concentrate("mA", "rC", Y, 500)
                .deliver("mA", "rC", "bU", "NdPr", Y, 100);
        Series all = Series.constant(1, 1);
        assertOk(withBuyer(Optional.of(new Mandate(Set.of("CN"), Set.of(), true, false, all)), Optional.empty()),
                auMinedCnRefined);
        assertViolations(withBuyer(Optional.of(new Mandate(Set.of("CN"), Set.of(), false, true, all)),
                        Optional.empty()), auMinedCnRefined,
                "scenario base, 2026: buyer bU gets 0.0 t of NdPr complying with its mandate out of 100.0 t"
                        + " delivered, below minShare 1.0 (100.0 t)");
    }

    private static PlanBuilder split(double auUs, double auCn, double cnUs) {
        return PlanBuilder.plan("rules")
                .concentrate("mA", "rU", Y, 250).concentrate("mA", "rC", Y, 200).concentrate("mC", "rU", Y, 200)
                .deliver("mA", "rU", "bU", "NdPr", Y, auUs).deliver("mA", "rC", "bU", "NdPr", Y, auCn)
                .deliver("mC", "rU", "bU", "NdPr", Y, cnUs);
    }

    @Test
    void maxCountryShareByMiningCountry() {
        Instance in = withBuyer(Optional.empty(), Optional.of(0.7));
        assertOk(in, split(40, 30, 30));
        assertViolations(in, split(40.5, 30, 29.5),
                "scenario base, 2026: buyer bU gets 70.5 t of NdPr mined in AU out of 100.0 t delivered, above its"
                        + " maxCountryShare 0.7 (70.0 t)");
    }

    @Test
    void maxCountryShareByRefiningCountry() {
        Instance in = withBuyer(Optional.empty(), Optional.of(0.7));
        assertViolations(in, split(40, 29.5, 30.5),
                "scenario base, 2026: buyer bU gets 70.5 t of NdPr refined in US out of 100.0 t delivered, above its"
                        + " maxCountryShare 0.7 (70.0 t)");
    }

    // ---------------------------------------------------------------- Rule 8: contracts

    private static Contract contract(String id, String facility, double min, double max) {
        return new Contract(id, facility, false, new YearRange(2026, 2026), min, max, 4000, 0);
    }

    private static Instance withContracts(Contract... ks) {
        TestInstances.Builder b = base();
        for (Contract k : ks) {
            b.contract(k);
        }
        return b.build();
    }

    @Test
    void onlyHeldContractsAreUsed() {
        Instance in = withContracts(contract("k1", "mA", 0, Double.POSITIVE_INFINITY));
        assertOk(in, basePlan().contract("k1", true).use("k1", Y, 100, 100));
        assertViolations(in, basePlan().contract("k1", false).use("k1", Y, 100, 100),
                "scenario base, 2026: contract k1 is not held but takes 100.0 t and pays for 100.0 t");
    }

    @Test
    void contractsAreUsedOnlyInTheirWindow() {
        Instance in = withContracts(new Contract("k1", "mA", false, new YearRange(2027, 2028), 50,
                Double.POSITIVE_INFINITY, 4000, 0));
        assertOk(in, basePlan().contract("k1", true));   // its window lies after the horizon: no entry needed
        assertViolations(in, basePlan().contract("k1", true).use("k1", Y, 100, 100),
                "scenario base, 2026: contract k1 is used outside its window 2027–2028");
    }

    @Test
    void contractTakesAtMostMaxPerYear() {
        Instance in = withContracts(contract("k1", "mA", 0, 300));
        assertOk(in, basePlan().contract("k1", true).use("k1", Y, 300, 300));
        assertViolations(in, basePlan().contract("k1", true).use("k1", Y, 300.01, 300.01),
                "scenario base, 2026: contract k1 takes 300.01 t, above its maxPerYear 300.0 t");
    }

    @Test
    void contractsTakeAtMostTheFacilityThroughput() {
        Instance in = withContracts(contract("k1", "mA", 0, Double.POSITIVE_INFINITY),
                contract("k2", "rU", 0, Double.POSITIVE_INFINITY));
        assertOk(in, basePlan().contract("k1", true).contract("k2", true).use("k1", Y, 500, 500).use("k2", Y, 500, 500));
        assertViolations(in, basePlan().contract("k1", true).contract("k2", true)
                        .use("k1", Y, 300, 300).use("k2", Y, 500.01, 500.01),
                "scenario base, 2026: contracts on refinery rU take 500.01 t but its throughput is 500.0 t");
        Instance two = withContracts(contract("k1", "mA", 0, Double.POSITIVE_INFINITY),
                contract("k3", "mA", 0, Double.POSITIVE_INFINITY));
        assertViolations(two, basePlan().contract("k1", true).contract("k3", true)
                        .use("k1", Y, 300, 300).use("k3", Y, 200.01, 200.01),
                "scenario base, 2026: contracts on mine mA take 500.01 t but its throughput is 500.0 t");
    }

    @Test
    void takeOrPayPaidIsMaxOfTakenAndMinimum() {
        Instance in = withContracts(contract("k1", "mA", 200, Double.POSITIVE_INFINITY));
        assertOk(in, basePlan().contract("k1", true).use("k1", Y, 100, 200));
        assertOk(in, basePlan().contract("k1", true).use("k1", Y, 300, 300));
        assertViolations(in, basePlan().contract("k1", true).use("k1", Y, 100, 199.99),
                "scenario base, 2026: contract k1 pays for 199.99 t but must pay for max(taken 100.0, minPerYear 200.0)"
                        + " = 200.0 t");
        assertViolations(in, basePlan().contract("k1", true).use("k1", Y, 300, 300.01),
                "scenario base, 2026: contract k1 pays for 300.01 t but must pay for max(taken 300.0, minPerYear 200.0)"
                        + " = 300.0 t");
        assertViolations(in, basePlan().contract("k1", true),
                "scenario base, 2026: held contract k1 has no contractUse entry but must pay for its minPerYear 200.0 t");
    }

    // ---------------------------------------------------------------- rules 7 and 8

    @Test
    void bankabilityCountsEveryHeldContractOnTheFacility() {
        for (double min : new double[] {500, 499.99}) {
            Instance in = world()
                    .mine(new Mine("mB", "AU", "standard", Series.constant(0, 1), Series.constant(5000, 1),
                            Map.of("NdPr", 0.2), Optional.of(new org.lodestone.domain.Expansion(1000, 1, 0, 2026, 2026,
                            0, 0, 0, 0.5))))
                    .refinery("rU", "US", 2000, 1000).buyer("bU", "US", "NdPr", 100)
                    // held, window after the horizon: still counts
                    .contract(new Contract("k1", "mB", false, new YearRange(2030, 2031), min, Double.POSITIVE_INFINITY,
                            100, 0))
                    // not held: does not count
                    .contract(new Contract("k2", "mB", false, new YearRange(2026, 2026), 1000,
                            Double.POSITIVE_INFINITY, 100, 0))
                    .build();
            PlanBuilder plan = PlanBuilder.plan(in).build("mB", 2026, 2026, 1, 1000).contract("k1", true)
                    .contract("k2", false).shortfall("bU", "NdPr", Y, 100);
            if (min == 500) {
                assertOk(in, plan);
            } else {
                assertViolations(in, plan, "build on mB: held contracts on mB have minPerYear totalling 499.99 t but"
                        + " requiresOfftake 0.5 × 1000.0 t needs 500.0 t");
            }
        }
    }

    @Test
    void riskBudget() {
        // 500 t × (AU 0.25 + US 0.125) = 187.5 risk-t
        assertOk(base().riskBudget(187.5).build(), basePlan());
        assertViolations(base().riskBudget(187.49).build(), basePlan(),
                "expected risk 187.5 risk-t exceeds the riskBudget 187.49 risk-t");
    }
}

package org.lodestone.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Element;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.ExportControl;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Lanes;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Series;
import org.lodestone.domain.YearRange;

/**
 * The hand-derived optima of src/test/resources/conformance/README.md: each instance is written here in Java
 * as the reader would resolve the JSON file, its optimal plan by hand with every cost part
 * derived by hand; the checker must accept the plan and recompute the README's objective.
 */
class PlanCheckerConformanceTest {
    private static final int Y = 2026;

    private static Series s(double v) {
        return Series.constant(v, 1);
    }

    private static Plan.Costs costs(double capex, double fixedOpex, double signing, double mining, double refining,
                                    double contracts, double freight, double tariffs, double substitution,
                                    double shortfall, double surplusRevenue) {
        Map<CostPart, Double> amounts = new EnumMap<>(CostPart.class);
        amounts.put(CostPart.CAPEX, capex);
        amounts.put(CostPart.FIXED_OPEX, fixedOpex);
        amounts.put(CostPart.SIGNING, signing);
        amounts.put(CostPart.MINING, mining);
        amounts.put(CostPart.REFINING, refining);
        amounts.put(CostPart.CONTRACTS, contracts);
        amounts.put(CostPart.FREIGHT, freight);
        amounts.put(CostPart.TARIFFS, tariffs);
        amounts.put(CostPart.SUBSTITUTION, substitution);
        amounts.put(CostPart.SHORTFALL, shortfall);
        amounts.put(CostPart.SURPLUS_REVENUE, surplusRevenue);
        return Plan.Costs.of(amounts);
    }

    private static void assertOptimum(Instance in, Plan plan, double objective) {
        CheckReport r = PlanChecker.check(in, plan);
        assertEquals(List.of(), r.violations());
        assertEquals(objective, r.objective(), 1e-9 * objective);
    }

    @Test
    void t01PlainSourcing() {
        Instance in = TestInstances.instance("t01-plain", Y, 1).riskWeight(10).element("NdPr", 100000)
                .country("AU", 0.2).country("US", 0.1)
                .mine("mA", "AU", 1000, 5000, Map.of("NdPr", 0.25))
                .mine("mB", "AU", 1000, 8000, Map.of("NdPr", 0.25))
                .refinery(new Refinery("rU", "US", Optional.empty(), s(2000), s(2000), Map.of(), 0.8, Optional.empty()))
                .buyer("bU", "US", "NdPr", 300).lanes(100, 10).build();
        Plan plan = PlanBuilder.plan(in).reports(12_153_000, 450)
                .concentrate("mA", "rU", Y, 1000).concentrate("mB", "rU", Y, 500)
                .deliver("mA", "rU", "bU", "NdPr", Y, 200).deliver("mB", "rU", "bU", "NdPr", Y, 100)
                .plan(costs(0, 0, 0, 9e6, 3e6, 0, 150_000 + 3_000, 0, 0, 0, 0), 450, 12_157_500);
        assertOptimum(in, plan, 12_157_500);
    }

    @Test
    void t02CoproductionWithSurplusRevenue() {
        Instance in = TestInstances.instance("t02-coproduction", Y, 1).element("NdPr", 100000, 4000)
                .element("La", 2000, 1500).country("AU", 0.1)
                .mine("m1", "AU", 10000, 500, Map.of("NdPr", 0.2, "La", 0.3))
                .refinery(new Refinery("r1", "AU", Optional.empty(), s(10000), s(500), Map.of("NdPr", 1.0), 0.5,
                        Optional.empty()))
                .buyer("b1", "AU", "NdPr", 1000).build();
        Plan plan = PlanBuilder.plan(in).reports(3_750_000, 2000)
                .concentrate("m1", "r1", Y, 10000).deliver("m1", "r1", "b1", "NdPr", Y, 1000)
                .surplus("r1", "NdPr", Y, 1000).surplus("r1", "La", Y, 1500)
                .plan(costs(0, 0, 0, 5e6, 5e6, 0, 0, 0, 0, 0, 6.25e6), 2000, 3_750_000);
        assertOptimum(in, plan, 3_750_000);
    }

    @Test
    void t03BuildWithLeadTimeAndDiscounting() {
        Expansion ex = new Expansion(1000, 2, 1, 2025, 2027, 1e7, 2e7, 1e6, 0);
        Instance in = TestInstances.instance("t03-build", Y, 3).discountRate(0.1)
                .element(new Element("NdPr", "NdPr", Series.constant(100000, 3), Series.constant(0, 3), 200000))
                .country("AU", 0.1)
                .mine(new Mine("m1", "AU", "standard", Series.constant(0, 3), Series.constant(10000, 3),
                        Map.of("NdPr", 0.5), Optional.of(ex)))
                .refinery("r1", "AU", 5000, 10000).buyer("b1", "AU", "NdPr", 500).build();
        double d = 1 / 1.1 + 1 / 1.21;   // discount of 2027 and 2028
        Plan plan = PlanBuilder.plan(in).reports(1e8 + 2e7 * d, 400)
                .build("m1", 2026, 2027, 1, 1000)
                .shortfall("b1", "NdPr", 2026, 500)
                .concentrate("m1", "r1", 2027, 1000).deliver("m1", "r1", "b1", "NdPr", 2027, 500)
                .concentrate("m1", "r1", 2028, 1000).deliver("m1", "r1", "b1", "NdPr", 2028, 500)
                .plan(costs(3e7, 1e6 * d, 0, 1e7 * d, 1e7 * d, 0, 0, 0, 0, 1e8, 0), 400, 166_446_280.99173554);
        assertOptimum(in, plan, 166_446_280.99173554);
    }

    @Test
    void t04TakeOrPayAboveTheNeed() {
        Instance in = TestInstances.instance("t04-top", Y, 2).element("NdPr", 100000).country("AU", 0.1)
                .mine("m1", "AU", 10000, 5000, Map.of("NdPr", 0.25))
                .refinery("r1", "AU", 10000, 1000).buyer("b1", "AU", "NdPr", 250)
                .contract(new Contract("k1", "m1", true, new YearRange(2026, 2026), 2000, 3000, 4000, 0))
                .contract(new Contract("k2", "m1", false, new YearRange(2026, 2027), 0, 500, 3000, 100000))
                .build();
        // 2026: all 1000 t under k1, paying its minimum 2000 t: 8e6 + toll 1e6.
        // 2027: 500 t under k2 (1.5e6), 500 t spot (2.5e6), toll 1e6; k2's signing 1e5.
        Plan plan = PlanBuilder.plan(in).reports(14e6, 400).contract("k1", true).contract("k2", true)
                .concentrate("m1", "r1", 2026, 1000).deliver("m1", "r1", "b1", "NdPr", 2026, 250)
                .use("k1", 2026, 1000, 2000)
                .concentrate("m1", "r1", 2027, 1000).deliver("m1", "r1", "b1", "NdPr", 2027, 250)
                .use("k2", 2027, 500, 500)
                .plan(costs(0, 0, 1e5, 2.5e6, 2e6, 9.5e6, 0, 0, 0, 0, 0), 400, 14_100_000);
        assertOptimum(in, plan, 14_100_000);
    }

    @Test
    void t05MandateForcesAPricierSource() {
        Instance in = TestInstances.instance("t05-mandate", Y, 1).element("NdPr", 100000)
                .country("CN", 0.5, "feoc").country("AU", 0.1, "coalition")
                .mine("mC", "CN", 10000, 2000, Map.of("NdPr", 0.2)).mine("mA", "AU", 10000, 6000, Map.of("NdPr", 0.2))
                .refinery("rC", "CN", 10000, 1000).refinery("rA", "AU", 10000, 3000)
                .buyer(new Buyer("b1", "AU", Map.of("NdPr", s(1000)), Map.of(),
                        Optional.of(TestInstances.mandate(s(0.6), Set.of(), Set.of("feoc"))), Optional.empty(),
                        List.of()))
                .build();
        // 3000 t × (0.1 + 0.1) + 2000 t × (0.5 + 0.5) risk-t
        Plan plan = PlanBuilder.plan(in).reports(33e6, 2600)
                .concentrate("mA", "rA", Y, 3000).deliver("mA", "rA", "b1", "NdPr", Y, 600)
                .concentrate("mC", "rC", Y, 2000).deliver("mC", "rC", "b1", "NdPr", Y, 400)
                .plan(costs(0, 0, 0, 18e6 + 4e6, 9e6 + 2e6, 0, 0, 0, 0, 0, 0), 2600, 33e6);
        assertOptimum(in, plan, 33e6);
    }

    @Test
    void t06MaxCountryShareForcesASplit() {
        Instance in = TestInstances.instance("t06-share", Y, 1).element("NdPr", 100000)
                .country("AU", 0).country("US", 0).country("CA", 0)
                .mine("mA", "AU", 10000, 2000, Map.of("NdPr", 0.2)).mine("mC", "CA", 10000, 4000, Map.of("NdPr", 0.2))
                .refinery("rU", "US", 10000, 1000).refinery("rC", "CA", 10000, 1500)
                .buyer(new Buyer("b1", "US", Map.of("NdPr", s(1000)), Map.of(), Optional.empty(), Optional.of(0.7),
                        List.of()))
                .build();
        // AU/US 700 t ox, CA/CA 300 t ox (one of several optimal splits)
        Plan plan = PlanBuilder.plan(in).reports(18.75e6, 0)
                .concentrate("mA", "rU", Y, 3500).deliver("mA", "rU", "b1", "NdPr", Y, 700)
                .concentrate("mC", "rC", Y, 1500).deliver("mC", "rC", "b1", "NdPr", Y, 300)
                .plan(costs(0, 0, 0, 7e6 + 6e6, 3.5e6 + 2.25e6, 0, 0, 0, 0, 0, 0), 0, 18.75e6);
        assertOptimum(in, plan, 18.75e6);
    }

    @Test
    void t07ExportControlsBlockRoutes() {
        Instance in = TestInstances.instance("t07-export", Y, 1).element("NdPr", 100000)
                .country("CN", 0).country("JP", 0).country("AU", 0).country("US", 0)
                .mine(new Mine("mC", "CN", "ionic-clay", s(10000), s(1000), Map.of("NdPr", 0.2), Optional.empty()))
                .mine(new Mine("mA", "AU", "hard-rock", s(10000), s(3000), Map.of("NdPr", 0.2), Optional.empty()))
                .refinery(new Refinery("rJ", "JP", Optional.of(List.of("hard-rock", "ionic-clay")), s(10000), s(2000),
                        Map.of(), 1, Optional.empty()))
                .refinery("rC", "CN", 10000, 1000)
                .buyer("bJ", "JP", "NdPr", 1000)
                .exportControl(new ExportControl("CN", ExportControl.Stage.CONCENTRATE, Optional.empty(),
                        new YearRange(2020, 2026), Set.of()))
                .exportControl(new ExportControl("CN", ExportControl.Stage.OXIDE, Optional.of(Set.of("NdPr")),
                        new YearRange(2026, 2030), Set.of("US")))
                .build();
        Plan plan = PlanBuilder.plan(in).reports(25e6, 0)
                .concentrate("mA", "rJ", Y, 5000).deliver("mA", "rJ", "bJ", "NdPr", Y, 1000)
                .plan(costs(0, 0, 0, 15e6, 10e6, 0, 0, 0, 0, 0, 0), 0, 25e6);
        assertOptimum(in, plan, 25e6);
        // the cheaper routes the README rules out are indeed reported
        Plan blocked = PlanBuilder.plan(in).concentrate("mC", "rJ", Y, 5000).deliver("mC", "rJ", "bJ", "NdPr", Y, 1000)
                .reconciled(in);
        assertEquals(1, PlanChecker.check(in, blocked).violations().size());
        Plan blockedOxide = PlanBuilder.plan(in).concentrate("mC", "rC", Y, 5000)
                .deliver("mC", "rC", "bJ", "NdPr", Y, 1000).reconciled(in);
        assertEquals(1, PlanChecker.check(in, blockedOxide).violations().size());
    }

    @Test
    void t08BuildingHedgesADisruption() {
        Expansion ex = new Expansion(5000, 1, 0, Y, Y, 0, 3e7, 0, 0);
        Instance in = TestInstances.instance("t08-hedge", Y, 1).element("NdPr", 100000)
                .country("CN", 0).country("AU", 0)
                .mine("mC", "CN", 5000, 2000, Map.of("NdPr", 0.2))
                .mine(new Mine("mA", "AU", "standard", s(0), s(4000), Map.of("NdPr", 0.2), Optional.of(ex)))
                .refinery("rA", "AU", 10000, 1000)
                .buyer(new Buyer("b1", "AU", Map.of("NdPr", s(1000)), Map.of("NdPr", 500000.0), Optional.empty(),
                        Optional.empty(), List.of()))
                .scenario(TestInstances.scenario("calm", 0.7))
                .scenario(new Scenario("embargo", 0.3, List.of(new Scenario.FacilityFactor(Optional.of("CN"),
                        Optional.empty(), 0, new YearRange(Y, Y))), List.of(), List.of(), List.of()))
                .build();
        Plan plan = PlanBuilder.plan(in).build("mA", Y, Y, 1, 5000)
                .scenario("calm", 0.7).reports(1.5e7, 0)
                .concentrate("mC", "rA", Y, 5000).deliver("mC", "rA", "b1", "NdPr", Y, 1000)
                .scenario("embargo", 0.3).reports(2.5e7, 0)
                .concentrate("mA", "rA", Y, 5000).deliver("mA", "rA", "b1", "NdPr", Y, 1000)
                .plan(costs(3e7, 0, 0, 0.7 * 1e7 + 0.3 * 2e7, 5e6, 0, 0, 0, 0, 0, 0), 0, 48e6);
        assertOptimum(in, plan, 48e6);
        // without the build, the embargo leaves the buyer short at its own penalty of 500000 USD/t
        Plan noBuild = PlanBuilder.plan(in)
                .scenario("calm", 0.7).concentrate("mC", "rA", Y, 5000).deliver("mC", "rA", "b1", "NdPr", Y, 1000)
                .scenario("embargo", 0.3).shortfall("b1", "NdPr", Y, 1000)
                .reconciled(in);
        CheckReport r = PlanChecker.check(in, noBuild);
        assertEquals(List.of(), r.violations());
        assertEquals(1.605e8, r.objective(), 1e-6);
    }

    @Test
    void t09SubstitutionCheapestActiveFirst() {
        Instance in = TestInstances.instance("t09-subst", Y, 1).element("NdPr", 100000).country("AU", 0)
                .mine("m1", "AU", 2500, 4000, Map.of("NdPr", 0.2))
                .refinery("r1", "AU", 10000, 1000)
                .buyer(new Buyer("b1", "AU", Map.of("NdPr", s(1000)), Map.of(), Optional.empty(), Optional.empty(),
                        List.of(TestInstances.substitute("NdPr", 0.2, 30000, Y),
                                TestInstances.substitute("NdPr", 0.5, 80000, Y),
                                TestInstances.substitute("NdPr", 0.3, 20000, 2027))))
                .build();
        // 200 t at 30000, then 300 t at 80000
        Plan plan = PlanBuilder.plan(in).reports(42.5e6, 0)
                .concentrate("m1", "r1", Y, 2500).deliver("m1", "r1", "b1", "NdPr", Y, 500)
                .substitute("b1", "NdPr", Y, 500)
                .plan(costs(0, 0, 0, 10e6, 2.5e6, 0, 0, 0, 6e6 + 24e6, 0, 0), 0, 42.5e6);
        assertOptimum(in, plan, 42.5e6);
    }

    @Test
    void t10BankabilityBlocksTheBuild() {
        Expansion ex = new Expansion(5000, 1, 0, Y, Y, 0, 1e7, 0, 0.5);
        Instance in = TestInstances.instance("t10-bank", Y, 1).element("NdPr", 100000).country("AU", 0)
                .mine(new Mine("m1", "AU", "standard", s(0), s(5000), Map.of("NdPr", 0.2), Optional.of(ex)))
                .refinery("r1", "AU", 10000, 1000).buyer("b1", "AU", "NdPr", 1000)
                .contract(new Contract("k1", "m1", false, new YearRange(Y, Y), 2000, Double.POSITIVE_INFINITY, 5000, 0))
                .build();
        Plan plan = PlanBuilder.plan(in).reports(1e9, 0).contract("k1", false).shortfall("b1", "NdPr", Y, 1000)
                .plan(costs(0, 0, 0, 0, 0, 0, 0, 0, 0, 1e9, 0), 0, 1e9);
        assertOptimum(in, plan, 1e9);
        Plan build = PlanBuilder.plan(in).build("m1", Y, Y, 1, 5000).contract("k1", true).use("k1", Y, 5000, 5000)
                .concentrate("m1", "r1", Y, 5000).deliver("m1", "r1", "b1", "NdPr", Y, 1000).reconciled(in);
        assertEquals(List.of("build on m1: held contracts on m1 have minPerYear totalling 2000.0 t but"
                + " requiresOfftake 0.5 × 5000.0 t needs 2500.0 t"), PlanChecker.check(in, build).violations());
    }

    @Test
    void t11FreightTariffsCostAndDemandFactors() {
        Instance in = TestInstances.instance("t11-trade", Y, 1)
                .element(new Element("NdPr", "NdPr", s(100000), s(0), 1e6))   // price series {2020: 5e4, 2026: 1e5}
                .country("AU", 0).country("MY", 0).country("US", 0)
                .mine("mA", "AU", 10000, 5000, Map.of("NdPr", 0.25))
                .refinery(new Refinery("rM", "MY", Optional.empty(), s(10000), s(2000), Map.of(), 0.8, Optional.empty()))
                .buyer("bU", "US", "NdPr", 400)
                .lanes(300, 50, new Lanes.Route("MY", "AU", 100))
                .tariff("MY", "US", 0.1).tariff("MY", "US", 0.05)
                .scenario(TestInstances.scenario("base", 0.5))
                .scenario(new Scenario("flood", 0.5, List.of(),
                        List.of(new Scenario.FacilityFactor(Optional.of("AU"), Optional.empty(), 0.5,
                                new YearRange(Y, Y))),
                        List.of(new Scenario.DemandFactor(Optional.of("bU"), Optional.empty(), 1.5,
                                new YearRange(Y, Y))),
                        List.of()))
                .build();
        Plan plan = PlanBuilder.plan(in)
                .scenario("base", 0.5).reports(20.32e6, 0)
                .concentrate("mA", "rM", Y, 2000).deliver("mA", "rM", "bU", "NdPr", Y, 400)
                .scenario("flood", 0.5).reports(22.98e6, 0)
                .concentrate("mA", "rM", Y, 3000).deliver("mA", "rM", "bU", "NdPr", Y, 600)
                .plan(costs(0, 0, 0, 0.5 * 1e7 + 0.5 * 7.5e6, 0.5 * 4e6 + 0.5 * 6e6, 0,
                        0.5 * 3.2e5 + 0.5 * 4.8e5, 0.5 * 6e6 + 0.5 * 9e6, 0, 0, 0), 0, 21.65e6);
        assertOptimum(in, plan, 21.65e6);
    }
}

package org.lodestone.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lodestone.plan.Fixtures.Y;
import static org.lodestone.plan.Fixtures.base;
import static org.lodestone.plan.Fixtures.basePlan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Lanes;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Series;
import org.lodestone.domain.YearRange;

/** Cost terms of instance-reference.md §10 beyond the conformance cases, each with numbers derived by hand. */
class PlanCheckerCostsTest {
    private static final YearRange ALWAYS = new YearRange(2000, 2100);

    private static Series s(double v) {
        return Series.constant(v, 1);
    }

    private static CheckReport check(Instance in, PlanBuilder plan) {
        CheckReport r = PlanChecker.check(in, plan.reconciled(in));
        assertEquals(List.of(), r.violations());
        return r;
    }

    @Test
    void substitutionCostFillsTheCheapestActiveSubstituteFirstWhateverTheOrder() {
        Instance in = Fixtures.refineries(Fixtures.mines(Fixtures.world()))
                .buyer(new Buyer("bU", "US", Map.of("NdPr", s(1000)), Map.of(), Optional.empty(), Optional.empty(),
                        List.of(TestInstances.substitute("NdPr", 0.5, 80000, Y),
                                TestInstances.substitute("NdPr", 0.4, 10000, 2027),   // inactive
                                TestInstances.substitute("NdPr", 0.2, 30000, Y))))
                .build();
        CheckReport r = check(in, PlanBuilder.plan(in).concentrate("mA", "rU", Y, 1000)
                .deliver("mA", "rU", "bU", "NdPr", Y, 200).substitute("bU", "NdPr", Y, 300)
                .shortfall("bU", "NdPr", Y, 500));
        // 200 t at 30000 (its bound 0.2 × 1000), then 100 t at 80000
        assertEquals(6e6 + 8e6, r.costs().get(CostPart.SUBSTITUTION));
        assertEquals(500 * 1e6, r.costs().get(CostPart.SHORTFALL));
    }

    @Test
    void buyerPenaltyOverridesTheElements() {
        Instance in = Fixtures.world()
                .buyer(new Buyer("b1", "US", Map.of("NdPr", s(10)), Map.of("NdPr", 5000.0), Optional.empty(),
                        Optional.empty(), List.of()))
                .buyer(new Buyer("b2", "US", Map.of("NdPr", s(10), "La", s(1)), Map.of("La", 7.0), Optional.empty(),
                        Optional.empty(), List.of()))
                .build();
        CheckReport r = check(in, PlanBuilder.plan(in).shortfall("b1", "NdPr", Y, 10).shortfall("b2", "NdPr", Y, 10)
                .shortfall("b2", "La", Y, 1));
        // 10 × 5000 + 10 × (10 × 100000) + 1 × 7
        assertEquals(50_000 + 10_000_000 + 7, r.costs().get(CostPart.SHORTFALL));
        assertEquals(10_050_007, r.objective());
    }

    @Test
    void freightTariffsSurplusAndCostFactors() {
        Scenario base = new Scenario("base", 1.0, List.of(),
                List.of(new Scenario.FacilityFactor(Optional.empty(), Optional.of("rJ"), 2, ALWAYS),
                        new Scenario.FacilityFactor(Optional.of("AU"), Optional.empty(), 0.5, ALWAYS),
                        new Scenario.FacilityFactor(Optional.empty(), Optional.empty(), 3, new YearRange(2027, 2030))),
                List.of(), List.of());
        Instance in = TestInstances.instance("costs", Y, 1).element("NdPr", 100000).element("La", 2000, 1500)
                .country("AU", 0).country("US", 0).country("JP", 0)
                .mine("mA", "AU", 1000, 5000, Map.of("NdPr", 0.2, "La", 0.3))
                .refinery("rJ", "JP", 1000, 1000).refinery("rA", "AU", 1000, 1000)
                .buyer("bU", "US", "NdPr", 100).buyer("bA", "AU", "NdPr", 100)
                .lanes(300, 20, new Lanes.Route("JP", "AU", 70))
                .tariff("JP", "US", 0.1).tariff("US", "JP", 0.5).tariff("JP", "US", 0.02).tariff("AU", "US", 9)
                .scenario(base).build();
        CheckReport r = check(in, PlanBuilder.plan(in)
                .concentrate("mA", "rJ", Y, 500).concentrate("mA", "rA", Y, 500)
                .deliver("mA", "rJ", "bU", "NdPr", Y, 100).deliver("mA", "rA", "bA", "NdPr", Y, 100)
                .surplus("rJ", "La", Y, 150));
        // mining 1000 t × 5000 × 0.5 (AU); tolling rJ 500 × 1000 × 2, rA 500 × 1000 × 0.5
        assertEquals(2.5e6, r.costs().get(CostPart.MINING));
        assertEquals(1e6 + 2.5e5, r.costs().get(CostPart.REFINING));
        // concentrate AU→JP route 70 (written JP–AU), AU→AU domestic 20; oxide JP→US default 300,
        // AU→AU domestic 20; surplus pays none
        assertEquals(500 * 70 + 500 * 20 + 100 * 300 + 100 * 20, r.costs().get(CostPart.FREIGHT));
        // JP→US: 0.1 + 0.02 of price 100000 on 100 t
        assertEquals(100 * 0.12 * 100000, r.costs().get(CostPart.TARIFFS), 1e-6);
        assertEquals(150 * 1500, r.costs().get(CostPart.SURPLUS_REVENUE));
        assertEquals(4_802_000, r.objective(), 1e-6);
    }

    @Test
    void contractsReplaceSpotAtTheirFacilityAndOnlyChosenOptionalOnesCostSigning() {
        Instance in = base()
                .contract(new Contract("k1", "rU", false, new YearRange(Y, Y), 100, Double.POSITIVE_INFINITY, 300, 1000))
                .contract(new Contract("k2", "mA", true, new YearRange(Y, Y), 0, Double.POSITIVE_INFINITY, 4000, 5000))
                .contract(new Contract("k3", "mA", false, new YearRange(Y, Y), 0, Double.POSITIVE_INFINITY, 1, 7))
                .build();
        CheckReport r = check(in, basePlan().contract("k1", true).contract("k2", true).contract("k3", false)
                .use("k1", Y, 200, 200).use("k2", Y, 100, 100));
        assertEquals(400 * 5000, r.costs().get(CostPart.MINING));
        assertEquals(300 * 1000, r.costs().get(CostPart.REFINING));
        assertEquals(200 * 300 + 100 * 4000, r.costs().get(CostPart.CONTRACTS));
        assertEquals(1000, r.costs().get(CostPart.SIGNING));   // k2's is sunk, k3 is not chosen
        assertEquals(2e6 + 3e5 + 4.6e5 + 1000, r.objective());
    }

    @Test
    void operatingCostsAreDiscountedRiskIsNot() {
        Instance in = TestInstances.instance("disc", Y, 2).discountRate(0.25).element("NdPr", 100000)
                .country("AU", 0.5).mine("m1", "AU", 1000, 100, Map.of("NdPr", 0.2))
                .refinery("r1", "AU", 1000, 20).buyer("b1", "AU", "NdPr", 0).riskWeight(3).build();
        CheckReport r = check(in, PlanBuilder.plan(in).concentrate("m1", "r1", 2026, 10).concentrate("m1", "r1", 2027, 10));
        assertEquals(1000 + 1000 / 1.25, r.costs().get(CostPart.MINING), 1e-9);
        assertEquals(200 + 200 / 1.25, r.costs().get(CostPart.REFINING), 1e-9);
        assertEquals(20, r.risk());           // 2 years × 10 t × (0.5 + 0.5)
        assertEquals(1800 + 360 + 60, r.objective(), 1e-9);
        assertEquals(List.of(new CheckReport.ScenarioResult("base", 2160, 20)), r.scenarios());
    }

    @Test
    void laterBuildIsDiscountedAndABuildOnlineAfterTheHorizonCostsOnlyCapex() {
        // 3 years at 10 %: refinery build started 2027 (lead 1, online 2028), mine build started
        // 2028 (lead 2, online 2030, after the horizon)
        Expansion refEx = new Expansion(100, 3, 1, 2026, 2028, 1000, 500, 110, 0);
        Expansion mineEx = new Expansion(100, 1, 2, 2026, 2028, 1210, 0, 1e6, 0);
        Instance in = TestInstances.instance("builds", Y, 3).discountRate(0.1).element("NdPr", 100000)
                .country("AU", 0)
                .mine(new Mine("m1", "AU", "standard", Series.constant(0, 3), Series.constant(1, 3),
                        Map.of("NdPr", 0.2), Optional.of(mineEx)))
                .refinery(new Refinery("r1", "AU", Optional.empty(), Series.constant(0, 3), Series.constant(1, 3),
                        Map.of(), 1, Optional.of(refEx)))
                .buyer("b1", "AU", "NdPr", 0)
                .build();
        CheckReport r = check(in, PlanBuilder.plan(in).build("r1", 2027, 2028, 2, 200).build("m1", 2028, 2030, 1, 100));
        // capex (1000 + 2 × 500) / 1.1 + 1210 / 1.21; fixed opex 110 / 1.21 (2028 only)
        assertEquals(2000 / 1.1 + 1000, r.costs().get(CostPart.CAPEX), 1e-9);
        assertEquals(110 / 1.21, r.costs().get(CostPart.FIXED_OPEX), 1e-9);
        assertEquals(2000 / 1.1 + 1000 + 110 / 1.21, r.objective(), 1e-9);
    }
}

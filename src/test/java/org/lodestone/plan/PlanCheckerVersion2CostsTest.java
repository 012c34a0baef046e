package org.lodestone.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import org.lodestone.domain.Mine;
import org.lodestone.domain.RiskAversion;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Scenario.PriceFactor;
import org.lodestone.domain.Series;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.YearRange;

/** Cost terms that version 2 adds or changes (instance-reference.md §10), each with numbers derived by hand. */
class PlanCheckerVersion2CostsTest {
    private static final YearRange ALWAYS = new YearRange(2000, 2100);
    private static final int Y = 2026;

    private static CheckReport check(Instance in, PlanBuilder plan) {
        CheckReport r = PlanChecker.check(in, plan.reconciled(in));
        assertEquals(List.of(), r.violations());
        return r;
    }

    private static Scenario priced(String id, double probability, PriceFactor... factors) {
        return new Scenario(id, probability, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(factors),
                Optional.empty());
    }

    private static PriceFactor price(String element, double factor, YearRange years) {
        return new PriceFactor(Optional.ofNullable(element), factor, years);
    }

    // ---------------------------------------------------------------- §7.6, Rule 9: market prices

    @Test
    void tariffsAndSurplusFollowTheMarketPriceButTheDefaultPenaltyDoesNot() {
        // flood: every element × 0.5, NdPr × 0.8 more (and × 10 from 2027, after the horizon)
        Instance in = TestInstances.instance("costs", Y, 1).element("NdPr", 100000).element("La", 2000, 1500)
                .element("Dy", 200000).country("AU", 0).country("MY", 0).country("US", 0)
                .mine("mA", "AU", 10000, 1000, Map.of("NdPr", 0.2, "La", 0.3))
                .refinery("rM", "MY", 10000, 1000)
                .buyer(new Buyer("bU", "US", Map.of("NdPr", Series.constant(100, 1),
                        "Dy", Series.constant(1, 1)), Map.of(), Optional.empty(), Optional.empty(), List.of()))
                .tariff("MY", "US", 0.15)
                .scenario(priced("base", 0.5))
                .scenario(priced("flood", 0.5, price(null, 0.5, ALWAYS), price("NdPr", 0.8, ALWAYS),
                        price("NdPr", 10, new YearRange(2027, 2030))))
                .build();
        PlanBuilder plan = PlanBuilder.plan(in);
        for (String s : List.of("base", "flood")) {
            plan.scenario(s, 0.5).concentrate("mA", "rM", Y, 500).deliver("mA", "rM", "bU", "NdPr", Y, 100)
                    .surplus("rM", "La", Y, 150).shortfall("bU", "Dy", Y, 1);
        }
        CheckReport r = check(in, plan);
        // base: 100 t × 0.15 × 100000; flood: × 100000 × 0.5 × 0.8 = 40000
        assertEquals(0.5 * 1.5e6 + 0.5 * 6e5, r.costs().get(CostPart.TARIFFS), 1e-6);
        // base: 150 t × 1500; flood: × 1500 × 0.5
        assertEquals(0.5 * 225_000 + 0.5 * 112_500, r.costs().get(CostPart.SURPLUS_REVENUE), 1e-6);
        // 10 × the written price of Dy in both
        assertEquals(2e6, r.costs().get(CostPart.SHORTFALL));
    }

    @Test
    void indexedContractPriceIsAShareOfTheMarketPriceBetweenFloorAndCap() {
        // kI on rM: 0.04 × m(NdPr), at least 2800, at most 3500; kJ: 0.05 × m(NdPr) from 1000, no cap
        Instance in = TestInstances.instance("costs", Y, 1).element("NdPr", 100000).country("AU", 0)
                .mine("mA", "AU", 10000, 1000, Map.of("NdPr", 0.2)).refinery("rM", "AU", 10000, 1000)
                .buyer("bU", "AU", "NdPr", 0)
                .contract(new Contract("kI", "rM", true, ALWAYS, 0, Double.POSITIVE_INFINITY, Double.NaN, 0,
                        Optional.of(new Contract.PriceIndex("NdPr", 0.04, 2800, Optional.of(3500.0))), false))
                .contract(new Contract("kJ", "rM", true, ALWAYS, 0, Double.POSITIVE_INFINITY, Double.NaN, 0,
                        Optional.of(new Contract.PriceIndex("NdPr", 0.05, 1000, Optional.empty())), false))
                .scenario(priced("base", 0.5))
                .scenario(priced("flood", 0.25, price("NdPr", 0.5, ALWAYS)))
                .scenario(priced("dip", 0.25, price(null, 0.8, ALWAYS)))
                .build();
        PlanBuilder plan = PlanBuilder.plan(in).contract("kI", true).contract("kJ", true);
        for (String s : List.of("base", "flood", "dip")) {
            plan.scenario(s, s.equals("base") ? 0.5 : 0.25).concentrate("mA", "rM", Y, 600)
                    .use("kI", Y, 500, 500).use("kJ", Y, 100, 100);
        }
        CheckReport r = check(in, plan);
        // kI: base 4000 capped to 3500, flood 2000 floored to 2800, dip 3200; kJ: 5000, 2500, 4000
        double kI = 500 * (0.5 * 3500 + 0.25 * 2800 + 0.25 * 3200);
        double kJ = 100 * (0.5 * 5000 + 0.25 * 2500 + 0.25 * 4000);
        assertEquals(kI + kJ, r.costs().get(CostPart.CONTRACTS), 1e-6);
        assertEquals(0, r.costs().get(CostPart.REFINING));
    }

    // ---------------------------------------------------------------- Rule 10, §7.8: builds

    @Test
    void capexAndFixedOpexIgnoreDelaysEvenPastTheHorizon() {
        // 3 years: a build started 2026 with lead 1; late pushes it past the horizon
        Expansion ex = new Expansion(1000, 1, 1, Y, Y, 1000, 0, 100, 0, List.of(0.5, 1.0));
        Instance in = TestInstances.instance("costs", Y, 3).element("NdPr", 100000).country("AU", 0)
                .mine(new Mine("mB", "AU", "standard", Series.constant(0, 3), Series.constant(1, 3),
                        Map.of("NdPr", 0.2), Optional.of(ex)))
                .refinery("rU", "AU", 5000, 1).buyer("bU", "AU", "NdPr", 0)
                .scenario(TestInstances.scenario("ontime", 0.5))
                .scenario(new Scenario("late", 0.5, List.of(), List.of(), List.of(), List.of(),
                        List.of(new Scenario.BuildDelay(Optional.empty(), Optional.of("mB"), 5)), List.of(),
                        Optional.empty()))
                .build();
        CheckReport r = check(in, PlanBuilder.plan(in).build("mB", Y, 2027, 1, 1000)
                .scenario("ontime", 0.5).concentrate("mB", "rU", 2027, 500).concentrate("mB", "rU", 2028, 1000)
                .scenario("late", 0.5));
        assertEquals(1000, r.costs().get(CostPart.CAPEX));
        assertEquals(200, r.costs().get(CostPart.FIXED_OPEX));   // 2027 and 2028 in both scenarios
    }

    // ---------------------------------------------------------------- Rule 12: holding

    @Test
    void holdingCostIsPaidOnEachYearEndLevelDiscounted() {
        Instance world = TestInstances.instance("costs", Y, 2).discountRate(0.25).element("NdPr", 100000)
                .country("US", 0)
                .buyer(new Buyer("bU", "US", Map.of("NdPr", Series.of(new double[] {0, 50})),
                        Map.of(), Optional.empty(), Optional.empty(), List.of()))
                .build();
        Instance in = Fixtures.withVersion2(world, List.of(new Stockpile("reserve", "bU", "NdPr", 1000, 100, 0, 10,
                Optional.empty(), Optional.empty())), Optional.empty());
        PlanBuilder plan = PlanBuilder.plan(in).stock("reserve", Y, 0, 0, 100).stock("reserve", 2027, 0, 50, 50);
        CheckReport r = check(in, plan);
        // 10 × 100 t in 2026, 10 × 50 t in 2027 discounted by 1.25
        assertEquals(1000 + 400, r.costs().get(CostPart.HOLDING), 1e-9);
        assertEquals(1400, r.objective(), 1e-9);
        assertEquals(List.of(new CheckReport.ScenarioResult("base", 1400, 0)), r.scenarios());
        assertEquals(List.of("costs.holding: the plan reports 0.0 but it is 1400.0"),
                PlanChecker.check(in, plan.plan(Plan.Costs.ZERO, 0, 1400)).violations().subList(0, 1));
    }

    // ---------------------------------------------------------------- §10.6, plan-reference.md §P1: CVaR

    /**
     * t18 of the conformance README: calm (0.7) ships 5000 t from CN (risk 0.5) at 3000 a tonne,
     * riskWeight 100; embargo (0.3) runs on the built mA at 5000 a tonne; alpha 0.5, weight 0.5.
     */
    private static Instance t18(Optional<RiskAversion> riskAversion) {
        Expansion ex = new Expansion(5000, 1, 0, Y, Y, 0, 1e7, 0, 0);
        Instance world = TestInstances.instance("t18-cvar", Y, 1).riskWeight(100).element("NdPr", 100000)
                .country("CN", 0.5).country("AU", 0)
                .mine("mC", "CN", 5000, 2000, Map.of("NdPr", 0.2))
                .mine(new Mine("mA", "AU", "standard", Series.constant(0, 1), Series.constant(4000, 1),
                        Map.of("NdPr", 0.2), Optional.of(ex)))
                .refinery("rA", "AU", 10000, 1000)
                .buyer(new Buyer("b1", "AU", Map.of("NdPr", Series.constant(1000, 1)),
                        Map.of("NdPr", 50000.0), Optional.empty(), Optional.empty(), List.of()))
                .scenario(TestInstances.scenario("calm", 0.7))
                .scenario(new Scenario("embargo", 0.3, List.of(new Scenario.FacilityFactor(Optional.of("CN"),
                        Optional.empty(), 0, ALWAYS)), List.of(), List.of(), List.of()))
                .build();
        return Fixtures.withVersion2(world, List.of(), riskAversion);
    }

    private static PlanBuilder t18Build(Instance in) {
        return PlanBuilder.plan(in).build("mA", Y, Y, 1, 5000)
                .scenario("calm", 0.7).concentrate("mC", "rA", Y, 5000).deliver("mC", "rA", "b1", "NdPr", Y, 1000)
                .scenario("embargo", 0.3).concentrate("mA", "rA", Y, 5000).deliver("mA", "rA", "b1", "NdPr", Y, 1000);
    }

    @Test
    void cvarIsTheExpectedCostOfTheWorstTailWithAFractionalAtom() {
        Instance in = t18(Optional.of(new RiskAversion(0.5, 0.5)));
        CheckReport r = check(in, t18Build(in));
        // C(calm) = 1.5e7 + 100 × 2500 risk-t = 1.525e7, C(embargo) = 2.5e7; E = 1.8175e7.
        // The worst half: all of embargo (0.3) and 0.2 of calm: (0.3 × 2.5e7 + 0.2 × 1.525e7) / 0.5.
        assertEquals(2.11e7, r.cvar(), 1e-6);
        assertEquals(1.4625e6, r.costs().get(CostPart.RISK_PREMIUM), 1e-6);
        assertEquals(2.96375e7, r.objective(), 1e-6);
        // no build: C(embargo) = 1000 t short × 50000 = 5e7, E = 2.5675e7, CVaR = 3.61e7
        CheckReport noBuild = check(in, PlanBuilder.plan(in)
                .scenario("calm", 0.7).concentrate("mC", "rA", Y, 5000).deliver("mC", "rA", "b1", "NdPr", Y, 1000)
                .scenario("embargo", 0.3).shortfall("b1", "NdPr", Y, 1000));
        assertEquals(3.61e7, noBuild.cvar(), 1e-6);
        assertEquals(3.08875e7, noBuild.objective(), 1e-6);
    }

    @Test
    void cvarOfThreeScenariosCutsTheTailInsideTheSecondWorst() {
        // demand 100, 200, 300 t all short at 1e6 a tonne: C = 1e8, 2e8, 3e8 with probabilities 0.5, 0.3, 0.2
        List<Scenario> scenarios = List.of(demand("low", 0.5, 1), demand("mid", 0.3, 2), demand("high", 0.2, 3));
        TestInstances.Builder b = TestInstances.instance("cvar", Y, 1).element("NdPr", 100000).country("US", 0)
                .buyer("bU", "US", "NdPr", 100);
        scenarios.forEach(b::scenario);
        Instance in = Fixtures.withVersion2(b.build(), List.of(),
                Optional.of(new RiskAversion(0.75, 0.4)));
        PlanBuilder plan = PlanBuilder.plan(in).scenario("low", 0.5).shortfall("bU", "NdPr", Y, 100)
                .scenario("mid", 0.3).shortfall("bU", "NdPr", Y, 200)
                .scenario("high", 0.2).shortfall("bU", "NdPr", Y, 300);
        CheckReport r = check(in, plan);
        // the worst 0.25: all of high (0.2) and 0.05 of mid; E = 0.5e8 + 0.6e8 + 0.6e8 = 1.7e8
        assertEquals((0.2 * 3e8 + 0.05 * 2e8) / 0.25, r.cvar(), 1e-6);
        assertEquals(0.4 * (2.8e8 - 1.7e8), r.costs().get(CostPart.RISK_PREMIUM), 1e-6);
        assertEquals(1.7e8 + 4.4e7, r.objective(), 1e-6);
        // alpha 0: the tail is everything, CVaR the expectation, no premium
        Instance neutral = Fixtures.withVersion2(in, List.of(), Optional.of(new RiskAversion(0, 0.4)));
        CheckReport n = check(neutral, plan);
        assertEquals(1.7e8, n.cvar(), 1e-6);
        assertEquals(0, n.costs().get(CostPart.RISK_PREMIUM), 1e-6);
    }

    private static Scenario demand(String id, double probability, double factor) {
        return new Scenario(id, probability, List.of(), List.of(), List.of(new Scenario.DemandFactor(Optional.empty(),
                Optional.empty(), factor, ALWAYS)), List.of());
    }

    @Test
    void thePlanReportsCvarExactlyWithRiskAversion() {
        Instance in = t18(Optional.of(new RiskAversion(0.5, 0.5)));
        Plan reconciled = t18Build(in).reconciled(in);
        assertEquals(List.of("cvar: the plan reports 21000000.0 but it is 21100000.0"),
                PlanChecker.check(in, withCvar(reconciled, 2.1e7)).violations());
        assertEquals(List.of("cvar: the plan reports null but it is 21100000.0"),
                PlanChecker.check(in, withCvar(reconciled, null)).violations());
        Instance neutral = t18(Optional.empty());
        Plan plain = t18Build(neutral).reconciled(neutral);
        assertNull(PlanChecker.check(neutral, plain).cvar());
        assertEquals(0, PlanChecker.check(neutral, plain).costs().get(CostPart.RISK_PREMIUM));
        assertEquals(List.of("cvar: the plan reports 21100000.0 but the instance has no riskAversion"),
                PlanChecker.check(neutral, withCvar(plain, 2.11e7)).violations());
    }

    @Test
    void theRiskPremiumIsAReportedCostPart() {
        Instance in = t18(Optional.of(new RiskAversion(0.5, 0.5)));
        Plan p = t18Build(in).reconciled(in);
        Plan.Costs withoutPremium = Plan.Costs.of(part -> part == CostPart.RISK_PREMIUM ? 0 : p.costs().get(part));
        Plan reported = new Plan(p.instance(), p.status(), p.objective(), p.bestBound(), p.gap(), p.solver(),
                withoutPremium, p.risk(), p.cvar(), p.builds(), p.contracts(), p.scenarios());
        assertEquals(List.of("costs.riskPremium: the plan reports 0.0 but it is 1462500.0"),
                PlanChecker.check(in, reported).violations());
    }

    private static Plan withCvar(Plan p, Double cvar) {
        return new Plan(p.instance(), p.status(), p.objective(), p.bestBound(), p.gap(), p.solver(), p.costs(),
                p.risk(), cvar, p.builds(), p.contracts(), p.scenarios());
    }
}

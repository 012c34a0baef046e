package org.lodestone.plan;

import static org.lodestone.plan.Fixtures.assertOk;
import static org.lodestone.plan.Fixtures.assertViolations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Scenario.BuildDelay;
import org.lodestone.domain.Scenario.FacilityFactor;
import org.lodestone.domain.Series;
import org.lodestone.domain.YearRange;

/**
 * One test per rule that model-v2.md adds or changes: a plan that keeps it passes, one that
 * breaks it a little is named. Two years from 2026 unless a test says otherwise.
 */
class PlanCheckerVersion2RulesTest {
    private static final YearRange ALWAYS = new YearRange(2000, 2100);

    private static Series series(double... perYear) {
        return Series.of(perYear);
    }

    private static Scenario scenario(String id, double probability, List<FacilityFactor> capacityFactors,
                                     List<BuildDelay> delays, Optional<Integer> revealYear) {
        return new Scenario(id, probability, capacityFactors, List.of(), List.of(), List.of(), delays, List.of(),
                revealYear);
    }

    private static BuildDelay delay(String country, String facility, int years) {
        return new BuildDelay(Optional.ofNullable(country), Optional.ofNullable(facility), years);
    }

    private static FacilityFactor onFacility(String facility, double factor) {
        return new FacilityFactor(Optional.empty(), Optional.of(facility), factor, ALWAYS);
    }

    // ---------------------------------------------------------------- §2.1, §2.2: ramp-up and delays

    /**
     * Three years. mB (AU) has no capacity; one module of 1000 t started in 2026 with lead 1 ramps
     * up 50 %, then 100 %. late is delayed 1 year by its AU entry (the entry on rU does not match
     * mB); later 2 years by an AU and an mB entry, which add up.
     */
    private static Instance rampedMine() {
        Expansion ex = new Expansion(1000, 1, 1, 2026, 2026, 0, 0, 0, 0, List.of(0.5, 1.0));
        return TestInstances.instance("rules", 2026, 3).element("NdPr", 100000).country("AU", 0).country("US", 0)
                .mine(new Mine("mB", "AU", "standard", series(0, 0, 0), series(100, 100, 100), Map.of("NdPr", 0.2),
                        Optional.of(ex)))
                .refinery("rU", "US", 5000, 10).buyer("bU", "US", "NdPr", 0)
                .scenario(scenario("ontime", 0.5, List.of(), List.of(), Optional.empty()))
                .scenario(scenario("late", 0.25, List.of(), List.of(delay("AU", null, 1), delay(null, "rU", 5)),
                        Optional.empty()))
                .scenario(scenario("later", 0.25, List.of(), List.of(delay("AU", null, 1), delay(null, "mB", 1)),
                        Optional.empty()))
                .build();
    }

    @Test
    void builtCapacityRampsUpFromTheDelayedOnlineYear() {
        Instance in = rampedMine();
        PlanBuilder ok = PlanBuilder.plan(in).build("mB", 2026, 2027, 1, 1000)
                .scenario("ontime", 0.5).concentrate("mB", "rU", 2027, 500).concentrate("mB", "rU", 2028, 1000)
                .scenario("late", 0.25).concentrate("mB", "rU", 2028, 500)
                .scenario("later", 0.25);
        assertOk(in, ok);
        // the ramp-up counted from the planned online year in late, and any tonne in later (online 2029)
        assertViolations(in, PlanBuilder.plan(in).build("mB", 2026, 2027, 1, 1000)
                        .scenario("ontime", 0.5).concentrate("mB", "rU", 2027, 500.01).concentrate("mB", "rU", 2028, 1000)
                        .scenario("late", 0.25).concentrate("mB", "rU", 2027, 500).concentrate("mB", "rU", 2028, 1000)
                        .scenario("later", 0.25).concentrate("mB", "rU", 2028, 0.01),
                "scenario ontime, 2027: mine mB ships 500.01 t but its capacity is 500.0 t",
                "scenario late, 2027: mine mB ships 500.0 t but its capacity is 0.0 t",
                "scenario late, 2028: mine mB ships 1000.0 t but its capacity is 500.0 t",
                "scenario later, 2028: mine mB ships 0.01 t but its capacity is 0.0 t");
    }

    @Test
    void refineryRampUpIsScaledByCapacityFactors() {
        // rN (AU): 200 t existing, a module of 1000 t (lead 0) ramping 25 %, 75 %, 100 %; cut to 0.5 in cut
        Expansion ex = new Expansion(1000, 1, 0, 2026, 2026, 0, 0, 0, 0, List.of(0.25, 0.75, 1.0));
        Instance in = TestInstances.instance("rules", 2026, 2).element("NdPr", 100000).country("AU", 0)
                .mine("mA", "AU", 5000, 100, Map.of("NdPr", 0.2))
                .refinery(new Refinery("rN", "AU", Optional.empty(), series(200, 200), series(10, 10), Map.of(), 1,
                        Optional.of(ex)))
                .buyer("bU", "AU", "NdPr", 0)
                .scenario(scenario("full", 0.5, List.of(), List.of(), Optional.empty()))
                .scenario(scenario("cut", 0.5, List.of(onFacility("rN", 0.5)), List.of(), Optional.empty()))
                .build();
        UnaryOperator<PlanBuilder> cut = p -> p.scenario("cut", 0.5).concentrate("mA", "rN", 2026, 225)
                .concentrate("mA", "rN", 2027, 475);
        assertOk(in, cut.apply(PlanBuilder.plan(in).build("rN", 2026, 2026, 1, 1000)
                .scenario("full", 0.5).concentrate("mA", "rN", 2026, 450).concentrate("mA", "rN", 2027, 950)));
        assertViolations(in, cut.apply(PlanBuilder.plan(in).build("rN", 2026, 2026, 1, 1000)
                        .scenario("full", 0.5).concentrate("mA", "rN", 2026, 450).concentrate("mA", "rN", 2027, 1200)),
                "scenario full, 2027: refinery rN takes in 1200.0 t but its capacity is 950.0 t");
    }

    // ---------------------------------------------------------------- §2.5: what a contract owes

    /**
     * rN (AU) has no capacity; a module of 1000 t (lead 0) started in 2026 ramps up 40 %, then
     * 100 %. rO (AU) has capacity only in 2027. Signed contracts: kC contingent on rN (min 500),
     * kO contingent on rO (min 300), kN on rN not contingent (min 200). late delays rN by a year;
     * half raises rN's capacity by 1.25 and halves rO's.
     */
    private static Instance contingent() {
        Expansion ex = new Expansion(1000, 1, 0, 2026, 2026, 0, 0, 0, 0, List.of(0.4, 1.0));
        YearRange both = new YearRange(2026, 2027);
        return TestInstances.instance("rules", 2026, 2).element("NdPr", 100000).country("AU", 0)
                .mine("mA", "AU", 5000, 100, Map.of("NdPr", 0.2))
                .refinery(new Refinery("rN", "AU", Optional.empty(), series(0, 0), series(10, 10), Map.of(), 1,
                        Optional.of(ex)))
                .refinery(new Refinery("rO", "AU", Optional.empty(), series(0, 10), series(10, 10), Map.of(), 1,
                        Optional.empty()))
                .buyer("bU", "AU", "NdPr", 0)
                .contract(new Contract("kC", "rN", true, both, 500, Double.POSITIVE_INFINITY, 100, 0,
                        Optional.empty(), true))
                .contract(new Contract("kO", "rO", true, both, 300, Double.POSITIVE_INFINITY, 100, 0,
                        Optional.empty(), true))
                .contract(new Contract("kN", "rN", true, both, 200, Double.POSITIVE_INFINITY, 100, 0))
                .scenario(scenario("base", 0.5, List.of(), List.of(), Optional.empty()))
                .scenario(scenario("late", 0.25, List.of(), List.of(delay(null, "rN", 1)), Optional.empty()))
                .scenario(scenario("half", 0.25, List.of(onFacility("rN", 1.25), onFacility("rO", 0.5)), List.of(),
                        Optional.empty()))
                .build();
    }

    /** The contract list and build, then each scenario's entries as {@code entries} writes them. */
    private static PlanBuilder contingentPlan(Instance in, UnaryOperator<PlanBuilder> base,
                                              UnaryOperator<PlanBuilder> late, UnaryOperator<PlanBuilder> half) {
        PlanBuilder p = PlanBuilder.plan(in).build("rN", 2026, 2026, 1, 1000)
                .contract("kC", true).contract("kO", true).contract("kN", true);
        return half.apply(late.apply(base.apply(p.scenario("base", 0.5)).scenario("late", 0.25))
                .scenario("half", 0.25));
    }

    @Test
    void contingentContractsOweWhatTheFacilityCanDeliver() {
        Instance in = contingent();
        // kC owes 500 × the ramp-up share (40 %, then 100 %), from 2027 in late; κ = 1.25 counts as 1.
        // kO owes its full minimum where rO has any capacity, times its factor 0.5 in half. kN owes 200.
        UnaryOperator<PlanBuilder> base = p -> p.use("kC", 2026, 0, 200).use("kC", 2027, 0, 500)
                .use("kO", 2027, 0, 300).use("kN", 2026, 0, 200).use("kN", 2027, 0, 200);
        UnaryOperator<PlanBuilder> late = p -> p.use("kC", 2027, 0, 200)
                .use("kO", 2027, 0, 300).use("kN", 2026, 0, 200).use("kN", 2027, 0, 200);
        UnaryOperator<PlanBuilder> half = p -> p.use("kC", 2026, 0, 200).use("kC", 2027, 0, 500)
                .use("kO", 2027, 0, 150).use("kN", 2026, 0, 200).use("kN", 2027, 0, 200);
        assertOk(in, contingentPlan(in, base, late, half));
        // taking more than is owed pays for what is taken
        assertOk(in, contingentPlan(in, p -> p.concentrate("mA", "rN", 2026, 300).use("kC", 2026, 300, 300)
                .use("kC", 2027, 0, 500).use("kO", 2027, 0, 300).use("kN", 2026, 0, 200).use("kN", 2027, 0, 200),
                late, half));
    }

    @Test
    void contingentContractsPayForWhatTheyOwe() {
        Instance in = contingent();
        UnaryOperator<PlanBuilder> base = p -> p.use("kC", 2026, 0, 200).use("kC", 2027, 0, 500)
                .use("kO", 2027, 0, 300).use("kN", 2026, 0, 200).use("kN", 2027, 0, 200);
        // late owing from the planned online year; half without the cap on κ and without kO's entry;
        // kN, not contingent, owing its minimum whatever the delay
        UnaryOperator<PlanBuilder> late = p -> p.use("kC", 2026, 0, 200).use("kC", 2027, 0, 500)
                .use("kO", 2027, 0, 300).use("kN", 2027, 0, 200);
        UnaryOperator<PlanBuilder> half = p -> p.use("kC", 2026, 0, 250).use("kC", 2027, 0, 500)
                .use("kN", 2026, 0, 200).use("kN", 2027, 0, 200);
        assertViolations(in, contingentPlan(in, base, late, half),
                "scenario late, 2026: contract kC pays for 200.0 t but must pay for max(taken 0.0, owed 0.0) = 0.0 t"
                        + " (minPerYear 500.0 × min(1, capacity factor 1.0) × availability 0.0)",
                "scenario late, 2026: held contract kN has no contractUse entry but must pay for its minPerYear"
                        + " 200.0 t",
                "scenario late, 2027: contract kC pays for 500.0 t but must pay for max(taken 0.0, owed 200.0) = 200.0 t"
                        + " (minPerYear 500.0 × min(1, capacity factor 1.0) × availability 0.4)",
                "scenario half, 2026: contract kC pays for 250.0 t but must pay for max(taken 0.0, owed 200.0) = 200.0 t"
                        + " (minPerYear 500.0 × min(1, capacity factor 1.25) × availability 0.4)",
                "scenario half, 2027: held contract kO has no contractUse entry but must pay for its owed 150.0 t"
                        + " (minPerYear 300.0 × min(1, capacity factor 0.5) × availability 1.0)");
    }
}

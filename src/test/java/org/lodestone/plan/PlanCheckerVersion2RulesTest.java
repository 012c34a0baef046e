package org.lodestone.plan;

import static org.lodestone.plan.Fixtures.assertOk;
import static org.lodestone.plan.Fixtures.assertViolations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Scenario.BuildDelay;
import org.lodestone.domain.Scenario.FacilityFactor;
import org.lodestone.domain.Series;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.YearRange;

/**
 * One test per rule that version 2 adds or changes (instance-reference.md, the (v2) rules): a plan that keeps it passes, one that
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

    // ---------------------------------------------------------------- Rule 10, §7.8: ramp-up and delays

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

    // ---------------------------------------------------------------- Rule 8: what a contract owes

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

    // ---------------------------------------------------------------- Rule 12: stockpiles

    /**
     * mA (AU, 5000 t, NdPr 0.2) refined in rU (US); bU (US) wants {@code demand} t of NdPr a year
     * and has the stockpile {@code reserve} of NdPr.
     */
    private static Instance stocked(Stockpile reserve, double... demand) {
        Instance in = TestInstances.instance("rules", 2026, 2).element("NdPr", 100000).country("AU", 0)
                .country("US", 0).mine("mA", "AU", 5000, 100, Map.of("NdPr", 0.2)).refinery("rU", "US", 10000, 10)
                .buyer(new Buyer("bU", "US", Map.of("NdPr", series(demand)), Map.of(), Optional.empty(),
                        Optional.empty(), List.of()))
                .build();
        return Fixtures.withVersion2(in, List.of(reserve), Optional.empty());
    }

    private static Stockpile reserve(double capacity, double initial, double minFinal, Double maxFill,
                                     Double maxRelease) {
        return new Stockpile("reserve", "bU", "NdPr", capacity, initial, minFinal, 0, Optional.ofNullable(maxFill),
                Optional.ofNullable(maxRelease));
    }

    /** {@code tonnes} t of NdPr delivered to bU in {@code year}, from mA's concentrate refined in rU. */
    private static PlanBuilder deliver(PlanBuilder p, int year, double tonnes) {
        return p.concentrate("mA", "rU", year, tonnes * 5).deliver("mA", "rU", "bU", "NdPr", year, tonnes);
    }

    @Test
    void stockBalanceStartsFromTheInitialLevel() {
        Instance in = stocked(reserve(1000, 100, 0, null, null), 100, 100);
        assertOk(in, deliver(deliver(PlanBuilder.plan(in), 2026, 150), 2027, 50)
                .stock("reserve", 2026, 50, 0, 150).stock("reserve", 2027, 0, 50, 100));
        assertViolations(in, deliver(deliver(PlanBuilder.plan(in), 2026, 150), 2027, 50)
                        .stock("reserve", 2026, 50, 0, 140).stock("reserve", 2027, 0, 50, 90),
                "scenario base, 2026: stockpile reserve holds 140.0 t at the end of 2026 but its initial 100.0 t"
                        + " + fill 50.0 t − release 0.0 t = 150.0 t");
        assertViolations(in, deliver(deliver(PlanBuilder.plan(in), 2026, 150), 2027, 50)
                        .stock("reserve", 2026, 50, 0, 150).stock("reserve", 2027, 0, 50, 90),
                "scenario base, 2027: stockpile reserve holds 90.0 t at the end of 2027 but 150.0 t at the end of"
                        + " 2026 + fill 0.0 t − release 50.0 t = 100.0 t");
        // a year the plan does not list holds nothing: the initial stock cannot vanish unseen
        assertViolations(in, deliver(deliver(PlanBuilder.plan(in), 2026, 100), 2027, 100)
                        .stock("reserve", 2027, 0, 0, 100),
                "scenario base, 2026: stockpile reserve holds 0.0 t at the end of 2026 but its initial 100.0 t"
                        + " + fill 0.0 t − release 0.0 t = 100.0 t",
                "scenario base, 2027: stockpile reserve holds 100.0 t at the end of 2027 but 0.0 t at the end of"
                        + " 2026 + fill 0.0 t − release 0.0 t = 0.0 t");
    }

    @Test
    void stockLevelWithinCapacity() {
        Instance in = stocked(reserve(150, 100, 0, null, null), 100, 100);
        assertOk(in, deliver(deliver(PlanBuilder.plan(in), 2026, 150), 2027, 50)
                .stock("reserve", 2026, 50, 0, 150).stock("reserve", 2027, 0, 50, 100));
        assertViolations(in, deliver(deliver(PlanBuilder.plan(in), 2026, 150.01), 2027, 49.99)
                        .stock("reserve", 2026, 50.01, 0, 150.01).stock("reserve", 2027, 0, 50.01, 100),
                "scenario base, 2026: stockpile reserve holds 150.01 t but its capacity is 150.0 t");
    }

    @Test
    void stockEndsTheHorizonAtLeastAtMinFinal() {
        Instance in = stocked(reserve(1000, 100, 60, null, null), 100, 100);
        assertOk(in, deliver(deliver(PlanBuilder.plan(in), 2026, 80), 2027, 80)
                .stock("reserve", 2026, 0, 20, 80).stock("reserve", 2027, 0, 20, 60));
        assertViolations(in, deliver(deliver(PlanBuilder.plan(in), 2026, 80), 2027, 79.99)
                        .stock("reserve", 2026, 0, 20, 80).stock("reserve", 2027, 0, 20.01, 59.99),
                "scenario base, 2027: stockpile reserve holds 59.99 t at the end of the horizon, below its minFinal"
                        + " 60.0 t");
    }

    @Test
    void stockFilledAtMostMaxFill() {
        Instance in = stocked(reserve(1000, 0, 0, 30.0, null), 100, 100);
        assertOk(in, deliver(deliver(PlanBuilder.plan(in), 2026, 130), 2027, 100)
                .stock("reserve", 2026, 30, 0, 30).stock("reserve", 2027, 0, 0, 30));
        assertViolations(in, deliver(deliver(PlanBuilder.plan(in), 2026, 130.01), 2027, 100)
                        .stock("reserve", 2026, 30.01, 0, 30.01).stock("reserve", 2027, 0, 0, 30.01),
                "scenario base, 2026: stockpile reserve is filled with 30.01 t, above its maxFill 30.0 t");
    }

    @Test
    void stockReleasedAtMostMaxRelease() {
        Instance in = stocked(reserve(1000, 100, 0, null, 20.0), 100, 100);
        assertOk(in, deliver(deliver(PlanBuilder.plan(in), 2026, 80), 2027, 100)
                .stock("reserve", 2026, 0, 20, 80).stock("reserve", 2027, 0, 0, 80));
        assertViolations(in, deliver(deliver(PlanBuilder.plan(in), 2026, 79.99), 2027, 100)
                        .stock("reserve", 2026, 0, 20.01, 79.99).stock("reserve", 2027, 0, 0, 79.99),
                "scenario base, 2026: stockpile reserve releases 20.01 t, above its maxRelease 20.0 t");
    }

    @Test
    void demandCountsStockFilledAndReleasedInEveryYearDemandZeroIncluded() {
        // no demand in 2026: what is delivered can only go into stock, and nothing can come out
        Instance in = stocked(reserve(1000, 0, 0, null, null), 0, 100);
        assertOk(in, deliver(deliver(PlanBuilder.plan(in), 2026, 50), 2027, 50)
                .stock("reserve", 2026, 50, 0, 50).stock("reserve", 2027, 0, 50, 0));
        assertViolations(in, deliver(deliver(PlanBuilder.plan(in), 2026, 50), 2027, 50)
                        .stock("reserve", 2026, 40, 0, 40).stock("reserve", 2027, 0, 40, 0),
                "scenario base, 2026: buyer bU gets 50.0 t of NdPr delivered − 40.0 t into stock + 0.0 t from stock"
                        + " + 0.0 t substituted + 0.0 t short = 10.0 t but its demand is 0.0 t",
                "scenario base, 2027: buyer bU gets 50.0 t of NdPr delivered − 0.0 t into stock + 40.0 t from stock"
                        + " + 0.0 t substituted + 0.0 t short = 90.0 t but its demand is 100.0 t");
    }

    @Test
    void stockIsFilledOnlyFromDeliveries() {
        Instance in = stocked(reserve(1000, 100, 0, null, null), 100, 100);
        assertOk(in, deliver(deliver(PlanBuilder.plan(in), 2026, 100), 2027, 100)
                .stock("reserve", 2026, 50, 50, 100).stock("reserve", 2027, 0, 0, 100));
        // 50 t "filled" while 30 t are delivered: stock from nothing, the demand balance kept
        assertViolations(in, deliver(deliver(PlanBuilder.plan(in), 2026, 30), 2027, 100)
                        .stock("reserve", 2026, 50, 120, 30).stock("reserve", 2027, 0, 0, 30),
                "scenario base, 2026: buyer bU puts 50.0 t of NdPr into stock but gets only 30.0 t delivered");
    }

    @Test
    void stockFilledMeetsTheStrictestMandateShareToCome() {
        // bU's mandate excludes CN from 2027 (minShare 0, then 1): stock filled in 2026 must comply
        Instance world = TestInstances.instance("rules", 2026, 2).element("NdPr", 100000).country("AU", 0)
                .country("US", 0).country("CN", 0)
                .mine("mA", "AU", 5000, 100, Map.of("NdPr", 0.2)).mine("mC", "CN", 5000, 50, Map.of("NdPr", 0.2))
                .refinery("rU", "US", 10000, 10).refinery("rC", "CN", 10000, 5)
                .buyer(new Buyer("bU", "US", Map.of("NdPr", series(100, 100)), Map.of(),
                        Optional.of(TestInstances.mandate(series(0, 1), Set.of("CN"), Set.of())),
                        Optional.empty(), List.of()))
                .build();
        Instance in = Fixtures.withVersion2(world, List.of(reserve(1000, 0, 0, null, null)), Optional.empty());
        PlanBuilder cnForDemand = PlanBuilder.plan(in).concentrate("mC", "rC", 2026, 500)
                .deliver("mC", "rC", "bU", "NdPr", 2026, 100);
        assertOk(in, deliver(cnForDemand, 2026, 50).stock("reserve", 2026, 50, 0, 50)
                .concentrate("mA", "rU", 2027, 250).deliver("mA", "rU", "bU", "NdPr", 2027, 50)
                .stock("reserve", 2027, 0, 50, 0));
        assertViolations(in, PlanBuilder.plan(in).concentrate("mC", "rC", 2026, 750)
                        .deliver("mC", "rC", "bU", "NdPr", 2026, 150).stock("reserve", 2026, 50, 0, 50)
                        .concentrate("mA", "rU", 2027, 250).deliver("mA", "rU", "bU", "NdPr", 2027, 50)
                        .stock("reserve", 2027, 0, 50, 0),
                "scenario base, 2026: buyer bU gets 0.0 t of NdPr complying with its mandate out of 150.0 t"
                        + " delivered, below minShare 0.0 × 100.0 t not put into stock + the strictest minShare to"
                        + " come 1.0 × 50.0 t put into stock = 50.0 t");
    }

    // ---------------------------------------------------------------- Rule 13: non-anticipativity

    /**
     * a (revealed 2027) and b (2028) cannot be told apart in 2026; c is revealed from the start.
     * mA (AU: NdPr 0.2, La 0.3) and mC (CN: NdPr 0.2) ship to rU (US); La sells as surplus, NdPr
     * earns nothing there. bU wants 100 t of NdPr a year, may substitute half of it and has a
     * reserve. k1 on mA owes 100 t; kN on the new plant rN is contingent, and b delays rN by a year.
     */
    private static Instance unrevealed() {
        Expansion ex = new Expansion(1000, 1, 0, 2026, 2026, 0, 0, 0, 0);
        YearRange both = new YearRange(2026, 2027);
        Instance world = TestInstances.instance("rules", 2026, 2).element("NdPr", 100000).element("La", 2000, 1500)
                .country("AU", 0).country("US", 0).country("CN", 0)
                .mine("mA", "AU", 5000, 100, Map.of("NdPr", 0.2, "La", 0.3))
                .mine("mC", "CN", 5000, 50, Map.of("NdPr", 0.2))
                .refinery("rU", "US", 10000, 10)
                .refinery(new Refinery("rN", "US", Optional.empty(), series(0, 0), series(10, 10), Map.of(), 1,
                        Optional.of(ex)))
                .buyer(new Buyer("bU", "US", Map.of("NdPr", series(100, 100)), Map.of(), Optional.empty(),
                        Optional.empty(), List.of(TestInstances.substitute("NdPr", 0.5, 1000, 2026))))
                .contract(new Contract("k1", "mA", true, both, 100, Double.POSITIVE_INFINITY, 50, 0))
                .contract(new Contract("kN", "rN", true, both, 100, Double.POSITIVE_INFINITY, 10, 0, Optional.empty(),
                        true))
                .scenario(scenario("a", 0.5, List.of(), List.of(), Optional.of(2027)))
                .scenario(scenario("b", 0.25, List.of(), List.of(delay(null, "rN", 1)), Optional.of(2028)))
                .scenario(scenario("c", 0.25, List.of(), List.of(), Optional.of(2026)))
                .build();
        return Fixtures.withVersion2(world, List.of(reserve(1000, 0, 0, null, null)), Optional.empty());
    }

    /**
     * A scenario's 2026 in {@link #unrevealed()}: {@code shippedFromA} t of mA's concentrate (and
     * 500 t of mC's) to rU, {@code delivered} t of NdPr from {@code mine}'s, La sold as surplus,
     * NdPr substituted, short and put into stock, {@code taken} t under k1.
     */
    private static UnaryOperator<PlanBuilder> in2026(double shippedFromA, String mine, double delivered,
                                                     double laSurplus, double substituted, double shortfall,
                                                     double filled, double taken) {
        return p -> p.concentrate("mA", "rU", 2026, shippedFromA).concentrate("mC", "rU", 2026, 500)
                .deliver(mine, "rU", "bU", "NdPr", 2026, delivered).surplus("rU", "La", 2026, laSurplus)
                .substitute("bU", "NdPr", 2026, substituted).shortfall("bU", "NdPr", 2026, shortfall)
                .stock("reserve", 2026, filled, 0, filled).use("k1", 2026, taken, 100);
    }

    /** What a decides in 2026, and b unless a test says otherwise. */
    private static final UnaryOperator<PlanBuilder> SAME_IN_2026 = in2026(500, "mA", 90, 150, 10, 10, 10, 100);

    /**
     * The plan of {@link #unrevealed()} with b's 2026 and 2027 entries as given. kN owes 100 t in a
     * and c from 2026 but in b only from 2027 (paid is not tied); the scenarios differ in 2027 and
     * c already in 2026.
     */
    private static PlanBuilder unrevealedPlan(Instance in, UnaryOperator<PlanBuilder> b2026,
                                              UnaryOperator<PlanBuilder> b2027) {
        PlanBuilder p = PlanBuilder.plan(in).build("rN", 2026, 2026, 1, 1000).contract("k1", true).contract("kN", true);
        SAME_IN_2026.apply(p.scenario("a", 0.5)).use("kN", 2026, 0, 100)
                .shortfall("bU", "NdPr", 2027, 100).stock("reserve", 2027, 0, 0, 10)
                .use("k1", 2027, 0, 100).use("kN", 2027, 0, 100);
        b2027.apply(b2026.apply(p.scenario("b", 0.25)).use("k1", 2027, 0, 100).use("kN", 2027, 0, 100));
        return p.scenario("c", 0.25).shortfall("bU", "NdPr", 2026, 100).shortfall("bU", "NdPr", 2027, 100)
                .use("k1", 2026, 0, 100).use("kN", 2026, 0, 100).use("k1", 2027, 0, 100).use("kN", 2027, 0, 100);
    }

    private static PlanBuilder releaseAll(PlanBuilder p, double level) {
        return p.stock("reserve", 2027, 0, level, 0).shortfall("bU", "NdPr", 2027, 100 - level);
    }

    @Test
    void unrevealedScenariosMakeTheSameDecisions() {
        Instance in = unrevealed();
        assertOk(in, unrevealedPlan(in, SAME_IN_2026, p -> releaseAll(p, 10)));
    }

    @Test
    void unrevealedScenariosShipTheSameConcentrate() {
        Instance in = unrevealed();
        assertViolations(in, unrevealedPlan(in, in2026(510, "mA", 90, 150, 10, 10, 10, 100),
                        p -> releaseAll(p, 10)),
                "scenario b, 2026: concentrate mA → rU is 510.0 t but 500.0 t in scenario a, and neither scenario is"
                        + " revealed yet");
    }

    @Test
    void unrevealedScenariosDeliverFromTheSameMines() {
        Instance in = unrevealed();
        assertViolations(in, unrevealedPlan(in, in2026(500, "mC", 90, 150, 10, 10, 10, 100),
                        p -> releaseAll(p, 10)),
                "scenario b, 2026: delivery mA → rU → bU of NdPr is 0.0 t but 90.0 t in scenario a, and neither"
                        + " scenario is revealed yet",
                "scenario b, 2026: delivery mC → rU → bU of NdPr is 90.0 t but 0.0 t in scenario a, and neither"
                        + " scenario is revealed yet");
    }

    @Test
    void unrevealedScenariosSellTheSameSurplusWhereItEarns() {
        Instance in = unrevealed();
        // NdPr sold as surplus earns nothing: that is discarding, not tied
        UnaryOperator<PlanBuilder> lessLa = in2026(500, "mA", 90, 140, 10, 10, 10, 100);
        assertViolations(in, unrevealedPlan(in, p -> lessLa.apply(p).surplus("rU", "NdPr", 2026, 5),
                        p -> releaseAll(p, 10)),
                "scenario b, 2026: surplus of La at rU is 140.0 t but 150.0 t in scenario a, and neither scenario is"
                        + " revealed yet");
    }

    @Test
    void unrevealedScenariosSubstituteAndFallShortAlike() {
        Instance in = unrevealed();
        assertViolations(in, unrevealedPlan(in, in2026(500, "mA", 90, 150, 15, 5, 10, 100),
                        p -> releaseAll(p, 10)),
                "scenario b, 2026: shortfall for bU of NdPr is 5.0 t but 10.0 t in scenario a, and neither scenario"
                        + " is revealed yet",
                "scenario b, 2026: substitution for bU of NdPr is 15.0 t but 10.0 t in scenario a, and neither"
                        + " scenario is revealed yet");
    }

    @Test
    void unrevealedScenariosTakeTheSameContractTonnes() {
        Instance in = unrevealed();
        assertViolations(in, unrevealedPlan(in, in2026(500, "mA", 90, 150, 10, 10, 10, 90),
                        p -> releaseAll(p, 10)),
                "scenario b, 2026: tonnes taken under contract k1 is 90.0 t but 100.0 t in scenario a, and neither"
                        + " scenario is revealed yet");
    }

    @Test
    void unrevealedScenariosFillReleaseAndHoldTheSameStock() {
        Instance in = unrevealed();
        assertViolations(in, unrevealedPlan(in, in2026(500, "mA", 100, 150, 10, 10, 20, 100),
                        p -> releaseAll(p, 20)),
                "scenario b, 2026: delivery mA → rU → bU of NdPr is 100.0 t but 90.0 t in scenario a, and neither"
                        + " scenario is revealed yet",
                "scenario b, 2026: fill of stockpile reserve is 20.0 t but 10.0 t in scenario a, and neither scenario"
                        + " is revealed yet",
                "scenario b, 2026: level of stockpile reserve is 20.0 t but 10.0 t in scenario a, and neither"
                        + " scenario is revealed yet");
    }
}

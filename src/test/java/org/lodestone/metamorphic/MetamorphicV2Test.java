package org.lodestone.metamorphic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.domain.Contract;
import org.lodestone.domain.ExportControl;
import org.lodestone.domain.Facility;
import org.lodestone.domain.Horizon;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.YearRange;
import org.lodestone.generate.Feature;
import org.lodestone.generate.InstanceGenerator;
import org.lodestone.generate.InstanceGenerator.GeneratorSpec;
import org.lodestone.plan.CheckReport;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;

/**
 * Metamorphic relations of model version 2 (the (v2) rules of instance-reference.md): edits of an instance tree whose effect
 * on the optimal objective the model fixes (none, or a direction). Both trees are solved to
 * optimality (gap 0) with SCIP, every plan is re-checked by the independent {@link PlanChecker},
 * and objectives are compared to 1e-6 relative.
 *
 * <p>Cases are small conformance instances (hand-derived t12–t22, generated g2-*, and some
 * version-1 t-cases) and small instances drawn by the {@link InstanceGenerator} with version-2
 * features ("gen:" cases). Each relation also carries, on a hand-derived case, a check that the
 * edit is not ignored (the edited feature changes the optimum where it must), so that a model
 * reading none of the version-2 fields does not pass by default.
 */
class MetamorphicV2Test {
    /** Relative tolerance of the objective comparisons. */
    private static final double REL = 1e-6;
    private static final SolveOptions OPTIONS = new SolveOptions(Backend.SCIP, 120, 0.0, 1);

    // ------------------------------------------------------------------ infrastructure

    record Solved(Instance instance, Plan plan) {
        double objective() {
            return plan.objective();
        }
    }

    private static final Map<String, Solved> CACHE = new ConcurrentHashMap<>();

    /** A fresh tree of a case: a conformance file, or {@code gen:<seed>:<feature keys or v2>}. */
    static ObjectNode source(String key) {
        if (!key.startsWith("gen:")) {
            return MetamorphicTest.tree(key);
        }
        return InstanceGenerator.generate(spec(key));
    }

    static GeneratorSpec spec(String key) {
        String[] parts = key.split(":");
        long seed = Long.parseLong(parts[1]);
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        if (parts[2].equals("v2")) {
            features.addAll(EnumSet.allOf(Feature.class));
        } else {
            for (String f : parts[2].split(",")) {
                features.add(Feature.ofKey(f).orElseThrow());
            }
        }
        return new GeneratorSpec(3, 3, 2, 2, 2, 3, seed, features);
    }

    /** Validates, solves to optimality with SCIP (gap 0), and checks the plan with the independent checker. */
    static Solved solve(JsonNode tree, String what) {
        String json = tree.toString();
        Solved cached = CACHE.get(json);
        if (cached != null) {
            return cached;
        }
        Instance instance = MetamorphicTest.instance(tree, what);
        Plan plan = new Planner().solve(instance, OPTIONS, false).plan();
        assertEquals(Plan.Status.OPTIMAL, plan.status(), what + ": status");
        CheckReport report = PlanChecker.check(instance, plan);
        assertTrue(report.ok(), () -> what + ": plan checker:\n" + String.join("\n", report.violations()));
        Solved solved = new Solved(instance, plan);
        CACHE.put(json, solved);
        return solved;
    }

    static double slack(double value) {
        return REL * Math.max(1, Math.abs(value));
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, slack(Math.max(Math.abs(expected), Math.abs(actual))),
                what + " (expected " + expected + ", got " + actual + ")");
    }

    /** {@code higher} is not below {@code lower} beyond the tolerance. */
    static void assertNotBelow(double lower, double higher, String what) {
        assertTrue(higher >= lower - slack(Math.max(Math.abs(lower), Math.abs(higher))),
                what + ": " + higher + " < " + lower + " (difference " + (higher - lower) + ")");
    }

    static Instance instance(ObjectNode tree, String what) {
        return MetamorphicTest.instance(tree, what);
    }

    static List<ObjectNode> scenarios(ObjectNode t) {
        return JsonTrees.objects(t, "scenarios");
    }

    static int start(ObjectNode t) {
        return t.get("horizon").get("start").intValue();
    }

    // ------------------------------------------------------------------ case lists

    static final List<String> WITH_SCENARIOS = List.of("t13_build_delay.json", "t14_price_factors.json",
            "t15_indexed_floor.json", "t16_contingent.json", "t17_stockpile_reveal.json", "t18_cvar.json",
            "t20_contingent_ramp.json", "g2-tiny-1.json", "g2-tiny-2.json", "g2-tiny-4.json", "g2-tiny-5.json",
            "g2-tiny-6.json", "g2-small-3.json", "t11_freight_tariff_factors.json",
            "gen:1:v2", "gen:2:v2", "gen:3:v2", "gen:4:reveal-years", "gen:5:build-delays,ramp-up");

    static final List<String> GENERATED_V2 = List.of("gen:1:v2", "gen:2:v2", "gen:3:v2", "gen:4:v2");

    // ------------------------------------------------------------------ 1. reveal at the start = v1

    static Stream<String> revealAtStartCases() {
        return WITH_SCENARIOS.stream();
    }

    /**
     * Rule 13: every scenario's revealYear at the horizon start ties nothing (no year lies before
     * it), so the optimum is that of the same instance without reveal years (version 1).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("revealAtStartCases")
    void revealAtTheStartIsVersion1(String key) {
        ObjectNode v1 = source(key);
        scenarios(v1).forEach(s -> s.remove("revealYear"));
        ObjectNode atStart = source(key);
        scenarios(atStart).forEach(s -> s.put("revealYear", start(atStart)));
        assertFalse(scenarios(atStart).isEmpty(), "the case has scenarios");
        double base = solve(v1, key + " without reveal years").objective();
        double edited = solve(atStart, key + " revealed at the start").objective();
        assertClose(base, edited, key + ": revealYear = horizon start vs none");
    }

    /** The reveal years of t17 matter: without them the optimum is strictly lower (not ignored). */
    @Test
    void revealYearsOfT17Matter() {
        ObjectNode v1 = source("t17_stockpile_reveal.json");
        scenarios(v1).forEach(s -> s.remove("revealYear"));
        double free = solve(v1, "t17 without reveal years").objective();
        double tied = solve(source("t17_stockpile_reveal.json"), "t17").objective();
        assertTrue(tied > free + slack(free), "t17: tied " + tied + " vs free " + free);
    }

    // ------------------------------------------------------------------ 2. CVaR

    static final List<String> CVAR_CASES = List.of("t18_cvar.json", "g2-tiny-1.json", "g2-tiny-2.json",
            "g2-tiny-5.json", "g2-small-3.json", "t13_build_delay.json", "t16_contingent.json",
            "t14_price_factors.json", "gen:1:v2", "gen:2:v2", "gen:6:risk-aversion");

    static double writtenOr(ObjectNode t, String field, double otherwise) {
        JsonNode ra = t.get("riskAversion");
        return ra != null && ra.has(field) ? ra.get(field).doubleValue() : otherwise;
    }

    static ObjectNode withRiskAversion(String key, double alpha, double weight) {
        ObjectNode t = source(key);
        ObjectNode ra = t.putObject("riskAversion");
        ra.put("alpha", alpha);
        ra.put("weight", weight);
        return t;
    }

    static ObjectNode expectedValue(String key) {
        ObjectNode t = source(key);
        t.remove("riskAversion");
        return t;
    }

    /** §10.6: weight 0 is the expected-value objective (riskAversion removed). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cvarCases")
    void cvarWeightZeroIsExpectedValue(String key) {
        double alpha = writtenOr(source(key), "alpha", 0.5);
        double ev = solve(expectedValue(key), key + " expected value").objective();
        double w0 = solve(withRiskAversion(key, alpha, 0), key + " weight 0").objective();
        assertClose(ev, w0, key + ": riskAversion weight 0 (alpha " + alpha + ") vs none");
    }

    /** §10.6: alpha 0 makes CVaR the expectation, so the objective is the expected-value one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cvarCases")
    void cvarAlphaZeroIsExpectedValue(String key) {
        double weight = writtenOr(source(key), "weight", 0.5);
        double ev = solve(expectedValue(key), key + " expected value").objective();
        double a0 = solve(withRiskAversion(key, 0, weight), key + " alpha 0").objective();
        assertClose(ev, a0, key + ": riskAversion alpha 0 (weight " + weight + ") vs none");
    }

    /** CVaR ≥ expectation for every plan, so the optimum never falls as the weight rises. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cvarCases")
    void cvarOptimumRisesWithWeight(String key) {
        double alpha = writtenOr(source(key), "alpha", 0.5);
        double previous = Double.NEGATIVE_INFINITY;
        double previousWeight = Double.NaN;
        for (double w : new double[] {0, 0.2, 0.5, 0.8, 0.95}) {
            double obj = solve(withRiskAversion(key, alpha, w), key + " weight " + w).objective();
            assertNotBelow(previous, obj, key + ": alpha " + alpha + ", optimum at weight " + w
                    + " vs weight " + previousWeight);
            previous = obj;
            previousWeight = w;
        }
    }

    /** CVaR_α of a fixed plan never falls as α rises, so neither does the optimum. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cvarCases")
    void cvarOptimumRisesWithAlpha(String key) {
        double weight = writtenOr(source(key), "weight", 0.5);
        double previous = Double.NEGATIVE_INFINITY;
        double previousAlpha = Double.NaN;
        for (double a : new double[] {0, 0.3, 0.6, 0.9}) {
            double obj = solve(withRiskAversion(key, a, weight), key + " alpha " + a).objective();
            assertNotBelow(previous, obj, key + ": weight " + weight + ", optimum at alpha " + a
                    + " vs alpha " + previousAlpha);
            previous = obj;
            previousAlpha = a;
        }
    }

    /** On t18 risk aversion as written costs strictly more than the expected value (CVaR is not ignored). */
    @Test
    void cvarOfT18Matters() {
        double ev = solve(expectedValue("t18_cvar.json"), "t18 expected value").objective();
        double cvar = solve(source("t18_cvar.json"), "t18").objective();
        assertTrue(cvar > ev + slack(ev), "t18: CVaR " + cvar + " vs expected value " + ev);
    }

    static Stream<String> cvarCases() {
        return CVAR_CASES.stream();
    }

    // ------------------------------------------------------------------ 3. zero-capacity stockpile

    static Stream<String> zeroStockpileAddedCases() {
        return Stream.of("t01_plain.json", "t04_take_or_pay.json", "t05_mandate.json", "t06_country_share.json",
                "t09_substitution.json", "t12_ramp_up.json", "t13_build_delay.json", "t14_price_factors.json",
                "t16_contingent.json", "t18_cvar.json", "g2-tiny-3.json", "g2-tiny-4.json", "g2-tiny-5.json",
                "g-tiny-1.json", "g-tiny-2.json", "gen:1:ramp-up,reveal-years,risk-aversion,contingent-contracts",
                "gen:2:v2", "gen:3:v2");
    }

    /**
     * Rule 12: adding, for every (buyer, element) of a demand, a stockpile of capacity 0 (with a
     * holding cost) leaves the optimum unchanged: fill, release and level are all 0.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroStockpileAddedCases")
    void zeroCapacityStockpileChangesNothing(String key) {
        ObjectNode base = source(key);
        ObjectNode edited = source(key);
        ArrayNode stock = edited.has("stockpiles") ? (ArrayNode) edited.get("stockpiles") : edited.putArray("stockpiles");
        int added = 0;
        for (ObjectNode b : JsonTrees.objects(edited, "buyers")) {
            List<String> elements = new ArrayList<>();
            b.get("demand").fieldNames().forEachRemaining(elements::add);
            for (String e : elements) {
                if (e.equals("*")) {
                    continue;
                }
                ObjectNode p = stock.addObject();
                p.put("id", "zero-" + b.get("id").textValue() + "-" + e + "-" + added);
                p.put("buyer", b.get("id").textValue());
                p.put("element", e);
                p.put("capacity", 0);
                p.put("holdingCost", 500);
                added++;
            }
        }
        assertTrue(added > 0, "some stockpile added");
        double before = solve(base, key).objective();
        double after = solve(edited, key + " + " + added + " zero-capacity stockpiles").objective();
        assertClose(before, after, key + ": zero-capacity stockpiles added");
    }

    static Stream<String> zeroStockpileExistingCases() {
        return Stream.of("t17_stockpile_reveal.json", "t19_stock_minfinal.json", "t21_mandate_stock.json",
                "t22_stock_zero_demand.json", "g2-tiny-1.json", "g2-tiny-2.json", "g2-tiny-6.json",
                "g2-small-3.json", "gen:1:stockpiles", "gen:2:stockpiles", "gen:3:v2");
    }

    /**
     * Rule 12: the instance's own stockpiles cut to capacity 0 (initial and minFinal 0) give the
     * optimum of the instance without stockpiles.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroStockpileExistingCases")
    void stockpilesCutToZeroAreNoStockpiles(String key) {
        ObjectNode none = source(key);
        assertTrue(none.has("stockpiles") && none.get("stockpiles").size() > 0, key + " has stockpiles");
        none.remove("stockpiles");
        ObjectNode zero = source(key);
        for (ObjectNode p : JsonTrees.objects(zero, "stockpiles")) {
            p.put("capacity", 0);
            p.put("initial", 0);
            p.put("minFinal", 0);
        }
        double a = solve(none, key + " without stockpiles").objective();
        double b = solve(zero, key + " stockpiles of capacity 0").objective();
        assertClose(a, b, key + ": stockpiles of capacity 0 vs none");
    }

    // ------------------------------------------------------------------ 4. contingent on existing capacity

    /** Contracts on facilities with existing capacity > 0 in every year of the window and no capacity factor. */
    static List<String> contingentEligible(ObjectNode tree, String what) {
        Instance inst = instance(tree, what);
        Horizon h = inst.horizon();
        Map<String, Facility> facilities = new LinkedHashMap<>();
        inst.mines().forEach(m -> facilities.put(m.id(), m));
        inst.refineries().forEach(r -> facilities.put(r.id(), r));
        List<String> out = new ArrayList<>();
        for (Contract k : inst.contracts()) {
            Facility f = facilities.get(k.facility());
            boolean capacity = true;
            for (int y = Math.max(h.start(), k.window().from()); y <= Math.min(h.last(), k.window().to()); y++) {
                capacity &= f.capacity().at(h.index(y)) > 0;
            }
            boolean factor = inst.scenarios().stream().flatMap(s -> s.capacityFactors().stream())
                    .anyMatch(c -> c.facility().map(f.id()::equals).orElse(true)
                            && c.country().map(f.country()::equals).orElse(true));
            if (capacity && !factor) {
                out.add(k.id());
            }
        }
        return out;
    }

    static ObjectNode withContingent(String key, List<String> contracts, boolean contingent) {
        ObjectNode t = source(key);
        for (ObjectNode k : JsonTrees.objects(t, "contracts")) {
            if (contracts.contains(k.get("id").textValue())) {
                k.put("contingent", contingent);
            }
        }
        return t;
    }

    static Stream<Arguments> contingentCases() {
        List<String> keys = List.of("t04_take_or_pay.json", "t08_hedge_build.json", "t10_bankability.json",
                "t03_build_discount.json", "t16_contingent.json", "t20_contingent_ramp.json", "g2-tiny-1.json",
                "g2-tiny-2.json", "g2-tiny-3.json", "g2-tiny-4.json", "g2-tiny-6.json", "g2-small-3.json",
                "g-tiny-1.json", "g-tiny-2.json", "g-tiny-3.json", "g-tiny-4.json", "g-tiny-5.json", "g-tiny-6.json",
                "gen:1:contingent-contracts", "gen:2:contingent-contracts", "gen:3:contingent-contracts",
                "gen:4:contingent-contracts,ramp-up,build-delays", "gen:1:v2", "gen:2:v2", "gen:3:v2", "gen:4:v2");
        List<Arguments> out = new ArrayList<>();
        for (String key : keys) {
            List<String> eligible = contingentEligible(source(key), key);
            if (!eligible.isEmpty()) {
                out.add(Arguments.of(key, eligible));
            }
        }
        return out.stream();
    }

    /**
     * Rule 8: a contingent contract on a facility with existing capacity in every year of its window
     * and no capacity factor owes minPerYear × 1 × 1 there, as a non-contingent one does: the
     * optimum is the same with every such contract contingent and with none.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("contingentCases")
    void contingentOnExistingCapacityIsNonContingent(String key, List<String> contracts) {
        double plain = solve(withContingent(key, contracts, false), key + " non-contingent " + contracts).objective();
        double cont = solve(withContingent(key, contracts, true), key + " contingent " + contracts).objective();
        assertClose(plain, cont, key + ": contracts " + contracts + " contingent vs not");
    }

    /** On t16, kC (a plant not yet built) contingent or not changes the optimum: the flag is read. */
    @Test
    void contingencyOfT16Matters() {
        double cont = solve(withContingent("t16_contingent.json", List.of("kC"), true), "t16").objective();
        double plain = solve(withContingent("t16_contingent.json", List.of("kC"), false), "t16 kC non-contingent")
                .objective();
        assertTrue(Math.abs(plain - cont) > slack(plain), "t16: kC contingent " + cont + " vs not " + plain);
        assertNotBelow(cont, plain, "t16: owing more never lowers the optimum");
    }

    // ------------------------------------------------------------------ 5. reveal later

    /**
     * The latest reveal year validation allows a scenario: the start of the earliest entry (factor
     * or export control) whose range cut to Y is non-empty, else the year after the horizon.
     */
    static int latestReveal(Scenario s, Horizon h) {
        int latest = h.last() + 1;
        List<YearRange> ranges = new ArrayList<>();
        s.capacityFactors().forEach(f -> ranges.add(f.years()));
        s.costFactors().forEach(f -> ranges.add(f.years()));
        s.demandFactors().forEach(f -> ranges.add(f.years()));
        s.priceFactors().forEach(f -> ranges.add(f.years()));
        s.exportControls().stream().map(ExportControl::years).forEach(ranges::add);
        for (YearRange r : ranges) {
            int from = Math.max(r.from(), h.start());
            int to = Math.min(r.to(), h.last());
            if (from <= to) {
                latest = Math.min(latest, from);
            }
        }
        return latest;
    }

    static Stream<String> revealLaterCases() {
        return Stream.of("t13_build_delay.json", "t17_stockpile_reveal.json", "t16_contingent.json",
                "t14_price_factors.json", "t18_cvar.json", "g2-tiny-1.json", "g2-tiny-5.json", "g2-tiny-6.json",
                "g2-tiny-2.json", "gen:1:v2", "gen:2:v2", "gen:3:v2", "gen:4:reveal-years,stockpiles",
                "gen:5:reveal-years,build-delays,ramp-up");
    }

    static ObjectNode withReveal(String key, Map<String, Integer> years) {
        ObjectNode t = source(key);
        for (ObjectNode s : scenarios(t)) {
            s.put("revealYear", years.get(s.get("id").textValue()));
        }
        return t;
    }

    /**
     * Rule 13: a later reveal year ties more decisions, so the optimum never falls. For each scenario
     * in turn its reveal year climbs from the horizon start to the latest year validation allows
     * (the others at the start); then all climb together. At least one step must be possible.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("revealLaterCases")
    void revealingLaterNeverLowersTheOptimum(String key) {
        ObjectNode tree = source(key);
        scenarios(tree).forEach(s -> s.put("revealYear", start(tree)));
        Instance inst = instance(tree, key);
        Horizon h = inst.horizon();
        Map<String, Integer> latest = new LinkedHashMap<>();
        inst.scenarios().forEach(s -> latest.put(s.id(), latestReveal(s, h)));
        int steps = 0;
        for (String moved : latest.keySet()) {
            double previous = Double.NEGATIVE_INFINITY;
            for (int r = h.start(); r <= latest.get(moved); r++) {
                Map<String, Integer> years = new LinkedHashMap<>();
                latest.keySet().forEach(id -> years.put(id, h.start()));
                years.put(moved, r);
                double obj = solve(withReveal(key, years), key + " reveal " + years).objective();
                assertNotBelow(previous, obj, key + ": " + moved + " revealed in " + r + " vs " + (r - 1));
                previous = obj;
                steps += r > h.start() ? 1 : 0;
            }
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (int k = h.start(); k <= h.last() + 1; k++) {
            Map<String, Integer> years = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : latest.entrySet()) {
                years.put(e.getKey(), Math.min(k, e.getValue()));
            }
            double obj = solve(withReveal(key, years), key + " reveal " + years).objective();
            assertNotBelow(previous, obj, key + ": all revealed by min(" + k + ", latest) vs " + (k - 1));
            previous = obj;
        }
        assertTrue(steps > 0, key + ": no scenario's reveal year can move (latest " + latest + ")");
    }

    /** On t17, calm revealed at the start costs strictly less than calm never revealed (as written). */
    @Test
    void revealingCalmLaterOnT17CostsMore() {
        double early = solve(withReveal("t17_stockpile_reveal.json", Map.of("calm", 2026, "embargo", 2027)),
                "t17 calm 2026").objective();
        double late = solve(source("t17_stockpile_reveal.json"), "t17").objective();
        assertTrue(late > early + slack(early), "t17: calm 2028 " + late + " vs calm 2026 " + early);
    }

    // ------------------------------------------------------------------ 6. build delays

    /**
     * Facilities with an expansion, no contingent contract on them, and a non-decreasing ramp-up
     * (with a falling ramp-up a delay can raise the capacity of a later year, Rule 10).
     */
    static List<String> delayable(ObjectNode tree, String what) {
        Instance inst = instance(tree, what);
        List<Facility> facilities = new ArrayList<>(inst.mines());
        facilities.addAll(inst.refineries());
        List<String> out = new ArrayList<>();
        for (Facility f : facilities) {
            if (f.expansion().isEmpty()) {
                continue;
            }
            List<Double> ramp = f.expansion().get().rampUp();
            boolean rising = true;
            for (int i = 1; i < ramp.size(); i++) {
                rising &= ramp.get(i) >= ramp.get(i - 1);
            }
            boolean contingent = inst.contracts().stream().anyMatch(k -> k.contingent() && k.facility().equals(f.id()));
            if (rising && !contingent) {
                out.add(f.id());
            }
        }
        return out;
    }

    static Stream<Arguments> delayCases() {
        List<String> keys = List.of("t13_build_delay.json", "t16_contingent.json", "t18_cvar.json",
                "t08_hedge_build.json", "t10_bankability.json", "g2-tiny-1.json", "g2-tiny-2.json", "g2-tiny-5.json",
                "g2-tiny-6.json", "g2-small-3.json", "gen:1:build-delays", "gen:2:build-delays,ramp-up",
                "gen:3:build-delays,ramp-up,reveal-years", "gen:1:v2", "gen:2:v2", "gen:3:v2", "gen:4:v2");
        List<Arguments> out = new ArrayList<>();
        for (String key : keys) {
            ObjectNode t = source(key);
            if (scenarios(t).isEmpty()) {
                continue;
            }
            for (String f : delayable(t, key)) {
                out.add(Arguments.of(key, f));
            }
        }
        return out.stream();
    }

    static ObjectNode withDelay(String key, String facility, String scenario, int years) {
        ObjectNode t = source(key);
        if (years == 0) {
            return t;
        }
        for (ObjectNode s : scenarios(t)) {
            if (scenario == null || s.get("id").textValue().equals(scenario)) {
                ArrayNode delays = s.has("buildDelays") ? (ArrayNode) s.get("buildDelays") : s.putArray("buildDelays");
                ObjectNode d = delays.addObject();
                d.put("facility", facility);
                d.put("years", years);
            }
        }
        return t;
    }

    /**
     * §7.8: an added build delay on a facility (no contingent contract on it) takes capacity away
     * and changes no cost, so the optimum never falls: delays of 0–3 years in every scenario, and
     * 0–2 years in the last scenario alone.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("delayCases")
    void addingABuildDelayNeverLowersTheOptimum(String key, String facility) {
        List<ObjectNode> scen = scenarios(source(key));
        String last = scen.get(scen.size() - 1).get("id").textValue();
        for (String scenario : new String[] {null, last}) {
            double previous = Double.NEGATIVE_INFINITY;
            for (int d = 0; d <= (scenario == null ? 3 : 2); d++) {
                String what = key + " +" + d + " years delay of " + facility + " in "
                        + (scenario == null ? "every scenario" : scenario);
                double obj = solve(withDelay(key, facility, scenario, d), what).objective();
                assertNotBelow(previous, obj, what + " vs one year less");
                previous = obj;
            }
        }
    }

    /** On t13, one more year of delay of mA in "ontime" costs strictly more (delays are read). */
    @Test
    void delayOnT13CostsMore() {
        double base = solve(source("t13_build_delay.json"), "t13").objective();
        double late = solve(withDelay("t13_build_delay.json", "mA", "ontime", 1), "t13 ontime +1").objective();
        assertTrue(late > base + slack(base), "t13: ontime delayed " + late + " vs " + base);
    }
}

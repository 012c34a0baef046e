package org.lodestone.metamorphic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.metamorphic.JsonTrees.Kind;
import org.lodestone.plan.CheckReport;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InvalidInputException;

/**
 * Metamorphic tests: transform a conformance instance's tree in a way whose effect on the optimal
 * objective instance-reference.md fixes (none, ×k, or a direction), solve both to optimality with SCIP and
 * compare. Every plan is re-checked by the independent {@link PlanChecker}.
 *
 * <p>Each relation is made able to fail: invariances check that the transformation really
 * changed the tree (every name renamed, every list reordered); the scaling relation checks that
 * the transformation scales the recomputed cost of a fixed plan by k before it looks at the
 * optimum; the "useless facility" relation solves the same facility made usable and requires a
 * strictly lower cost; the monotone relations carry, on the hand-derived t-cases, the exact new
 * optimum (a model ignoring the mandate, the share cap, the added capacity or the penalty misses
 * it), and everywhere check that the old optimal plan stays feasible (or, for the penalty, bounds
 * the new optimum from above).
 *
 * <p>Tried against mutated models (not kept): export-control destinations matched by display
 * name (relabelling fails), only the first substitute of an element used (reordering fails,
 * through the checker), a constant default shortfall penalty (scaling fails), ore types not
 * checked (useless facility fails), a positive minShare treated as 1 (t05 loosenings fail), the
 * risk budget summed over scenarios without probabilities (splitting fails), a take-or-pay big-M
 * capped at 5000 t (doubling fails).
 */
class MetamorphicTest {
    /** Relative tolerance of the objective comparisons. */
    private static final double REL = 1e-7;
    private static final SolveOptions OPTIONS = new SolveOptions(Backend.SCIP, 120, 0.0, 1);

    private static final List<String> G_TINY = List.of("g-tiny-1.json", "g-tiny-2.json", "g-tiny-3.json",
            "g-tiny-4.json", "g-tiny-5.json", "g-tiny-6.json", "g-tiny-7.json", "g-tiny-8.json");
    private static final List<String> G_SMALL = List.of("g-small-1.json", "g-small-2.json", "g-small-3.json",
            "g-small-4.json");
    /**
     * The slowest cases used (0.2–0.3 s a solve, against 0.01–0.05 s for the others): where a
     * relation has several variants, these get only the first, to keep the class near 10 s of solving.
     */
    private static final Set<String> HEAVY = Set.of("g-small-1.json", "g-small-2.json");

    // ------------------------------------------------------------------ infrastructure

    /** A solved instance: the tree it came from, the domain instance and its optimal plan. */
    record Solved(JsonNode tree, Instance instance, Plan plan) {
        double objective() {
            return plan.objective();
        }
    }

    private static final Map<String, Solved> BASE = new ConcurrentHashMap<>();

    private static Path folder() throws URISyntaxException {
        return Path.of(MetamorphicTest.class.getResource("/conformance/expected.json").toURI()).getParent();
    }

    /** A fresh copy of a conformance instance's tree. */
    static ObjectNode tree(String file) {
        try {
            return (ObjectNode) InstanceReader.readTree(folder().resolve(file));
        } catch (InvalidInputException | URISyntaxException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The conformance instance solved as written (once per test run). */
    static Solved base(String file) {
        return BASE.computeIfAbsent(file, f -> solve(tree(f), f));
    }

    /** Validates, solves to optimality with SCIP, and checks the plan with the independent checker. */
    static Solved solve(JsonNode tree, String what) {
        Instance instance = instance(tree, what);
        Plan plan = new Planner().solve(instance, OPTIONS, false).plan();
        assertEquals(Plan.Status.OPTIMAL, plan.status(), what + ": status");
        CheckReport report = PlanChecker.check(instance, plan);
        assertTrue(report.ok(), () -> what + ": plan checker:\n" + String.join("\n", report.violations()));
        return new Solved(tree, instance, plan);
    }

    static Instance instance(JsonNode tree, String what) {
        try {
            return InstanceReader.toInstance(tree);
        } catch (InvalidInputException e) {
            throw new AssertionError(what + ": the transformed instance is invalid: " + e.getMessage(), e);
        }
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, REL * Math.max(1, Math.abs(expected)), what);
    }

    static double slack(double value) {
        return REL * Math.max(1, Math.abs(value));
    }

    /** Every file with every variant, but heavy files with the first variant only. */
    static Stream<Arguments> cross(List<String> files, List<?> variants) {
        return files.stream().flatMap(f -> (HEAVY.contains(f) ? variants.subList(0, 1) : variants).stream()
                .map(v -> Arguments.of(f, v)));
    }

    @SafeVarargs
    static List<String> files(List<String>... groups) {
        List<String> out = new ArrayList<>();
        for (List<String> g : groups) {
            out.addAll(g);
        }
        return out;
    }

    // ------------------------------------------------------------------ 1. relabelling ids

    /** How new names are made from a number: plain, or with spaces, brackets, commas, quotes and non-ASCII. */
    enum Naming {
        PLAIN(i -> "n" + i),
        EXOTIC(i -> "Ω " + i + " [a,b] \"q\" é/");

        final IntFunction<String> fn;

        Naming(IntFunction<String> fn) {
            this.fn = fn;
        }
    }

    static Stream<Arguments> relabelCases() {
        return cross(files(G_TINY, G_SMALL, List.of("t01_plain.json", "t02_coproduction.json",
                "t04_take_or_pay.json", "t05_mandate.json", "t06_country_share.json", "t07_export_control.json",
                "t08_hedge_build.json", "t09_substitution.json", "t10_bankability.json",
                "t11_freight_tariff_factors.json")), List.of(Naming.EXOTIC, Naming.PLAIN));
    }

    /**
     * Relabelling every id (and every tag and ore type) consistently leaves the objective
     * unchanged. The new names reverse the old order and are shared across kinds (a country, an
     * element and a buyer may all be called "n1"); elements and countries keep their display
     * name, the old id, so that a model matching names where it should match ids fails.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("relabelCases")
    void relabellingEveryIdKeepsTheObjective(String file, Naming naming) {
        Solved base = base(file);
        ObjectNode t = tree(file);
        Map<Kind, Map<String, String>> renamed = JsonTrees.rename(t, naming.fn);

        Set<String> oldNames = new HashSet<>();
        Set<String> newNames = new HashSet<>();
        renamed.values().forEach(m -> {
            oldNames.addAll(m.keySet());
            newNames.addAll(m.values());
        });
        assertTrue(oldNames.stream().noneMatch(newNames::contains), "every name changes");
        Set<String> left = JsonTrees.strings(t);
        Set<String> stale = oldNames.stream().filter(left::contains).collect(Collectors.toSet());
        assertTrue(stale.isEmpty(), "names left unrenamed: " + stale);

        Solved relabelled = solve(t, file + " relabelled");
        assertClose(base.objective(), relabelled.objective(), "objective after relabelling");
        Set<String> planScenarios = relabelled.plan().scenarios().stream().map(Plan.ScenarioPlan::id)
                .collect(Collectors.toSet());
        if (base.tree().has("scenarios")) {
            assertEquals(new HashSet<>(renamed.get(Kind.SCENARIO).values()), planScenarios, "plan scenarios");
        }
    }

    // ------------------------------------------------------------------ 2. reordering lists

    static Stream<Arguments> shuffleCases() {
        return cross(files(G_TINY, G_SMALL, List.of("t01_plain.json", "t02_coproduction.json",
                "t04_take_or_pay.json", "t05_mandate.json", "t06_country_share.json", "t07_export_control.json",
                "t08_hedge_build.json", "t09_substitution.json", "t11_freight_tariff_factors.json")),
                List.of(1L, 2L));
    }

    /**
     * Reordering every list of the instance (elements, countries, facilities, buyers, contracts,
     * scenarios, tariffs, routes and their two ends, export controls, factors, substitutes, tags,
     * accepted ore types, …) and the fields of every object, series keys included, leaves the
     * objective unchanged.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("shuffleCases")
    void reorderingEveryListKeepsTheObjective(String file, long seed) {
        Solved base = base(file);
        JsonTrees.Shuffled shuffled = JsonTrees.shuffleAll(tree(file), new Random(seed * 1_000_003L + file.hashCode()));
        assertTrue(shuffled.listsReordered() > 0, "some list reordered");
        assertNotEquals(base.tree(), shuffled.tree(), "the shuffled tree differs in order");

        Solved reordered = solve(shuffled.tree(), file + " shuffled");
        assertClose(base.objective(), reordered.objective(), "objective after reordering");
    }

    // ------------------------------------------------------------------ 3. scaling money

    static Stream<Arguments> scaleCases() {
        return cross(files(G_TINY, G_SMALL, List.of("t01_plain.json", "t02_coproduction.json",
                "t03_build_discount.json", "t04_take_or_pay.json", "t08_hedge_build.json",
                "t09_substitution.json", "t11_freight_tariff_factors.json")), List.of(3.0, 0.25));
    }

    /**
     * Every price and cost × k (element price, surplusPrice and explicit shortfallPenalty — the
     * default one, 10 × the largest price, follows by itself —, facility cost series, capex, fixed
     * opex, contract prices and signing costs, lanes, substitute costs, buyer penalties,
     * riskWeight; not tariff rates, which are fractions of the price) → objective × k.
     */
    static ObjectNode scaleMoney(ObjectNode t, double k) {
        JsonTrees.scale(t, "riskWeight", k);
        for (ObjectNode e : JsonTrees.objects(t, "elements")) {
            JsonTrees.scale(e, "price", k);
            JsonTrees.scale(e, "surplusPrice", k);
            JsonTrees.scale(e, "shortfallPenalty", k);
        }
        for (ObjectNode f : JsonTrees.facilities(t)) {
            JsonTrees.scale(f, "cost", k);
        }
        for (ObjectNode x : JsonTrees.expansions(t)) {
            JsonTrees.scale(x, "capexFixed", k);
            JsonTrees.scale(x, "capexPerModule", k);
            JsonTrees.scale(x, "fixedOpexPerYear", k);
        }
        for (ObjectNode b : JsonTrees.objects(t, "buyers")) {
            JsonTrees.scaleValues(b, "shortfallPenalty", k);
            for (ObjectNode s : JsonTrees.objects(b, "substitutes")) {
                JsonTrees.scale(s, "cost", k);
            }
        }
        if (t.has("lanes")) {
            JsonTrees.scale(t.get("lanes"), "default", k);
            JsonTrees.scale(t.get("lanes"), "domestic", k);
            for (ObjectNode r : JsonTrees.objects(t.get("lanes"), "routes")) {
                JsonTrees.scale(r, "cost", k);
            }
        }
        for (ObjectNode c : JsonTrees.objects(t, "contracts")) {
            JsonTrees.scale(c, "price", k);
            JsonTrees.scale(c, "signingCost", k);
        }
        return t;
    }

    @ParameterizedTest(name = "{0} k={1}")
    @MethodSource("scaleCases")
    void scalingEveryPriceAndCostScalesTheObjective(String file, double k) {
        Solved base = base(file);
        ObjectNode t = scaleMoney(tree(file), k);
        Instance scaledInstance = instance(t, file + " scaled");
        // the transformation is complete: the optimal plan of the original, costed by the
        // independent checker under the scaled instance, costs k times as much
        double fixedPlan = PlanChecker.check(scaledInstance, base.plan()).objective();
        assertClose(k * base.objective(), fixedPlan, "the original optimal plan, costed by the checker under the "
                + "scaled instance, does not cost k times as much: a money field left unscaled, or a default "
                + "(e.g. the shortfall penalty) that does not follow the prices");

        Solved scaled = solve(t, file + " x" + k);
        assertClose(k * base.objective(), scaled.objective(), "objective after scaling by " + k);
    }

    // ------------------------------------------------------------------ 4. facilities nobody can use

    static Stream<String> uselessFacilityCases() {
        return files(G_TINY, List.of("g-small-3.json", "g-small-4.json", "t01_plain.json", "t05_mandate.json",
                "t07_export_control.json",
                "t09_substitution.json")).stream();
    }

    private static final String NEW_COUNTRY = "zz-new-country";
    private static final String NEW_MINE = "zz-new-mine";
    private static final String NEW_REFINERY = "zz-new-refinery";
    private static final String NEW_ORE = "zz-ore-nobody-takes";

    /**
     * Adds a new risk-free country with a free, high-grade mine of ore type {@code mineOre}
     * (capacity 100 × the largest demand × years) and a free refinery of capacity
     * {@code refineryCapacity} (no expansion) accepting the ore types of the existing mines.
     * Refineries that accepted every ore type are given that same list (the same thing for the
     * existing mines), so that a new ore type is accepted nowhere.
     */
    static ObjectNode addFacilities(ObjectNode t, String mineOre, double refineryCapacity) {
        double demand = 0;
        for (var b : instance(t, "original").buyers()) {
            for (var series : b.demand().values()) {
                demand = Math.max(demand, series.max());
            }
        }
        int years = t.get("horizon").get("years").intValue();
        int start = t.get("horizon").get("start").intValue();
        Set<String> ores = new LinkedHashSet<>();
        for (ObjectNode m : JsonTrees.objects(t, "mines")) {
            ores.add(m.has("oreType") ? m.get("oreType").textValue() : "standard");
        }
        for (ObjectNode r : JsonTrees.objects(t, "refineries")) {
            if (!r.has("accepts")) {
                r.set("accepts", JsonTrees.textArray(List.copyOf(ores)));
            }
        }
        ((ArrayNode) t.get("countries")).addObject().put("id", NEW_COUNTRY).put("risk", 0.0);
        List<String> elements = JsonTrees.objects(t, "elements").stream().map(e -> e.get("id").textValue()).toList();
        ObjectNode mine = ((ArrayNode) t.get("mines")).addObject();
        mine.put("id", NEW_MINE).put("country", NEW_COUNTRY).put("oreType", mineOre)
                .put("capacity", 100 * demand * years).put("cost", 0.0);
        ObjectNode basket = mine.putObject("basket");
        elements.forEach(e -> basket.put(e, 1.0 / elements.size()));
        ObjectNode refinery = ((ArrayNode) t.get("refineries")).addObject();
        refinery.put("id", NEW_REFINERY).put("country", NEW_COUNTRY).put("cost", 0.0);
        refinery.set("accepts", JsonTrees.textArray(List.copyOf(ores)));
        refinery.putObject("capacity").put(Integer.toString(start), refineryCapacity);
        return t;
    }

    /**
     * A mine in a new country whose ore type no refinery accepts, and a refinery there with
     * capacity 0 and no expansion, change nothing. Controls: the same mine with the ore type of
     * an existing mine, or the same refinery with capacity, lower the cost strictly (so a model
     * ignoring {@code accepts} or a zero capacity fails the first assertion).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("uselessFacilityCases")
    void facilitiesNobodyCanUseChangeNothing(String file) {
        Solved base = base(file);
        Solved useless = solve(addFacilities(tree(file), NEW_ORE, 0), file + " + useless facilities");
        assertClose(base.objective(), useless.objective(), "objective with unusable mine and empty refinery");

        ObjectNode firstMine = JsonTrees.objects(tree(file), "mines").get(0);
        String usableOre = firstMine.has("oreType") ? firstMine.get("oreType").textValue() : "standard";
        Solved usableMine = solve(addFacilities(tree(file), usableOre, 0), file + " + usable mine");
        assertTrue(usableMine.objective() < base.objective() - slack(base.objective()),
                "control: the free mine with an accepted ore type lowers the cost: " + usableMine.objective()
                        + " vs " + base.objective());
        double capacity = 1e7;
        Solved usableRefinery = solve(addFacilities(tree(file), NEW_ORE, capacity), file + " + usable refinery");
        assertTrue(usableRefinery.objective() < base.objective() - slack(base.objective()),
                "control: the free refinery with capacity lowers the cost: " + usableRefinery.objective() + " vs "
                        + base.objective());
    }

    // ------------------------------------------------------------------ 5. monotone relations

    /** Loosening of every mandate of an instance. */
    enum Loosening {
        HALF_MIN_SHARE, NO_MIN_SHARE, DROP_FIRST_EXCLUDED_TAG, DROP_FIRST_EXCLUDED_COUNTRY, DROP_MINING_STAGE,
        DROP_REFINING_STAGE;

        /** Applies to every mandate; false when it changed nothing. */
        boolean apply(ObjectNode t) {
            boolean changed = false;
            for (ObjectNode b : JsonTrees.objects(t, "buyers")) {
                if (!b.has("mandate")) {
                    continue;
                }
                ObjectNode m = (ObjectNode) b.get("mandate");
                switch (this) {
                    case HALF_MIN_SHARE -> {
                        m.set("minShare", m.has("minShare") ? JsonTrees.mapSeries(m.get("minShare"), v -> v / 2)
                                : JsonTrees.F.numberNode(0.5));
                        changed = true;
                    }
                    case NO_MIN_SHARE -> {
                        m.put("minShare", 0.0);
                        changed = true;
                    }
                    case DROP_FIRST_EXCLUDED_TAG -> changed |= dropFirst(m, "excludeTags");
                    case DROP_FIRST_EXCLUDED_COUNTRY -> changed |= dropFirst(m, "excludeCountries");
                    case DROP_MINING_STAGE -> changed |= dropStage(m, "mining");
                    case DROP_REFINING_STAGE -> changed |= dropStage(m, "refining");
                    default -> throw new IllegalStateException();
                }
            }
            return changed;
        }

        private static boolean dropFirst(ObjectNode m, String field) {
            if (!m.has(field) || m.get(field).isEmpty()) {
                return false;
            }
            ((ArrayNode) m.get(field)).remove(0);
            return true;
        }

        private static boolean dropStage(ObjectNode m, String stage) {
            List<String> stages = m.has("stages") ? JsonTrees.texts(m.get("stages")) : List.of("mining", "refining");
            if (!stages.contains(stage)) {
                return false;
            }
            List<String> rest = new ArrayList<>(stages);
            rest.remove(stage);
            m.set("stages", JsonTrees.textArray(rest));
            return true;
        }
    }

    /**
     * Hand-derived optima of t05 (README of the conformance folder: compliant 45000, cheapest
     * non-compliant 15000 per t ox; mined-compliant mA→rC 35000; refined-compliant mC→rA 25000;
     * demand 1000 t ox).
     */
    private static final Map<String, Double> T05_LOOSENED = Map.of(
            "HALF_MIN_SHARE", 300 * 45000.0 + 700 * 15000.0,
            "NO_MIN_SHARE", 1000 * 15000.0,
            "DROP_FIRST_EXCLUDED_TAG", 1000 * 15000.0,
            "DROP_REFINING_STAGE", 600 * 35000.0 + 400 * 15000.0,
            "DROP_MINING_STAGE", 600 * 25000.0 + 400 * 15000.0);

    static Stream<Arguments> mandateCases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : files(List.of("t05_mandate.json", "g-tiny-2.json", "g-tiny-3.json", "g-tiny-5.json",
                "g-tiny-6.json", "g-tiny-7.json", "g-tiny-8.json", "g-small-1.json", "g-small-3.json"))) {
            for (Loosening l : Loosening.values()) {
                if (l.apply(tree(f))) {
                    Double exact = f.startsWith("t05") ? T05_LOOSENED.get(l.name()) : null;
                    out.add(Arguments.of(f, l, exact));
                }
            }
        }
        return out.stream();
    }

    /**
     * A looser instance (feasible set grows, costs unchanged): the new optimum is at most the old
     * one, the old optimal plan passes the checker under the new instance, and a new plan that is
     * also feasible for the old instance cannot be cheaper than the old optimum.
     */
    static Solved assertNoDearer(Solved base, ObjectNode looser, String what, Double exact) {
        Solved loose = solve(looser, what);
        CheckReport oldPlan = PlanChecker.check(loose.instance(), base.plan());
        assertTrue(oldPlan.ok(), () -> what + ": the old optimal plan is not a plan of the looser instance:\n"
                + String.join("\n", oldPlan.violations()));
        assertTrue(loose.objective() <= base.objective() + slack(base.objective()),
                what + ": looser costs more: " + loose.objective() + " > " + base.objective());
        if (PlanChecker.check(base.instance(), loose.plan()).ok()) {
            assertClose(base.objective(), loose.objective(), what + ": new plan feasible for the old instance");
        }
        if (exact != null) {
            assertClose(exact, loose.objective(), what + ": hand-derived optimum");
        }
        return loose;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mandateCases")
    void looserMandateNeverCostsMore(String file, Loosening loosening, Double exact) {
        ObjectNode t = tree(file);
        assertTrue(loosening.apply(t));
        assertNoDearer(base(file), t, file + " " + loosening, exact);
    }

    static Stream<Arguments> countryShareCases() {
        return Stream.of(Arguments.of("t06_country_share.json", 1000 * 15000.0),
                Arguments.of("g-tiny-2.json", null), Arguments.of("g-tiny-3.json", null),
                Arguments.of("g-tiny-4.json", null), Arguments.of("g-tiny-5.json", null),
                Arguments.of("g-tiny-7.json", null), Arguments.of("g-tiny-8.json", null),
                Arguments.of("g-small-1.json", null), Arguments.of("g-small-3.json", null));
    }

    /** Removing every maxCountryShare never raises the cost (t06: back to the single cheapest chain). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("countryShareCases")
    void withoutCountryShareCapNeverCostsMore(String file, Double exact) {
        ObjectNode t = tree(file);
        int removed = 0;
        for (ObjectNode b : JsonTrees.objects(t, "buyers")) {
            removed += b.remove("maxCountryShare") == null ? 0 : 1;
        }
        assertTrue(removed > 0, "some buyer had a cap");
        assertNoDearer(base(file), t, file + " without maxCountryShare", exact);
    }

    /** More capacity: every written capacity series × 1.5, or one more module on every expansion. */
    enum MoreCapacity {
        CAPACITY_TIMES_1_5, ONE_MORE_MODULE;

        boolean apply(ObjectNode t) {
            boolean changed = false;
            if (this == CAPACITY_TIMES_1_5) {
                for (ObjectNode f : JsonTrees.facilities(t)) {
                    changed |= f.has("capacity");
                    JsonTrees.scale(f, "capacity", 1.5);
                }
            } else {
                for (ObjectNode x : JsonTrees.expansions(t)) {
                    x.put("maxModules", (x.has("maxModules") ? x.get("maxModules").intValue() : 1) + 1);
                    changed = true;
                }
            }
            return changed;
        }
    }

    static Stream<Arguments> capacityCases() {
        List<Arguments> out = new ArrayList<>();
        // t01: mA (cheapest) at 1500 t REO covers the whole need: 1500 × (5000 + 2000 + 100) + oxide
        // freight 10 × 300 + risk (0.2 + 0.1) × 1500 × 10
        out.add(Arguments.of("t01_plain.json", MoreCapacity.CAPACITY_TIMES_1_5, 1500 * 7100.0 + 3000 + 4500));
        for (String f : files(List.of("t03_build_discount.json", "t08_hedge_build.json"), G_TINY,
                List.of("g-small-3.json", "g-small-4.json"))) {
            for (MoreCapacity c : MoreCapacity.values()) {
                if (c.apply(tree(f))) {
                    out.add(Arguments.of(f, c, null));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("capacityCases")
    void moreCapacityNeverCostsMore(String file, MoreCapacity more, Double exact) {
        ObjectNode t = tree(file);
        assertTrue(more.apply(t));
        assertNoDearer(base(file), t, file + " " + more, exact);
    }

    static Stream<Arguments> penaltyCases() {
        List<Arguments> out = new ArrayList<>();
        // t10: no build is allowed, all 1000 t ox short at twice 1e6
        out.add(Arguments.of("t10_bankability.json", 2e9));
        out.add(Arguments.of("t08_hedge_build.json", null));
        out.add(Arguments.of("t03_build_discount.json", null));
        files(G_TINY, List.of("g-small-1.json", "g-small-3.json", "g-small-4.json"))
                .forEach(f -> out.add(Arguments.of(f, null)));
        return out.stream();
    }

    /**
     * Raising every shortfall penalty (× 2; the element's default written out doubled; buyer
     * overrides doubled) never lowers the cost: old optimum ≤ new optimum ≤ the old optimal
     * plan's cost under the new penalties.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("penaltyCases")
    void higherShortfallPenaltyNeverCostsLess(String file, Double exact) {
        Solved base = base(file);
        ObjectNode t = tree(file);
        List<ObjectNode> elements = JsonTrees.objects(t, "elements");
        for (int e = 0; e < elements.size(); e++) {
            elements.get(e).put("shortfallPenalty", 2 * base.instance().elements().get(e).shortfallPenalty());
        }
        for (ObjectNode b : JsonTrees.objects(t, "buyers")) {
            JsonTrees.scaleValues(b, "shortfallPenalty", 2);
        }
        Solved dearer = solve(t, file + " penalties x2");
        assertTrue(dearer.objective() >= base.objective() - slack(base.objective()),
                "higher penalties cost less: " + dearer.objective() + " < " + base.objective());
        double oldPlanNow = PlanChecker.check(dearer.instance(), base.plan()).objective();
        assertTrue(dearer.objective() <= oldPlanNow + slack(oldPlanNow),
                "the new optimum " + dearer.objective() + " exceeds the old plan's new cost " + oldPlanNow);
        double oldShortfall = base.plan().costs().get(CostPart.SHORTFALL);
        assertClose(base.objective() + oldShortfall, oldPlanNow, "the old plan pays its shortfall twice");
        if (exact != null) {
            assertClose(exact, dearer.objective(), "hand-derived optimum");
        }
    }

    // ------------------------------------------------------------------ 6. splitting scenarios

    enum Split { FIRST, EACH }

    static Stream<Arguments> splitCases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : List.of("t01_plain.json", "t08_hedge_build.json", "t11_freight_tariff_factors.json",
                "g-tiny-1.json", "g-tiny-2.json", "g-tiny-3.json", "g-tiny-5.json", "g-tiny-6.json", "g-tiny-8.json",
                "g-small-1.json", "g-small-4.json")) {
            out.add(Arguments.of(f, Split.FIRST));
            if (tree(f).has("scenarios") && tree(f).get("scenarios").size() > 1 && !HEAVY.contains(f)) {
                out.add(Arguments.of(f, Split.EACH));
            }
        }
        return out.stream();
    }

    /**
     * A scenario replaced by two copies of half its probability (a new id for the copy) leaves
     * the objective unchanged; without scenarios, the implicit "base" is split.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("splitCases")
    void splittingAScenarioKeepsTheObjective(String file, Split split) {
        Solved base = base(file);
        ObjectNode t = tree(file);
        if (!t.has("scenarios")) {
            t.putArray("scenarios").addObject().put("id", "base").put("probability", 1.0);
        }
        ArrayNode scenarios = (ArrayNode) t.get("scenarios");
        Set<String> ids = new HashSet<>(JsonTrees.objects(t, "scenarios").stream()
                .map(s -> s.get("id").textValue()).toList());
        ArrayNode out = JsonTrees.F.arrayNode();
        for (int i = 0; i < scenarios.size(); i++) {
            ObjectNode s = (ObjectNode) scenarios.get(i);
            if (i > 0 && split == Split.FIRST) {
                out.add(s);
                continue;
            }
            double p = s.get("probability").doubleValue();
            ObjectNode twin = s.deepCopy();
            String id = s.get("id").textValue() + "-twin";
            assertTrue(ids.add(id), "fresh id");
            s.put("probability", p / 2);
            twin.put("id", id).put("probability", p / 2);
            out.add(s);
            out.add(twin);
        }
        t.set("scenarios", out);
        Solved twins = solve(t, file + " split " + split);
        assertEquals(base.plan().scenarios().size() + (split == Split.FIRST ? 1 : base.plan().scenarios().size()),
                twins.plan().scenarios().size(), "scenarios in the plan");
        assertClose(base.objective(), twins.objective(), "objective after splitting scenarios");
    }

    // ------------------------------------------------------------------ 7. doubling quantities

    static Stream<String> doubleCases() {
        return files(List.of("t02_coproduction.json", "t03_build_discount.json", "t04_take_or_pay.json",
                "t08_hedge_build.json", "t09_substitution.json", "t10_bankability.json"), G_TINY, G_SMALL).stream();
    }

    /**
     * Doubling every quantity (demand, existing capacity, moduleSize, contract min/max per year,
     * riskBudget) and every fixed cost (capex, fixed opex, signing) doubles the objective exactly:
     * plan ↔ plan × 2 is a bijection between the feasible plans (module counts, start years and
     * held contracts unchanged — moduleSize doubles, so n modules still give the doubled
     * capacity; bankability compares doubled minimums with doubled modules; shares, recoveries,
     * factors and the mandate/cap fractions are scale-free) and every cost term doubles with it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("doubleCases")
    void doublingQuantitiesAndFixedCostsDoublesTheObjective(String file) {
        Solved base = base(file);
        ObjectNode t = tree(file);
        if (t.has("riskBudget") && !t.get("riskBudget").isNull()) {
            JsonTrees.scale(t, "riskBudget", 2);
        }
        for (ObjectNode b : JsonTrees.objects(t, "buyers")) {
            JsonTrees.scaleValues(b, "demand", 2);
        }
        for (ObjectNode f : JsonTrees.facilities(t)) {
            JsonTrees.scale(f, "capacity", 2);
        }
        for (ObjectNode x : JsonTrees.expansions(t)) {
            JsonTrees.scale(x, "moduleSize", 2);
            JsonTrees.scale(x, "capexFixed", 2);
            JsonTrees.scale(x, "capexPerModule", 2);
            JsonTrees.scale(x, "fixedOpexPerYear", 2);
        }
        for (ObjectNode k : JsonTrees.objects(t, "contracts")) {
            JsonTrees.scale(k, "minPerYear", 2);
            JsonTrees.scale(k, "maxPerYear", 2);
            JsonTrees.scale(k, "signingCost", 2);
        }
        Solved doubled = solve(t, file + " doubled");
        assertClose(2 * base.objective(), doubled.objective(), "objective after doubling");
    }
}

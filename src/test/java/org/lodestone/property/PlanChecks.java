package org.lodestone.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Country;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.Facility;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mandate;
import org.lodestone.generate.InstanceGenerator;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.CheckReport;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InvalidInputException;

/**
 * The three checks that {@link PlanPropertiesTest} makes on random instances and
 * {@link RegressionCasesTest} on the kept ones: an instance is solved to optimality (relative gap
 * 1e-9) by every available backend, and
 * <ol type="a">
 *   <li>every plan is OPTIMAL and passes the independent {@link PlanChecker};</li>
 *   <li>the backends agree on the optimal objective within 1e-6 relative (each proves optimality
 *       at a gap of about zero, so the optimum is unique even where the plans differ);</li>
 *   <li>each plan's cost parts add up to its objective: costs.net() + riskWeight × risk =
 *       objective within 1e-6 relative.</li>
 * </ol>
 * When a check fails, the instance is written to {@code ${java.io.tmpdir}/lodestone-property-failures/}
 * and the failure message names the file: copy it into {@code src/test/resources/regressions/}
 * to keep it as a regression case (see the README there).
 */
final class PlanChecks {
    /** Relative optimality gap asked of every backend: "proven optimal" for instances of this size. */
    static final double GAP = 1e-9;
    /** Relative tolerance of the objective comparisons (b) and (c). */
    static final double REL = 1e-6;
    /** Per solve; the small instances take well under a second, this only stops a runaway. */
    static final double TIME_LIMIT_SECONDS = 120;
    /** Where failing instances are written. */
    static final Path FAILURES = Path.of(System.getProperty("java.io.tmpdir"), "lodestone-property-failures");

    private PlanChecks() {}

    /** One backend's plan of an instance. */
    record Solved(Backend backend, Plan plan) {}

    /** The instance of a tree, which must be valid. */
    static Instance instance(JsonNode tree) {
        try {
            return InstanceReader.toInstance(tree);
        } catch (InvalidInputException e) {
            throw new AssertionError("the instance is not valid: " + e.problems(), e);
        }
    }

    static Plan solve(Instance instance, Backend backend) {
        return new Planner().solve(instance, new SolveOptions(backend, TIME_LIMIT_SECONDS, GAP, 1), false).plan();
    }

    /** The backends this machine has (all three wherever OR-Tools' native libraries load). */
    static List<Backend> backends() {
        List<Backend> out = new ArrayList<>();
        for (Backend b : Backend.values()) {
            if (b.isAvailable()) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Solves {@code tree} on every available backend and makes checks (a), (b), (c). On a failure
     * the tree is saved (unless it came from {@code source}, a file already) and the
     * {@link AssertionError} names the file.
     */
    static List<Solved> check(JsonNode tree, Path source) {
        try {
            return checkOrThrow(tree);
        } catch (AssertionError | RuntimeException e) {
            Path file = source != null ? source : save(tree);
            throw new AssertionError("instance " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Solved> checkOrThrow(JsonNode tree) {
        Instance instance = instance(tree);
        List<Backend> backends = backends();
        assertTrue(backends.size() >= 2, "fewer than two backends available: " + backends);
        List<Solved> solved = new ArrayList<>();
        for (Backend backend : backends) {
            Plan plan = solve(instance, backend);
            String who = backend.displayName();
            // (a) optimal, and right by the independent checker
            assertEquals(Plan.Status.OPTIMAL, plan.status(), who + ": status");
            CheckReport report = PlanChecker.check(instance, plan);
            if (!report.ok()) {
                fail(who + ": the plan checker found " + report.violations().size() + " violation(s):\n  "
                        + String.join("\n  ", report.violations().subList(0, Math.min(20, report.violations().size()))));
            }
            // (c) the cost parts add up to the objective
            double parts = plan.costs().net() + instance.riskWeight() * plan.risk();
            assertClose(plan.objective(), parts, who + ": costs.net() + riskWeight × risk = "
                    + parts + " but the objective is " + plan.objective());
            solved.add(new Solved(backend, plan));
        }
        // (b) one optimum
        Solved first = solved.get(0);
        for (Solved other : solved.subList(1, solved.size())) {
            assertClose(first.plan().objective(), other.plan().objective(), "optimal objectives differ: "
                    + describe(solved));
        }
        return solved;
    }

    static void assertClose(double expected, double actual, String message) {
        double tolerance = REL * Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
        if (!(Math.abs(expected - actual) <= tolerance)) {
            fail(message + " (difference " + (actual - expected) + ", tolerance " + tolerance + ")");
        }
    }

    private static String describe(List<Solved> solved) {
        StringBuilder s = new StringBuilder();
        for (Solved x : solved) {
            s.append(s.length() == 0 ? "" : ", ").append(x.backend().displayName()).append(' ')
                    .append(x.plan().objective()).append(" (bound ").append(x.plan().bestBound()).append(')');
        }
        return s.toString();
    }

    /** Writes the tree to {@link #FAILURES} under its instance name; returns the file. */
    static Path save(JsonNode tree) {
        try {
            Files.createDirectories(FAILURES);
            String name = tree.path("name").asText("instance").replaceAll("[^A-Za-z0-9._-]", "_");
            Path file = FAILURES.resolve(name + ".json");
            Files.writeString(file, InstanceGenerator.toJson(tree));
            return file;
        } catch (IOException e) {
            return Path.of("(could not be saved: " + e.getMessage() + ")");
        }
    }

    // ------------------------------------------------------------------ what a plan exercises

    /**
     * Which features of the model a plan of {@code instance} exercises, for the statistics of the
     * property run and for picking regression cases. Each entry is true or false.
     */
    static Map<String, Boolean> features(Instance instance, Plan plan) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        out.put("risk budget binds", instance.riskBudget()
                .map(b -> plan.risk() >= b * (1 - 1e-6) - 1e-6).orElse(false));
        out.put("bankability binds", bankabilityBinds(instance, plan));
        out.put("mandate binds", mandateBinds(instance, plan));
        out.put("build", !plan.builds().isEmpty());
        out.put("optional contract held", plan.contracts().stream().anyMatch(c -> c.held()
                && instance.contracts().stream().anyMatch(k -> k.id().equals(c.id()) && !k.signed())));
        return out;
    }

    /**
     * A build whose facility has requiresOfftake > 0, where the held contracts on the facility
     * would not allow one more module (the bankability row is what stops a larger build) or
     * include an optional contract signed for it.
     */
    private static boolean bankabilityBinds(Instance instance, Plan plan) {
        Map<String, Facility> facilities = new HashMap<>();
        instance.mines().forEach(m -> facilities.put(m.id(), m));
        instance.refineries().forEach(r -> facilities.put(r.id(), r));
        for (Plan.Build b : plan.builds()) {
            Expansion x = facilities.get(b.facility()).expansion().orElseThrow();
            if (x.requiresOfftake() <= 0) {
                continue;
            }
            double offtake = 0;
            boolean optionalHeld = false;
            for (Contract k : instance.contracts()) {
                if (k.facility().equals(b.facility()) && held(plan, k.id())) {
                    offtake += k.minPerYear();
                    optionalHeld |= !k.signed();
                }
            }
            boolean oneMore = b.modules() < x.maxModules()
                    && offtake >= x.requiresOfftake() * (b.modules() + 1) * x.moduleSize() - 1e-6;
            if (optionalHeld || (b.modules() < x.maxModules() && !oneMore)) {
                return true;
            }
        }
        return false;
    }

    private static boolean held(Plan plan, String contract) {
        return plan.contracts().stream().anyMatch(c -> c.id().equals(contract) && c.held());
    }

    /**
     * A buyer under a mandate with minShare > 0 that receives, in some scenario, year and element,
     * non-compliant tonnes up to the limit (compliant = minShare × delivered), or only compliant
     * tonnes while a non-compliant source exists in the instance.
     */
    private static boolean mandateBinds(Instance instance, Plan plan) {
        Map<String, Country> countries = new HashMap<>();
        instance.countries().forEach(c -> countries.put(c.id(), c));
        Map<String, String> mineCountry = new HashMap<>();
        instance.mines().forEach(m -> mineCountry.put(m.id(), m.country()));
        Map<String, String> refineryCountry = new HashMap<>();
        instance.refineries().forEach(r -> refineryCountry.put(r.id(), r.country()));
        int start = instance.horizon().start();
        for (Buyer buyer : instance.buyers()) {
            if (buyer.mandate().isEmpty()) {
                continue;
            }
            Mandate m = buyer.mandate().get();
            boolean anyForbidden = instance.mines().stream().anyMatch(x -> m.mining() && !m.allows(countries.get(x.country())))
                    || instance.refineries().stream().anyMatch(x -> m.refining() && !m.allows(countries.get(x.country())));
            if (!anyForbidden) {
                continue;
            }
            for (Plan.ScenarioPlan sp : plan.scenarios()) {
                Map<String, double[]> byYearElement = new HashMap<>(); // {delivered, compliant}
                for (Plan.Delivery d : sp.deliveries()) {
                    if (!d.buyer().equals(buyer.id())) {
                        continue;
                    }
                    boolean compliant = (!m.mining() || m.allows(countries.get(mineCountry.get(d.mine()))))
                            && (!m.refining() || m.allows(countries.get(refineryCountry.get(d.refinery()))));
                    double[] t = byYearElement.computeIfAbsent(d.year() + "/" + d.element(), k -> new double[2]);
                    t[0] += d.tonnes();
                    t[1] += compliant ? d.tonnes() : 0;
                }
                for (Map.Entry<String, double[]> e : byYearElement.entrySet()) {
                    int year = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('/')));
                    double share = m.minShare().at(year - start);
                    double[] t = e.getValue();
                    if (share > 0 && t[0] > 1e-3 && t[1] <= share * t[0] * (1 + 1e-6) + 1e-6) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

package org.lodestone.property;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;

import org.lodestone.domain.Instance;
import org.lodestone.generate.InstanceGenerator;
import org.lodestone.generate.InstanceGenerator.GeneratorSpec;
import org.lodestone.plan.Plan;
import org.lodestone.solve.Backend;

/**
 * Plans are right: random valid instances drawn from the whole model (every feature the
 * {@link InstanceGenerator} writes: series forms, mandates, share caps, substitutes, expansions
 * with bankability, signed and optional contracts, routes, tariffs, export controls, scenarios
 * with factors), at small sizes, solved by SCIP, HiGHS and CBC at a relative gap of 1e-9, pass
 * the checks of {@link PlanChecks}: (a) every plan is OPTIMAL and passes the independent plan
 * checker, (b) the backends agree on the optimum within 1e-6 relative, (c) the cost parts add up
 * to the objective.
 *
 * <p>The generator writes a risk budget on about a third of its instances, at 70–100 % of the
 * risk of a rough flow estimate, where it seldom binds. So that the budget row is tested where
 * it matters, half of the samples are mutated after generation: the budget is replaced by 60 %
 * of the risk of the optimal plan without a budget (SCIP), which makes it bind whenever that
 * plan carries any risk. The statistics printed after each run say how often the budget, the
 * bankability rule and a mandate bind in the optimal plans.
 *
 * <p>{@link #plansAreRight} runs in {@code mvn test} with a fixed seed and 150 tries (20–30 s on
 * a loaded two-core machine); {@link #plansAreRightLongRun} ({@code -Pslow}) draws
 * 500 samples from a new random seed each run. When a property fails, jqwik shrinks the sample
 * (smaller sizes, smaller seed) and prints it with the seed of the run; the failure message of
 * the shrunk sample names the instance file written under
 * {@code ${java.io.tmpdir}/lodestone-property-failures/}. Keep it as a regression case: see
 * {@code src/test/resources/regressions/README.md}.
 */
class PlanPropertiesTest {
    /** How the risk budget of a generated instance is set. */
    enum Budget {
        /** As the generator wrote it (none on about two thirds of the instances). */
        AS_GENERATED,
        /** 60 % of the risk of the optimal plan without a budget: binding unless that risk is 0. */
        TIGHT
    }

    /** One sample: the generator's sizes and seed, and the mutation applied to its tree. */
    record Case(GeneratorSpec spec, Budget budget) {
        @Override
        public String toString() {
            return "lodestone generate --years " + spec.years() + " --mines " + spec.mines() + " --refineries "
                    + spec.refineries() + " --buyers " + spec.buyers() + " --elements " + spec.elements()
                    + " --scenarios " + spec.scenarios() + " --seed " + spec.seed() + ", budget " + budget;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 4), // years
                Arbitraries.integers().between(1, 6), // mines
                Arbitraries.integers().between(1, 4), // refineries
                Arbitraries.integers().between(1, 4), // buyers
                Arbitraries.integers().between(1, 4), // elements
                Arbitraries.integers().between(1, 3), // scenarios
                Arbitraries.longs().between(1, 999_999), // generator seed
                Arbitraries.of(Budget.class))
                .as((y, m, r, b, e, s, seed, budget) -> new Case(new GeneratorSpec(y, m, r, b, e, s, seed), budget));
    }

    /** {@code mvn test}: a fixed seed, 150 tries. */
    @Property(tries = 150, seed = "20260601")
    void plansAreRight(@ForAll("cases") Case sample) {
        verify(sample);
    }

    /** The long run of the slow profile: a new random seed each time (printed by jqwik on failure). */
    @Property(tries = 500)
    @Tag("slow")
    void plansAreRightLongRun(@ForAll("cases") Case sample) {
        verify(sample);
    }

    static void verify(Case sample) {
        JsonNode tree = tree(sample);
        var solved = PlanChecks.check(tree, null);
        Instance instance = PlanChecks.instance(tree);
        Plan scip = solved.stream().filter(s -> s.backend() == Backend.SCIP).findFirst()
                .orElse(solved.get(0)).plan();
        Statistics.label("budget").collect(sample.budget());
        for (Map.Entry<String, Boolean> f : PlanChecks.features(instance, scip).entrySet()) {
            Statistics.label(f.getKey()).collect(f.getValue());
        }
    }

    /** The generated tree of {@code sample}, with its mutation applied. */
    static ObjectNode tree(Case sample) {
        ObjectNode tree = InstanceGenerator.generate(sample.spec());
        if (sample.budget() == Budget.TIGHT) {
            tree.remove("riskBudget");
            Plan free = PlanChecks.solve(PlanChecks.instance(tree), Backend.SCIP);
            if (!free.status().hasSolution()) {
                throw new AssertionError("instance " + PlanChecks.save(tree) + ": SCIP found no plan without a risk "
                        + "budget (" + free.status() + ")");
            }
            tree = withRiskBudget(tree, 0.6 * free.risk());
            tree.put("name", sample.spec().name() + "-budget60");
        }
        return tree;
    }

    /** A copy of {@code tree} with {@code riskBudget} (six significant digits) where instance-reference.md §6 puts it. */
    static ObjectNode withRiskBudget(ObjectNode tree, double budget) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        BigDecimal value = new BigDecimal(budget).round(new MathContext(6)).stripTrailingZeros();
        boolean placed = false;
        for (Map.Entry<String, JsonNode> e : tree.properties()) {
            if (!placed && e.getKey().equals("elements")) {
                out.set("riskBudget", DecimalNode.valueOf(value));
                placed = true;
            }
            if (!e.getKey().equals("riskBudget")) {
                out.set(e.getKey(), e.getValue());
            }
        }
        if (!placed) {
            out.set("riskBudget", DecimalNode.valueOf(value));
        }
        return out;
    }
}

package org.lodestone.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.analysis.Marginals;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.model.Expr;
import org.lodestone.model.MipModel;
import org.lodestone.plan.MarginalValues;
import org.lodestone.plan.Planner;

/**
 * Marginal values moved from GLOP to HiGHS's dual simplex: the duals mean the same (the change of
 * the minimised objective, USD, per unit of a row's bound, so ≥ 0 on a binding lower bound and
 * ≤ 0 on a binding upper bound), and on the cases of MarginalsTest and on every conformance case
 * of model version 1 both are optimal duals of the same linear program: equal wherever the LP's
 * dual is unique, one valid price among several where it is degenerate.
 */
class LinearDualsTest {
    /** GLOP, as marginal values were computed before. */
    static final MipSolver GLOP = new MipSolver() {
        @Override
        public SolveResult solve(MipModel model, SolveOptions options, SolveControl control) {
            throw new UnsupportedOperationException("GLOP solves linear programs only");
        }

        @Override
        public LinearResult solveLinear(MipModel model, double timeLimitSeconds) {
            return new OrToolsSolver().solveLinear(model, timeLimitSeconds);
        }
    };
    static final MipSolver HIGHS = new HighsSolver();

    @BeforeAll
    static void bothLoad() {
        assumeTrue(Backend.HIGHS.isAvailable() && Backend.SCIP.isAvailable(), "HiGHS and OR-Tools are needed");
    }

    static Stream<Arguments> solvers() {
        return Stream.of(Arguments.of("GLOP", GLOP), Arguments.of("HiGHS", HIGHS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("solvers")
    void dualsAreUsdPerUnitOfTheRowsBound(String name, MipSolver solver) {
        // min 2x + 3y (thousands of USD each) s.t. x + y ≥ 4 (dual 3000: y serves the last unit),
        // x ≤ 3 (dual −1000: one more unit of x saves the difference), 1 ≤ y (slack: dual 0)
        MipModel m = new MipModel();
        int x = m.addVariable("x", 0, Double.POSITIVE_INFINITY, false, 2000);
        int y = m.addVariable("y", 0, Double.POSITIVE_INFINITY, false, 3000);
        int need = m.addRow("need", 4, new Expr().add(x, 1).add(y, 1), Double.POSITIVE_INFINITY);
        int cap = m.addRow("cap", Double.NEGATIVE_INFINITY, new Expr().add(x, 1), 3);
        int floor = m.addRow("floor", 0.5, new Expr().add(y, 1), Double.POSITIVE_INFINITY);
        LinearResult lp = solver.solveLinear(m, 10);
        assertTrue(lp.optimal(), lp.message());
        assertEquals(3 * 2000 + 3000, lp.objective(), 1e-9);
        assertEquals(3, lp.values()[x], 1e-9);
        assertEquals(3000, lp.duals()[need], 1e-9);
        assertEquals(-1000, lp.duals()[cap], 1e-9);
        assertEquals(0, lp.duals()[floor], 1e-9);
    }

    static Path conformance() throws URISyntaxException {
        return Path.of(LinearDualsTest.class.getResource("/conformance/expected.json").toURI()).getParent();
    }

    /** MarginalsTest's two instances, then every conformance case (version 2 cases skip themselves). */
    static Stream<Arguments> plans() throws IOException, URISyntaxException {
        Stream<Arguments> marginalsTest = Stream.of(
                Arguments.of("t01_plain.json", List.of()),
                Arguments.of("t08_hedge_build.json", List.of("/buyers/0/demand/NdPr=900")));
        try (Stream<Path> files = Files.list(conformance())) {
            List<Arguments> cases = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json") && !f.equals("expected.json")).sorted()
                    .map(f -> Arguments.of(f, List.of())).toList();
            return Stream.concat(marginalsTest, cases.stream());
        }
    }

    /**
     * Prices the plan with both LP solvers. Both must find the same optimum, and each pair of
     * primal values and duals must satisfy the optimality conditions of the LP (primal and dual
     * feasibility, complementary slackness): then both dual vectors are optimal duals of the same
     * LP, so wherever their prices differ the LP's dual is not unique there (the degenerate case
     * the summary names), and wherever it is unique they are equal. On the cases of MarginalsTest,
     * whose prices are worked out by hand, they are equal outright.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("plans")
    void highsPricesEveryPlanWithOptimalDualsAsGlopDid(String file, List<String> edits) throws Exception {
        Instance instance = InstanceReader.read(conformance().resolve(file), edits);
        Planner.Outcome outcome = new Planner().solve(instance, new SolveOptions(Backend.SCIP, 300, 0, 1), false);
        MarginalValues glopPrices = Marginals.of(outcome, GLOP, 60); // fixes the model's first stage
        MarginalValues highsPrices = Marginals.of(outcome, HIGHS, 60);
        MipModel lp = outcome.model().mip();

        LinearResult glop = GLOP.solveLinear(lp, 60);
        LinearResult highs = HIGHS.solveLinear(lp, 60);
        assertTrue(glop.optimal() && highs.optimal(), glop.message() + highs.message());
        assertEquals(glop.objective(), highs.objective(), 1e-9 * Math.max(1, Math.abs(glop.objective())), "optimum");
        assertOptimal(lp, glop, "GLOP");
        assertOptimal(lp, highs, "HiGHS");

        List<Double> g = prices(glopPrices);
        List<Double> h = prices(highsPrices);
        assertEquals(g.size(), h.size(), "the same rows are priced");
        long same = java.util.stream.IntStream.range(0, g.size())
                .filter(k -> Math.abs(g.get(k) - h.get(k)) <= tolerance(g.get(k))).count();
        System.out.printf("LinearDualsTest %s: %d of %d prices equal, the others at degenerate rows%n", file, same,
                g.size());
        if (file.equals("t01_plain.json") || !edits.isEmpty()) { // MarginalsTest's cases
            assertEquals(g.size(), same, () -> "GLOP " + glopPrices + "\nHiGHS " + highsPrices);
        }
    }

    /**
     * The block split large LPs get (first stage fixed: a block per scenario or information node),
     * forced on every conformance plan: the same optimum as the whole LP, and values and duals that
     * meet its optimality conditions.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("plans")
    void solvingTheBlocksOneAtATimeGivesAnOptimalSolutionOfTheWholeLp(String file, List<String> edits)
            throws Exception {
        Instance instance = InstanceReader.read(conformance().resolve(file), edits);
        Planner.Outcome outcome = new Planner().solve(instance, new SolveOptions(Backend.SCIP, 300, 0, 1), false);
        Marginals.of(outcome, HIGHS, 60); // fixes the model's first stage
        MipModel lp = outcome.model().mip();
        LinearResult whole = HIGHS.solveLinear(lp, 60);
        LinearResult split = new HighsSolver(0).solveLinear(lp, 60);
        assertTrue(whole.optimal() && split.optimal(), whole.message() + split.message());
        assertEquals(whole.objective(), split.objective(), 1e-9 * Math.max(1, Math.abs(whole.objective())), "optimum");
        assertOptimal(lp, split, "HiGHS by blocks");
    }

    /** With its first stage fixed, t08's two scenarios (calm, embargo) are two independent blocks. */
    @Test
    void aFixedFirstStageSplitsTheLpByScenario() throws Exception {
        Instance instance = InstanceReader.read(conformance().resolve("t08_hedge_build.json"), List.of());
        Planner.Outcome outcome = new Planner().solve(instance, new SolveOptions(Backend.SCIP, 300, 0, 1), false);
        assertEquals(1, HighsSolver.Blocks.of(outcome.model().mip()).count(), "the build links the scenarios");
        Marginals.of(outcome, HIGHS, 60); // fixes the model's first stage
        assertEquals(2, HighsSolver.Blocks.of(outcome.model().mip()).count());
    }

    private static List<Double> prices(MarginalValues values) {
        List<Double> out = new java.util.ArrayList<>();
        values.demand().forEach(d -> out.add(d.usdPerTonne()));
        values.capacity().forEach(c -> out.add(c.usdPerTonne()));
        return out;
    }

    /**
     * The optimality conditions of min c·x, rowLower ≤ Ax ≤ rowUpper, lower ≤ x ≤ upper, for the
     * primal values and row duals of {@code r} (USD): x feasible; each column's reduced cost
     * c − Aᵀy ≥ 0 at its lower bound, ≤ 0 at its upper, 0 between; each row's dual ≥ 0 at its lower
     * bound, ≤ 0 at its upper, 0 between. Tolerances are relative to the magnitudes involved.
     */
    static void assertOptimal(MipModel lp, LinearResult r, String who) {
        double[] x = r.values();
        double[] y = r.duals();
        double[] reduced = new double[lp.variables()];
        double[] scale = new double[lp.variables()];
        for (int j = 0; j < lp.variables(); j++) {
            reduced[j] = lp.objective(j);
            scale[j] = Math.abs(lp.objective(j));
            assertTrue(x[j] >= lp.lower(j) - feasibility(lp.lower(j)) && x[j] <= lp.upper(j) + feasibility(lp.upper(j)),
                    who + ": column " + lp.variableName(j) + " = " + x[j] + " outside its bounds");
        }
        for (int i = 0; i < lp.rows(); i++) {
            double activity = 0;
            for (int k = lp.rowStart(i); k < lp.rowEnd(i); k++) {
                activity += lp.coefficient(k) * x[lp.column(k)];
                reduced[lp.column(k)] -= lp.coefficient(k) * y[i];
                scale[lp.column(k)] += Math.abs(lp.coefficient(k) * y[i]);
            }
            String row = who + ": row " + lp.rowName(i) + " (activity " + activity + ", dual " + y[i] + ")";
            boolean atLower = activity <= lp.rowLower(i) + feasibility(lp.rowLower(i));
            boolean atUpper = activity >= lp.rowUpper(i) - feasibility(lp.rowUpper(i));
            assertTrue(activity >= lp.rowLower(i) - feasibility(lp.rowLower(i))
                    && activity <= lp.rowUpper(i) + feasibility(lp.rowUpper(i)), row + " infeasible");
            double dualTolerance = 1e-6 * Math.max(1, Math.abs(y[i]));
            if (!atLower) {
                assertTrue(y[i] <= dualTolerance, row + ": a positive dual off its lower bound");
            }
            if (!atUpper) {
                assertTrue(y[i] >= -dualTolerance, row + ": a negative dual off its upper bound");
            }
        }
        for (int j = 0; j < lp.variables(); j++) {
            String column = who + ": column " + lp.variableName(j) + " (value " + x[j] + ", reduced cost "
                    + reduced[j] + ")";
            double tolerance = 1e-6 * Math.max(1, scale[j]);
            if (x[j] > lp.lower(j) + feasibility(lp.lower(j))) {
                assertTrue(reduced[j] <= tolerance, column + ": could decrease and save");
            }
            if (x[j] < lp.upper(j) - feasibility(lp.upper(j))) {
                assertTrue(reduced[j] >= -tolerance, column + ": could increase and save");
            }
        }
    }

    private static double feasibility(double bound) {
        return Double.isFinite(bound) ? 1e-6 * Math.max(1, Math.abs(bound)) : 0;
    }

    /** The plan shows prices to the dollar; 1e-6 relative leaves room for the two simplex codes' rounding. */
    private static double tolerance(double value) {
        return Math.max(1e-6, 1e-6 * Math.abs(value));
    }
}

package org.lodestone.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lodestone.domain.CostPart;
import org.lodestone.io.InstanceReader;
import org.lodestone.model.CostWeights;
import org.lodestone.model.Expr;
import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;

/** HiGHS through its C API: the model it is given, and what a stop leaves in hand. */
class HighsSolverTest {
    @BeforeAll
    static void highsLoads() {
        assumeTrue(Backend.HIGHS.isAvailable(), "HiGHS is not available here: " + HighsLibrary.failure());
    }

    /**
     * A market-split problem (Cornuéjols and Dawande): split 40 products with random volumes in
     * 5 markets into two halves of exactly the planted split's volume each; the slacks s⁺, s⁻
     * measure the miss and are minimised. The planted split misses by 0, which branch and bound
     * cannot find for a long time: a model that is still searching when it is stopped.
     */
    static MipModel marketSplit() {
        Random random = new Random(11);
        int markets = 5;
        int products = 40;
        MipModel m = new MipModel();
        int[] x = new int[products];
        for (int j = 0; j < products; j++) {
            x[j] = m.addVariable("x" + j, 0, 1, true, 0);
        }
        for (int i = 0; i < markets; i++) {
            int over = m.addVariable("over" + i, 0, Double.POSITIVE_INFINITY, false, 1);
            int under = m.addVariable("under" + i, 0, Double.POSITIVE_INFINITY, false, 1);
            Expr row = new Expr().add(over, -1).add(under, 1);
            double target = 0;
            for (int j = 0; j < products; j++) {
                int volume = random.nextInt(100);
                row.add(x[j], volume);
                target += j % 2 == 0 ? volume : 0; // the planted split: the even products
            }
            m.addRow("market" + i, target, row, target);
        }
        return m;
    }

    /** The planted split of {@link #marketSplit()}: even products in, no miss. */
    static double[] plantedSplit(MipModel m) {
        double[] values = new double[m.variables()];
        for (int j = 0; j < 40; j += 2) {
            values[j] = 1;
        }
        return values;
    }

    @Test
    void theMatrixGoesColumnByColumn() {
        // rows: r0 = 2a + 3c, r1 = b + 4c; columns: a → (r0: 2), b → (r1: 1), c → (r0: 3, r1: 4)
        MipModel m = new MipModel();
        int a = m.addVariable("a", 0, 1, true, 5);
        int b = m.addVariable("b", -1, 2, false, -4);
        int c = m.addVariable("c", 0, Double.POSITIVE_INFINITY, false, 3);
        m.addRow("r0", Double.NEGATIVE_INFINITY, new Expr().add(c, 3).add(a, 2), 7);
        m.addRow("r1", 1, new Expr().add(b, 1).add(c, 4), 1);

        HighsSolver.Columns columns = HighsSolver.Columns.of(m, true);
        assertArrayEquals(new int[] {0, 1, 2, 4}, columns.start());
        assertArrayEquals(new int[] {0, 1, 0, 1}, columns.index());
        assertArrayEquals(new double[] {2, 1, 3, 4}, columns.value());
        assertArrayEquals(new double[] {5e-3, -4e-3, 3e-3}, columns.cost(), 1e-15); // thousands of USD
        assertArrayEquals(new double[] {0, -1, 0}, columns.lower());
        assertArrayEquals(new double[] {1, 2, Double.POSITIVE_INFINITY}, columns.upper());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, 1}, columns.rowLower());
        assertArrayEquals(new double[] {7, 1}, columns.rowUpper());
        assertArrayEquals(new int[] {1, 0, 0}, columns.integrality());
        assertTrue(columns.hasIntegers());
        assertFalse(HighsSolver.Columns.of(m, false).hasIntegers(), "the LP relaxation has no integers");
    }

    @Test
    void anInterruptKeepsTheBestSolutionFound() {
        MipModel m = marketSplit();
        SolveControl control = new SolveControl();
        List<SolverProgress> heard = Collections.synchronizedList(new ArrayList<>());
        control.onProgress(p -> { // stop as soon as there is a solution to keep
            heard.add(p);
            if (p.incumbent() != null) {
                control.interrupt();
            }
        });
        SolveResult r = MipSolver.create().solve(m, new SolveOptions(Backend.HIGHS, 600, 0, 1), control);

        assertEquals(SolveResult.Termination.FEASIBLE, r.termination(), r.message());
        assertTrue(r.message().contains("interrupted"), "stopped by the interrupt, not by a limit: " + r.message());
        assertNotNull(r.values());
        assertEquals(m.evaluate(r.values()), r.objective(), 1e-6);
        assertNotNull(r.bestBound(), "HiGHS's own dual bound");
        assertTrue(r.bestBound() <= r.objective());
        assertTrue(heard.stream().allMatch(p -> p.solver().equals("HiGHS")), heard::toString);
    }

    @Test
    void aTimeLimitKeepsTheBestSolutionAndItsGap() {
        MipModel m = marketSplit();
        SolveResult r = MipSolver.create().solve(m, new SolveOptions(Backend.HIGHS, 1, 0, 1));

        assertEquals(SolveResult.Termination.FEASIBLE, r.termination(), r.message());
        assertNotNull(r.values());
        assertEquals(m.evaluate(r.values()), r.objective(), 1e-6);
        assertTrue(r.gap() > 0, "a plan stopped by the limit is not proven: gap " + r.gap());
        assertTrue(r.message().contains("--time-limit"), r.message());
    }

    @Test
    void aHintIsWhereTheSearchStarts() {
        // with the planted split as its start HiGHS has a plan that misses by 0, which the bound
        // (slacks ≥ 0) proves optimal at once; without it the search goes on for minutes
        MipModel m = marketSplit();
        m.setHint(plantedSplit(m));
        SolveResult r = MipSolver.create().solve(m, new SolveOptions(Backend.HIGHS, 600, 0, 1));

        assertEquals(SolveResult.Termination.OPTIMAL, r.termination(), r.message());
        assertEquals(0, r.objective(), 1e-9);
    }

    @Test
    void theThreadsAndTheSeedGiveTheSameSolutionEveryTime() {
        MipModel m = OrToolsSolverTest.knapsack();
        for (int threads : new int[] {1, 2, 1}) { // a thread count other than the last one's on this thread
            SolveResult r = MipSolver.create().solve(m, new SolveOptions(Backend.HIGHS, 10, 0, threads, 7));
            assertEquals(threads, r.threads());
            assertEquals(-9, r.objective(), 1e-9);
        }
    }

    @Test
    void highsIsNotFooledByARowBoundAtItsTolerance() throws Exception {
        // Pareto's least-risk point of the quickstart instance: risk ≤ 0 + 1e-6. HiGHS 1.12 with its
        // default MIP feasibility tolerance (1e-6) calls it infeasible; SCIP solves it
        assumeTrue(Backend.SCIP.isAvailable());
        SourcingModel model = SourcingModel.build(InstanceReader.read(
                java.nio.file.Path.of("instances/quickstart.json"), List.of()));
        model.setObjective(CostWeights.standard(model.instance()).withPart(CostPart.RISK, 0));
        model.setRiskBudget(Optional.of(1e-6));
        SolveResult scip = MipSolver.create().solve(model.mip(), new SolveOptions(Backend.SCIP, 60, 1e-4, 1));
        SolveResult highs = MipSolver.create().solve(model.mip(), new SolveOptions(Backend.HIGHS, 60, 1e-4, 1));
        assertEquals(SolveResult.Termination.OPTIMAL, scip.termination());
        assertEquals(SolveResult.Termination.OPTIMAL, highs.termination(), highs.message());
        assertNotNull(highs.objective());
        assertEquals(scip.objective(), highs.objective(), 1e-4 * Math.abs(scip.objective()));
    }
}

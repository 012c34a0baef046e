package org.lodestone.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lodestone.model.Expr;
import org.lodestone.model.MipModel;

/** The backend on a knapsack small enough to solve by hand. */
class OrToolsSolverTest {
    /**
     * max 5a + 4b + 3c s.t. 2a + 3b + c ≤ 5, 4a + b + 2c ≤ 11, 3a + 4b + 2c ≤ 8, binaries;
     * minimised as its negative. Optimum a = b = 1 → −9 (row 1 exactly full; all three break row 1,
     * a + c gives 8, b + c gives 7).
     */
    static MipModel knapsack() {
        MipModel m = new MipModel();
        int a = m.addVariable("a", 0, 1, true, -5);
        int b = m.addVariable("b", 0, 1, true, -4);
        int c = m.addVariable("c", 0, 1, true, -3);
        m.addRow("r1", Double.NEGATIVE_INFINITY, new Expr().add(a, 2).add(b, 3).add(c, 1), 5);
        m.addRow("r2", Double.NEGATIVE_INFINITY, new Expr().add(a, 4).add(b, 1).add(c, 2), 11);
        m.addRow("r3", Double.NEGATIVE_INFINITY, new Expr().add(a, 3).add(b, 4).add(c, 2), 8);
        return m;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void solvesToOptimalityWithBoundAndValues(Backend backend) {
        assumeTrue(backend.isAvailable());
        SolveResult r = MipSolver.create().solve(knapsack(), new SolveOptions(backend, 10, 0, 1));
        assertEquals(SolveResult.Termination.OPTIMAL, r.termination());
        assertEquals(-9, r.objective(), 1e-9);
        assertEquals(-9, r.bestBound(), 1e-6);
        assertEquals(1, r.values()[0], 1e-9);
        assertEquals(1, r.values()[1], 1e-9);
        assertEquals(0, r.values()[2], 1e-9);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aHintNeitherChangesTheAnswerNorCrashes(Backend backend) {
        assumeTrue(backend.isAvailable());
        MipModel m = knapsack();
        m.setHint(new double[] {0, 1, 1});
        SolveResult r = MipSolver.create().solve(m, new SolveOptions(backend, 10, 0, 1));
        assertEquals(-9, r.objective(), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anInterruptBeforeTheStartSolvesNothing(Backend backend) {
        assumeTrue(backend.isAvailable());
        SolveControl control = new SolveControl();
        control.interrupt();
        SolveResult r = MipSolver.create().solve(knapsack(), new SolveOptions(backend, 10, 0, 1), control);
        assertEquals(SolveResult.Termination.NO_SOLUTION, r.termination());
        assertFalse(r.hasSolution());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void objectiveScaleIsInvisible(Backend backend) {
        // money enters the solver in thousands of USD and comes back in USD
        assumeTrue(backend.isAvailable());
        MipModel m = new MipModel();
        int x = m.addVariable("x", 0, 10, false, 1234.5);
        m.addRow("atLeast", 3, new Expr().add(x, 1), Double.POSITIVE_INFINITY);
        SolveResult r = MipSolver.create().solve(m, new SolveOptions(backend, 10, 0, 1));
        assertEquals(3 * 1234.5, r.objective(), 1e-9);
    }

    @org.junit.jupiter.api.Test
    void aSearchStoppedFarFromProvenSaysWhatToTry() {
        assertEquals("", OrToolsSolver.hint(Backend.SCIP, SolveResult.Termination.OPTIMAL, 100, 100.0));
        String far = OrToolsSolver.hint(Backend.SCIP, SolveResult.Termination.FEASIBLE, 1.1e12, -2.6e13);
        assertTrue(far.contains("--solver highs"), far);
        assertTrue(OrToolsSolver.hint(Backend.SCIP, SolveResult.Termination.FEASIBLE, 100, null)
                .contains("--solver highs"), "no bound at all is as far as it gets");
        String near = OrToolsSolver.hint(Backend.SCIP, SolveResult.Termination.FEASIBLE, 100, 99.0);
        assertFalse(near.contains("highs"), near);
        assertTrue(near.contains("--time-limit"), near);
        assertFalse(OrToolsSolver.hint(Backend.HIGHS, SolveResult.Termination.FEASIBLE, 100, 0.0).contains("highs"));
    }
}

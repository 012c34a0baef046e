package org.lodestone.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.lodestone.model.Expr;
import org.lodestone.model.MipModel;

/** {@code --solver auto}: which solver runs, and how a race ends. */
class AutoSolverTest {
    private static final SolveOptions AUTO = new SolveOptions(Backend.AUTO, 60, 1e-4, 1);

    /** A model of {@code nonzeros} nonzeros in one row (enough to decide by size). */
    static MipModel withNonzeros(int nonzeros) {
        MipModel m = new MipModel();
        Expr row = new Expr();
        for (int j = 0; j < nonzeros; j++) {
            row.add(m.addVariable("x" + j, 0, 1, false, 1), 1);
        }
        m.addRow("r", 1, row, Double.POSITIVE_INFINITY);
        return m;
    }

    @Test
    void sizeAndCoresDecideWhoSolves() {
        int alone = AutoSolver.HIGHS_ALONE_NONZEROS;
        for (boolean race : new boolean[] {true, false}) {
            assertEquals(AutoSolver.Plan.HIGHS_ALONE, AutoSolver.plan(withNonzeros(alone), true, race));
            assertEquals(AutoSolver.Plan.SCIP_ALONE, AutoSolver.plan(withNonzeros(10), false, race), "no HiGHS");
        }
        for (int nonzeros : new int[] {1, 1_999, 2_000, 19_999, 20_000, 49_999, 50_000, alone - 1}) {
            assertEquals(AutoSolver.Plan.RACE, AutoSolver.plan(withNonzeros(nonzeros), true, true));
        }
        // without a race, by ranges: SCIP, HiGHS from 2,000, SCIP from 20,000, HiGHS from 50,000
        assertEquals(AutoSolver.Plan.SCIP_ALONE, AutoSolver.plan(withNonzeros(1_999), true, false));
        assertEquals(AutoSolver.Plan.HIGHS_ALONE, AutoSolver.plan(withNonzeros(2_000), true, false));
        assertEquals(AutoSolver.Plan.HIGHS_ALONE, AutoSolver.plan(withNonzeros(19_999), true, false));
        assertEquals(AutoSolver.Plan.SCIP_ALONE, AutoSolver.plan(withNonzeros(20_000), true, false));
        assertEquals(AutoSolver.Plan.SCIP_ALONE, AutoSolver.plan(withNonzeros(49_999), true, false));
        assertEquals(AutoSolver.Plan.HIGHS_ALONE, AutoSolver.plan(withNonzeros(50_000), true, false));
        // the corrected real instance
        assertEquals(AutoSolver.Plan.HIGHS_ALONE, AutoSolver.plan(withNonzeros(69_295), true, false));
    }

    /** Runs {@code check} with {@code lodestone.auto.race} set to {@code value} (null: unset), then restores it. */
    static void withRaceProperty(String value, Runnable check) {
        String before = System.getProperty("lodestone.auto.race");
        try {
            if (value == null) {
                System.clearProperty("lodestone.auto.race");
            } else {
                System.setProperty("lodestone.auto.race", value);
            }
            check.run();
        } finally {
            if (before == null) {
                System.clearProperty("lodestone.auto.race");
            } else {
                System.setProperty("lodestone.auto.race", before);
            }
        }
    }

    @Test
    void racesWithEnoughCoresUnlessTold() {
        withRaceProperty(null, () -> assertEquals(
                Runtime.getRuntime().availableProcessors() >= AutoSolver.RACE_FROM_CORES, AutoSolver.racesHere()));
        withRaceProperty("always", () -> assertTrue(AutoSolver.racesHere()));
        withRaceProperty("never", () -> assertFalse(AutoSolver.racesHere()));
    }

    /** A solver that answers {@code result} at once, or once its solve is interrupted when {@code untilStopped}. */
    static final class Scripted implements MipSolver {
        final SolveResult result;
        final boolean untilStopped;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        volatile boolean sawInterrupt;

        Scripted(SolveResult result, boolean untilStopped) {
            this.result = result;
            this.untilStopped = untilStopped;
        }

        @Override
        public SolveResult solve(MipModel model, SolveOptions options, SolveControl control) {
            if (control.progressListener() != null) {
                control.progressListener().accept(new SolverProgress(result.solverName(), "root node",
                        result.objective(), result.bestBound()));
            }
            started.countDown();
            while (untilStopped && !control.interrupted()) {
                Thread.onSpinWait();
            }
            sawInterrupt = control.interrupted();
            ended.countDown();
            return result;
        }
    }

    static SolveResult result(String solver, SolveResult.Termination t, Double objective, Double bound) {
        return new SolveResult(t, objective == null ? null : new double[] {objective}, objective, bound, 1, solver,
                "1.0", 1, "");
    }

    /** A race of the two scripted solvers on the knapsack. */
    static SolveResult race(MipSolver scip, MipSolver highs) {
        return new AutoSolver(scip, highs).race(OrToolsSolverTest.knapsack(), AUTO, new SolveControl());
    }

    @Test
    void theFirstProvenAnswerWinsAndTheOtherIsStopped() throws Exception {
        Scripted scip = new Scripted(result("SCIP", SolveResult.Termination.FEASIBLE, 12.0, 5.0), true);
        Scripted highs = new Scripted(result("HiGHS", SolveResult.Termination.OPTIMAL, 10.0, 10.0), false);
        SolveResult r = race(scip, highs);

        assertEquals("HiGHS", r.solverName());
        assertEquals(SolveResult.Termination.OPTIMAL, r.termination());
        assertEquals(10.0, r.objective());
        scip.ended.await(); // the race returned without it; it stops once told to
        assertTrue(scip.sawInterrupt, "the slower solver is stopped");
        assertTrue(r.solverVersion().startsWith("1.0; auto: "), r.solverVersion());
    }

    @Test
    void aClaimOfInfeasibilityWaitsForTheOtherSolversPlan() {
        // HiGHS 1.12 has called feasible models infeasible: SCIP's plan shows it wrong
        Scripted scip = new Scripted(result("SCIP", SolveResult.Termination.OPTIMAL, 7.0, 7.0), false);
        Scripted highs = new Scripted(result("HiGHS", SolveResult.Termination.INFEASIBLE, null, null), false);
        SolveResult r = race(scip, highs);
        assertEquals("SCIP", r.solverName());
        assertEquals(SolveResult.Termination.OPTIMAL, r.termination());
    }

    @Test
    void atTheLimitTheBetterPlanAndTheBetterBoundAreKept() {
        Scripted scip = new Scripted(result("SCIP", SolveResult.Termination.FEASIBLE, 12.0, 9.0), false);
        Scripted highs = new Scripted(result("HiGHS", SolveResult.Termination.FEASIBLE, 11.0, 4.0), false);
        SolveResult r = race(scip, highs);
        assertEquals("HiGHS", r.solverName());
        assertEquals(SolveResult.Termination.FEASIBLE, r.termination());
        assertEquals(11.0, r.objective());
        assertEquals(9.0, r.bestBound(), "SCIP's bound holds for the same model");
    }

    @Test
    void anInterruptStopsBothAndTheBestPlanSoFarIsKept() throws Exception {
        Scripted scip = new Scripted(result("SCIP", SolveResult.Termination.FEASIBLE, 12.0, 5.0), true);
        Scripted highs = new Scripted(result("HiGHS", SolveResult.Termination.FEASIBLE, 11.0, 6.0), true);
        SolveControl control = new SolveControl();
        List<SolverProgress> heard = Collections.synchronizedList(new ArrayList<>());
        control.onProgress(heard::add);
        AtomicBoolean stoppable = new AtomicBoolean();
        Thread stopper = new Thread(() -> {
            try {
                scip.started.await();
                highs.started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stoppable.set(control.interrupt());
        });
        stopper.start();
        SolveResult r = new AutoSolver(scip, highs).race(OrToolsSolverTest.knapsack(), AUTO, control);
        stopper.join();

        assertTrue(stoppable.get(), "a race can be stopped");
        assertTrue(scip.sawInterrupt && highs.sawInterrupt);
        assertEquals(11.0, r.objective());
        assertEquals(6.0, r.bestBound());
        assertFalse(heard.isEmpty());
        SolverProgress last = heard.get(heard.size() - 1);
        assertEquals("auto", last.solver());
        assertEquals("SCIP running | HiGHS root node", last.phase());
        assertEquals(11.0, last.incumbent(), "HiGHS's progress");
        assertEquals(6.0, last.bound());
    }

    @Test
    void theRealRaceSolvesTheKnapsackAndSaysWhoWon() {
        assumeTrue(Backend.SCIP.isAvailable() && Backend.HIGHS.isAvailable());
        SolveResult r = new AutoSolver(new OrToolsSolver(), new HighsSolver()).race(OrToolsSolverTest.knapsack(), AUTO,
                new SolveControl());
        assertEquals(SolveResult.Termination.OPTIMAL, r.termination());
        assertEquals(-9, r.objective(), 1e-9);
        assertTrue(r.solverName().equals("SCIP") || r.solverName().equals("HiGHS"), r.solverName());
        assertTrue(r.solverVersion().contains("auto: first of SCIP and HiGHS"), r.solverVersion());
    }

    @Test
    void theChoiceIsNamedAfterTheSolversVersion() {
        assumeTrue(Backend.HIGHS.isAvailable() && Backend.SCIP.isAvailable());
        withRaceProperty("never", () -> {
            SolveResult r = MipSolver.create().solve(OrToolsSolverTest.knapsack(), AUTO);
            assertEquals("SCIP", r.solverName());
            assertTrue(r.solverVersion().endsWith("; auto: SCIP alone at 9 nonzeros"), r.solverVersion());
        });
    }

    @Test
    void betterPrefersAProofThenAPlanThenTheLowerObjective() {
        SolveResult optimal = result("A", SolveResult.Termination.OPTIMAL, 10.0, 10.0);
        SolveResult feasible = result("B", SolveResult.Termination.FEASIBLE, 9.0, 1.0);
        SolveResult dearer = result("C", SolveResult.Termination.FEASIBLE, 12.0, 1.0);
        SolveResult none = result("D", SolveResult.Termination.NO_SOLUTION, null, null);
        SolveResult infeasible = result("E", SolveResult.Termination.INFEASIBLE, null, null);
        assertSame(optimal, AutoSolver.better(feasible, optimal));
        assertSame(feasible, AutoSolver.better(dearer, feasible));
        assertSame(feasible, AutoSolver.better(feasible, infeasible));
        assertSame(infeasible, AutoSolver.better(none, infeasible));
        assertSame(dearer, AutoSolver.better(none, dearer));
    }
}

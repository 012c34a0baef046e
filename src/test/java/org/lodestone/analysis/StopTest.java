package org.lodestone.analysis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.lodestone.plan.Plan;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveControl;
import org.lodestone.solve.SolveOptions;

/** Ctrl-C in an analysis: the finished solves stand, the rest are not started, none is lost. */
class StopTest {
    @Test
    void aStoppedSweepKeepsTheSolvesThatFinished() throws Exception {
        Stop stop = new Stop();
        AtomicInteger solves = new AtomicInteger();
        MipSolver real = MipSolver.create();
        // the user presses Ctrl-C while the second solve runs
        MipSolver pressed = (model, options, control) -> {
            if (solves.incrementAndGet() == 2) {
                stop.request();
                assertTrue(control.interrupted(), "the solve under way is told to stop");
            }
            return real.solve(model, options, control);
        };
        Settings settings = new Settings(pressed, SolveOptions.defaults(), 1, Progress.NONE, stop);
        Sweep.Result result = Sweep.run(AnalysisFixtures.tree(AnalysisFixtures.conformanceFile("t05_mandate.json")),
                "/buyers/0/mandate/minShare", Sweep.parseValues("0,0.25,0.5,1"), settings);
        List<Plan.Status> statuses = result.points().stream().map(p -> p.plan().status()).toList();
        assertAll(
                () -> assertEquals(2, solves.get(), "no solve starts after the stop"),
                () -> assertEquals(4, result.points().size(), "every value keeps its row"),
                () -> assertEquals(Plan.Status.OPTIMAL, statuses.get(0)),
                () -> assertEquals(List.of(Plan.Status.NO_SOLUTION, Plan.Status.NO_SOLUTION), statuses.subList(2, 4)));
    }

    @Test
    void aSolveRegisteredAfterTheStopIsRefused() {
        Stop stop = new Stop();
        SolveControl before = new SolveControl();
        assertTrue(stop.starting(before));
        stop.request();
        assertAll(
                () -> assertTrue(before.interrupted()),
                () -> assertEquals(false, stop.starting(new SolveControl())),
                () -> assertTrue(stop.requested()));
    }
}

package org.lodestone.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lodestone.domain.Instance;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolverProgress;

/**
 * What an analysis tells its {@link Progress}: each solve's start and end, numbered, and, when
 * solves run one at a time, the solver's own reports in between.
 */
class ProgressTest {
    private static final SolveOptions OPTIONS = new SolveOptions(Backend.SCIP, 60, 0, 1);

    /** Records every call; thread-safe as {@link Progress} requires. */
    static final class Recorder implements Progress {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<SolverProgress> heard = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void starting(int number, int total, String label) {
            events.add("start " + number + "/" + total);
        }

        @Override
        public void finished(int number) {
            events.add("end " + number);
        }

        @Override
        public Consumer<SolverProgress> solverProgress() {
            return heard::add;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void stressNumbersItsSolvesAndPassesTheSolverOnOnlyWhenAlone(int parallel) throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "no solver log on Windows");
        Instance instance = StressTest.singleSupplier();
        Plan plan = new Planner().solve(instance, OPTIONS, false).plan();
        Recorder recorder = new Recorder();
        Stress.run(StressTest.singleSupplierTree(), plan, new Settings(MipSolver.create(), OPTIONS, parallel, recorder));
        // the baseline, then CN and AU cut off
        List<String> events = new ArrayList<>(recorder.events);
        assertEquals(List.of("start 1/3", "end 1"), events.subList(0, 2));
        Collections.sort(events);
        assertEquals(List.of("end 1", "end 2", "end 3", "start 1/3", "start 2/3", "start 3/3"), events);
        if (parallel == 1) {
            assertFalse(recorder.heard.isEmpty(), "one solve at a time: the solver's reports reach the display");
            assertTrue(recorder.heard.stream().allMatch(p -> p.solver().equals("SCIP")));
        } else {
            assertTrue(recorder.heard.isEmpty(), "solves side by side: no solver reports");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void sweepNumbersItsSolvesAndPassesTheSolverOnOnlyWhenAlone(int parallel) throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "no solver log on Windows");
        Recorder recorder = new Recorder();
        Sweep.run(StressTest.singleSupplierTree(), "/buyers/0/demand/NdPr",
                List.of(new BigDecimal("100"), new BigDecimal("200"), new BigDecimal("300")),
                new Settings(MipSolver.create(), OPTIONS, parallel, recorder));
        List<String> events = new ArrayList<>(recorder.events);
        Collections.sort(events);
        assertEquals(List.of("end 1", "end 2", "end 3", "start 1/3", "start 2/3", "start 3/3"), events);
        assertEquals(parallel == 1, !recorder.heard.isEmpty());
    }
}

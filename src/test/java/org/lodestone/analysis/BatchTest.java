package org.lodestone.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestone.domain.Instance;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;

/** Which solve of a batch starts from which, and what a thrown solve does to the batch. */
class BatchTest {
    private static final SolveOptions OPTIONS = new SolveOptions(Backend.SCIP, 60, 0, 1);

    /** The solver, noting for each solve whether it was handed a hint. */
    private static MipSolver recording(List<Boolean> hinted) {
        MipSolver real = MipSolver.create();
        return (model, options, control) -> {
            hinted.add(model.hint() != null);
            return real.solve(model, options, control);
        };
    }

    private static List<Batch.Job> threeOfTheSame() throws Exception {
        Instance instance = StressTest.singleSupplier();
        return List.of(new Batch.Job("a", instance), new Batch.Job("b", instance), new Batch.Job("c", instance));
    }

    @Test
    void aSolveStartsFromThePreviousOneWhenTheColumnsAgree() throws Exception {
        List<Boolean> hinted = Collections.synchronizedList(new ArrayList<>());
        List<Solved> solved = Batch.solve(threeOfTheSame(), Settings.of(recording(hinted), OPTIONS), 1, 3);
        assertEquals(List.of(false, true, true), hinted);
        assertEquals(List.of("a", "b", "c"), solved.stream().map(Solved::label).toList());
    }

    @Test
    void withoutWarmStartsEverySolveStandsAlone() throws Exception {
        List<Boolean> hinted = Collections.synchronizedList(new ArrayList<>());
        List<String> labels = Batch.solve(threeOfTheSame(), Settings.of(recording(hinted), OPTIONS), 1, 3, false,
                (job, outcome) -> job.label());
        assertEquals(List.of(false, false, false), hinted);
        assertEquals(List.of("a", "b", "c"), labels);
    }

    @Test
    void aThrownSolveEndsTheBatchUnlessKeptAsAFailure() throws Exception {
        MipSolver throwing = (model, options, control) -> {
            throw new IllegalStateException("native crash");
        };
        Settings settings = new Settings(throwing, OPTIONS, 2, Progress.NONE);
        assertThrows(IllegalStateException.class, () -> Batch.solve(threeOfTheSame(), settings, 1, 3));
        List<String> kept = Batch.solve(threeOfTheSame(), settings, 1, 3, false, new Batch.Keep<>() {
            @Override
            public String solved(Batch.Job job, Planner.Outcome outcome) {
                return "solved";
            }

            @Override
            public String failed(Batch.Job job, RuntimeException e) {
                return job.label() + ": " + e.getMessage();
            }
        });
        assertEquals(List.of("a: native crash", "b: native crash", "c: native crash"), kept);
    }
}

package org.lodestone.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.lodestone.saa.Cancel;
import org.lodestone.saa.Engine;
import org.lodestone.saa.ThreadEngine;
import org.lodestone.spark.SolveTask.Objective;

/** The same tasks give the same results, in task order, on threads, local[1] and local[2]. */
class DeterminismTest {
    private static final List<SolveTask> TASKS = SolveTask.some(12);

    @Test
    void sameResultsOnThreadsLocal1AndLocal2() {
        List<Objective> threads;
        try (Engine engine = new ThreadEngine(2)) {
            threads = engine.run(TASKS, Engine.Listener.NONE, new Cancel());
        }
        assertEquals(TASKS.size(), threads.size());
        for (int i = 0; i < threads.size(); i++) {
            assertEquals(i, threads.get(i).index(), "results in task order");
            assertEquals("OPTIMAL", threads.get(i).status(), threads.get(i).toString());
        }
        // the factors change the optimum: the comparison below is not of one number repeated
        assertTrue(threads.stream().map(Objective::objective).distinct().count() > 6, threads.toString());

        for (String master : List.of("local[1]", "local[2]")) {
            AtomicInteger heard = new AtomicInteger();
            try (SparkEngine engine = SparkEngine.open(master, 0)) {
                assertEquals("Spark 4.2.0 " + master, engine.description());
                assertEquals(master.equals("local[1]") ? 1 : 2, engine.parallelism());
                List<Objective> spark = engine.run(TASKS, (finished, total) -> {
                    assertEquals(TASKS.size(), total);
                    heard.accumulateAndGet(finished, Math::max);
                }, new Cancel());
                assertEquals(threads, spark, master);
            }
            assertEquals(TASKS.size(), heard.get(), master + ": the listener heard every task finish");
        }
    }

    @Test
    void anEmptyListOfTasksRunsNothing() {
        try (SparkEngine engine = SparkEngine.open("local[1]", 0)) {
            assertTrue(engine.run(List.<SolveTask>of(), Engine.Listener.NONE, new Cancel()).isEmpty());
        }
    }
}

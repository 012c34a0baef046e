package org.lodestone.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.lodestone.io.InstanceReader;
import org.lodestone.saa.Cancel;
import org.lodestone.saa.Engine;
import org.lodestone.saa.Futures;
import org.lodestone.saa.Judgement;
import org.lodestone.saa.Saa;
import org.lodestone.saa.SolveSpec;
import org.lodestone.saa.Task;
import org.lodestone.saa.ThreadEngine;

/**
 * sample-average approximation on Spark: the same seed gives the same sampled futures and the
 * same replications, candidates, judged rows and estimates on threads, local[1] and local[2].
 */
class SaaOnSparkTest {
    static final SolveSpec SPEC = new SolveSpec("SCIP", 60, 1e-9, 0);

    static Futures tiny() throws Exception {
        return Futures.of(InstanceReader.readTree(Path.of("src/test/resources/hedge-disruptions.json")));
    }

    /** A task that draws one future on whatever runs it and returns it as text. */
    record Draw(String instanceJson, long seed, long k) implements Task<String> {
        @Override
        public String run() {
            return Futures.parse(instanceJson).sampler(seed).scenario(k, 1.0).toString();
        }
    }

    @Test
    void theSameSeedDrawsTheSameFuturesOnEveryEngine() throws Exception {
        Futures futures = tiny();
        List<Draw> draws = new ArrayList<>();
        for (long k = 0; k < 40; k++) {
            draws.add(new Draw(futures.text(), 17, k));
        }
        List<String> here = new ArrayList<>();
        for (Draw d : draws) {
            here.add(d.run());
        }
        for (String master : List.of("local[1]", "local[2]")) {
            try (SparkEngine engine = SparkEngine.open(master, 0)) {
                assertEquals(here, engine.run(draws, Engine.Listener.NONE, new Cancel()), master);
            }
        }
        assertTrue(here.stream().distinct().count() > 10, "the futures differ from each other");
    }

    @Test
    void saaGivesTheSameResultOnThreadsLocal1AndLocal2() throws Exception {
        Futures futures = tiny();
        Saa.Settings settings = new Saa.Settings(10, 3, 60, 5, SPEC, 0.9);
        Saa.Result threads;
        try (Engine engine = new ThreadEngine(2)) {
            threads = Saa.run(futures, settings, engine, Saa.Progress.NONE, new Cancel());
        }
        assertTrue(threads.complete());
        for (String master : List.of("local[1]", "local[2]")) {
            try (SparkEngine engine = SparkEngine.open(master, 0)) {
                Saa.Result spark = Saa.run(futures, settings, engine, Saa.Progress.NONE, new Cancel());
                assertEquals(threads.replications(), spark.replications(), master);
                assertEquals(threads.candidates(), spark.candidates(), master);
                assertEquals(threads.lower(), spark.lower(), master);
                assertEquals(threads.gap(), spark.gap(), master);
                assertEquals("Spark 4.2.0 " + master, spark.engine());
            }
        }
    }

    /** evaluate on Spark: rows in sample order, the same as on threads. */
    @Test
    void evaluateGivesTheSameRowsOnSpark() throws Exception {
        Futures futures = tiny();
        Saa.Result one;
        try (Engine engine = new ThreadEngine(1)) {
            one = Saa.run(futures, new Saa.Settings(8, 1, 2, 3, SPEC, 0.9), engine, Saa.Progress.NONE, new Cancel());
        }
        Judgement threads;
        try (Engine engine = new ThreadEngine(2)) {
            threads = Saa.evaluate(futures, one.best().stage(), 30, 9, SPEC, 0.9, engine, Saa.Progress.NONE,
                    new Cancel());
        }
        try (SparkEngine engine = SparkEngine.open("local[2]", 0)) {
            Judgement spark = Saa.evaluate(futures, one.best().stage(), 30, 9, SPEC, 0.9, engine, Saa.Progress.NONE,
                    new Cancel());
            assertEquals(threads, spark);
            for (int i = 0; i < 30; i++) {
                assertEquals(i, spark.rows().get(i).sample());
            }
        }
    }
}

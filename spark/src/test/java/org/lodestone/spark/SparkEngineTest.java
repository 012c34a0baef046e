package org.lodestone.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.saa.Cancel;
import org.lodestone.saa.Engine;
import org.lodestone.saa.Engines;

/** Cancel, failures, Parquet and the jars a cluster is sent, on one embedded local[2] engine. */
class SparkEngineTest {
    private static Engine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        // the way the core opens it: Engines finds this module's EngineFactory through ServiceLoader
        engine = Engines.open("local[2]", 0);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theCoreFindsTheSparkEngine() {
        assertInstanceOf(SparkEngine.class, engine);
        assertEquals(2, engine.parallelism());
        assertEquals("Spark 4.2.0 local[2]", engine.description());
    }

    @Test
    void aCancelKeepsTheFinishedResultsLeavesTheRestNullAndDoesNotHang() {
        int n = 40;
        List<SleepTask> tasks = IntStream.range(0, n).mapToObj(i -> new SleepTask(i, 150)).toList();
        Cancel cancel = new Cancel();
        List<Integer> results = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> engine.run(tasks, (finished, total) -> {
                    if (finished == 4) {
                        cancel.request();
                    }
                }, cancel));
        assertEquals(n, results.size());
        long done = results.stream().filter(r -> r != null).count();
        assertTrue(done >= 4 && done < n / 2, "finished before the cancel took effect: " + done);
        for (int i = 0; i < n; i++) {
            if (results.get(i) != null) {
                assertEquals(i, results.get(i), "a kept result is at its task's place");
            }
        }
        // the engine runs the next batch in full (the cancelled tasks' threads are free again)
        List<Integer> again = engine.run(tasks.subList(0, 6), Engine.Listener.NONE, new Cancel());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), again);
    }

    @Test
    void aCancelBeforeTheRunRunsNothing() {
        Cancel cancel = new Cancel();
        cancel.request();
        List<Integer> results = engine.run(List.of(new SleepTask(0, 1), new SleepTask(1, 1)),
                (finished, total) -> { throw new AssertionError("nothing runs"); }, cancel);
        assertEquals(Arrays.asList(null, null), results);
    }

    @Test
    void anInterruptOfTheCallerCancelsTheRun() throws InterruptedException {
        List<SleepTask> tasks = IntStream.range(0, 40).mapToObj(i -> new SleepTask(i, 150)).toList();
        Cancel cancel = new Cancel();
        List<List<Integer>> out = new ArrayList<>();
        boolean[] interruptKept = {false};
        Thread caller = new Thread(() -> {
            out.add(engine.run(tasks, Engine.Listener.NONE, cancel));
            interruptKept[0] = Thread.currentThread().isInterrupted();
        });
        caller.start();
        Thread.sleep(700);
        caller.interrupt();
        caller.join(30_000);
        assertFalse(caller.isAlive(), "the run returned");
        assertTrue(cancel.requested());
        assertTrue(interruptKept[0], "the caller still sees its interrupt");
        assertTrue(out.get(0).contains(null));
    }

    @Test
    void aFailingTaskFailsTheRunWithItsOwnException() {
        List<SleepTask> tasks = List.of(new SleepTask(0, 1), new SleepTask(1, 1, true), new SleepTask(2, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> engine.run(tasks, Engine.Listener.NONE, new Cancel()));
        assertTrue(e.getMessage().contains("task 1 failed on purpose"), e.getMessage());
    }

    @Test
    void parquetRoundTrip() {
        List<String> columns = List.of("sample", "seed", "objective", "status", "optimal");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new Object[] {i, 1000L + i, i * 1.5e9 + 0.25, i % 7 == 0 ? null : "OPTIMAL", i % 2 == 0});
        }
        Path dir = tmp.resolve("results");
        engine.writeParquet(dir, columns, rows);

        List<Row> read = SparkSession.active().read().parquet(dir.toString()).collectAsList();
        assertEquals(columns, Arrays.asList(SparkSession.active().read().parquet(dir.toString()).columns()));
        List<List<Object>> back = read.stream()
                .map(r -> IntStream.range(0, r.size()).mapToObj(r::get).collect(Collectors.toList()))
                .sorted(Comparator.comparing(r -> (Integer) r.get(0)))
                .toList();
        List<List<Object>> sent = rows.stream().map(Arrays::asList).toList();
        assertEquals(sent, back);
        assertEquals(Set.of(), leftovers(), "no temporary folder stays");
    }

    @Test
    void parquetReplacesAnEarlierTableWholeOrNotAtAll() throws IOException {
        Path dir = tmp.resolve("results");
        engine.writeParquet(dir, List.of("x"), List.<Object[]>of(new Object[] {1}, new Object[] {2}));
        engine.writeParquet(dir, List.of("x"), List.<Object[]>of(new Object[] {3}));
        assertEquals(List.of(3), SparkSession.active().read().parquet(dir.toString()).collectAsList().stream()
                .map(r -> r.getInt(0)).toList(), "the second table replaced the first whole");
        List<Path> before = files(dir);

        // refused before anything is written: a column of mixed types
        assertThrows(IllegalArgumentException.class, () -> engine.writeParquet(dir, List.of("x"),
                List.<Object[]>of(new Object[] {1}, new Object[] {"two"})));
        // fails while writing: the folder cannot be made (a file stands where its parent should be)
        Path blocked = tmp.resolve("a-file");
        Files.writeString(blocked, "not a folder");
        assertThrows(RuntimeException.class, () -> engine.writeParquet(blocked.resolve("results"), List.of("x"),
                List.<Object[]>of(new Object[] {1})));

        assertEquals(before, files(dir), "the earlier table is untouched");
        assertEquals(Set.of(), leftovers(), "no temporary folder stays");
        assertEquals("not a folder", Files.readString(blocked));
    }

    @Test
    void aClusterIsSentTheClassPathLessSparkAndFoldersArePacked() throws IOException {
        Set<String> spark = SparkEngine.sparkJarNames();
        assertTrue(spark.contains("spark-core_2.13-4.2.0.jar"), "the build listed Spark's jars");
        assertTrue(spark.contains("jackson-databind-2.21.3.jar"), "Jackson is Spark's, pinned to the core's version");
        List<String> jars = SparkEngine.applicationJars(tmp);
        List<String> names = jars.stream().map(j -> j.substring(j.lastIndexOf('/') + 1)).toList();
        assertTrue(names.stream().noneMatch(spark::contains), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("ortools-java-")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("picocli-")), names.toString());
        // the folder of this test's classes (target/test-classes) went as a jar of its own
        assertTrue(names.stream().anyMatch(n -> n.endsWith("test-classes.jar")), names.toString());
        assertTrue(jars.stream().allMatch(j -> j.startsWith("file:")), jars.toString());
    }

    private List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }

    private Set<String> leftovers() {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

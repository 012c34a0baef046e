package org.lodestone.saa;

import java.io.Serializable;
import java.util.List;

/**
 * Where the many independent solves of {@code saa} and {@code evaluate} run: threads of this JVM
 * ({@link ThreadEngine}) or Apache Spark (the {@code spark} module, found through
 * {@link EngineFactory}). Engines differ in where tasks run, never in what they return: the same
 * tasks give the same results, in the same order, on every engine.
 */
public interface Engine extends AutoCloseable {
    /** Hears of tasks as they finish (from any thread). */
    @FunctionalInterface
    interface Listener {
        Listener NONE = (finished, total) -> { };

        /** {@code finished} of {@code total} tasks of the current {@link #run} have finished. */
        void finished(int finished, int total);
    }

    /**
     * Runs every task and returns their results in task order. When {@code cancel} is requested,
     * tasks not yet started are not run: their results are null.
     */
    <R extends Serializable> List<R> run(List<? extends Task<R>> tasks, Listener listener, Cancel cancel);

    /** What runs the tasks, for the summary: "Spark local[2]", "Spark spark://host:7077", "2 threads". */
    String description();

    /** How many tasks run at once. */
    int parallelism();

    /**
     * Writes rows as a Parquet table in folder {@code dir} (made whole or not at all), for users who
     * analyse results in Spark, DuckDB or pandas. Column types: String, Integer, Long, Double, Boolean.
     *
     * @throws UnsupportedOperationException when this engine cannot write Parquet (only Spark can)
     */
    default void writeParquet(java.nio.file.Path dir, List<String> columns, List<Object[]> rows) {
        throw new UnsupportedOperationException("writing Parquet needs the Spark engine (--master local[*] or a cluster)");
    }

    @Override
    void close();
}

package org.lodestone.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.lodestone.saa.Cancel;
import org.lodestone.saa.Engine;
import org.lodestone.saa.Task;

import scala.Function0;
import scala.Function1;
import scala.Function2;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Runs tasks on Apache Spark: embedded in this JVM ({@code local[*]}, {@code local[N]}) or on any
 * cluster a master URL names ({@code spark://host:7077}, ...).
 *
 * <p>One Spark task per {@link Task}, one core each ({@code spark.task.cpus=1}), all tasks of a
 * {@link #run} in one Spark job whose results come back to the driver one by one as they finish
 * (SparkContext.submitJob with a result handler): the listener hears every finished task, and a
 * cancel keeps every result that arrived. Speculation is off and a cancel does not interrupt task
 * threads: a native solve cannot be stopped from outside, its solver time limit ends it.
 *
 * <p>Every {@code spark.*} system property of the driver JVM (e.g. {@code -Dspark.executor.memory=4g}
 * in {@code LODESTONE_JAVA_OPTS}) overrides the settings made here.
 */
public final class SparkEngine implements Engine {
    /** Names of the jars of Spark and its dependencies (spark-home/jars), written at build time. */
    static final String SPARK_JARS_RESOURCE = "/org/lodestone/spark/spark-jars.txt";

    private final SparkSession spark;
    private final JavaSparkContext context;
    private final String master;
    private final Path shipped;
    private final AtomicLong runs = new AtomicLong();

    private SparkEngine(SparkSession spark, String master, Path shipped) {
        this.spark = spark;
        this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.master = master;
        this.shipped = shipped;
    }

    /**
     * Starts Spark on {@code master}.
     *
     * @param taskMemoryHint MiB one solve needs beside the JVM heap; on a cluster it sizes executors'
     *                       native memory ({@code spark.executor.memoryOverhead}) unless set
     */
    public static SparkEngine open(String master, int taskMemoryHint) {
        synchronized (SparkEngine.class) {
            if (SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined()) {
                throw new IllegalStateException("a Spark engine is already open in this JVM; close it first");
            }
            SparkConf conf = new SparkConf(true); // spark.* system properties win over what follows
            conf.setMaster(master);
            conf.setIfMissing("spark.app.name", "lodestone");
            conf.setIfMissing("spark.task.cpus", "1");
            conf.setIfMissing("spark.speculation", "false");
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
            boolean local = isLocal(master);
            if (local || loopbackMaster(master)) {
                // nothing outside this machine needs to reach the driver
                conf.setIfMissing("spark.driver.host", "127.0.0.1");
                conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            }
            Path shipped = null;
            if (!local) {
                if (!conf.contains("spark.jars")) {
                    try {
                        shipped = Files.createTempDirectory("lodestone-spark-jars");
                        conf.set("spark.jars", String.join(",", applicationJars(shipped)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("could not gather the jars to send to the cluster", e);
                    }
                }
                if (taskMemoryHint > 0) {
                    int cores = conf.getInt("spark.executor.cores", 1);
                    conf.setIfMissing("spark.executor.memoryOverhead", (long) taskMemoryHint * cores + "m");
                }
            }
            SparkSession spark;
            try {
                spark = SparkSession.builder().config(conf).getOrCreate();
            } catch (RuntimeException e) {
                deleteQuietly(shipped);
                throw e;
            }
            SparkEngine engine = new SparkEngine(spark, master, shipped);
            if (!local) {
                engine.awaitExecutors();
            }
            return engine;
        }
    }

    static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    private static boolean loopbackMaster(String master) {
        try {
            String host = URI.create(master).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Waits (at most 60 s) for the cluster's executors to register, so that {@link #parallelism()}
     * counts them and the first tasks spread over every worker: until one executor is there, and
     * then until their number has not changed for 2 s.
     */
    private void awaitExecutors() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int seen = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int executors = context.sc().statusTracker().getExecutorInfos().length - 1; // less the driver
            if (executors != seen) {
                seen = executors;
                stableSince = System.nanoTime();
            } else if (executors > 0 && System.nanoTime() - stableSince > 2_000_000_000L) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The jars a cluster's executors need besides Spark: every entry of this JVM's class path whose
     * file is not one of Spark's jars (spark-home/jars); folders of classes (tests, an IDE) are
     * packed into jars in {@code into}.
     */
    static List<String> applicationJars(Path into) throws IOException {
        Set<String> spark = sparkJarNames();
        List<String> jars = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (!seen.add(path.toString()) || spark.contains(name)) {
                continue;
            }
            if (Files.isDirectory(path)) {
                Path jar = into.resolve(jars.size() + "-" + name + ".jar");
                packFolder(path, jar);
                jars.add(jar.toUri().toString());
            } else if (Files.isRegularFile(path) && name.endsWith(".jar")) {
                jars.add(path.toUri().toString());
            }
        }
        return jars;
    }

    /** The file names of Spark's jars, as the build listed them (empty when the list is missing). */
    static Set<String> sparkJarNames() throws IOException {
        try (InputStream in = SparkEngine.class.getResourceAsStream(SPARK_JARS_RESOURCE)) {
            if (in == null) {
                return Set.of();
            }
            Set<String> names = new LinkedHashSet<>();
            for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("[:;\\s]+")) {
                if (!entry.isBlank()) {
                    names.add(entry.substring(Math.max(entry.lastIndexOf('/'), entry.lastIndexOf('\\')) + 1));
                }
            }
            return names;
        }
    }

    private static void packFolder(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    out.putNextEntry(new JarEntry(folder.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        }
    }

    @Override
    public <R extends Serializable> List<R> run(List<? extends Task<R>> tasks, Listener listener, Cancel cancel) {
        int n = tasks.size();
        Object[] results = new Object[n];
        if (n == 0 || cancel.requested()) {
            return resultList(results);
        }
        String group = "lodestone-" + runs.incrementAndGet();
        SparkContext sc = context.sc();
        // one task per partition (parallelize slices n elements into n partitions of one)
        org.apache.spark.rdd.RDD<Task<R>> rdd = context.<Task<R>>parallelize(new ArrayList<>(tasks), n).rdd();
        Function1<scala.collection.Iterator<Task<R>>, R> solve =
                (Function1<scala.collection.Iterator<Task<R>>, R> & Serializable) SparkEngine::runOne;
        int[] finished = {0};
        boolean[] open = {true};
        Function2<Object, R, BoxedUnit> collect = (index, result) -> {
            int done;
            synchronized (results) {
                if (!open[0]) {
                    return BoxedUnit.UNIT;
                }
                results[(Integer) index] = result;
                done = ++finished[0];
            }
            listener.finished(done, n);
            return BoxedUnit.UNIT;
        };
        Function0<BoxedUnit> end = () -> BoxedUnit.UNIT;
        List<Object> partitions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            partitions.add(i);
        }
        SimpleFutureAction<BoxedUnit> job;
        sc.setJobGroup(group, "lodestone: " + n + " tasks", false);
        try {
            job = sc.submitJob(rdd, solve, CollectionConverters.asScala(partitions).toSeq(), collect, end);
        } finally {
            sc.clearJobGroup();
        }
        cancel.onRequest(() -> {
            if (!sc.isStopped()) {
                sc.cancelJobGroup(group, "cancelled (Ctrl-C)");
            }
        });
        awaitQuietly(job, cancel);
        Try<BoxedUnit> outcome = job.value().get();
        synchronized (results) {
            open[0] = false;
        }
        if (outcome.isFailure() && !cancel.requested()) {
            throw rethrown(outcome.failed().get());
        }
        return resultList(results);
    }

    /** The work of one Spark task: its partition holds exactly one {@link Task}. */
    private static <R extends Serializable> R runOne(scala.collection.Iterator<Task<R>> partition) {
        return partition.next().run();
    }

    /**
     * Waits for the job to end. An interrupt of the waiting thread cancels the run (the job then
     * ends at once) and is kept for the caller to see.
     */
    private static void awaitQuietly(SimpleFutureAction<BoxedUnit> job, Cancel cancel) {
        boolean interrupted = false;
        while (!job.isCompleted()) {
            try {
                Await.ready(job, Duration.Inf());
            } catch (Exception e) { // InterruptedException: Scala declares none
                if (!(e instanceof InterruptedException)) {
                    throw new IllegalStateException(e);
                }
                interrupted = true;
                cancel.request();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A task's own exception where Spark kept it (as cause), else Spark's. */
    private static RuntimeException rethrown(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause instanceof org.apache.spark.SparkException) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("a Spark task failed: " + failure.getMessage(), failure);
    }

    @SuppressWarnings("unchecked")
    private static <R> List<R> resultList(Object[] results) {
        return Collections.unmodifiableList((List<R>) Arrays.asList(results.clone()));
    }

    @Override
    public String description() {
        return "Spark " + context.version() + " " + master;
    }

    @Override
    public int parallelism() {
        return context.defaultParallelism();
    }

    /**
     * Writes the rows as one Parquet file in a new folder beside {@code dir}, then puts it in
     * {@code dir}'s place (an earlier {@code dir} is replaced only once the new one is complete). On
     * a cluster the executors write, so {@code dir} must be on a file system they share with the
     * driver.
     */
    @Override
    public void writeParquet(Path dir, List<String> columns, List<Object[]> rows) {
        StructType schema = schema(columns, rows);
        List<Row> data = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            data.add(RowFactory.create(row));
        }
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        String token = UUID.randomUUID().toString().substring(0, 8);
        Path fresh = parent.resolve("." + target.getFileName() + ".writing-" + token);
        Path old = parent.resolve("." + target.getFileName() + ".replaced-" + token);
        try {
            Files.createDirectories(parent);
            spark.createDataFrame(data, schema).coalesce(1).write().parquet(fresh.toUri().toString());
            boolean replacing = Files.exists(target);
            if (replacing) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (replacing) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            deleteQuietly(old);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + dir, e);
        } finally {
            deleteQuietly(fresh);
        }
    }

    /** Each column's type from its values (String, Integer, Long, Double, Boolean; all null: String). */
    static StructType schema(List<String> columns, List<Object[]> rows) {
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("duplicate column names: " + columns);
        }
        StructField[] fields = new StructField[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Class<?> type = null;
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException("row " + r + " has " + row.length + " values for "
                            + columns.size() + " columns");
                }
                Object value = row[c];
                if (value == null) {
                    continue;
                }
                if (type == null) {
                    type = value.getClass();
                } else if (value.getClass() != type) {
                    throw new IllegalArgumentException("column " + columns.get(c) + ": row " + r + " holds a "
                            + value.getClass().getSimpleName() + ", earlier rows a " + type.getSimpleName());
                }
            }
            fields[c] = DataTypes.createStructField(columns.get(c), sparkType(columns.get(c), type), true);
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType sparkType(String column, Class<?> type) {
        if (type == null || type == String.class) {
            return DataTypes.StringType;
        } else if (type == Integer.class) {
            return DataTypes.IntegerType;
        } else if (type == Long.class) {
            return DataTypes.LongType;
        } else if (type == Double.class) {
            return DataTypes.DoubleType;
        } else if (type == Boolean.class) {
            return DataTypes.BooleanType;
        }
        throw new IllegalArgumentException("column " + column + ": values of type " + type.getSimpleName()
                + " cannot be written (String, Integer, Long, Double, Boolean)");
    }

    private static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }

    @Override
    public void close() {
        try {
            spark.stop();
        } finally {
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            deleteQuietly(shipped);
        }
    }
}

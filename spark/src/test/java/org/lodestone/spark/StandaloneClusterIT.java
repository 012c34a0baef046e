package org.lodestone.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.saa.Cancel;
import org.lodestone.saa.Engine;
import org.lodestone.spark.SolveTask.Objective;

/**
 * A real Spark standalone cluster on this machine: a master and a worker, each a java process of
 * its own started from the module's spark-home (as a cluster's machines would run them, without
 * Spark's scripts), and the worker's executor JVMs. The driver (this JVM) sends them the same
 * solves as local mode and must get the same rows. Every process it started is ended, also when
 * the test fails.
 */
class StandaloneClusterIT {
    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @Test
    void aStandaloneClusterGivesTheRowsOfLocalMode() throws Exception {
        List<SolveTask> tasks = SolveTask.some(9);
        List<Objective> local;
        org.lodestone.saa.Futures futures = SaaOnSparkTest.tiny();
        org.lodestone.plan.FirstStage stage = new org.lodestone.plan.FirstStage(
                List.of(new org.lodestone.plan.FirstStage.Build("mA", 2026, 1)), List.of());
        org.lodestone.saa.Judgement localEvaluation;
        try (SparkEngine engine = SparkEngine.open("local[2]", 0)) {
            local = engine.run(tasks, Engine.Listener.NONE, new Cancel());
            localEvaluation = org.lodestone.saa.Saa.evaluate(futures, stage, 16, 4, SaaOnSparkTest.SPEC, 0.9, engine,
                    org.lodestone.saa.Saa.Progress.NONE, new Cancel());
        }
        try {
            int masterPort = freePort();
            start("master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", "" + masterPort, "--webui-port", "" + freePort());
            awaitPort(masterPort, 60);
            String master = "spark://127.0.0.1:" + masterPort;
            start("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port", "" + freePort(),
                    "--webui-port", "" + freePort(), "--cores", "2", "--memory", "2g",
                    "--work-dir", tmp.resolve("work").toString(), master);

            try (SparkEngine engine = SparkEngine.open(master, 1300)) {
                assertEquals("Spark 4.2.0 " + master, engine.description());
                assertEquals(2, engine.parallelism(), "the worker's two cores registered");
                int[] heard = {0};
                List<Objective> cluster = engine.run(tasks, (finished, total) -> heard[0] = Math.max(heard[0], finished),
                        new Cancel());
                assertEquals(local, cluster);
                assertEquals(tasks.size(), heard[0]);
                // an evaluation (lodestone evaluate's tasks) on the cluster: the same rows as local mode
                org.lodestone.saa.Judgement clusterEvaluation = org.lodestone.saa.Saa.evaluate(futures, stage, 16, 4,
                        SaaOnSparkTest.SPEC, 0.9, engine, org.lodestone.saa.Saa.Progress.NONE, new Cancel());
                assertEquals(16, clusterEvaluation.rows().size());
                assertEquals(localEvaluation, clusterEvaluation);
            }
        } catch (Throwable t) {
            for (Path log : List.of(tmp.resolve("master.log"), tmp.resolve("worker.log"))) {
                if (Files.exists(log)) {
                    System.err.println("---- " + log.getFileName() + "\n" + Files.readString(log));
                }
            }
            throw t;
        } finally {
            stopAll();
        }
    }

    /** A java process from spark-home: its jars and conf/ on the class path, SPARK_HOME set. */
    private void start(String name, String mainClass, String... args) throws IOException {
        Path home = Path.of(System.getProperty("lodestone.spark.home", "target/spark-home")).toAbsolutePath();
        assertTrue(Files.isDirectory(home.resolve("jars")), home + "/jars is made by `mvn package`");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(home.resolve("conf") + java.io.File.pathSeparator + home.resolve("jars") + "/*");
        command.add("-Xmx256m");
        command.addAll(Arrays.asList(System.getProperty("lodestone.spark.javaOptions", "").trim().split("\\s+")));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        // what Spark's scripts (load-spark-env.sh) set; the worker's launcher of executors needs it
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOCAL_DIRS", tmp.resolve("local").toString());
        Process process = builder.start();
        started.add(process);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> destroyTree(process)));
    }

    /** The worker first (it ends its executors), then the master; forcibly after 15 s. */
    private void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            destroyTree(started.get(i));
        }
    }

    private static void destroyTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // executors the worker started, should one outlive it
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the master did not listen on port " + port + " within " + seconds + " s");
    }
}

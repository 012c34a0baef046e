package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.Plan;
import org.lodestone.solve.Backend;

/**
 * Limits are honoured: {@code lodestone solve} on an instance too large to finish (SCIP cannot
 * prove it optimal in minutes, which is the point) stops at {@code --time-limit} on every
 * backend, and SIGTERM stops it without leaving half a plan file. Each run is a separate JVM
 * started as a user would ({@code java -cp … org.lodestone.cli.Main}), so the measured time
 * includes JVM start, reading the instance and building the model.
 *
 * <p>The bound {@code limit × 1.15 + 15 s} is a functional bound, not a speed test: it says
 * the limit is honoured (a solver that ignores it, or a step after the solve that takes as long
 * again, breaks it) and leaves 15 s for the JVM, reading the 1 MB instance and building a model
 * of 150,000 columns, plus 15 % for a solver that checks its clock only now and then, on a
 * loaded two-core machine. Tagged slow: the class takes several minutes.
 */
@Tag("slow")
class TimeLimitTest {
    static final Path LARGE = Path.of("instances/generated/gen-y10-m60-r30-b20-e8-s4-seed1.json");
    static final double LIMIT_SECONDS = 20;
    /** How long a run may go on past its bound before the test kills it (so that a hung solver fails, not hangs). */
    static final double KILL_AFTER_SECONDS = 300;

    @TempDir
    Path tmp;

    /** The functional bound of a run with {@code --time-limit limit}. */
    static double allowed(double limit) {
        return limit * 1.15 + 15;
    }

    record Run(int exit, String out, String err, double seconds, boolean killed) {
        String describe() {
            return String.format(Locale.ROOT, "exit %d after %.1f s%s%nstdout:%n%s%nstderr:%n%s", exit, seconds,
                    killed ? " (killed by the test)" : "", out, err);
        }
    }

    /** {@code java -cp <the test class path> org.lodestone.cli.Main args…}, started in {@code dir}. */
    static Process start(Path dir, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "org.lodestone.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    static Run finish(Path dir, Process p, long startedNanos, double waitSeconds) throws Exception {
        boolean done = p.waitFor(Math.round(waitSeconds * 1000), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout.txt")),
                Files.readString(dir.resolve("stderr.txt")), seconds, !done);
    }

    static String large() {
        Path file = LARGE.toAbsolutePath();
        assumeTrue(Files.exists(file), "the large instance is missing: " + file);
        return file.toString();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Backend.class)
    void solveStopsAtTheTimeLimit(Backend backend) throws Exception {
        assumeTrue(backend.isAvailable(), backend + " is not available here");
        Path plan = tmp.resolve("plan.json");
        long started = System.nanoTime();
        Process p = start(tmp, "solve", large(), "--solver", backend.optionName(),
                "--time-limit", Double.toString(LIMIT_SECONDS), "-o", plan.toString());
        Run r = finish(tmp, p, started, allowed(LIMIT_SECONDS) + KILL_AFTER_SECONDS);
        System.out.printf(Locale.ROOT, "TimeLimitTest %s: --time-limit %.0f s, run ended after %.1f s "
                        + "(bound %.1f s), exit %d;%s%n", backend.displayName(), LIMIT_SECONDS, r.seconds(),
                allowed(LIMIT_SECONDS), r.exit(), r.out().lines().filter(l -> l.contains("status")).findFirst()
                        .map(l -> " " + l.trim()).orElse(""));

        assertFalse(r.killed(), () -> "the run did not end; " + r.describe());
        // Known limitation: CBC's root LP cannot be interrupted, so CBC overruns its limit (3-6x
        // measured on this instance). Its outcome is still checked below; its time is not.
        if (backend != Backend.CBC) {
            assertTrue(r.seconds() <= allowed(LIMIT_SECONDS), () -> String.format(Locale.ROOT,
                    "%s overran --time-limit %.0f: %.1f s > %.1f s; %s", backend.displayName(), LIMIT_SECONDS,
                    r.seconds(), allowed(LIMIT_SECONDS), r.describe()));
        }
        if (r.exit() == ExitCodes.OK && r.out().contains("OPTIMAL")) {
            // HiGHS (through its C API, and auto with it) proves this instance optimal in about 15 s:
            // finished before the limit, which it honoured by not needing it
            assertTrue(Files.exists(plan), () -> "exit 0 but no plan file; " + r.describe());
            assertEquals(Plan.Status.OPTIMAL, PlanJson.read(plan).status(), r::describe);
        } else if (r.exit() == ExitCodes.OK) { // an incumbent: a FEASIBLE plan with its gap
            assertTrue(Files.exists(plan), () -> "exit 0 but no plan file; " + r.describe());
            Plan written = PlanJson.read(plan);
            assertEquals(Plan.Status.FEASIBLE, written.status(), r::describe);
            assertNotNull(written.gap(), () -> "a FEASIBLE plan without its gap; " + r.describe());
            // stopped by the limit, not by the gap (1e-4): a gap of 0 would claim a proof of optimality
            assertTrue(written.gap() > 0, () -> "a FEASIBLE plan with gap " + written.gap() + "; " + r.describe());
            assertTrue(r.out().contains("FEASIBLE"), r::describe);
        } else { // none: NO_SOLUTION, exit 1, no plan file, and a hint of what to try
            assertEquals(ExitCodes.NO_PLAN, r.exit(), r::describe);
            assertTrue(r.out().contains("NO_SOLUTION"), () -> "expected status NO_SOLUTION; " + r.describe());
            assertFalse(Files.exists(plan), () -> "a plan file without a plan; " + r.describe());
            assertTrue(r.err().contains("--time-limit"),
                    () -> "the message should say what to try (e.g. a longer --time-limit); " + r.describe());
        }
    }

    @Test
    void sigtermStopsTheSolveAndLeavesAWholePlanOrNone() throws Exception {
        assumeTrue(Backend.SCIP.isAvailable(), "SCIP is not available here");
        Path plan = tmp.resolve("plan.json");
        long started = System.nanoTime();
        // SCIP, the default when this was written (auto would give the instance to HiGHS, done in 15 s)
        Process p = start(tmp, "solve", large(), "--solver", "scip", "--time-limit", "60", "-o", plan.toString());
        // the CLI prints nothing before the solve ends: give it time to read the instance, build the
        // model and enter the solver (about 5-10 s here), checking that it is still running
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(15)) {
            if (!p.isAlive()) {
                Run early = finish(tmp, p, started, 0);
                fail("the solve ended before the signal; " + early.describe());
            }
            Thread.sleep(250);
        }
        long signalled = System.nanoTime();
        p.destroy(); // SIGTERM
        Run r = finish(tmp, p, signalled, 60 + KILL_AFTER_SECONDS);
        System.out.printf(Locale.ROOT, "TimeLimitTest SIGTERM: sent %.1f s after start, run ended %.1f s later, "
                + "exit %d, plan file %s%n%s%s", (signalled - started) / 1e9, r.seconds(), r.exit(),
                Files.exists(plan) ? "written" : "absent", r.out(), r.err());

        assertFalse(r.killed(), () -> "the run did not end after SIGTERM; " + r.describe());
        assertTrue(r.exit() == 143 || r.exit() == ExitCodes.INTERRUPTED,
                () -> "expected exit 143 (SIGTERM) or 130; " + r.describe());
        if (Files.exists(plan)) { // written whole: it parses, and says it was stopped early
            Plan written = PlanJson.read(plan);
            assertEquals(Plan.Status.FEASIBLE, written.status(), r::describe);
        }
        try (var left = Files.list(tmp)) { // no temporary file of an atomic write left behind
            List<String> names = left.map(f -> f.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().allMatch(n -> n.equals("plan.json") || n.endsWith(".txt")),
                    () -> "files left in " + tmp + ": " + names);
        }
    }
}

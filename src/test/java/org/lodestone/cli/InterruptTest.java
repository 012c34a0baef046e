package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.Plan;
import org.lodestone.solve.Backend;

/**
 * Ctrl-C during a long SCIP solve (issue 12, point 2): in each phase of the solve — presolving and
 * the root LP of the large generated instance, the tree search of a small instance SCIP has to
 * branch on — SIGINT stops the run within {@link #MAX_SECONDS_TO_EXIT}, with exit code 130, the
 * best plan so far written whole (or a clear word that there is none yet, and no file), and the
 * progress line not redrawn after the signal.
 *
 * <p>Each run is a separate JVM ({@code java -cp … org.lodestone.cli.Main}, as {@link TimeLimitTest}
 * starts it) with {@code -Dlodestone.progress=always}, so that its progress line goes to the stderr
 * file although that is not a terminal: the test reads the solver's phase there and sends SIGINT
 * ({@code kill -INT}) a little after the phase has begun. The bound is functional, not a speed
 * test: on a loaded two-core machine the run takes up to 4 s from the signal to its exit (the
 * large instance's plan is extracted, summarised and written in that time); before SCIP's LP was
 * interrupted too, a signal during the root LP went unheard for 30 s and the run ended with
 * nothing. Tagged slow: the large instance needs 30-60 s to reach its root LP.
 */
@Tag("slow")
class InterruptTest {
    /** From the signal to the end of the process, output written. */
    static final double MAX_SECONDS_TO_EXIT = 10;
    /** How long the test waits for a phase before it gives up. */
    static final double MAX_SECONDS_TO_PHASE = 240;
    /** After the phase is seen, the signal waits this long, so that it lands inside the phase. */
    static final double SECONDS_INTO_PHASE = 3;

    /** Where in a solve the signal is sent. */
    enum Phase {
        /** SCIP's presolving of the large instance (20-40 s on two busy cores); no plan exists yet. */
        PRESOLVE("presolving", false),
        /** The large instance's root LP (minutes in SoPlex), with the trivial plan found at its start. */
        ROOT_LP("root node: best", true),
        /** Branch and bound on the small instance {@code branching.json}, an incumbent in hand. */
        TREE("branch and bound, node", true);

        final String marker;
        final boolean planExpected;

        Phase(String marker, boolean planExpected) {
            this.marker = marker;
            this.planExpected = planExpected;
        }
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Phase.class)
    void ctrlCStopsTheSolveAndKeepsTheBestPlanSoFar(Phase phase) throws Exception {
        assumeTrue(Backend.SCIP.isAvailable(), "SCIP is not available here");
        Path plan = tmp.resolve("plan.json");
        String instance = phase == Phase.TREE ? branching() : TimeLimitTest.large();
        List<String> args = new ArrayList<>(List.of("solve", instance, "--solver", "scip", "--time-limit", "300",
                "-o", plan.toString()));
        if (phase == Phase.TREE) {
            args.addAll(List.of("--gap", "0"));
        }
        long started = System.nanoTime();
        Process p = start(tmp, args);
        Path stderr = tmp.resolve("stderr.txt");
        waitFor(p, started, stderr, s -> lastStatus(s).contains(phase.marker), phase);
        Thread.sleep(Math.round(SECONDS_INTO_PHASE * 1000));
        String before = read(stderr);
        assertTrue(p.isAlive(), () -> "the solve ended before the signal; " + before);
        String phaseAtSignal = lastStatus(read(stderr));
        long signalled = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        TimeLimitTest.Run r = TimeLimitTest.finish(tmp, p, signalled, MAX_SECONDS_TO_EXIT + TimeLimitTest.KILL_AFTER_SECONDS);
        System.out.printf(Locale.ROOT, "InterruptTest %s: SIGINT %.1f s after start at \"%s\", exit %d %.2f s later, "
                        + "plan file %s%n", phase, (signalled - started) / 1e9, phaseAtSignal.strip(), r.exit(),
                r.seconds(), Files.exists(plan) ? "written" : "absent");

        assertFalse(r.killed(), () -> "the run did not end after SIGINT; " + r.describe());
        assertEquals(ExitCodes.INTERRUPTED, r.exit(), r::describe);
        assertTrue(r.seconds() <= MAX_SECONDS_TO_EXIT, () -> String.format(Locale.ROOT,
                "%.1f s from SIGINT to exit (at most %.0f s); %s", r.seconds(), MAX_SECONDS_TO_EXIT, r.describe()));
        String note = "lodestone: stopping the solver ...";
        assertTrue(r.err().contains(note), () -> "no word that the solver is stopping; " + r.describe());
        String afterNote = r.err().substring(r.err().indexOf(note));
        assertFalse(afterNote.contains("\r  ["), () -> "the progress line was redrawn after the signal; " + r.describe());
        if (phase.planExpected) {
            assertTrue(Files.exists(plan), () -> "an incumbent existed but no plan was written; " + r.describe());
            Plan written = PlanJson.read(plan);
            assertEquals(Plan.Status.FEASIBLE, written.status(), r::describe);
            assertTrue(r.out().contains("FEASIBLE"), r::describe);
            assertTrue(r.err().contains("the best plan found so far is FEASIBLE and was written to " + plan),
                    r::describe);
        } else {
            assertFalse(Files.exists(plan), () -> "a plan file without a plan; " + r.describe());
            assertTrue(r.err().contains("no plan had been found yet (" + plan + " was not written)"), r::describe);
        }
        try (var left = Files.list(tmp)) { // no temporary file of an atomic write left behind
            List<String> names = left.map(f -> f.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().allMatch(n -> n.equals("plan.json") || n.endsWith(".txt")),
                    () -> "files left in " + tmp + ": " + names);
        }
    }

    /**
     * {@code java -Dlodestone.progress=always -cp … org.lodestone.cli.Main args…}. A JVM started with
     * SIGINT ignored (a background job of a non-interactive shell) passes that on to its children,
     * and the JVM then leaves SIGINT ignored: there the child is started through Perl, which
     * restores the default first.
     */
    static Process start(Path dir, List<String> args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")),
                    "SIGINT is ignored in this process and there is no perl to restore it for the child");
            command.addAll(List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlodestone.progress=always", "-cp", classPath, "org.lodestone.cli.Main"));
        command.addAll(args);
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    /** Whether this JVM's SIGINT is ignored (bit 2 of SigIgn in /proc/self/status, Linux). */
    static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    /** Waits until the stderr file satisfies {@code reached}, failing when the process ends first or too late. */
    private static void waitFor(Process p, long started, Path stderr, Predicate<String> reached, Phase phase)
            throws Exception {
        while (!reached.test(read(stderr))) {
            if (!p.isAlive()) {
                fail("the solve ended before reaching " + phase + "; stderr:\n" + read(stderr));
            }
            if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(Math.round(MAX_SECONDS_TO_PHASE))) {
                p.destroyForcibly().waitFor();
                fail(phase + " not reached within " + MAX_SECONDS_TO_PHASE + " s; stderr:\n" + read(stderr));
            }
            Thread.sleep(200);
        }
    }

    /** The last status line drawn ("  [41 s] SCIP root node: best …"), or "". */
    static String lastStatus(String stderr) {
        int at = stderr.lastIndexOf("\r  [");
        if (at < 0) {
            return "";
        }
        int end = stderr.indexOf('\r', at + 1);
        int newline = stderr.indexOf('\n', at + 1);
        if (end < 0 || (newline >= 0 && newline < end)) {
            end = newline;
        }
        return end < 0 ? stderr.substring(at + 1) : stderr.substring(at + 1, end);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String branching() throws URISyntaxException {
        return Path.of(InterruptTest.class.getResource("/instances/branching.json").toURI()).toString();
    }
}

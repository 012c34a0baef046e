package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.solve.MipSolver;

/**
 * What a new user tripped over (issue 12): bad output paths found only after the solve, usage
 * errors buried in the whole usage text, one rule said as four, slips that are valid but
 * surely not meant, YAML's "*", files not named, a series silently replaced.
 */
class NewUserTest {
    @TempDir
    Path tmp;

    /** A solver that counts its calls, to show that nothing was solved. */
    private static final class Counting implements MipSolver {
        final AtomicInteger solves = new AtomicInteger();
        final MipSolver real = MipSolver.create();

        @Override
        public org.lodestone.solve.SolveResult solve(org.lodestone.model.MipModel model,
                                                     org.lodestone.solve.SolveOptions options,
                                                     org.lodestone.solve.SolveControl control) {
            solves.incrementAndGet();
            return real.solve(model, options, control);
        }
    }

    private static final String QUICKSTART = "instances/quickstart.json";

    @Test
    void badOutputPathsAreRefusedBeforeTheInstanceIsRead() {
        Counting solver = new Counting();
        // the instance does not exist either: the paths are checked first, so only they are named
        CliTest.Run r = CliTest.run(solver, "solve", "no-such-instance.json", "-o", "/nonexistent/dir/plan.json",
                "--report", tmp.toString());
        assertAll(
                () -> assertEquals(ExitCodes.BAD_INPUT, r.exit()),
                () -> assertEquals(0, solver.solves.get()),
                () -> assertEquals("2 problems:\n  -o: the folder /nonexistent/dir does not exist\n"
                        + "  --report: " + tmp + " is a folder; give a file name in it, e.g. "
                        + tmp.resolve("report.html") + "\n", r.err()));
    }

    @Test
    void analysesCheckTheirReportAndFoldersBeforeSolving() {
        Counting solver = new Counting();
        CliTest.Run sweep = CliTest.run(solver, "sweep", QUICKSTART, "--param", "/riskWeight", "--values", "0,1",
                "--report", "/nonexistent/r.html");
        CliTest.Run pareto = CliTest.run(solver, "pareto", QUICKSTART, "--output-dir", "/nonexistent/a/b");
        CliTest.Run generate = CliTest.run(solver, "generate", "-o", tmp.toString());
        assertAll(
                () -> assertEquals(0, solver.solves.get()),
                () -> assertEquals(ExitCodes.BAD_INPUT, sweep.exit()),
                () -> assertEquals("--report: the folder /nonexistent does not exist\n", sweep.err()),
                () -> assertEquals(ExitCodes.BAD_INPUT, pareto.exit()),
                () -> assertEquals("--output-dir: the folder /nonexistent/a does not exist\n", pareto.err()),
                () -> assertEquals(ExitCodes.BAD_INPUT, generate.exit()),
                () -> assertTrue(generate.err().startsWith("-o: " + tmp + " is a folder"), generate.err()));
    }

    @Test
    void aWriteThatStillFailsComesAfterTheSummaryAndNamesTheFile() throws Exception {
        // the folder exists and is writable, but no file system takes a name this long
        Path plan = tmp.resolve("p".repeat(300) + ".json");
        CliTest.Run r = CliTest.run("solve", CliTest.conformance("t01_plain.json"), "-o", plan.toString());
        assertAll(
                () -> assertEquals(ExitCodes.NO_PLAN, r.exit()),
                () -> assertTrue(r.out().contains("objective 12,157,500"), "the summary is printed: " + r.out()),
                () -> assertTrue(r.err().startsWith("lodestone: could not write " + plan + ": "), r.err()),
                () -> assertFalse(Files.exists(plan)),
                r::assertNoStackTrace);
    }

    @Test
    void aUsageErrorIsOneLineAndAPointerToHelp() {
        CliTest.Run solver = CliTest.run("solve", QUICKSTART, "--solver", "gurobi");
        CliTest.Run points = CliTest.run("pareto", QUICKSTART, "--points", "many");
        assertAll(
                () -> assertEquals(ExitCodes.BAD_INPUT, solver.exit()),
                () -> assertEquals("lodestone: Invalid value for option '--solver': unknown solver 'gurobi' "
                        + "(choose auto, scip, highs, highs-ortools or cbc)\nTry 'lodestone solve --help' for its options.\n", solver.err()),
                () -> assertEquals(ExitCodes.BAD_INPUT, points.exit()),
                () -> assertEquals(2, points.err().lines().count(), points.err()),
                () -> assertTrue(points.err().endsWith("Try 'lodestone pareto --help' for its options.\n")));
    }

    @Test
    void onlyTheBrokenRuleIsSaid() {
        CliTest.Run r = CliTest.run("solve", QUICKSTART, "--time-limit", "-5");
        CliTest.Run two = CliTest.run("sweep", QUICKSTART, "--param", "/riskWeight", "--values", "0", "--gap", "-1",
                "--threads", "0");
        assertAll(
                () -> assertEquals("lodestone: --time-limit must be > 0 seconds (got -5)\n"
                        + "Try 'lodestone solve --help' for its options.\n", r.err()),
                () -> assertTrue(two.err().startsWith("lodestone: --gap must be >= 0 (got -1); --threads must be "
                        + ">= 1 (got 0)\n"), two.err()));
    }

    @Test
    void lodestoneAloneListsEveryCommand() {
        CliTest.Run r = CliTest.run();
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        for (String command : List.of("solve", "validate", "verify", "generate", "compare", "sweep", "pareto",
                "stress", "sample", "saa", "evaluate")) {
            assertTrue(r.err().lines().findFirst().orElse("").contains(command), command + " missing: " + r.err());
        }
    }

    /** A lone "%" in a description (e.g. "95 % confidence") makes picocli print a warning on every start. */
    @Test
    void everyUsageMessageFormatsWithoutAWarning() {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            picocli.CommandLine root = LodestoneCommand.commandLine(new java.io.PrintWriter(new java.io.StringWriter()),
                    new java.io.PrintWriter(new java.io.StringWriter()));
            root.getUsageMessage();
            root.getSubcommands().values().forEach(picocli.CommandLine::getUsageMessage);
        } finally {
            System.setErr(before);
        }
        assertEquals("", captured.toString());
    }

    @Test
    void validSlipsAreWarnedAbout() throws Exception {
        CliTest.Run gap = CliTest.run("solve", CliTest.conformance("t01_plain.json"), "--gap", "0.8");
        CliTest.Run rate = CliTest.run("solve", CliTest.conformance("t01_plain.json"), "--set", "/discountRate=0.8");
        CliTest.Run fine = CliTest.run("solve", CliTest.conformance("t01_plain.json"), "--gap", "0.5",
                "--set", "/discountRate=0.5");
        assertAll(
                () -> assertEquals(0, gap.exit()),
                () -> assertTrue(gap.err().contains("lodestone: warning: --gap 0.8 lets a solve stop with a plan up to"
                        + " 80 % above the best possible"), gap.err()),
                () -> assertEquals(0, rate.exit()),
                () -> assertTrue(rate.err().contains("lodestone: warning: discountRate 0.8 discounts 80 % a year"),
                        rate.err()),
                () -> assertFalse(fine.err().contains("warning"), fine.err()));
    }

    @Test
    void yamlStarGetsAHint() throws Exception {
        Path yaml = tmp.resolve("r.yaml");
        Files.writeString(yaml, "schema: lodestone/1\nname: x\nrefineries:\n  - id: r\n    recovery: {*: 0.9}\n");
        CliTest.Run r = CliTest.run("validate", yaml.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        assertTrue(r.err().contains("(in YAML a bare * starts an alias: quote it, e.g. recovery: {\"*\": 0.9})"),
                r.err());
    }

    @Test
    void compareOfTwoFilesNamesTheBrokenOne() throws Exception {
        Path broken = tmp.resolve("variant.json");
        Files.writeString(broken, Files.readString(Path.of(QUICKSTART)).replaceFirst("\"horizon\"", "\"horizn\""));
        CliTest.Run r = CliTest.run("compare", QUICKSTART, broken.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        // each line names the file; compare of two files takes no --set, so the place is a pointer only
        assertTrue(r.err().lines().filter(l -> !l.endsWith("problems:")).allMatch(l -> l.contains(" (in " + broken
                + ")  [pointer /")), r.err());
    }

    @Test
    void sweepingASeriesSaysItReplacesTheWholeSeries() {
        CliTest.Run r = CliTest.run("sweep", "instances/tutorial-mandate.json", "--param",
                "/buyers/0/mandate/minShare", "--values", "0,1", "--set", "/buyers/0/mandate/minShare={\"2026\":0,"
                        + "\"2027\":1}");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("lodestone: note: /buyers/0/mandate/minShare is a series ({\"2026\":0,\"2027\":1}); "
                + "each value replaces the whole series with the same value every year. To sweep one year's value, "
                + "use /buyers/0/mandate/minShare/2027"), r.err());
    }

    @Test
    void writtenFilesAreSaidOnStderrWhateverTheFormat() throws Exception {
        for (String format : List.of("text", "csv", "json", "markdown")) {
            Path report = tmp.resolve(format + ".html");
            CliTest.Run r = CliTest.run("sweep", CliTest.conformance("t01_plain.json"), "--param", "/riskWeight",
                    "--values", "0", "--format", format, "--report", report.toString());
            assertTrue(r.err().contains("Report written to " + report), format + ": " + r.err());
            assertFalse(r.out().contains("written to"), format + ": " + r.out());
        }
        Path plan = tmp.resolve("plan.json");
        CliTest.Run solve = CliTest.run("solve", CliTest.conformance("t01_plain.json"), "-o", plan.toString());
        assertTrue(solve.err().contains("Plan written to " + plan), solve.err());
        assertFalse(solve.out().contains("written to"), solve.out());
    }

    @Test
    void anInterruptedAnalysisPrintsWhatFinishedAndExits130() throws Exception {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine commandLine = new picocli.CommandLine(new LodestoneCommand(MipSolver.create()));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        org.lodestone.analysis.Settings settings = new org.lodestone.analysis.Settings(MipSolver.create(),
                org.lodestone.solve.SolveOptions.defaults(), 1, org.lodestone.analysis.Progress.NONE);
        AnalysisOptions options = new AnalysisOptions();
        // what the Ctrl-C hook does, from inside the analysis
        int exit = options.interruptible(commandLine, settings, () -> {
            settings.stop().request();
            return ExitCodes.OK;
        });
        assertEquals(ExitCodes.INTERRUPTED, exit);
        assertTrue(err.toString().startsWith("lodestone: interrupted; the results above are INCOMPLETE"), err.toString());
        assertEquals(ExitCodes.OK, options.interruptible(commandLine, new org.lodestone.analysis.Settings(
                MipSolver.create(), org.lodestone.solve.SolveOptions.defaults(), 1,
                org.lodestone.analysis.Progress.NONE), () -> ExitCodes.OK));
    }
}

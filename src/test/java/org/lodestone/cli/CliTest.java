package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.model.MipModel;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveControl;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

/** Each command's output and exit code, called in-process as a user would on the command line. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        void assertNoStackTrace() {
            assertFalse(err.contains("\tat ") || err.contains("Exception in"), "stack trace on stderr:\n" + err);
        }
    }

    static Run run(MipSolver solver, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LodestoneCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), solver)
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(MipSolver.create(), args);
    }

    static String conformance(String name) throws URISyntaxException {
        return Path.of(CliTest.class.getResource("/conformance/" + name).toURI()).toString();
    }

    @Test
    void solvePrintsTheSummaryAndWritesThePlan() throws Exception {
        Path plan = tmp.resolve("plan.json");
        Run r = run("solve", conformance("t01_plain.json"), "-o", plan.toString());
        assertAll(
                () -> assertEquals(0, r.exit(), r.err()),
                () -> assertTrue(r.out().contains("OPTIMAL"), r.out()),
                () -> assertTrue(r.out().contains("12,157,500"), r.out()),
                () -> assertTrue(r.out().contains("mining (spot)"), r.out()),
                () -> assertTrue(Files.readString(plan).contains("\"schema\" : \"lodestone-plan/2\"")));
    }

    @Test
    void solveOnEveryBackendByName() throws Exception {
        for (String solver : new String[] {"scip", "highs", "cbc", "HiGHS"}) {
            Run r = run("solve", conformance("t05_mandate.json"), "--solver", solver, "--gap", "0");
            assertEquals(0, r.exit(), solver + ": " + r.err());
            assertTrue(r.out().contains("33,000,000"), solver + ": " + r.out());
        }
    }

    @Test
    void solveReportsBuildsContractsAndShortfalls() throws Exception {
        Run built = run("solve", conformance("t08_hedge_build.json"));
        assertTrue(built.out().contains("mA") && built.out().contains("start 2026"), built.out());
        Run contracts = run("solve", conformance("t04_take_or_pay.json"));
        assertTrue(contracts.out().contains("held (optional, signed now)"), contracts.out());
        Run short_ = run("solve", conformance("t10_bankability.json"));
        assertTrue(short_.out().contains("Shortfalls (expected tonnes"), short_.out());
        assertTrue(short_.out().contains("1,000.0 t"), short_.out());
    }

    @Test
    void setOverridesAValueBeforeSolving() throws Exception {
        // t05: minShare 0.6 → 33,000,000; with no mandate share the cheap source serves all 1000 t at 15,000
        Run r = run("solve", conformance("t05_mandate.json"), "--set", "/buyers/0/mandate/minShare=0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("15,000,000"), r.out());
    }

    @Test
    void setOnAMissingPointerIsBadInput() throws Exception {
        Run r = run("solve", conformance("t05_mandate.json"), "--set", "/buyers/7/mandate/minShare=0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("/buyers/7/mandate/minShare"), r.err());
        r.assertNoStackTrace();
    }

    @Test
    void setThatMakesTheInstanceInvalidIsBadInput() throws Exception {
        Run r = run("solve", conformance("t05_mandate.json"), "--set", "/buyers/0/mandate/minShare=1.5");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("buyers[0].mandate.minShare"), r.err());
    }

    @Test
    void missingFileIsBadInput() {
        Run r = run("solve", tmp.resolve("nope.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nope.json"), r.err());
        r.assertNoStackTrace();
    }

    @Test
    void directoryIsBadInput() {
        Run r = run("validate", tmp.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("directory"), r.err());
        r.assertNoStackTrace();
    }

    @Test
    void unreadableFileIsBadInput() throws Exception {
        Path file = Files.writeString(tmp.resolve("secret.json"), "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as a user who can read any file (root)");
        Run r = run("validate", file.toString());
        assertEquals(2, r.exit());
        r.assertNoStackTrace();
    }

    @Test
    void validatePrintsTheSize() throws Exception {
        Run r = run("validate", conformance("g-small-1.json"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("is valid"), r.out());
        assertTrue(r.out().matches("(?s).*model: [\\d,]+ variables \\([\\d,]+ integer\\), [\\d,]+ constraints.*"),
                r.out());
    }

    @Test
    void validateListsEveryProblemWithItsPath() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), """
                {"schema": "lodestone/1", "name": "bad", "horizon": {"start": 2026, "years": 1},
                 "elements": [{"id": "NdPr", "price": -1}],
                 "countries": [{"id": "AU", "risk": 0.1}],
                 "mines": [{"id": "m1", "country": "XX", "cost": 1, "basket": {"NdPr": 0.2}}],
                 "refineries": [], "buyers": [], "colour": "blue"}
                """);
        Run r = run("validate", bad.toString());
        assertAll(
                () -> assertEquals(2, r.exit()),
                () -> assertTrue(r.err().contains("3 problems"), r.err()),
                () -> assertTrue(r.err().contains("elements[0].price"), r.err()),
                () -> assertTrue(r.err().contains("mines[0].country: unknown country \"XX\""), r.err()),
                () -> assertTrue(r.err().contains("colour"), r.err()));
        r.assertNoStackTrace();
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws Exception {
        Path bad = Files.writeString(tmp.resolve("broken.json"), "{\n  \"schema\": \"lodestone/1\",,\n}");
        Run r = run("validate", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("line 2"), r.err());
        r.assertNoStackTrace();
    }

    @Test
    void badUsageIsExitTwo() throws Exception {
        assertEquals(2, run().exit());
        assertEquals(2, run("solve").exit());
        assertEquals(2, run("frobnicate").exit());
        assertEquals(2, run("solve", conformance("t01_plain.json"), "--solver", "gurobi").exit());
        assertEquals(2, run("solve", conformance("t01_plain.json"), "--time-limit", "0").exit());
        assertEquals(2, run("solve", conformance("t01_plain.json"), "--gap", "abc").exit());
    }

    @Test
    void verifyAcceptsTheSolvedPlanAndRejectsATamperedOne() throws Exception {
        Path plan = tmp.resolve("plan.json");
        String instance = conformance("t04_take_or_pay.json");
        assertEquals(0, run("solve", instance, "-o", plan.toString()).exit());
        Run ok = run("verify", instance, plan.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("holds"), ok.out());

        Path tampered = tmp.resolve("tampered.json");
        Files.writeString(tampered, Files.readString(plan).replace("\"objective\" : 14100000", "\"objective\" : 13000000"));
        Run bad = run("verify", instance, tampered.toString());
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().contains("objective"), bad.out());
    }

    @Test
    void verifyRejectsAPlanOfAnotherInstance() throws Exception {
        Path plan = tmp.resolve("plan.json");
        assertEquals(0, run("solve", conformance("t04_take_or_pay.json"), "-o", plan.toString()).exit());
        Run r = run("verify", conformance("t01_plain.json"), plan.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("t04-top"), r.err());
        r.assertNoStackTrace();
    }

    @Test
    void verifyRejectsAFileThatIsNoPlan() throws Exception {
        Run r = run("verify", conformance("t01_plain.json"), conformance("t01_plain.json"));
        assertEquals(2, r.exit());
        r.assertNoStackTrace();
    }

    @Test
    void noSolutionIsExitOneAndWritesNoPlan() throws Exception {
        MipSolver gaveUp = (MipModel model, SolveOptions options, SolveControl control) -> new SolveResult(
                SolveResult.Termination.NO_SOLUTION, null, null, null, 60, "SCIP", "test", 1,
                "no solution found within the time limit");
        Path plan = tmp.resolve("plan.json");
        Run r = run(gaveUp, "solve", conformance("t01_plain.json"), "-o", plan.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("NO_SOLUTION"), r.out());
        assertTrue(r.err().contains("time limit"), r.err());
        assertFalse(Files.exists(plan), "no plan file without a plan");
    }

    @Test
    void aSolverFailureIsExitOne() throws Exception {
        MipSolver broken = (model, options, control) -> new SolveResult(SolveResult.Termination.ERROR, null, null, null, 0,
                "CBC", "test", 1, "the solver stopped abnormally (ABNORMAL)");
        Run r = run(broken, "solve", conformance("t01_plain.json"));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("abnormally"), r.err());
    }

    @Test
    void anInterruptedSolveWritesTheBestPlanSoFarAndExits130() throws Exception {
        // stands in for Ctrl-C arriving while the solver runs: it stops with its incumbent
        MipSolver interrupted = (model, options, control) -> {
            control.interrupt();
            SolveResult r = MipSolver.create().solve(model, options);
            return new SolveResult(SolveResult.Termination.FEASIBLE, r.values(), r.objective(), r.bestBound(),
                    r.seconds(), r.solverName(), r.solverVersion(), r.threads(), "interrupted");
        };
        Path plan = tmp.resolve("plan.json");
        Run r = run(interrupted, "solve", conformance("t01_plain.json"), "-o", plan.toString());
        assertEquals(130, r.exit());
        assertTrue(r.err().contains("interrupted"), r.err());
        assertTrue(Files.readString(plan).contains("\"status\" : \"FEASIBLE\""));
    }
}

package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lodestone.cli.CliTest.conformance;
import static org.lodestone.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveResult;

/** {@code lodestone stress INSTANCE PLAN}: exit codes, order and numbers. */
class StressCommandTest {
    @TempDir
    Path tmp;

    private Path plan(String instance) throws Exception {
        Path plan = tmp.resolve(instance.replace(".json", "") + "-plan.json");
        CliTest.Run r = run("solve", conformance(instance), "-o", plan.toString(), "--no-marginals");
        assertEquals(0, r.exit(), r.err());
        return plan;
    }

    /**
     * t08 (by hand, see the conformance README): the plan builds mA (AU, 5,000 t REO, capex 3e7) and
     * costs 48,000,000. Cutting AU leaves no refinery (rA is in AU): 1,000 t short at 500,000 in both
     * scenarios, objective 3e7 + 5e8 = 530,000,000, +482,000,000. Cutting CN leaves the built mA
     * in both scenarios: 5,000 t REO × (4,000 + 1,000) = 2.5e7, objective 5.5e7, +7,000,000, nothing short.
     */
    @Test
    void t08CutsAustraliaFirst() throws Exception {
        Path plan = plan("t08_hedge_build.json");
        CliTest.Run r = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
        assertEquals(2, rows.size(), r.out());
        JsonNode au = rows.get(0);
        assertEquals("AU", au.get("country").asText());
        assertTrue(au.get("facilities").isIntegralNumber(), "a count is an integer: " + au.get("facilities"));
        assertEquals(2, au.get("facilities").asInt());
        assertEquals(482_000_000, au.get("increase").asDouble(), 1e-3);
        assertEquals(530_000_000, au.get("objective").asDouble(), 1e-3);
        assertEquals(1000, au.get("shortfall").asDouble(), 1e-6);
        // scripts get every shortfall as data, not the line printed for people
        JsonNode top = au.get("top shortfalls");
        assertEquals(1, top.size(), top.toString());
        assertEquals("b1", top.get(0).get("buyer").asText());
        assertEquals("NdPr", top.get(0).get("element").asText());
        assertEquals(1000, top.get(0).get("tonnes").asDouble(), 1e-6);
        assertEquals("OPTIMAL", au.get("status").asText());
        JsonNode cn = rows.get(1);
        assertEquals("CN", cn.get("country").asText());
        assertEquals(7_000_000, cn.get("increase").asDouble(), 1e-3);
        assertEquals(55_000_000, cn.get("objective").asDouble(), 1e-3);
        assertEquals(0, cn.get("shortfall").asDouble(), 1e-6);

        CliTest.Run text = run("stress", conformance("t08_hedge_build.json"), plan.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("baseline  objective 48,000,000 USD"), text.out());
        assertTrue(text.out().contains("482,000,000") && text.out().contains("7,000,000"), text.out());
        assertTrue(text.out().indexOf("\nAU ") < text.out().indexOf("\nCN "), text.out());
    }

    @Test
    void outputDoesNotDependOnThreads() throws Exception {
        Path plan = plan("t08_hedge_build.json");
        CliTest.Run one = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--format", "csv");
        CliTest.Run four = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--format", "csv",
                "--threads", "4", "--quiet");
        assertEquals(0, four.exit(), four.err());
        assertEquals(one.out(), four.out());
        assertTrue(one.out().startsWith("country,facilities,increase,objective,shortfall,top shortfalls,status\nAU,"),
                one.out());
    }

    @Test
    void quietPrintsOnlyTheTable() throws Exception {
        Path plan = plan("t08_hedge_build.json");
        CliTest.Run r = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--quiet",
                "--format", "markdown");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("### Countries cut off"), r.out());
        assertFalse(r.out().contains("baseline"), r.out());
    }

    @Test
    void aPlanOfAnotherInstanceIsBadInput() throws Exception {
        Path plan = plan("t01_plain.json");
        CliTest.Run r = run("stress", conformance("t08_hedge_build.json"), plan.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("\"t01-plain\"") && r.err().contains("\"t08-hedge\""), r.err());
        r.assertNoStackTrace();
    }

    @Test
    void badOptionsAreBadInput() throws Exception {
        Path plan = plan("t08_hedge_build.json");
        CliTest.Run format = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--format", "xml");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("xml"), format.err());
        CliTest.Run threads = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--threads", "0");
        assertEquals(2, threads.exit());
        CliTest.Run missing = run("stress", conformance("t08_hedge_build.json"), tmp.resolve("nope.json").toString());
        assertEquals(2, missing.exit());
        missing.assertNoStackTrace();
    }

    @Test
    void aFailedSolveIsExitOne() throws Exception {
        Path plan = plan("t08_hedge_build.json");
        MipSolver real = MipSolver.create();
        // the baseline solves; every cut fails
        MipSolver failsCuts = (model, options, control) -> {
            for (int j = 0; j < model.variables(); j++) {
                if (model.variableName(j).startsWith("ship[mC,rA,2026,calm")) {
                    boolean mA = false;
                    for (int k = 0; k < model.variables(); k++) {
                        mA |= model.variableName(k).startsWith("ship[mA,rA,2026,calm");
                    }
                    if (mA) {
                        return real.solve(model, options, control);
                    }
                }
            }
            return new SolveResult(SolveResult.Termination.NO_SOLUTION, null, null, null, 1, "SCIP", "test", 1,
                    "no solution found within the time limit");
        };
        CliTest.Run r = CliTest.run(failsCuts, "stress", conformance("t08_hedge_build.json"), plan.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("cutting off AU") && r.err().contains("NO_SOLUTION"), r.err());
        assertTrue(r.out().contains("NO_SOLUTION"), r.out());
        r.assertNoStackTrace();
    }

    /** t07: AU's concentrate to JP is the only supply (see StressTest); its ban to JP costs 975,000,000. */
    @Test
    void anExportBanToOneDestination() throws Exception {
        Path plan = plan("t07_export_control.json");
        CliTest.Run r = run("stress", conformance("t07_export_control.json"), plan.toString(),
                "--defection", "export-ban", "--to", "jp", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
        assertEquals(2, rows.size(), "JP, the destination, does not stop exporting to itself: " + r.out());
        assertEquals("AU", rows.get(0).get("country").asText());
        assertEquals(975_000_000, rows.get(0).get("increase").asDouble(), 1e-3);
        assertEquals("CN", rows.get(1).get("country").asText());
        assertEquals(0, rows.get(1).get("increase").asDouble(), 1e-3);

        CliTest.Run text = run("stress", conformance("t07_export_control.json"), plan.toString(),
                "--defection", "export-ban", "--to", "JP", "--stage", "oxide");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("each country hosting a facility stops exporting oxide to JP"), text.out());
        assertTrue(text.out().contains("Countries that stop exporting to JP"), text.out());
        assertFalse(text.out().contains("975,000,000"), "an oxide ban leaves AU's concentrate alone: " + text.out());
    }

    /** t08: re-planned, cutting AU drops the hedge build mA (see StressTest): +452,000,000 instead of +482,000,000. */
    @Test
    void replannedShowsWhatTheFirstStageChanges() throws Exception {
        Path plan = plan("t08_hedge_build.json");
        CliTest.Run r = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--first-stage",
                "replanned", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode au = new ObjectMapper().readTree(r.out()).get("rows").get(0);
        assertEquals("AU", au.get("country").asText());
        assertEquals(452_000_000, au.get("increase").asDouble(), 1e-3);
        assertEquals("[\"-mA\"]", au.get("first stage").toString());

        CliTest.Run text = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--first-stage",
                "re-planned", "--countries", "au");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("each of AU cut off") && text.out().contains("  replanned builds and contracts"),
                text.out());
        assertTrue(text.out().contains("first stage") && text.out().contains("-mA"), text.out());
        assertFalse(text.out().contains("\nCN "), text.out());
    }

    @Test
    void badDefectionOptionsAreBadInput() throws Exception {
        Path plan = plan("t07_export_control.json");
        String instance = conformance("t07_export_control.json");
        String[][] cases = {
                {"--defection", "export-ban"},
                {"--defection", "mutiny"},
                {"--to", "JP"},
                {"--defection", "export-ban", "--to", "JP", "--stage", "metal"},
                {"--first-stage", "molten"},
                {"--defection", "export-ban", "--to", "XX"},
                {"--defection", "export-ban", "--to", "JP", "--elements", "Nd"},
                {"--countries", "US"},
                {"--defection", "export-ban", "--to", "JP", "--countries", "JP"},
        };
        String[] expected = {"needs --to", "offline or export-ban", "go with --defection export-ban",
                "concentrate, oxide or both", "frozen or replanned", "--to: no country \"XX\"",
                "--elements: no element \"Nd\"", "--countries: \"US\" hosts no mine or refinery",
                "--countries: \"JP\" is the destination"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 3];
            args[0] = "stress";
            args[1] = instance;
            args[2] = plan.toString();
            System.arraycopy(cases[i], 0, args, 3, cases[i].length);
            CliTest.Run r = run(args);
            assertEquals(2, r.exit(), String.join(" ", cases[i]) + ": " + r.out() + r.err());
            assertTrue(r.err().contains(expected[i]), String.join(" ", cases[i]) + ": " + r.err());
            r.assertNoStackTrace();
        }
    }

    @Test
    void helpExplainsTheDefections() {
        CliTest.Run r = run("stress", "--help");
        assertEquals(0, r.exit());
        for (String word : new String[] {"--defection", "export-ban", "--to", "--stage", "--elements",
                "--first-stage", "replanned", "--countries"}) {
            assertTrue(r.out().contains(word), word + " in\n" + r.out());
        }
    }
}

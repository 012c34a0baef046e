package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lodestone.cli.CliTest.conformance;
import static org.lodestone.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.Plan;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveResult;

/** compare, sweep and pareto as a user runs them: output in every format, exit codes. */
class AnalysisCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** CSV lines, split at commas outside quotes. */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void compareShowsTheCostOfAMandate() throws Exception {
        CliTest.Run r = run("compare", conformance("t05_mandate.json"), "--set", "/buyers/0/mandate/minShare=0");
        assertAll(
                () -> assertEquals(0, r.exit(), r.err()),
                () -> assertTrue(r.out().contains("33,000,000"), r.out()),
                () -> assertTrue(r.out().contains("15,000,000"), r.out()),
                () -> assertTrue(r.out().contains("-18,000,000"), r.out()),
                () -> assertTrue(r.out().contains("mined    CN"), r.out()),
                () -> assertEquals("", r.err()));
    }

    @Test
    void compareTwoFiles() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(Path.of(conformance("t05_mandate.json")).toFile());
        ((ObjectNode) tree.at("/buyers/0/mandate")).put("minShare", 0);
        Path variant = tmp.resolve("no-mandate.json");
        JSON.writeValue(variant.toFile(), tree);
        CliTest.Run r = run("compare", conformance("t05_mandate.json"), variant.toString(), "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        List<List<String>> rows = csv(r.out());
        assertEquals(List.of("section", "item", "baseline", "variant", "change"), rows.get(0));
        List<String> objective = rows.stream().filter(row -> row.get(1).equals("objective")).findFirst().orElseThrow();
        assertEquals(33_000_000, Double.parseDouble(objective.get(2)), 1e-3);
        assertEquals(15_000_000, Double.parseDouble(objective.get(3)), 1e-3);
        assertEquals(-18_000_000, Double.parseDouble(objective.get(4)), 1e-3);
    }

    @Test
    void compareInEveryFormat() throws Exception {
        String instance = conformance("t05_mandate.json");
        CliTest.Run csv = run("compare", instance, "--set", "/buyers/0/mandate/minShare=0", "--format", "csv");
        CliTest.Run json = run("compare", instance, "--set", "/buyers/0/mandate/minShare=0", "--format", "json");
        CliTest.Run md = run("compare", instance, "--set", "/buyers/0/mandate/minShare=0", "--format", "markdown");
        assertEquals(0, csv.exit() + json.exit() + md.exit());
        int csvRows = csv(csv.out()).size() - 1;
        JsonNode rows = JSON.readTree(json.out()).get("rows");
        assertEquals(csvRows, rows.size());
        // status, objective, cash, 14 cost parts (risk x weight included), risk, shortfall, 2 + 2 sourcing rows
        assertEquals(1 + 1 + 1 + 14 + 2 + 4, csvRows);
        assertTrue(md.out().contains("| objective | 33,000,000 | 15,000,000 | -18,000,000 |"), md.out());
    }

    @Test
    void sweepInEveryFormatAndMonotone() throws Exception {
        String instance = conformance("t05_mandate.json");
        String[] base = {"sweep", instance, "--param", "/buyers/0/mandate/minShare", "--range", "0:1:0.25", "--gap", "0"};
        CliTest.Run text = run(base);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains(" 0.25  OPTIMAL  22,500,000"), text.out());
        for (String format : new String[] {"csv", "json", "markdown", "text"}) {
            List<String> args = new ArrayList<>(List.of(base));
            args.addAll(List.of("--format", format, "--threads", "2"));
            CliTest.Run r = run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), format + ": " + r.err());
            switch (format) {
                case "csv" -> {
                    List<List<String>> rows = csv(r.out());
                    assertEquals(6, rows.size(), r.out());
                    assertEquals(List.of("value", "status", "objective", "capex"), rows.get(0).subList(0, 4));
                    assertEquals("shortfallTonnes", rows.get(0).get(rows.get(0).size() - 1));
                    double previous = Double.NEGATIVE_INFINITY;
                    for (int i = 1; i < rows.size(); i++) {
                        double value = Double.parseDouble(rows.get(i).get(0));
                        double objective = Double.parseDouble(rows.get(i).get(2));
                        assertEquals(0.25 * (i - 1), value, 1e-12);
                        assertEquals(15_000_000 + 30_000_000 * value, objective, 1e-2);
                        assertTrue(objective >= previous);
                        previous = objective;
                    }
                }
                case "json" -> assertEquals(5, JSON.readTree(r.out()).get("rows").size());
                case "markdown" -> assertEquals(5 + 2, r.out().lines().filter(l -> l.startsWith("|")).count());
                default -> assertEquals(text.out(), r.out(), "two threads give the same table");
            }
        }
    }

    @Test
    void paretoWritesEveryPlanAndRendersEveryFormat() throws Exception {
        Path instance = tmp.resolve("trade-off.json");
        Files.writeString(instance, org.lodestone.analysis.TradeOffInstance.JSON);
        Path dir = tmp.resolve("frontier");
        CliTest.Run r = run("pareto", instance.toString(), "--points", "3", "--output-dir", dir.toString(),
                "--gap", "0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Dominated points: none"), r.out());
        assertTrue(r.out().contains("30,000,000") && r.out().contains("10,000,000"), r.out());
        for (int k = 1; k <= 3; k++) {
            Plan plan = PlanJson.read(dir.resolve("pareto-" + k + ".json"));
            assertEquals(Plan.Status.OPTIMAL, plan.status());
        }
        CliTest.Run csv = run("pareto", instance.toString(), "--points", "4", "--format", "csv");
        List<List<String>> rows = csv(csv.out());
        assertEquals(5, rows.size(), csv.out());
        assertEquals(List.of("point", "status", "riskBudget", "risk", "objective"), rows.get(0).subList(0, 5));
        assertEquals("", rows.get(4).get(2), "no budget at the min-cost end");
        CliTest.Run json = run("pareto", instance.toString(), "--points", "4", "--format", "json");
        assertEquals(4, JSON.readTree(json.out()).get("rows").size());
        CliTest.Run md = run("pareto", instance.toString(), "--points", "4", "--format", "markdown");
        assertEquals(4 + 2, md.out().lines().filter(l -> l.startsWith("|")).count(), md.out());
    }

    @Test
    void badInputIsExitTwoWithoutAStackTrace() throws Exception {
        String t05 = conformance("t05_mandate.json");
        String minShare = "/buyers/0/mandate/minShare";
        String[][] cases = {
                {"compare", t05},
                {"compare", t05, "--set", "/buyers/7/mandate/minShare=0"},
                {"compare", t05, "--set", minShare + "=1.5"},
                {"compare", t05, t05, "--set", minShare + "=0"},
                {"compare", t05, tmp.resolve("missing.json").toString()},
                {"sweep", t05, "--param", "/nope", "--values", "1"},
                {"sweep", t05, "--param", minShare, "--values", "0,abc"},
                {"sweep", t05, "--param", minShare, "--values", "0,2"},
                {"sweep", t05, "--param", minShare, "--range", "1:0:0.1"},
                {"sweep", t05, "--param", minShare, "--range", "0:1:0"},
                {"sweep", t05, "--param", minShare},
                {"sweep", t05, "--param", minShare, "--values", "1", "--range", "0:1:1"},
                {"sweep", t05, "--param", minShare, "--values", "1", "--threads", "0"},
                {"pareto", t05, "--points", "1"},
                {"pareto", t05, "--format", "xml"},
                {"pareto", t05, "--set", "/riskWeight=-1"},
        };
        for (String[] args : cases) {
            CliTest.Run r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + "\n" + r.out() + r.err());
            r.assertNoStackTrace();
            assertFalse(r.err().isBlank(), String.join(" ", args));
        }
    }

    @Test
    void aSolveWithoutAPlanIsExitOneWithTheTableStillPrinted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        MipSolver real = MipSolver.create();
        MipSolver second = (model, options, control) -> calls.incrementAndGet() == 2
                ? new SolveResult(SolveResult.Termination.NO_SOLUTION, null, null, null, 60, "SCIP", "test", 1,
                        "no solution found within the time limit")
                : real.solve(model, options, control);
        CliTest.Run r = run(second, "sweep", conformance("t05_mandate.json"), "--param", "/buyers/0/mandate/minShare",
                "--values", "0,0.5,1", "--format", "csv");
        assertEquals(1, r.exit(), r.err());
        List<List<String>> rows = csv(r.out());
        assertEquals(4, rows.size());
        assertEquals("NO_SOLUTION", rows.get(2).get(1));
        assertEquals("", rows.get(2).get(2));
        assertEquals("OPTIMAL", rows.get(3).get(1));
        assertTrue(r.err().contains("1 of 3"), r.err());
        calls.set(0);
        CliTest.Run compare = run(second, "compare", conformance("t05_mandate.json"), "--set",
                "/buyers/0/mandate/minShare=0");
        assertEquals(1, compare.exit());
        assertTrue(compare.out().contains("NO_SOLUTION"), compare.out());
    }

    @Test
    void aFrontierWithoutItsMinRiskEndIsExitOne() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        MipSolver real = MipSolver.create();
        MipSolver first = (model, options, control) -> calls.incrementAndGet() == 1
                ? new SolveResult(SolveResult.Termination.ERROR, null, null, null, 0, "SCIP", "test", 1, "broken")
                : real.solve(model, options, control);
        Path instance = tmp.resolve("trade-off.json");
        Files.writeString(instance, org.lodestone.analysis.TradeOffInstance.JSON);
        CliTest.Run r = run(first, "pareto", instance.toString(), "--points", "3", "--format", "csv",
                "--no-service-floor");
        assertEquals(1, r.exit(), r.err());
        List<List<String>> rows = csv(r.out());
        assertEquals(2, rows.size(), "only the min-cost end: " + r.out());
        assertEquals("3", rows.get(1).get(0));
        assertTrue(r.err().contains("incomplete"), r.err());
    }

    @Test
    void progressNeverGoesToStdout() throws Exception {
        CliTest.Run r = run("sweep", conformance("t05_mandate.json"), "--param", "/buyers/0/mandate/minShare",
                "--values", "0,1", "--format", "csv");
        assertFalse(r.out().contains("solve 1 of"), r.out());
    }
}

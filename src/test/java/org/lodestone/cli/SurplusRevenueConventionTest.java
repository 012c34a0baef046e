package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 9: surplus revenue had one sign in compare (positive) and another in the solve
 * summary (negative). The plan file's convention is the contract (plan reference §P4: the
 * positive amount earned, objective = the other parts − surplusRevenue + riskWeight × risk), so
 * every output shows that same positive amount and says it is subtracted: the plan file, the
 * summary, the report, and the compare, sweep and pareto tables.
 */
class SurplusRevenueConventionTest {
    private static final String QUICKSTART = "instances/quickstart.json";

    @TempDir
    Path tmp;

    private static String money(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    @Test
    void everyOutputShowsTheAmountEarnedAndSaysItIsSubtracted() throws Exception {
        Path plan = tmp.resolve("plan.json");
        Path report = tmp.resolve("report.html");
        CliTest.Run solve = CliTest.run("solve", QUICKSTART, "--solver", "scip", "-o", plan.toString(),
                "--report", report.toString(), "--no-marginals");
        assertEquals(0, solve.exit(), solve.err());

        // the plan file: positive, and the objective subtracts it
        JsonNode written = new ObjectMapper().readTree(plan.toFile());
        JsonNode costs = written.get("costs");
        double revenue = costs.get("surplusRevenue").doubleValue();
        assertTrue(revenue > 0, "quickstart sells surplus: " + revenue);
        double others = 0;
        for (var it = costs.fields(); it.hasNext(); ) {
            var part = it.next();
            others += part.getKey().equals("surplusRevenue") ? 0 : part.getValue().doubleValue();
        }
        double objective = written.get("objective").doubleValue();
        assertEquals(objective, others - revenue + 50 * written.get("risk").doubleValue(), 1e-6 * objective);

        String shown = money(revenue);
        CliTest.Run compare = CliTest.run("compare", QUICKSTART, "--solver", "scip", "--set", "/riskWeight=50");
        CliTest.Run sweep = CliTest.run("sweep", QUICKSTART, "--solver", "scip", "--param", "/riskWeight",
                "--values", "50");
        CliTest.Run sweepCsv = CliTest.run("sweep", QUICKSTART, "--solver", "scip", "--param", "/riskWeight",
                "--values", "50", "--format", "csv");
        String html = Files.readString(report);
        List<String> header = Arrays.asList(sweepCsv.out().lines().findFirst().orElseThrow().split(","));
        String[] row = sweepCsv.out().lines().skip(1).findFirst().orElseThrow().split(",");
        double csvRevenue = Double.parseDouble(row[header.indexOf("surplusRevenue")]);
        assertAll(
                () -> assertTrue(solve.out().contains(String.format(Locale.ROOT, "  %-28s %17s%n",
                        "surplus revenue (subtracted)", shown)), solve.out()),
                () -> assertFalse(solve.out().contains("-" + shown), solve.out()),
                () -> assertTrue(html.contains("<td>surplus revenue (subtracted)</td><td class=\"num\">" + shown
                        + "</td>"), "report"),
                () -> assertTrue(compare.out().replace("\n", " ").contains("surplusRevenue is earned and subtracted"), compare.out()),
                () -> assertTrue(compare.out().lines().anyMatch(l -> l.startsWith("surplusRevenue ")
                        && l.contains(" " + shown + " ") && !l.contains("-" + shown)), compare.out()),
                () -> assertTrue(sweep.out().replace("\n", " ").contains("surplusRevenue is earned and subtracted"),
                        sweep.out()),
                () -> assertEquals(revenue, csvRevenue, 1e-6 * revenue, sweepCsv.out()));
    }
}

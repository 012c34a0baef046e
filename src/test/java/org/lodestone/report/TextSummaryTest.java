package org.lodestone.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Stockpile;
import org.lodestone.plan.ModelSize;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanBuilder;
import org.lodestone.plan.Planner;
import org.lodestone.solve.SolveResult;

/** The text summary of hand-built plans: what model version 2 adds, and version-1 summaries as they were. */
class TextSummaryTest {
    static String summary(Instance instance, Plan plan) {
        StringWriter text = new StringWriter();
        SolveResult result = new SolveResult(SolveResult.Termination.OPTIMAL, new double[0], plan.objective(),
                plan.bestBound(), 0.5, "HAND", "1", 1, "");
        TextSummary.print(new PrintWriter(text), instance, new Planner.Outcome(plan, new ModelSize(1, 0, 1, 1), result,
                null));
        return text.toString();
    }

    @Test
    void stockpilesShowExpectedAndLowestLevelsAtYearEnd() {
        String text = summary(ModelV2Fixture.instance(), ModelV2Fixture.plan());
        // levels and totals as worked out in ModelV2Fixture
        String expected = String.join("\n",
                "Stockpiles (tonnes at year end)",
                "  ev-reserve: ev-makers NdPr, capacity 500.0, initial 200.0, at least 100.0 at the end",
                "    year                2026      2027      2028      2029",
                "    expected           225.0     225.0     225.0     175.0",
                "    lowest: cutoff     150.0       0.0       0.0     100.0",
                "    filled 100.0 t, released 125.0 t over the horizon (expected)", "");
        assertTrue(text.contains(expected), text);
    }

    @Test
    void cvarRiskPremiumAndHoldingAreShown() {
        String text = summary(ModelV2Fixture.instance(), ModelV2Fixture.plan());
        assertAll(
                () -> assertTrue(text.contains("CVaR (alpha 0.9): 2,500,000,000 USD, the expected cost of the worst 10 % "
                        + "of probability; weight 0.3, risk premium 30,000,000 USD\n"), text),
                () -> assertTrue(text.contains("  holding                         120,000\n"), text),
                () -> assertTrue(text.contains("  risk premium                 30,000,000\n"), text));
    }

    @Test
    void aDelayedBuildShowsItsOnlineYearInTheScenarioThatDelaysIt() {
        String text = summary(ModelV2Fixture.instance(), ModelV2Fixture.plan());
        assertTrue(text.contains("  kuantan              start 2026, online 2028 (cutoff: 2030), 2 modules, +4,000 t/yr\n"),
                text);
    }

    @Test
    void delayedYearsNameAFewScenariosAndCountMany() {
        List<LateBuilds.Late> late = List.of(new LateBuilds.Late("s2", 2031), new LateBuilds.Late("s3", 2030),
                new LateBuilds.Late("s4", 2031), new LateBuilds.Late("s5", 2031), new LateBuilds.Late("s6", 2030));
        assertEquals("s3, s6: 2030; 2031 in 3 scenarios", LateBuilds.describe(late));
    }

    /** The parts version 2 adds are absent from a version-1 summary, whose lines stay as they were. */
    @Test
    void version1SummariesHaveNoneOfIt() {
        String text = summary(HtmlReportTest.instance("mt-weld"), HtmlReportTest.plan("mt-weld"));
        assertAll(
                () -> assertTrue(text.contains("  kuantan              start 2026, online 2028, 2 modules, +4,000 t/yr\n"),
                        text),
                () -> assertFalse(text.contains("Stockpiles"), text),
                () -> assertFalse(text.contains("CVaR"), text),
                () -> assertFalse(text.contains("holding"), text),
                () -> assertFalse(text.contains("risk premium"), text));
    }

    /** A long horizon shows ten year columns at most, the last year among them; many stockpiles are cut short. */
    @Test
    void longHorizonsAndManyStockpilesStayBounded() {
        Instance v1 = TestInstances.instance("long", 2026, 25).element("NdPr", 80000).country("AU", 0.05)
                .buyer("b", "AU", "NdPr", 100).build();
        List<Stockpile> stockpiles = new ArrayList<>();
        for (int i = 1; i <= TextSummary.SHOWN_STOCKPILES + 3; i++) {
            stockpiles.add(new Stockpile("p" + i, "b", "NdPr", 100, 0, 0, 0, Optional.empty(), Optional.empty()));
        }
        Instance instance = new Instance(v1.name(), v1.description(), v1.sources(), v1.horizon(), 0, 0,
                Optional.empty(), v1.elements(), v1.countries(), v1.mines(), v1.refineries(), v1.buyers(), v1.lanes(),
                v1.tariffs(), v1.exportControls(), v1.contracts(), v1.scenarios(), stockpiles, Optional.empty(),
                List.of());
        Plan plan = PlanBuilder.plan(instance).plan(Plan.Costs.ZERO, 0, 0);
        String text = summary(instance, plan);
        String years = text.lines().filter(l -> l.startsWith("    year")).findFirst().orElseThrow();
        assertEquals("    year          2026      2029      2032      2035      2038      2041      2044      2047"
                + "      2050", years);
        assertTrue(text.contains("    level          0.0       0.0"), text);
        assertTrue(text.contains("  and 3 more stockpiles (in the plan file)\n"), text);
        assertEquals(TextSummary.SHOWN_STOCKPILES, text.lines().filter(l -> l.startsWith("    year")).count());
    }
}

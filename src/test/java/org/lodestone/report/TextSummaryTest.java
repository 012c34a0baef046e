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
import org.lodestone.domain.Contract;
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
                () -> assertTrue(text.contains(String.format("  %-28s %17s%n", "holding", "120,000")), text),
                () -> assertTrue(text.contains(String.format("  %-28s %17s%n", "risk premium", "30,000,000")), text));
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

    /**
     * Where the risk-tonnes sit. The fixture: AU risk 0.05, CN 0.6; expected t REO mined in AU
     * 0.75 × 100 + 0.25 × 100 = 100, in CN 0.75 × 800 = 600; refined in AU (kuantan)
     * 0.75 × 400 + 0.25 × 100 = 325, in CN (baotou) 0.75 × 500 = 375. Risk-tonnes: CN
     * 0.6 × 975 = 585, AU 0.05 × 425 = 21.25; 606.25 in all.
     */
    @Test
    void riskByCountryShowsWhereTheRiskTonnesSit() {
        String text = summary(HtmlReportTest.instance("mt-weld"), HtmlReportTest.plan("mt-weld"));
        String expected = String.join("\n",
                "Risk by country (expected; risk-tonnes = risk score x t REO mined and refined there)",
                "  country  score        mined t      refined t    risk-tonnes   share",
                "  CN         0.6          600.0          375.0          585.0  96.5 %",
                "  AU        0.05          100.0          325.0           21.3   3.5 %", "");
        assertTrue(text.contains(expected), text);
        List<RiskByCountry.Row> rows = RiskByCountry.largestFirst(HtmlReportTest.instance("mt-weld"),
                HtmlReportTest.plan("mt-weld"));
        assertEquals(606.25, rows.stream().mapToDouble(RiskByCountry.Row::riskTonnes).sum(), 1e-9);
    }

    /** Builds, contracts, shortfalls and countries: ten lines each at most, and how many more there are. */
    @Test
    void longListsStopAtTenAndSayHowManyMore() {
        TestInstances.Builder b = TestInstances.instance("many", 2026, 3).element("NdPr", 80000).country("AU", 0.05)
                .refinery("r", "AU", 1000, 10);
        PlanBuilder p = PlanBuilder.plan("many").scenario("base", 1.0);
        for (int i = 1; i <= 14; i++) {
            String id = String.format("m%02d", i);
            b.country("C" + id, 0.01 * i).mine(id, "C" + id, 1000, 10, java.util.Map.of("NdPr", 0.2))
                    .buyer("b" + id, "AU", "NdPr", 100)
                    .contract(new Contract("k" + id, "r", i == 14, b.all(), 10, Double.POSITIVE_INFINITY, 1, 0));
            p.concentrate(id, "r", 2026, 10 * i).shortfall("b" + id, "NdPr", 2026, i)
                    .build(id, 2026, 2027, 1, 100).contract("k" + id, i % 5 == 0);
        }
        String text = summary(b.build(), p.plan(Plan.Costs.ZERO, 0, 0));
        assertAll(
                // 14 builds, contracts and shortfalls; 15 countries (AU refines)
                () -> assertEquals(List.of("  ... and 4 more (see the plan file)", "  ... and 4 more (see the plan file)",
                        "  ... and 4 more, 10.0 t in all (see the plan file)", "  ... and 5 more (see the plan file)"),
                        text.lines().filter(l -> l.startsWith("  ... and ")).toList(), text),
                () -> assertTrue(text.contains("  ... and 4 more, 10.0 t in all (see the plan file)\n"), text),
                // the largest shortfall first
                () -> assertTrue(text.contains("Shortfalls (expected tonnes over the horizon)\n  bm14 NdPr"), text),
                // a long list of contracts counts them and shows the decisions first
                () -> assertTrue(text.contains("Contracts (3 held, 11 not held)\n"
                        + "  km05                 held (optional, signed now)\n"
                        + "  km10                 held (optional, signed now)\n"
                        + "  km14                 held (signed)\n"
                        + "  km01                 not held\n"), text));
    }
}

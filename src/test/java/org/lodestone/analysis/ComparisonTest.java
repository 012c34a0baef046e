package org.lodestone.analysis;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestone.analysis.Figures.Stage;
import org.lodestone.domain.Instance;

class ComparisonTest {
    @Test
    void theCostOfT05sMandateIs18Million() throws Exception {
        // t05: 1000 t NdPr from ore at 0.2 t/t REO = 5000 t REO. The CN chain costs 2000 + 1000 = 3000
        // per t REO (15,000 per t NdPr), the compliant AU chain 6000 + 3000 = 9000. With minShare 0.6
        // (expected.json: 33,000,000): 3000 t via AU and 2000 via CN = 27M + 6M; without it all via
        // CN: 5000 × 3000 = 15,000,000. The mandate costs 18,000,000.
        Instance baseline = AnalysisFixtures.instance(AnalysisFixtures.conformanceFile("t05_mandate.json"));
        Instance variant = AnalysisFixtures.instance(AnalysisFixtures.conformanceFile("t05_mandate.json"),
                "/buyers/0/mandate/minShare=0");
        Comparison.Result r = Comparison.run(baseline, variant, AnalysisFixtures.exact());
        Comparison.Line objective = r.line("objective");
        assertAll(
                () -> assertTrue(r.complete()),
                () -> assertEquals(33_000_000, objective.baseline(), 1e-3),
                () -> assertEquals(15_000_000, objective.variant(), 1e-3),
                () -> assertEquals(-18_000_000, objective.change(), 1e-3),
                () -> assertEquals(22_000_000, r.line("mining").baseline(), 1e-3),  // 3000 × 6000 + 2000 × 2000
                () -> assertEquals(10_000_000, r.line("mining").variant(), 1e-3),   // 5000 × 2000
                () -> assertEquals(0, r.line("shortfallTonnes").variant(), 1e-9),
                // risk: AU 0.1 × 3000 × 2 stages + CN 0.5 × 2000 × 2 = 2600; all CN: 5000
                () -> assertEquals(2_600, r.line("risk").baseline(), 1e-6),
                () -> assertEquals(5_000, r.line("risk").variant(), 1e-6),
                () -> assertEquals(List.of(), r.builds()),
                () -> assertEquals(List.of(), r.contracts()),
                () -> assertEquals(List.of(), r.shortfalls()),
                () -> assertEquals(List.of(
                        new Comparison.SourcingChange(Stage.MINED, "AU", 3000, 0),
                        new Comparison.SourcingChange(Stage.MINED, "CN", 2000, 5000),
                        new Comparison.SourcingChange(Stage.REFINED, "AU", 3000, 0),
                        new Comparison.SourcingChange(Stage.REFINED, "CN", 2000, 5000)),
                        r.sourcing().stream().map(s -> new Comparison.SourcingChange(s.stage(), s.country(),
                                Math.rint(s.baseline()), Math.rint(s.variant()))).toList()));
        // cash: what the plan spends, here every part since nothing is short and there is no premium
        assertEquals(objective.baseline() - r.line("riskCost").baseline(), r.line("cash").baseline(), 1e-3);
        assertEquals(objective.variant() - r.line("riskCost").variant(), r.line("cash").variant(), 1e-3);
        double parts = 0;
        // lines: objective, cash, the cost parts, risk, shortfallTonnes
        for (int i = 2; i < r.summary().size() - 2; i++) {
            Comparison.Line line = r.summary().get(i);
            parts += line.item().equals("surplusRevenue") ? -line.variant() : line.variant();
        }
        assertEquals(objective.variant(), parts, 1e-3, "the parts add up to the objective");
    }

    @Test
    void buildsAndContractsThatDifferAndShortfallsByBuyer() throws Exception {
        // quickstart builds mp-separation, bankable only with the optional dod-offtake; make signing
        // it prohibitive and neither the contract nor the build remains
        Instance baseline = AnalysisFixtures.instance(AnalysisFixtures.quickstartFile());
        Instance variant = AnalysisFixtures.instance(AnalysisFixtures.quickstartFile(), "/contracts/0/signingCost=1e12");
        Comparison.Result r = Comparison.run(baseline, variant, AnalysisFixtures.exact(2));
        assertAll(
                () -> assertEquals(1, r.builds().size(), r.builds().toString()),
                () -> assertEquals("mp-separation", r.builds().get(0).facility()),
                () -> assertEquals(2026, r.builds().get(0).baseline().startYear()),
                () -> assertNull(r.builds().get(0).variant()),
                () -> assertEquals(List.of(new Comparison.ContractChange("dod-offtake", true, false)), r.contracts()),
                () -> assertTrue(r.line("objective").change() > 0, "losing the build costs money"),
                () -> assertTrue(r.shortfalls().stream().anyMatch(q -> q.buyer().equals("jp-electronics")
                        && q.element().equals("NdPr") && Math.abs(q.baseline() - 1545) < 0.1), r.shortfalls().toString()),
                () -> assertTrue(r.sourcing().stream().anyMatch(s -> s.stage() == Stage.REFINED
                        && s.country().equals("US") && s.variant() < s.baseline()), r.sourcing().toString()));
    }

    @Test
    void cashLeavesOutTheShortfallPenaltyAndTheRiskCharge() throws Exception {
        Instance instance = AnalysisFixtures.instance(AnalysisFixtures.quickstartFile());
        Comparison.Result r = Comparison.run(instance, instance, AnalysisFixtures.exact());
        Comparison.Line cash = r.line("cash");
        double expected = r.line("objective").baseline() - r.line("shortfall").baseline()
                - r.line("riskCost").baseline() - r.line("riskPremium").baseline();
        assertTrue(r.line("shortfall").baseline() > 1e9, "quickstart leaves demand short");
        assertEquals(expected, cash.baseline(), 1e-6 * Math.abs(expected));
        assertEquals(0, cash.change(), 1e-6);
    }
}

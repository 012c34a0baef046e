package org.lodestone.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

class StressTest {
    private static final SolveOptions OPTIONS = new SolveOptions(Backend.SCIP, 60, 0, 1);

    /**
     * CN mines and refines everything; AU has a mine of an ore type the only refinery does not
     * accept, so it cannot help. No scenarios: the cut goes into the implicit "base" scenario.
     * Two years, no discounting; demand 500 t oxide a year, shortfall penalty 100,000 per t.
     */
    static Instance singleSupplier() throws Exception {
        return InstanceReader.toInstance(singleSupplierTree());
    }

    static JsonNode singleSupplierTree() throws Exception {
        return new ObjectMapper().readTree("""
                {"schema": "lodestone/1", "name": "single-supplier", "horizon": {"start": 2026, "years": 2},
                 "elements": [{"id": "NdPr", "price": 10000}],
                 "countries": [{"id": "CN", "risk": 0}, {"id": "AU", "risk": 0}, {"id": "JP", "risk": 0}],
                 "mines": [{"id": "mC", "country": "CN", "capacity": 5000, "cost": 1000, "basket": {"NdPr": 0.2}},
                           {"id": "mA", "country": "AU", "oreType": "ionic", "capacity": 5000, "cost": 1,
                            "basket": {"NdPr": 0.2}}],
                 "refineries": [{"id": "rC", "country": "CN", "accepts": ["standard"], "capacity": 5000,
                                 "cost": 1000}],
                 "buyers": [{"id": "b1", "country": "JP", "demand": {"NdPr": 500}}]}
                """);
    }

    @Test
    void theOnlySupplierComesFirstWithAllDemandShort() throws Exception {
        Instance instance = singleSupplier();
        Plan plan = new Planner().solve(instance, OPTIONS, false).plan();
        Stress.Result result = Stress.run(instance, plan, MipSolver.create(), OPTIONS, 1);
        // baseline: 2 years × 2,500 t REO × (1,000 mining + 1,000 tolling) = 10,000,000
        assertEquals(10_000_000, result.baseline(), 1e-6);
        assertEquals(0, result.baselineShortfall(), 1e-9);
        assertEquals(List.of("CN", "AU"), result.cuts().stream().map(Stress.CountryCut::country).toList());
        Stress.CountryCut cn = result.cuts().get(0);
        // without CN nothing can be refined: 2 × 500 t short at 10 × 10,000
        assertEquals(100_000_000, cn.objective(), 1e-6);
        assertEquals(90_000_000, cn.increase(), 1e-6);
        assertEquals(1000, cn.shortfall(), 1e-6);
        assertEquals(Map.of("b1 NdPr", 1000.0), cn.shortfallByBuyerElement());
        assertEquals(List.of("mC", "rC"), cn.facilities());
        assertTrue(cn.solved() && result.complete());
        Stress.CountryCut au = result.cuts().get(1);
        assertEquals(0, au.increase(), 1e-6);
        assertEquals(0, au.shortfall(), 1e-9);
        assertEquals(Map.of(), au.shortfallByBuyerElement());
        assertEquals(List.of("mA"), au.facilities());
    }

    @Test
    void parallelSolvesGiveTheSameResult() throws Exception {
        Instance instance = singleSupplier();
        Plan plan = new Planner().solve(instance, OPTIONS, false).plan();
        assertEquals(Stress.run(instance, plan, MipSolver.create(), OPTIONS, 1),
                Stress.run(instance, plan, MipSolver.create(), OPTIONS, 3));
    }

    @Test
    void aFailedCutIsReportedLastAndTheResultIncomplete() throws Exception {
        Instance instance = singleSupplier();
        Plan plan = new Planner().solve(instance, OPTIONS, false).plan();
        MipSolver real = MipSolver.create();
        // fails every model without a shipment column of mC (the CN cut), solves the others
        MipSolver flaky = (model, options, control) -> {
            boolean hasCn = false;
            for (int j = 0; j < model.variables(); j++) {
                hasCn |= model.variableName(j).startsWith("ship[mC");
            }
            return hasCn ? real.solve(model, options, control)
                    : new SolveResult(SolveResult.Termination.ERROR, null, null, null, 0, "SCIP", "test", 1, "broken");
        };
        Stress.Result result = Stress.run(instance, plan, flaky, OPTIONS, 2);
        assertEquals(List.of("AU", "CN"), result.cuts().stream().map(Stress.CountryCut::country).toList());
        Stress.CountryCut cn = result.cuts().get(1);
        assertEquals("ERROR", cn.status());
        assertEquals("broken", cn.message());
        assertTrue(Double.isNaN(cn.increase()));
        assertFalse(result.complete());
    }

    @Test
    void aPlanOfAnotherInstanceIsRefused() throws Exception {
        Instance instance = singleSupplier();
        Plan plan = new Planner().solve(MarginalsTest.conformance("t01_plain.json"), OPTIONS, false).plan();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stress.run(instance, plan, MipSolver.create(), OPTIONS, 1));
        assertTrue(e.getMessage().contains("t01-plain"), e.getMessage());
    }

    @Test
    void theCutIsACapacityFactorZeroInEveryScenario() throws Exception {
        Instance t08 = MarginalsTest.conformance("t08_hedge_build.json");
        Instance cut = Stress.cutOff(t08, "AU");
        for (int s = 0; s < cut.scenarios().size(); s++) {
            var factors = cut.scenarios().get(s).capacityFactors();
            assertEquals(t08.scenarios().get(s).capacityFactors().size() + 1, factors.size());
            var last = factors.get(factors.size() - 1);
            assertEquals("AU", last.country().orElseThrow());
            assertEquals(0, last.factor());
            assertTrue(last.years().contains(2026) && last.years().contains(2100));
        }
        assertEquals(List.of("CN", "AU"), Stress.hostCountries(t08));
    }
}

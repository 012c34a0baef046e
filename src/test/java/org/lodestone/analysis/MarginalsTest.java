package org.lodestone.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.MarginalValues;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;

class MarginalsTest {
    static Instance conformance(String name) throws Exception {
        return InstanceReader.read(Path.of(MarginalsTest.class.getResource("/conformance/" + name).toURI()), List.of());
    }

    static Planner.Outcome solve(Instance instance) {
        return new Planner().solve(instance, new SolveOptions(Backend.SCIP, 60, 0, 1), false);
    }

    @Test
    void t01DemandAndCapacityPrices() throws Exception {
        // t01: the last tonne of oxide comes from mB (8000 + toll 2000 + freight 100 per t REO, 0.2 t ox
        // per t REO) = 50,500, plus domestic oxide freight 10, plus risk (0.2 + 0.1) × riskWeight 10 / 0.2
        // = 15: 50,525 per t. A tonne more of mA's capacity replaces a tonne of mB at 3,000 less.
        Instance instance = conformance("t01_plain.json");
        MarginalValues values = Marginals.of(solve(instance), MipSolver.create(), 60);
        assertEquals(1, values.demand().size());
        assertEquals(50_525, values.demand().get(0).usdPerTonne(), 1e-6);
        double mA = values.capacity().stream().filter(c -> c.facility().equals("mA")).findFirst().orElseThrow()
                .usdPerTonne();
        double mB = values.capacity().stream().filter(c -> c.facility().equals("mB")).findFirst().orElseThrow()
                .usdPerTonne();
        assertEquals(3_000, mA, 1e-6);
        assertEquals(0, mB, 1e-6);
    }

    @Test
    void pricesOfAPlanWithBuildsAndScenarios() throws Exception {
        // t08 with demand 900 t ox (at 1000 both mines run exactly at capacity and the price is
        // degenerate: any value between the two one-sided derivatives is a valid dual).
        // The AU mine is still built (hedge). calm (0.7): CN mine has room, a tonne more costs
        // (2000 + 1000) / 0.2 = 15,000; embargo (0.3): the built AU mine has room, (4000 + 1000) / 0.2
        // = 25,000. Expected: 0.7 × 15,000 + 0.3 × 25,000 = 18,000.
        Instance instance = InstanceReader.read(
                Path.of(MarginalsTest.class.getResource("/conformance/t08_hedge_build.json").toURI()),
                List.of("/buyers/0/demand/NdPr=900"));
        Planner.Outcome outcome = solve(instance);
        assertEquals(1, outcome.plan().builds().size());
        MarginalValues values = Marginals.of(outcome, MipSolver.create(), 60);
        assertEquals(18_000, values.demand().get(0).usdPerTonne(), 1e-6);
        // capacity: neither mine is full in either scenario, so neither has a price
        values.capacity().forEach(c -> assertEquals(0, c.usdPerTonne(), 1e-6, c.toString()));
    }
}

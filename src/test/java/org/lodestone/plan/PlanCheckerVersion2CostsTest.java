package org.lodestone.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Series;
import org.lodestone.domain.YearRange;

/** Cost terms that model-v2.md adds or changes, each with numbers derived by hand. */
class PlanCheckerVersion2CostsTest {
    private static final YearRange ALWAYS = new YearRange(2000, 2100);
    private static final int Y = 2026;

    private static CheckReport check(Instance in, PlanBuilder plan) {
        CheckReport r = PlanChecker.check(in, plan.reconciled(in));
        assertEquals(List.of(), r.violations());
        return r;
    }

    // ---------------------------------------------------------------- §2.1, §2.2: builds

    @Test
    void capexAndFixedOpexIgnoreDelaysEvenPastTheHorizon() {
        // 3 years: a build started 2026 with lead 1; late pushes it past the horizon
        Expansion ex = new Expansion(1000, 1, 1, Y, Y, 1000, 0, 100, 0, List.of(0.5, 1.0));
        Instance in = TestInstances.instance("costs", Y, 3).element("NdPr", 100000).country("AU", 0)
                .mine(new Mine("mB", "AU", "standard", Series.constant(0, 3), Series.constant(1, 3),
                        Map.of("NdPr", 0.2), Optional.of(ex)))
                .refinery("rU", "AU", 5000, 1).buyer("bU", "AU", "NdPr", 0)
                .scenario(TestInstances.scenario("ontime", 0.5))
                .scenario(new Scenario("late", 0.5, List.of(), List.of(), List.of(), List.of(),
                        List.of(new Scenario.BuildDelay(Optional.empty(), Optional.of("mB"), 5)), List.of(),
                        Optional.empty()))
                .build();
        CheckReport r = check(in, PlanBuilder.plan(in).build("mB", Y, 2027, 1, 1000)
                .scenario("ontime", 0.5).concentrate("mB", "rU", 2027, 500).concentrate("mB", "rU", 2028, 1000)
                .scenario("late", 0.5));
        assertEquals(1000, r.costs().get(CostPart.CAPEX));
        assertEquals(200, r.costs().get(CostPart.FIXED_OPEX));   // 2027 and 2028 in both scenarios
    }
}

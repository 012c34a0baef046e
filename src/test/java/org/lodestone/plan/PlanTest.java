package org.lodestone.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;

/** Plan.Costs (one amount per money part of CostPart, in CostPart order) and whose instance a plan is. */
class PlanTest {
    /** Each part a distinct power of two, so that any part left out or counted twice shows. */
    private static Plan.Costs distinct() {
        Map<CostPart, Double> amounts = new EnumMap<>(CostPart.class);
        for (CostPart part : CostPart.money()) {
            amounts.put(part, Math.pow(2, part.ordinal()));
        }
        return Plan.Costs.of(amounts);
    }

    @Test
    void netAddsEveryCostAndSubtractsSurplusRevenue() {
        // 2^0 + … + 2^9 = 1023 for capex … shortfall, minus 2^10 for surplus revenue, plus 2^11 holding
        // and 2^12 risk premium
        assertEquals(1023 - 1024 + 2048 + 4096, distinct().net());
        assertEquals(0, Plan.Costs.ZERO.net());
    }

    @Test
    void partsComeInPlanFileOrderWithTheirAmounts() {
        List<String> keys = new ArrayList<>();
        List<Double> amounts = new ArrayList<>();
        distinct().forEach((part, amount) -> {
            keys.add(part.key());
            amounts.add(amount);
        });
        assertEquals(List.of("capex", "fixedOpex", "signing", "mining", "refining", "contracts", "freight", "tariffs",
                "substitution", "shortfall", "surplusRevenue", "holding", "riskPremium"), keys);
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0, 1024.0, 2048.0, 4096.0),
                amounts);
    }

    @Test
    void partsNotNamedAreZeroAndRiskIsNoCost() {
        Plan.Costs costs = Plan.Costs.of(Map.of(CostPart.FREIGHT, 7.0));
        assertEquals(7, costs.get(CostPart.FREIGHT));
        assertEquals(0, costs.get(CostPart.CAPEX));
        assertThrows(IllegalArgumentException.class, () -> costs.get(CostPart.RISK));
        assertThrows(IllegalArgumentException.class, () -> Plan.Costs.of(Map.of(CostPart.RISK, 1.0)));
    }

    @Test
    void equalByAmounts() {
        assertEquals(distinct(), distinct());
        assertEquals(distinct().hashCode(), distinct().hashCode());
        assertEquals(Plan.Costs.ZERO, Plan.Costs.of(Map.of()));
        assertNotEquals(Plan.Costs.ZERO, Plan.Costs.of(Map.of(CostPart.SIGNING, 1.0)));
    }

    // ---------------------------------------------------------------- requireFor

    @Test
    void requireForAcceptsThePlanOfTheInstance() {
        Instance in = Fixtures.base().build();
        Plan plan = Fixtures.basePlan().plan(Plan.Costs.ZERO, 0, 0);
        assertTrue(plan.isFor(in));
        assertSame(plan, plan.requireFor(in));
    }

    @Test
    void requireForRefusesAForeignPlanNamingBothInstances() {
        Instance in = Fixtures.base().build();
        Plan foreign = PlanBuilder.plan("other").plan(Plan.Costs.ZERO, 0, 0);
        assertFalse(foreign.isFor(in));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> foreign.requireFor(in));
        assertEquals("the plan is for instance \"other\", not \"rules\"", e.getMessage());
        IllegalStateException own = assertThrows(IllegalStateException.class,
                () -> foreign.requireFor(in, IllegalStateException::new));
        assertEquals(e.getMessage(), own.getMessage());
    }
}

package org.lodestone.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;

/**
 * The hand-derived optima of t12–t22 in the conformance README (model version 2): each instance
 * read from its file, its optimal plan written by hand as the README derives it; the checker must
 * accept the plan and recompute the README's objective. The README also names the objectives of
 * the usual misreadings (a delay counted once, the penalty scaled by a flood, the ramp-up counted
 * from the planned year…), so agreeing with it to 1e-9 rules them out.
 */
class PlanCheckerConformanceV2Test {
    private static Instance read(String file) throws Exception {
        return InstanceReader.read(Path.of(PlanCheckerConformanceV2Test.class.getResource("/conformance/" + file).toURI()),
                List.of());
    }

    /** The plan holds, with the figures the checker recomputes, and its objective is the README's. */
    private static CheckReport assertOptimum(Instance in, PlanBuilder plan, double objective) {
        CheckReport r = PlanChecker.check(in, plan.reconciled(in));
        assertEquals(List.of(), r.violations());
        assertEquals(objective, r.objective(), 1e-9 * objective);
        return r;
    }

    @Test
    void t12RampUpMakesTheSecondModuleWorthIt() throws Exception {
        Instance in = read("t12_ramp_up.json");
        // two modules: 50 % of 10000 t REO in 2026 is the 5000 t needed, then 100 %
        PlanBuilder two = PlanBuilder.plan(in).build("mA", 2026, 2026, 2, 10000);
        PlanBuilder one = PlanBuilder.plan(in).build("mA", 2026, 2026, 1, 5000)
                .concentrate("mA", "rA", 2026, 2500).deliver("mA", "rA", "b1", "NdPr", 2026, 500)
                .shortfall("b1", "NdPr", 2026, 500);
        for (int y = 2026; y <= 2028; y++) {
            two.concentrate("mA", "rA", y, 5000).deliver("mA", "rA", "b1", "NdPr", y, 1000);
            if (y > 2026) {
                one.concentrate("mA", "rA", y, 5000).deliver("mA", "rA", "b1", "NdPr", y, 1000);
            }
        }
        assertOptimum(in, two, 85_000_000);
        assertOptimum(in, one, 107_500_000);
    }

    @Test
    void t13BuildDelayOfTwoEntriesInOneScenario() throws Exception {
        Instance in = read("t13_build_delay.json");
        PlanBuilder plan = PlanBuilder.plan(in).build("mA", 2026, 2027, 1, 5000);
        // ontime runs on mA from 2027; late (AU 1 + mA 1 year) only from 2029
        for (String s : List.of("ontime", "late")) {
            int online = s.equals("ontime") ? 2027 : 2029;
            plan.scenario(s, s.equals("ontime") ? 0.6 : 0.4);
            for (int y = 2026; y <= 2029; y++) {
                String mine = y < online ? "mC" : "mA";
                plan.concentrate(mine, "rA", y, 5000).deliver(mine, "rA", "b1", "NdPr", y, 1000);
            }
        }
        CheckReport r = assertOptimum(in, plan, 136_000_000);
        assertEquals(3e6, r.costs().get(CostPart.FIXED_OPEX));   // from 2027, late or not
    }

    @Test
    void t14PriceFactorsOnTariffsAndSurplus() throws Exception {
        Instance in = read("t14_price_factors.json");
        PlanBuilder plan = PlanBuilder.plan(in);
        for (String s : List.of("base", "flood")) {
            String r = s.equals("base") ? "rU" : "rM";   // the flood makes the MY tariff cheap
            plan.scenario(s, 0.5).concentrate("mA", r, 2026, 5000).deliver("mA", r, "bU", "NdPr", 2026, 1000)
                    .surplus(r, "La", 2026, 1500).shortfall("bU", "Dy", 2026, 1);
        }
        assertOptimum(in, plan, 18_875_000);
    }

    @Test
    void t15IndexedOfftakeWithFloorAndCap() throws Exception {
        Instance in = read("t15_indexed_floor.json");
        PlanBuilder hold = PlanBuilder.plan(in).contract("kIdx", true);
        PlanBuilder spot = PlanBuilder.plan(in).contract("kIdx", false);
        for (String s : List.of("base", "flood")) {
            hold.scenario(s, 0.5).concentrate("mA", "rA", 2026, 5000).deliver("mA", "rA", "b1", "NdPr", 2026, 1000)
                    .use("kIdx", 2026, 5000, 5000);
            spot.scenario(s, 0.5).concentrate("mA", "rC", 2026, 5000).deliver("mA", "rC", "b1", "NdPr", 2026, 1000);
        }
        CheckReport r = assertOptimum(in, hold, 25_950_000);
        assertEquals(0.5 * 5000 * 3500 + 0.5 * 5000 * 2800, r.costs().get(CostPart.CONTRACTS));
        assertOptimum(in, spot, 26_875_000);
    }

    @Test
    void t16ContingentOfftakeOwesNothingWithoutThePlant() throws Exception {
        Instance in = read("t16_contingent.json");
        PlanBuilder plan = PlanBuilder.plan(in).build("rN", 2026, 2027, 1, 5000).contract("kC", true)
                .contract("kN", false);
        plan.scenario("ontime", 0.5).concentrate("mA", "rO", 2026, 5000).deliver("mA", "rO", "b1", "NdPr", 2026, 1000)
                .concentrate("mA", "rN", 2027, 5000).deliver("mA", "rN", "b1", "NdPr", 2027, 1000)
                .use("kC", 2027, 5000, 5000);
        for (String s : List.of("late", "outage")) {
            plan.scenario(s, 0.25);
            for (int y = 2026; y <= 2027; y++) {
                plan.concentrate("mA", "rO", y, 5000).deliver("mA", "rO", "b1", "NdPr", y, 1000);
            }
        }
        assertOptimum(in, plan, 78_750_000);
    }

    @Test
    void t17StockFilledBeforeTheRevealInBothScenarios() throws Exception {
        Instance in = read("t17_stockpile_reveal.json");
        PlanBuilder plan = PlanBuilder.plan(in);
        for (String s : List.of("calm", "embargo")) {
            plan.scenario(s, 0.5).concentrate("mC", "rC", 2026, 5000).deliver("mC", "rC", "b1", "NdPr", 2026, 1000)
                    .stock("reserve", 2026, 500, 0, 500).stock("reserve", 2027, 0, 500, 0);
        }
        CheckReport r = assertOptimum(in, plan, 15_500_000);
        assertEquals(500_000, r.costs().get(CostPart.HOLDING));
    }

    @Test
    void t18CvarMakesTheHedgeBuildWorthIt() throws Exception {
        Instance in = read("t18_cvar.json");
        PlanBuilder plan = PlanBuilder.plan(in).build("mA", 2026, 2026, 1, 5000)
                .scenario("calm", 0.7).concentrate("mC", "rA", 2026, 5000).deliver("mC", "rA", "b1", "NdPr", 2026, 1000)
                .scenario("embargo", 0.3).concentrate("mA", "rA", 2026, 5000)
                .deliver("mA", "rA", "b1", "NdPr", 2026, 1000);
        CheckReport r = assertOptimum(in, plan, 29_637_500);
        assertEquals(2.11e7, r.cvar(), 1e-6);
        assertEquals(1.4625e6, r.costs().get(CostPart.RISK_PREMIUM), 1e-6);
    }

    @Test
    void t19StockReleasedEarlyDownToMinFinal() throws Exception {
        Instance in = read("t19_stock_minfinal.json");
        PlanBuilder plan = PlanBuilder.plan(in)
                .concentrate("mA", "rA", 2026, 2200).deliver("mA", "rA", "b1", "NdPr", 2026, 440)
                .stock("reserve", 2026, 0, 60, 340)
                .concentrate("mA", "rA", 2027, 2300).deliver("mA", "rA", "b1", "NdPr", 2027, 460)
                .stock("reserve", 2027, 0, 40, 300);
        assertOptimum(in, plan, 18_320_000);
    }

    @Test
    void t20ContingentOfftakeOwesTheRampUpShare() throws Exception {
        Instance in = read("t20_contingent_ramp.json");
        PlanBuilder plan = PlanBuilder.plan(in).build("rN", 2026, 2026, 1, 5000).contract("kC", true);
        // base and boost: rN at 40 % (2000 t REO) owes 1200 t in 2026, then 3000 t
        for (String s : List.of("base", "boost")) {
            plan.scenario(s, s.equals("base") ? 0.5 : 0.25)
                    .concentrate("mA", "rN", 2026, 2000).deliver("mA", "rN", "b1", "NdPr", 2026, 400)
                    .use("kC", 2026, 1200, 1200)
                    .concentrate("mA", "rN", 2027, 2000).deliver("mA", "rN", "b1", "NdPr", 2027, 400)
                    .use("kC", 2027, 2000, 3000);
        }
        // late: rN is not online in 2026 and owes nothing; 2027 is its first year, at 40 %
        plan.scenario("late", 0.25).concentrate("mA", "rO", 2026, 2000).deliver("mA", "rO", "b1", "NdPr", 2026, 400)
                .concentrate("mA", "rN", 2027, 2000).deliver("mA", "rN", "b1", "NdPr", 2027, 400)
                .use("kC", 2027, 1200, 1200);
        assertOptimum(in, plan, 19_200_000);
    }

    @Test
    void t21StockFilledBeforeAMandateTightensComplies() throws Exception {
        Instance in = read("t21_mandate_stock.json");
        PlanBuilder plan = PlanBuilder.plan(in)
                .concentrate("mC", "rC", 2026, 2500).deliver("mC", "rC", "b1", "NdPr", 2026, 500)
                .concentrate("mA", "rA", 2026, 2500).deliver("mA", "rA", "b1", "NdPr", 2026, 500)
                .stock("reserve", 2026, 500, 0, 500)
                .concentrate("mA", "rA", 2027, 2500).deliver("mA", "rA", "b1", "NdPr", 2027, 500)
                .stock("reserve", 2027, 0, 500, 0);
        assertOptimum(in, plan, 38_000_000);
    }

    @Test
    void t22StockFilledInAYearWithoutDemand() throws Exception {
        Instance in = read("t22_stock_zero_demand.json");
        PlanBuilder plan = PlanBuilder.plan(in)
                .concentrate("mC", "rC", 2026, 2500).deliver("mC", "rC", "b1", "NdPr", 2026, 500)
                .stock("reserve", 2026, 500, 0, 500).stock("reserve", 2027, 0, 500, 0);
        assertOptimum(in, plan, 8_000_000);
    }
}

package org.lodestone.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lodestone.TestInstances;
import org.lodestone.domain.Instance;
import org.lodestone.domain.RiskAversion;
import org.lodestone.domain.Stockpile;

/**
 * A small world shared by the checker tests, one year (2026):
 * <ul>
 *   <li>elements NdPr (price 100000) and La (price 2000, surplus 1500);</li>
 *   <li>countries AU (risk 0.25, "coalition"), US (0.125), CN (0.5, "feoc"), JP (0.375);</li>
 *   <li>mines mA (AU, 1000 t, 5000/t, NdPr 0.2 + La 0.3) and mC (CN, 1000 t, 2000/t, NdPr 0.2);</li>
 *   <li>refineries rU (US, 2000 t, 1000/t) and rC (CN, 1000 t, 500/t), recovery 1, accept all;</li>
 *   <li>buyer bU (US) wanting 100 t of NdPr.</li>
 * </ul>
 */
final class Fixtures {
    static final int Y = 2026;

    private Fixtures() {}

    /** Elements and countries only. */
    static TestInstances.Builder world() {
        return TestInstances.instance("rules", Y, 1)
                .element("NdPr", 100000)
                .element("La", 2000, 1500)
                .country("AU", 0.25, "coalition")
                .country("US", 0.125)
                .country("CN", 0.5, "feoc")
                .country("JP", 0.375);
    }

    static TestInstances.Builder mines(TestInstances.Builder b) {
        return b.mine("mA", "AU", 1000, 5000, Map.of("NdPr", 0.2, "La", 0.3))
                .mine("mC", "CN", 1000, 2000, Map.of("NdPr", 0.2));
    }

    static TestInstances.Builder refineries(TestInstances.Builder b) {
        return b.refinery("rU", "US", 2000, 1000).refinery("rC", "CN", 1000, 500);
    }

    /** The whole world of the class comment. */
    static TestInstances.Builder base() {
        return refineries(mines(world())).buyer("bU", "US", "NdPr", 100);
    }

    /** Feasible in {@link #base()}: 500 t from mA refined in rU, 100 t of NdPr delivered. */
    static PlanBuilder basePlan() {
        return PlanBuilder.plan("rules").concentrate("mA", "rU", Y, 500).deliver("mA", "rU", "bU", "NdPr", Y, 100);
    }

    /** {@code in} with the stockpiles and risk aversion of model version 2, which TestInstances does not write. */
    static Instance withVersion2(Instance in, List<Stockpile> stockpiles, Optional<RiskAversion> riskAversion) {
        return new Instance(in.name(), in.description(), in.sources(), in.horizon(), in.discountRate(), in.riskWeight(),
                in.riskBudget(), in.elements(), in.countries(), in.mines(), in.refineries(), in.buyers(), in.lanes(),
                in.tariffs(), in.exportControls(), in.contracts(), in.scenarios(), stockpiles, riskAversion,
                in.disruptions());
    }

    static CheckReport check(Instance in, PlanBuilder plan) {
        return PlanChecker.check(in, plan.reconciled(in));
    }

    static void assertOk(Instance in, PlanBuilder plan) {
        assertEquals(List.of(), check(in, plan).violations());
    }

    static void assertViolations(Instance in, PlanBuilder plan, String... expected) {
        assertEquals(List.of(expected), check(in, plan).violations());
    }
}

package org.lodestone.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lodestone.model.RowFamilyStructureTest.column;
import static org.lodestone.model.RowFamilyStructureTest.rows;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;

/**
 * The objective is written from the recorded cost terms, and the same model can be re-weighted
 * and re-budgeted in place: what {@link org.lodestone.analysis.Pareto} relies on.
 */
class ObjectiveTest {
    /**
     * mA (AU, risk 0.2, cost 1000) ships to rU (US, risk 0.1, toll 500); two scenarios of
     * probability 0.25 and 0.75; riskWeight 10.
     */
    private static Instance instance() {
        return TestInstances.instance("objective", 2026, 1).riskWeight(10)
                .element("NdPr", 100_000).country("AU", 0.2).country("US", 0.1)
                .mine("mA", "AU", 1000, 1000, Map.of("NdPr", 1.0))
                .refinery("rU", "US", 1000, 500)
                .buyer("bU", "US", "NdPr", 500)
                .scenario(TestInstances.scenario("low", 0.25))
                .scenario(TestInstances.scenario("high", 0.75))
                .build();
    }

    private static double[] objective(MipModel mip) {
        double[] c = new double[mip.variables()];
        for (int j = 0; j < c.length; j++) {
            c[j] = mip.objective(j);
        }
        return c;
    }

    @Test
    void standardWeightsAreProbabilityTimesPartTimesAmount() {
        SourcingModel model = SourcingModel.build(instance());
        MipModel mip = model.mip();
        // cost 0.75 × (1000 + 500) plus risk 0.75 × 10 × (0.2 + 0.1)
        assertEquals(0.75 * 1000 + 0.75 * 500 + 0.75 * 10 * (0.2 + 0.1),
                mip.objective(column(mip, "ship[mA,rU,2026,high]")));
        assertEquals(0.25 * 1_000_000, mip.objective(column(mip, "shortfall[bU,NdPr,2026,low]")));
    }

    @Test
    void objectiveIsReweightedInPlaceAndBack() {
        Instance instance = instance();
        SourcingModel model = SourcingModel.build(instance);
        MipModel mip = model.mip();
        double[] built = objective(mip);
        model.setObjective(CostWeights.none(instance).withPart(CostPart.RISK, 1000));
        assertEquals(0.75 * 1000 * (0.2 + 0.1), mip.objective(column(mip, "ship[mA,rU,2026,high]")));
        assertEquals(0, mip.objective(column(mip, "shortfall[bU,NdPr,2026,high]")));
        model.setObjective(CostWeights.standard(instance));
        assertArrayEquals(built, objective(mip));
    }

    @Test
    void riskBudgetIsAddedSetAndRemoved() {
        Instance instance = instance();
        SourcingModel model = SourcingModel.build(instance);
        MipModel mip = model.mip();
        int rowCount = mip.rows();
        int nonzeros = mip.nonzeros();
        assertEquals(List.of(), rows(model, "riskBudget"));

        model.setRiskBudget(Optional.of(50.0));
        List<RowFamilyStructureTest.Row> added = rows(model, "riskBudget");
        assertEquals(1, added.size());
        assertEquals(50, added.get(0).upper());
        assertEquals(Map.of("ship[mA,rU,2026,low]", 0.25 * (0.2 + 0.1), "ship[mA,rU,2026,high]", 0.75 * (0.2 + 0.1)),
                added.get(0).coefficients());

        model.setRiskBudget(Optional.of(60.0));
        assertEquals(60, rows(model, "riskBudget").get(0).upper());
        assertEquals(rowCount + 1, mip.rows());

        model.setRiskBudget(Optional.empty());
        assertEquals(List.of(), rows(model, "riskBudget"));
        assertEquals(rowCount, mip.rows());
        assertEquals(nonzeros, mip.nonzeros());
    }

    @Test
    void weightsChangeOnePartOrStageAtATime() {
        CostWeights standard = CostWeights.standard(instance());
        assertEquals(10, standard.part(CostPart.RISK));
        assertEquals(-1, standard.part(CostPart.SURPLUS_REVENUE));
        assertEquals(1, standard.stage(-1));
        assertEquals(0.75, standard.stage(1));
        CostWeights changed = standard.withPart(CostPart.RISK, 0).withStage(0, 2);
        assertEquals(0, changed.part(CostPart.RISK));
        assertEquals(2 * 1.0, changed.of(CostPart.MINING, 0));
        assertEquals(10, standard.part(CostPart.RISK), "the original is unchanged");
    }
}

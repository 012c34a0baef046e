package org.lodestone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;

/**
 * The rows of one family each, as the model writes them, without a solver: how many, their
 * bounds, and a coefficient (formulation.md §4). Covers the families that
 * {@link ConstraintFamilyTest}, which solves, names nowhere. Instances have one year unless a
 * family needs two.
 */
class RowFamilyStructureTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    // ------------------------------------------------------------------ expansions

    /** mA may build 3 modules from 2026; rU at most one, a single {@code build} binary without linking rows. */
    private static Instance expandable(int years, int latestStart) {
        TestInstances.Builder b = TestInstances.instance("expansions", 2026, years)
                .element("NdPr", 100_000).country("AU", 0).country("US", 0);
        b.mine(new Mine("mA", "AU", "standard", b.s(100), b.s(1000), Map.of("NdPr", 1.0),
                Optional.of(TestInstances.expansion(500, 3, 0, 2026, latestStart))));
        b.refinery(new Refinery("rU", "US", Optional.empty(), b.s(100), b.s(500), Map.of(), 1.0,
                Optional.of(TestInstances.expansion(500, 1, 0, 2026, latestStart))));
        return b.buyer("bU", "US", "NdPr", 50).build();
    }

    @Test
    void modulesIfStarted() {
        assertEquals(List.of(new Row("modulesIfStarted[mA,2026]", -INF, 0,
                        Map.of("starts[mA,2026]", -3.0, "modules[mA,2026]", 1.0))),
                rows(SourcingModel.build(expandable(1, 2026)), "modulesIfStarted"));
    }

    @Test
    void startsWithModule() {
        assertEquals(List.of(new Row("startsWithModule[mA,2026]", -INF, 0,
                        Map.of("starts[mA,2026]", 1.0, "modules[mA,2026]", -1.0))),
                rows(SourcingModel.build(expandable(1, 2026)), "startsWithModule"));
    }

    /** Two start years need the row; its coefficients are the starts (or builds) of every year. */
    @Test
    void oneStart() {
        assertEquals(List.of(
                        new Row("oneStart[mA]", -INF, 1, Map.of("starts[mA,2026]", 1.0, "starts[mA,2027]", 1.0)),
                        new Row("oneStart[rU]", -INF, 1, Map.of("build[rU,2026]", 1.0, "build[rU,2027]", 1.0))),
                rows(SourcingModel.build(expandable(2, 2027)), "oneStart"));
        assertEquals(List.of(), rows(SourcingModel.build(expandable(2, 2026)), "oneStart"));
    }

    // ------------------------------------------------------------------ contracts

    /**
     * mA (1000 t) ships to rU (800 t). kS is signed on mA; kO and kZ are optional on rU, kO with
     * minPerYear 100 and maxPerYear 2000 (more than rU can reach), kZ without a minimum.
     */
    private static Instance contracted() {
        TestInstances.Builder b = TestInstances.instance("contracts", 2026, 1)
                .element("NdPr", 100_000).country("AU", 0).country("US", 0)
                .mine("mA", "AU", 1000, 100, Map.of("NdPr", 1.0))
                .refinery("rU", "US", 800, 50)
                .buyer("bU", "US", "NdPr", 500);
        return b.contract(new Contract("kS", "mA", true, b.all(), 200, 500, 90, 0))
                .contract(new Contract("kO", "rU", false, b.all(), 100, 2000, 40, 1000))
                .contract(new Contract("kZ", "rU", false, b.all(), 0, 300, 45, 0))
                .build();
    }

    @Test
    void contractThroughput() {
        List<Row> rows = rows(SourcingModel.build(contracted()), "contractThroughput");
        assertEquals(List.of("contractThroughput[mA,2026,base]", "contractThroughput[rU,2026,base]"), names(rows));
        assertEquals(new Row("contractThroughput[rU,2026,base]", -INF, 0, Map.of("ship[mA,rU,2026,base]", -1.0,
                "taken[kO,2026,base]", 1.0, "taken[kZ,2026,base]", 1.0)), rows.get(1));
    }

    /** Only optional contracts have the row; its big-M is the reach, min(maxPerYear, what rU can reach). */
    @Test
    void takenIfHeld() {
        assertEquals(List.of(
                        new Row("takenIfHeld[kO,2026,base]", -INF, 0,
                                Map.of("hold[kO]", -800.0, "taken[kO,2026,base]", 1.0)),
                        new Row("takenIfHeld[kZ,2026,base]", -INF, 0,
                                Map.of("hold[kZ]", -300.0, "taken[kZ,2026,base]", 1.0))),
                rows(SourcingModel.build(contracted()), "takenIfHeld"));
    }

    /** Only an optional contract with a minimum has the row; a signed one's minimum is the bound of {@code paid}. */
    @Test
    void minimumPayment() {
        SourcingModel model = SourcingModel.build(contracted());
        assertEquals(List.of(new Row("minimumPayment[kO,2026,base]", 0, INF,
                        Map.of("hold[kO]", -100.0, "paid[kO,2026,base]", 1.0))),
                rows(model, "minimumPayment"));
        assertEquals(200, model.mip().lower(column(model.mip(), "paid[kS,2026,base]")));
    }

    // ------------------------------------------------------------------ pools and share caps

    /**
     * mA and mB (AU, basket NdPr 0.5) and mC (CA, 0.4) ship to rU (US, recovery 0.8). bU has a
     * country-share cap of 0.6, so its deliveries are pooled by mining country as well.
     */
    private static Instance capped() {
        TestInstances.Builder b = TestInstances.instance("capped", 2026, 1)
                .element("NdPr", 100_000).country("AU", 0).country("CA", 0).country("US", 0)
                .mine("mA", "AU", 1000, 100, Map.of("NdPr", 0.5))
                .mine("mB", "AU", 1000, 100, Map.of("NdPr", 0.5))
                .mine("mC", "CA", 1000, 100, Map.of("NdPr", 0.4));
        b.refinery(new Refinery("rU", "US", Optional.empty(), b.s(5000), b.s(50), Map.of("NdPr", 0.8), 1.0,
                Optional.empty()));
        return b.buyer(new Buyer("bU", "US", Map.of("NdPr", b.s(300)), Map.of(), Optional.empty(), Optional.of(0.6),
                List.of())).build();
    }

    /** Only the AU pool holds two shipments, so only it gets an {@code oxide} column and its defining row. */
    @Test
    void oxideMined() {
        assertEquals(List.of(new Row("oxideMined[AU,US,NdPr,2026,base]", 0, 0,
                        Map.of("ship[mA,rU,2026,base]", -0.5 * 0.8, "ship[mB,rU,2026,base]", -0.5 * 0.8,
                                "oxide[AU,US,NdPr,2026,base]", 1.0))),
                rows(SourcingModel.build(capped()), "oxideMined"));
    }

    @Test
    void deliveredTotal() {
        assertEquals(List.of(new Row("deliveredTotal[bU,NdPr,2026,base]", 0, 0,
                        Map.of("deliver[AU,US,bU,NdPr,2026,base]", 1.0, "deliver[CA,US,bU,NdPr,2026,base]", 1.0,
                                "delivered[bU,NdPr,2026,base]", -1.0))),
                rows(SourcingModel.build(capped()), "deliveredTotal"));
    }

    /** One row per mining country the buyer can receive from. */
    @Test
    void countryShareMined() {
        List<Row> rows = rows(SourcingModel.build(capped()), "countryShareMined");
        assertEquals(List.of("countryShareMined[bU,NdPr,AU,2026,base]", "countryShareMined[bU,NdPr,CA,2026,base]"),
                names(rows));
        assertEquals(new Row("countryShareMined[bU,NdPr,CA,2026,base]", -INF, 0,
                Map.of("deliver[CA,US,bU,NdPr,2026,base]", 1.0, "delivered[bU,NdPr,2026,base]", -0.6)), rows.get(1));
    }

    /** One row per refining country the buyer can receive from: here only US, holding both deliveries. */
    @Test
    void countryShareRefined() {
        assertEquals(List.of(new Row("countryShareRefined[bU,NdPr,US,2026,base]", -INF, 0,
                        Map.of("deliver[AU,US,bU,NdPr,2026,base]", 1.0, "deliver[CA,US,bU,NdPr,2026,base]", 1.0,
                                "delivered[bU,NdPr,2026,base]", -0.6))),
                rows(SourcingModel.build(capped()), "countryShareRefined"));
    }

    // ================================================================== helpers

    /** A row with its coefficients by column name (equal to any map of the same entries). */
    record Row(String name, double lower, double upper, Map<String, Double> coefficients) {}

    /** The rows whose name starts with {@code family[}, in model order. */
    static List<Row> rows(SourcingModel model, String family) {
        MipModel mip = model.mip();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < mip.rows(); i++) {
            if (mip.rowName(i).startsWith(family + "[") || mip.rowName(i).equals(family)) {
                Map<String, Double> coefficients = new LinkedHashMap<>();
                for (int k = mip.rowStart(i); k < mip.rowEnd(i); k++) {
                    coefficients.put(mip.variableName(mip.column(k)), mip.coefficient(k));
                }
                rows.add(new Row(mip.rowName(i), mip.rowLower(i), mip.rowUpper(i), coefficients));
            }
        }
        return rows;
    }

    static int column(MipModel mip, String name) {
        for (int j = 0; j < mip.variables(); j++) {
            if (mip.variableName(j).equals(name)) {
                return j;
            }
        }
        return fail("no column " + name);
    }

    private static List<String> names(List<Row> rows) {
        return rows.stream().map(Row::name).toList();
    }
}

package org.lodestone.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.YearRange;
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
        Stress.Result result = Stress.run(singleSupplierTree(), plan, MipSolver.create(), OPTIONS, 1);
        // baseline: 2 years × 2,500 t REO × (1,000 mining + 1,000 tolling) = 10,000,000
        assertEquals(10_000_000, result.baseline(), 1e-6);
        assertEquals(0, result.baselineShortfall(), 1e-9);
        assertEquals(List.of("CN", "AU"), result.cuts().stream().map(Stress.CountryCut::country).toList());
        Stress.CountryCut cn = result.cuts().get(0);
        // without CN nothing can be refined: 2 × 500 t short at 10 × 10,000
        assertEquals(100_000_000, cn.objective(), 1e-6);
        assertEquals(90_000_000, cn.increase(), 1e-6);
        assertEquals(1000, cn.shortfall(), 1e-6);
        assertEquals(Map.of(new Stress.BuyerElement("b1", "NdPr"), 1000.0), cn.shortfallByBuyerElement());
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
        assertEquals(Stress.run(singleSupplierTree(), plan, MipSolver.create(), OPTIONS, 1),
                Stress.run(singleSupplierTree(), plan, MipSolver.create(), OPTIONS, 3));
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
        Stress.Result result = Stress.run(singleSupplierTree(), plan, flaky, OPTIONS, 2);
        assertEquals(List.of("AU", "CN"), result.cuts().stream().map(Stress.CountryCut::country).toList());
        Stress.CountryCut cn = result.cuts().get(1);
        assertEquals("ERROR", cn.status());
        assertEquals("broken", cn.message());
        assertTrue(Double.isNaN(cn.increase()));
        assertFalse(result.complete());
    }

    @Test
    void aCutWhoseSolveThrowsIsAFailedCutNotAFailedTest() throws Exception {
        Plan plan = new Planner().solve(singleSupplier(), OPTIONS, false).plan();
        MipSolver real = MipSolver.create();
        MipSolver throwing = (model, options, control) -> {
            for (int j = 0; j < model.variables(); j++) {
                if (model.variableName(j).startsWith("ship[mC")) {
                    return real.solve(model, options, control);
                }
            }
            throw new IllegalStateException("native crash");
        };
        Stress.Result result = Stress.run(singleSupplierTree(), plan, throwing, OPTIONS, 1);
        Stress.CountryCut cn = result.cuts().get(1);
        assertEquals("CN", cn.country());
        assertEquals("ERROR", cn.status());
        assertEquals("java.lang.IllegalStateException: native crash", cn.message());
        assertTrue(result.cuts().get(0).solved());
    }

    @Test
    void aPlanOfAnotherInstanceIsRefused() throws Exception {
        Instance instance = singleSupplier();
        Plan plan = new Planner().solve(MarginalsTest.conformance("t01_plain.json"), OPTIONS, false).plan();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stress.run(singleSupplierTree(), plan, MipSolver.create(), OPTIONS, 1));
        assertTrue(e.getMessage().contains("t01-plain"), e.getMessage());
    }

    @Test
    void theCutIsACapacityFactorZeroAddedToEveryScenario() throws Exception {
        JsonNode tree = InstanceReader.readTree(
                Path.of(StressTest.class.getResource("/conformance/t08_hedge_build.json").toURI()));
        Instance t08 = InstanceReader.toInstance(tree);
        JsonNode before = tree.deepCopy();
        Instance cut = InstanceReader.toInstance(Stress.cutOff(tree, "AU"));
        assertEquals(before, tree, "the tree given is not changed");
        assertEquals(t08.scenarios().size(), cut.scenarios().size());
        for (int s = 0; s < cut.scenarios().size(); s++) {
            var factors = cut.scenarios().get(s).capacityFactors();
            assertEquals(t08.scenarios().get(s).capacityFactors(), factors.subList(0, factors.size() - 1));
            var last = factors.get(factors.size() - 1);
            assertEquals("AU", last.country().orElseThrow());
            assertEquals(0, last.factor());
            assertEquals(new YearRange(t08.horizon().start(), t08.horizon().last()), last.years());
        }
        assertEquals(List.of("CN", "AU"), Stress.hostCountries(t08));
    }

    @Test
    void withoutScenariosTheCutGoesIntoTheBaseScenarioWrittenOut() throws Exception {
        Instance plain = singleSupplier();
        Instance cut = InstanceReader.toInstance(Stress.cutOff(singleSupplierTree(), "CN"));
        assertEquals(1, cut.scenarios().size());
        Scenario base = cut.scenarios().get(0);
        assertEquals(plain.scenarios().get(0).id(), base.id());
        assertEquals(1.0, base.probability());
        assertEquals(List.of(new Scenario.FacilityFactor(Optional.of("CN"), Optional.empty(), 0,
                new YearRange(2026, 2027))), base.capacityFactors());
    }

    private static JsonNode conformanceTree(String name) throws Exception {
        return InstanceReader.readTree(Path.of(StressTest.class.getResource("/conformance/" + name).toURI()));
    }

    /**
     * t17 has reveal years, so a cut in every scenario from the start would be a factor before a
     * reveal year (V20). The plan (see the conformance README) fills 500 t in 2026 for 15,500,000.
     * With CN, the only supplier, cut off in both scenarios and both years, all 2 × 500 t go short
     * at 100,000: 100,000,000, +84,500,000. US hosts nothing.
     */
    @Test
    void aCutOnAnInstanceWithRevealYearsIsAllowedAndPricedByHand() throws Exception {
        JsonNode tree = conformanceTree("t17_stockpile_reveal.json");
        Plan plan = new Planner().solve(InstanceReader.toInstance(tree), OPTIONS, false).plan();
        Stress.Result result = Stress.run(tree, plan, MipSolver.create(), OPTIONS, 1);
        assertEquals(15_500_000, result.baseline(), 1e-6);
        assertEquals(List.of("CN"), result.cuts().stream().map(Stress.CountryCut::country).toList());
        Stress.CountryCut cn = result.cuts().get(0);
        assertEquals("OPTIMAL", cn.status());
        assertEquals(100_000_000, cn.objective(), 1e-6);
        assertEquals(84_500_000, cn.increase(), 1e-6);
        assertEquals(1000, cn.shortfall(), 1e-6);
    }

    /**
     * The two ways a cut is written give the same optimum. Scenarios revealed at the start year
     * tie nothing (as without reveal years), so each instance below is solved with the cut written
     * as capacity factors (no reveal years) and as capacities 0 and builds delayed past the horizon
     * (every scenario revealed at the start), for every country hosting a facility. t16 and t20
     * hold contingent contracts, which must owe nothing on a cut facility either way.
     */
    @Test
    void bothWaysOfWritingACutGiveTheSameOptimum() throws Exception {
        int compared = 0;
        for (String name : List.of("t08_hedge_build.json", "t13_build_delay.json", "t16_contingent.json",
                "t20_contingent_ramp.json", "g2-tiny-1.json", "g2-tiny-2.json", "g2-tiny-3.json")) {
            JsonNode tree = conformanceTree(name);
            JsonNode scenarios = tree.get("scenarios");
            if (scenarios == null || scenarios.findValue("revealYear") != null) {
                continue;
            }
            JsonNode revealed = tree.deepCopy();
            int start = tree.get("horizon").get("start").asInt();
            revealed.get("scenarios").forEach(s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s)
                    .put("revealYear", start));
            for (String country : Stress.hostCountries(InstanceReader.toInstance(tree))) {
                JsonNode factors = Stress.cutOff(tree, country);
                JsonNode delays = Stress.cutOff(revealed, country);
                assertTrue(factors.toString().contains("\"capacityFactors\""), name);
                assertTrue(delays.toString().contains("\"buildDelays\""), name);
                double a = new Planner().solve(InstanceReader.toInstance(factors), OPTIONS, false).plan().objective();
                double b = new Planner().solve(InstanceReader.toInstance(delays), OPTIONS, false).plan().objective();
                assertEquals(a, b, 1e-6 * Math.max(1, Math.abs(a)), name + " without " + country);
                compared++;
            }
        }
        assertTrue(compared >= 8, "compared " + compared + " cuts");
    }

    private static final Settings ONE = Settings.of(MipSolver.create(), OPTIONS);

    private static Stress.Result stress(JsonNode tree, Stress.Options options) throws Exception {
        Plan plan = new Planner().solve(InstanceReader.toInstance(tree), OPTIONS, false).plan();
        return Stress.run(tree, plan, ONE, options);
    }

    private static Stress.CountryCut row(Stress.Result result, String country) {
        return result.cuts().stream().filter(c -> c.country().equals(country)).findFirst().orElseThrow();
    }

    private static Stress.Options ban(String to, String stage, List<String> elements) {
        return new Stress.Options(Stress.Defection.exportBan(to, stage, elements), Stress.FirstStage.FROZEN, List.of());
    }

    /**
     * t07 (conformance README): only mA (AU) → rJ (JP) serves the JP buyer, 25,000,000. AU stopping
     * its exports to JP stops that concentrate: all 1,000 t short at the default 10 × 100,000, so
     * 1,000,000,000, as much as AU offline. To the US it costs nothing (AU sends nothing there),
     * while AU offline still costs 975,000,000: a ban to one destination costs no more than the
     * whole country. JP, the destination, is not among the countries that stop.
     */
    @Test
    void anExportBanToOneDestinationCostsNoMoreThanTheWholeCountryOffline() throws Exception {
        JsonNode t07 = conformanceTree("t07_export_control.json");
        Stress.Result toJp = stress(t07, ban("JP", "both", null));
        assertEquals(List.of("AU", "CN"), toJp.cuts().stream().map(Stress.CountryCut::country).toList());
        assertEquals(975_000_000, row(toJp, "AU").increase(), 1e-3);
        assertEquals(1000, row(toJp, "AU").shortfall(), 1e-6);
        assertEquals(0, row(toJp, "CN").increase(), 1e-3, "CN's own controls already stop it");
        Stress.Result toUs = stress(t07, ban("US", "both", null));
        assertEquals(List.of("AU", "CN", "JP"), toUs.cuts().stream().map(Stress.CountryCut::country).sorted().toList());
        Stress.Result offline = stress(t07, Stress.Options.DEFAULT);
        assertEquals(975_000_000, row(offline, "AU").increase(), 1e-3);
        for (Stress.CountryCut cut : toUs.cuts()) {
            assertEquals(0, cut.increase(), 1e-3, cut.country());
            assertTrue(cut.increase() <= row(offline, cut.country()).increase() + 1e-3, cut.country());
        }
        for (Stress.CountryCut cut : toJp.cuts()) {
            assertTrue(cut.increase() <= row(offline, cut.country()).increase() + 1e-3, cut.country());
        }
    }

    /** The stage of the ban: AU ships concentrate to JP, so an oxide ban costs nothing and a concentrate ban all. */
    @Test
    void theStageOfABanDecidesWhatStops() throws Exception {
        JsonNode t07 = conformanceTree("t07_export_control.json");
        assertEquals(0, row(stress(t07, ban("JP", "oxide", null)), "AU").increase(), 1e-3);
        assertEquals(975_000_000, row(stress(t07, ban("JP", "concentrate", null)), "AU").increase(), 1e-3);
    }

    /**
     * One year, AU mines (NdPr 0.2, Dy 0.01; 1,000 + 1,000 tolling per t REO) and refines for a JP
     * buyer of 100 t NdPr and 5 t Dy: 500 t REO, 1,000,000. A ban of Dy oxide to JP leaves the NdPr:
     * 5 t Dy short at the default 10 × 500,000, +25,000,000. A ban of every oxide: 100 t NdPr at
     * 1,000,000 and 5 t Dy at 5,000,000 short, nothing mined, 125,000,000.
     */
    @Test
    void theElementsOfABanAreTheOnlyOxidesStopped() throws Exception {
        JsonNode tree = new ObjectMapper().readTree("""
                {"schema": "lodestone/1", "name": "two-oxides", "horizon": {"start": 2026, "years": 1},
                 "elements": [{"id": "NdPr", "price": 100000}, {"id": "Dy", "price": 500000}],
                 "countries": [{"id": "AU", "risk": 0}, {"id": "JP", "risk": 0}],
                 "mines": [{"id": "mA", "country": "AU", "capacity": 1000, "cost": 1000,
                            "basket": {"NdPr": 0.2, "Dy": 0.01}}],
                 "refineries": [{"id": "rA", "country": "AU", "capacity": 1000, "cost": 1000}],
                 "buyers": [{"id": "bJ", "country": "JP", "demand": {"NdPr": 100, "Dy": 5}}]}
                """);
        Stress.Result dy = stress(tree, ban("JP", "oxide", List.of("Dy")));
        assertEquals(1_000_000, dy.baseline(), 1e-6);
        assertEquals(List.of("AU"), dy.cuts().stream().map(Stress.CountryCut::country).toList());
        assertEquals(25_000_000, dy.cuts().get(0).increase(), 1e-6);
        assertEquals(Map.of(new Stress.BuyerElement("bJ", "Dy"), 5.0), dy.cuts().get(0).shortfallByBuyerElement());
        Stress.Result all = stress(tree, ban("JP", "oxide", null));
        assertEquals(125_000_000, all.cuts().get(0).objective(), 1e-6);
    }

    /**
     * t08 (conformance README): the plan builds mA in AU as a hedge, 48,000,000. AU offline with the
     * build kept: 530,000,000 (capex 3e7 + 1,000 t short at 500,000). Re-planned, the build is
     * pointless and dropped: 500,000,000, +452,000,000 — less than kept, as it must be. CN offline
     * re-planned keeps the build: 55,000,000 either way.
     */
    @Test
    void replannedCostsNoMoreThanFrozenAndSaysWhatChanged() throws Exception {
        JsonNode t08 = conformanceTree("t08_hedge_build.json");
        Stress.Result frozen = stress(t08, Stress.Options.DEFAULT);
        Stress.Result replanned = stress(t08, new Stress.Options(Stress.Defection.OFFLINE,
                Stress.FirstStage.REPLANNED, List.of()));
        assertEquals(48_000_000, replanned.baseline(), 1e-6);
        Stress.CountryCut au = row(replanned, "AU");
        assertEquals(500_000_000, au.objective(), 1e-3);
        assertEquals(452_000_000, au.increase(), 1e-3);
        assertEquals(List.of("-mA"), au.changes());
        assertEquals(List.of(), row(frozen, "AU").changes(), "kept: nothing changes");
        Stress.CountryCut cn = row(replanned, "CN");
        assertEquals(55_000_000, cn.objective(), 1e-3);
        assertEquals(List.of(), cn.changes());
        for (Stress.CountryCut cut : replanned.cuts()) {
            assertTrue(cut.increase() <= row(frozen, cut.country()).increase() + 1e-3, cut.country());
        }
    }

    @Test
    void countriesNamedAreTheOnlyOnesAndMustHostAFacility() throws Exception {
        JsonNode t07 = conformanceTree("t07_export_control.json");
        Stress.Result one = stress(t07, new Stress.Options(Stress.Defection.OFFLINE, Stress.FirstStage.FROZEN,
                List.of("AU")));
        assertEquals(List.of("AU"), one.cuts().stream().map(Stress.CountryCut::country).toList());
        IllegalArgumentException us = assertThrows(IllegalArgumentException.class, () -> stress(t07,
                new Stress.Options(Stress.Defection.OFFLINE, Stress.FirstStage.FROZEN, List.of("US"))));
        assertTrue(us.getMessage().contains("hosts no mine or refinery"), us.getMessage());
        assertThrows(IllegalArgumentException.class, () -> stress(t07, new Stress.Options(
                Stress.Defection.exportBan("JP", "both", null), Stress.FirstStage.FROZEN, List.of("JP"))));
        assertThrows(IllegalArgumentException.class, () -> stress(t07, ban("XX", "both", null)));
    }

    @Test
    void theBanIsATopLevelControlAllowingEveryOtherCountry() throws Exception {
        JsonNode t07 = conformanceTree("t07_export_control.json");
        JsonNode banned = Stress.exportBan(t07, "AU", "JP", "oxide", List.of("NdPr"));
        JsonNode control = banned.get("exportControls").get(2);
        assertEquals(new ObjectMapper().readTree("""
                {"country": "AU", "stage": "oxide", "elements": ["NdPr"], "allowedDestinations": ["CN", "US"]}
                """), control);
        assertEquals(2, t07.get("exportControls").size(), "the tree given is not changed");
    }
}

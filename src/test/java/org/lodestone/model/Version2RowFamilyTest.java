package org.lodestone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lodestone.model.RowFamilyStructureTest.column;
import static org.lodestone.model.RowFamilyStructureTest.rows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.lodestone.TestInstances;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Scenario;
import org.lodestone.io.InstanceReader;
import org.lodestone.model.RowFamilyStructureTest.Row;

/**
 * The rows and columns that version 2 adds, as the model writes them, without a solver: names,
 * bounds and coefficients (formulation.md §10), in the style of {@link RowFamilyStructureTest}.
 */
class Version2RowFamilyTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static final String ONE_MINE = """
            "elements": [{"id": "NdPr", "price": 100000}],
            "countries": [{"id": "AU", "risk": 0}, {"id": "US", "risk": 0}],
            """;

    // ------------------------------------------------------------------ ramp-up, delays, shared columns

    /**
     * Two years; mA (100 t) can add up to 2 modules of 1000 t started in 2026 (lead 0, rampUp
     * [0.5, 1]); in scenario b its builds are a year late. Both scenarios are never revealed
     * (revealYear 2028), so they share one node, "unrevealed", in both years.
     */
    private static Instance rampedAndDelayed() {
        return Version2RuleTest.instance("""
                "horizon": {"start": 2026, "years": 2},
                %s
                "mines": [{"id": "mA", "country": "AU", "capacity": 100, "cost": 1000, "basket": {"NdPr": 1},
                  "expansion": {"moduleSize": 1000, "maxModules": 2, "leadTime": 0, "latestStart": 2026,
                                "rampUp": [0.5, 1]}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 5000, "cost": 500}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 500}}],
                "scenarios": [{"id": "a", "probability": 0.5, "revealYear": 2028},
                  {"id": "b", "probability": 0.5, "revealYear": 2028, "buildDelays": [{"facility": "mA", "years": 1}]}]
                """.formatted(ONE_MINE));
    }

    /**
     * The shared shipment has a capacity row per scenario: a build gives half its modules' size in
     * its first year online (2026 in a, 2027 in b, where 2026 adds nothing) and all of it after.
     * Where both scenarios have the same row (rU, which cannot expand) it is written once, under
     * the node's name.
     */
    @Test
    void capacityRowsWithRampUpAndDelays() {
        SourcingModel model = SourcingModel.build(rampedAndDelayed());
        assertEquals(List.of(
                        new Row("mineCapacity[mA,2026,a]", -INF, 100,
                                Map.of("ship[mA,rU,2026,unrevealed]", 1.0, "modules[mA,2026]", -500.0)),
                        new Row("mineCapacity[mA,2026,b]", -INF, 100, Map.of("ship[mA,rU,2026,unrevealed]", 1.0)),
                        new Row("mineCapacity[mA,2027,a]", -INF, 100,
                                Map.of("ship[mA,rU,2027,unrevealed]", 1.0, "modules[mA,2026]", -1000.0)),
                        new Row("mineCapacity[mA,2027,b]", -INF, 100,
                                Map.of("ship[mA,rU,2027,unrevealed]", 1.0, "modules[mA,2026]", -500.0))),
                rows(model, "mineCapacity"));
        assertEquals(List.of("refineryCapacity[rU,2026,unrevealed]", "refineryCapacity[rU,2027,unrevealed]"),
                rows(model, "refineryCapacity").stream().map(Row::name).toList());
    }

    /**
     * Two scenarios unrevealed in 2026 only (revealYear 2027) have one set of 2026 columns, named after
     * the pool, and a set each in 2027: the model of the same instance without reveal years has one
     * more set of every 2026 column.
     */
    @Test
    void tiedScenariosShareTheirColumns() {
        String body = """
                "horizon": {"start": 2026, "years": 2},
                %s
                "mines": [{"id": "mA", "country": "AU", "capacity": 1000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 5000, "cost": 500}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 500}}],
                "scenarios": [{"id": "a", "probability": 0.5, "revealYear": 2027},
                  {"id": "b", "probability": 0.5, "revealYear": 2027}]
                """.formatted(ONE_MINE);
        MipModel tied = SourcingModel.build(Version2RuleTest.instance(body)).mip();
        MipModel untied = SourcingModel.build(Version2RuleTest.instance(body,
                "/scenarios/0/revealYear=2026", "/scenarios/1/revealYear=2026")).mip();
        List<String> pooled = List.of("ship[mA,rU,2026,unrevealed]", "deliver[*,US,bU,NdPr,2026,unrevealed]",
                "shortfall[bU,NdPr,2026,unrevealed]");
        assertEquals(pooled, names(tied, ",2026,"));
        assertEquals(List.of("ship[mA,rU,2026,a]", "deliver[*,US,bU,NdPr,2026,a]", "shortfall[bU,NdPr,2026,a]",
                "ship[mA,rU,2026,b]", "deliver[*,US,bU,NdPr,2026,b]", "shortfall[bU,NdPr,2026,b]"),
                names(untied, ",2026,"));
        assertEquals(names(untied, ",2027,"), names(tied, ",2027,"));
        assertEquals(untied.variables() - pooled.size(), tied.variables());
        assertEquals(untied.rows() - 4, tied.rows(), "the 2026 rows of one scenario: mineCapacity, refineryCapacity, "
                + "chainOfCustody, demand");
    }

    /**
     * The sizes formulation.md §10.8 gives for the generated instance with reveal years: shared
     * columns against a column per scenario (the same instance with every scenario revealed at the
     * start, to which equality rows would be added).
     */
    @Test
    void revealYearsShrinkTheGeneratedModel() throws Exception {
        Path file = Path.of(getClass().getResource("/instances/reveal-years.json").toURI());
        MipModel tied = SourcingModel.build(InstanceReader.read(file, List.of())).mip();
        List<String> atStart = IntStream.range(0, 4).mapToObj(s -> "/scenarios/" + s + "/revealYear=2026").toList();
        MipModel perScenario = SourcingModel.build(InstanceReader.read(file, atStart)).mip();
        assertEquals(List.of(4550, 3672, 18951), List.of(tied.variables(), tied.rows(), tied.nonzeros()));
        assertEquals(List.of(7669, 6165, 31855),
                List.of(perScenario.variables(), perScenario.rows(), perScenario.nonzeros()));
    }

    /**
     * Rows a node writes once read the demand and export controls of its first scenario: an instance
     * where tied scenarios differ in those (which validation refuses) is refused, not modelled wrong.
     */
    @Test
    void tiedScenariosMustAgreeOnDemand() {
        TestInstances.Builder b = TestInstances.instance("untied-demand", 2026, 1).element("NdPr", 100_000)
                .country("AU", 0).mine("mA", "AU", 1000, 1000, Map.of("NdPr", 1.0)).refinery("rA", "AU", 1000, 500)
                .buyer("bA", "AU", "NdPr", 500);
        Scenario.DemandFactor doubled = new Scenario.DemandFactor(Optional.empty(), Optional.empty(), 2, b.all());
        b.scenario(new Scenario("a", 0.5, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Optional.of(2027)));
        b.scenario(new Scenario("b", 0.5, List.of(), List.of(), List.of(doubled), List.of(), List.of(), List.of(),
                Optional.of(2027)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourcingModel.build(b.build()));
        assertEquals("scenarios \"a\" and \"b\" differ in demand or export controls in 2026, before either is revealed",
                e.getMessage());
    }

    // ------------------------------------------------------------------ contingent offtake

    /**
     * rN has no capacity of its own and can be built in 2026 (one module, rampUp [0.4]); rE holds
     * 1000 t but runs at half capacity in the scenario. Contingent contracts: kS signed and kO
     * optional on rN, kE signed and kE2 optional on rE; kN on rN is not contingent.
     */
    private static Instance contingent() {
        return Version2RuleTest.instance("""
                %s
                "mines": [{"id": "mA", "country": "AU", "capacity": 5000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rN", "country": "US", "cost": 500,
                                "expansion": {"moduleSize": 1000, "leadTime": 0, "rampUp": [0.4]}},
                               {"id": "rE", "country": "US", "capacity": 1000, "cost": 500}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 500}}],
                "contracts": [
                  {"id": "kS", "facility": "rN", "status": "signed", "minPerYear": 500, "price": 10,
                   "contingent": true},
                  {"id": "kO", "facility": "rN", "status": "optional", "minPerYear": 300, "price": 10,
                   "contingent": true},
                  {"id": "kN", "facility": "rN", "status": "signed", "minPerYear": 100, "price": 10},
                  {"id": "kE", "facility": "rE", "status": "signed", "minPerYear": 200, "price": 10,
                   "contingent": true},
                  {"id": "kE2", "facility": "rE", "status": "optional", "minPerYear": 400, "price": 10,
                   "contingent": true}],
                "scenarios": [{"id": "base", "probability": 1, "capacityFactors": [{"facility": "rE", "factor": 0.5}]}]
                """.formatted(ONE_MINE));
    }

    /**
     * On a facility without capacity of its own, what a contingent contract owes follows the ramp-up
     * share of the build: paid ≥ 500 × 0.4 × build for the signed kS, paid ≥ 300 × (hold + 0.4 × build
     * − 1) for the optional kO. A non-contingent contract on the same plant owes its minimum (v1).
     */
    @Test
    void owedIfOnline() {
        SourcingModel model = SourcingModel.build(contingent());
        assertEquals(List.of(
                        new Row("owedIfOnline[kS,2026,base]", 0, INF,
                                Map.of("build[rN,2026]", -500 * 0.4, "paid[kS,2026,base]", 1.0)),
                        new Row("owedIfOnline[kO,2026,base]", -300, INF,
                                Map.of("build[rN,2026]", -300 * 0.4, "hold[kO]", -300.0, "paid[kO,2026,base]", 1.0))),
                rows(model, "owedIfOnline"));
        assertEquals(0, model.mip().lower(column(model.mip(), "paid[kS,2026,base]")));
        assertEquals(100, model.mip().lower(column(model.mip(), "paid[kN,2026,base]")));
    }

    /**
     * Where the facility has capacity of its own, a contingent contract owes minPerYear × min(1, κ):
     * the signed kE's paid is bounded below by 200 × 0.5, the optional kE2 gets the minimumPayment row
     * with 400 × 0.5.
     */
    @Test
    void contingentMinimumPayment() {
        SourcingModel model = SourcingModel.build(contingent());
        assertEquals(List.of(new Row("minimumPayment[kE2,2026,base]", 0, INF,
                        Map.of("hold[kE2]", -200.0, "paid[kE2,2026,base]", 1.0))),
                rows(model, "minimumPayment"));
        assertEquals(100, model.mip().lower(column(model.mip(), "paid[kE,2026,base]")));
    }

    // ------------------------------------------------------------------ stockpiles

    /**
     * Two years; bU demands nothing in 2026 and 100 t in 2027, under a mandate on the refining stage
     * that tightens from 0 to 0.5. Its reserve: capacity 50, initial 10, minFinal 5, maxFill 20,
     * maxRelease 30, holding 7.
     */
    private static Instance stocked() {
        return Version2RuleTest.instance("""
                "horizon": {"start": 2026, "years": 2},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "CN", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 1000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 500}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": [0, 100]},
                            "mandate": {"excludeCountries": ["CN"], "stages": ["refining"],
                                        "minShare": {"2026": 0, "2027": 0.5}}}],
                "stockpiles": [{"id": "reserve", "buyer": "bU", "element": "NdPr", "capacity": 50, "initial": 10,
                                "minFinal": 5, "maxFill": 20, "maxRelease": 30, "holdingCost": 7}]
                """);
    }

    /** fill ≤ maxFill, release ≤ maxRelease, level in [0, capacity] and at least minFinal in the last year. */
    @Test
    void stockColumns() {
        MipModel mip = SourcingModel.build(stocked()).mip();
        assertEquals(20, mip.upper(column(mip, "fill[reserve,2026,base]")));
        assertEquals(30, mip.upper(column(mip, "release[reserve,2027,base]")));
        assertEquals(0, mip.lower(column(mip, "level[reserve,2026,base]")));
        assertEquals(50, mip.upper(column(mip, "level[reserve,2026,base]")));
        assertEquals(5, mip.lower(column(mip, "level[reserve,2027,base]")));
        assertEquals(7, mip.objective(column(mip, "level[reserve,2027,base]")), "holding cost");
    }

    /** The first year starts from the initial stock, a constant; later years link to the year before. */
    @Test
    void stockBalance() {
        assertEquals(List.of(
                        new Row("stockBalance[reserve,2026,base]", 10, 10, Map.of("fill[reserve,2026,base]", -1.0,
                                "release[reserve,2026,base]", 1.0, "level[reserve,2026,base]", 1.0)),
                        new Row("stockBalance[reserve,2027,base]", 0, 0, Map.of("level[reserve,2026,base]", -1.0,
                                "fill[reserve,2027,base]", -1.0, "release[reserve,2027,base]", 1.0,
                                "level[reserve,2027,base]", 1.0))),
                rows(SourcingModel.build(stocked()), "stockBalance"));
    }

    /** In 2026, without demand, the demand row still holds: delivered − filled + released = 0. */
    @Test
    void demandRowInEveryYearOfAStockpile() {
        List<Row> rows = rows(SourcingModel.build(stocked()), "demand");
        assertEquals(new Row("demand[bU,NdPr,2026,base]", 0, 0, Map.of("deliver[*,AU,bU,NdPr,2026,base]", 1.0,
                "fill[reserve,2026,base]", -1.0, "release[reserve,2026,base]", 1.0)), rows.get(0));
        assertEquals(List.of("demand[bU,NdPr,2026,base]", "demand[bU,NdPr,2027,base]"),
                rows.stream().map(Row::name).toList());
    }

    @Test
    void fillFromDeliveries() {
        assertEquals(List.of(
                        new Row("fillFromDeliveries[bU,NdPr,2026,base]", -INF, 0,
                                Map.of("deliver[*,AU,bU,NdPr,2026,base]", -1.0, "fill[reserve,2026,base]", 1.0)),
                        new Row("fillFromDeliveries[bU,NdPr,2027,base]", -INF, 0,
                                Map.of("deliver[*,AU,bU,NdPr,2027,base]", -1.0, "fill[reserve,2027,base]", 1.0))),
                rows(SourcingModel.build(stocked()), "fillFromDeliveries"));
    }

    /**
     * Σ (comp − minShare) × d + (minShare − M) × fill ≥ 0: in 2026 minShare is 0 but M, the strictest
     * share to come, is 0.5, so the row exists for the fills; in 2027 minShare = M and fills drop out.
     */
    @Test
    void mandateWithFills() {
        assertEquals(List.of(
                        new Row("mandate[bU,NdPr,2026,base]", 0, INF,
                                Map.of("deliver[*,AU,bU,NdPr,2026,base]", 1.0, "fill[reserve,2026,base]", -0.5)),
                        new Row("mandate[bU,NdPr,2027,base]", 0, INF, Map.of("deliver[*,AU,bU,NdPr,2027,base]", 0.5))),
                rows(SourcingModel.build(stocked()), "mandate"));
    }

    // ------------------------------------------------------------------ CVaR

    /**
     * riskWeight 10 on AU (risk 0.2); two scenarios of 0.25 and 0.75; alpha 0.8, weight 0.5. A row
     * per scenario: excess + eta ≥ C(s) / 1e6 (η and z count millions of USD), the objective weighing
     * η by w, z(s) by w × π(s) / (1 − α), and the scenario's costs by (1 − w) × π(s).
     */
    @Test
    void cvarExcess() {
        SourcingModel model = SourcingModel.build(Version2RuleTest.instance("""
                "riskWeight": 10,
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0.2}, {"id": "US", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 1000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 1000, "cost": 500}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 500}}],
                "riskAversion": {"alpha": 0.8, "weight": 0.5},
                "scenarios": [{"id": "low", "probability": 0.25}, {"id": "high", "probability": 0.75}]
                """));
        List<Row> rows = rows(model, "cvarExcess");
        assertEquals(List.of("cvarExcess[low]", "cvarExcess[high]"), rows.stream().map(Row::name).toList());
        Row low = rows.get(0);
        assertEquals(0, low.lower());
        assertEquals(1.0, low.coefficients().get("excess[low]"));
        assertEquals(1.0, low.coefficients().get("eta"));
        assertEquals(-(1000 + 500 + 10 * 0.2) / 1e6, low.coefficients().get("ship[mA,rU,2026,low]"), 1e-15);
        assertEquals(-1e6 / 1e6, low.coefficients().get("shortfall[bU,NdPr,2026,low]"), 1e-15);
        MipModel mip = model.mip();
        assertEquals(0.5 * 1e6, mip.objective(column(mip, "eta")));
        assertEquals(0.5 * 0.75 / 0.2 * 1e6, mip.objective(column(mip, "excess[high]")), 1e-6);
        assertEquals(0.5 * 0.25 * (1500 + 10 * 0.2), mip.objective(column(mip, "ship[mA,rU,2026,low]")), 1e-9);
        assertTrue(mip.lower(column(mip, "eta")) == Double.NEGATIVE_INFINITY, "η is free");
    }

    private static List<String> names(MipModel mip, String year) {
        return IntStream.range(0, mip.variables()).mapToObj(mip::variableName)
                .filter(name -> name.contains(year) && !name.startsWith("paid[")).toList();
    }
}

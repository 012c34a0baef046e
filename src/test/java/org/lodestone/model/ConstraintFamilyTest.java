package org.lodestone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.CheckReport;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InvalidInputException;

/**
 * One test per constraint family of instance-reference.md §9/§10, each on a tiny instance where that rule
 * binds. The optimum is derived by hand in the comment above each test (the way
 * src/test/resources/conformance/README.md does it), and every test would fail if its rule were dropped
 * from the model: the comment names the objective without the rule.
 *
 * <p>Conventions unless a test says otherwise: one year (2026), no discounting, riskWeight 0,
 * lanes absent (freight 0), recovery 1, basket 1 (1 t REO of concentrate = 1 t oxide), element
 * price 100000 so the default shortfall penalty is 1e6 USD/t. "per t" = per tonne of oxide.
 */
class ConstraintFamilyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double REL = 1e-6;

    // ------------------------------------------------------------------ capacities

    /*
     * mA 600 t at 1000, mB 1000 t at 3000; toll 500 at rU. Demand 1000 t.
     * Cheapest first: mA 600 x 1500 = 900,000; mB 400 x 3500 = 1,400,000.
     * = 2,300,000 (without the mine cap: 1000 x 1500 = 1,500,000).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void mineCapacity(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [
                  {"id": "mA", "country": "AU", "capacity": 600, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mB", "country": "AU", "capacity": 1000, "cost": 3000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 5000, "cost": 500}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}]
                """);
        assertObjective(2_300_000, plan);
        assertTonnes(600, x(plan, "mA", "rU", 2026));
        assertTonnes(400, x(plan, "mB", "rU", 2026));
    }

    /*
     * One mine (5000 t at 1000, not binding). rA tolls 500 but holds 300 t; rB tolls 2000.
     * rA 300 x 1500 = 450,000; rB 700 x 3000 = 2,100,000.
     * = 2,550,000 (without the refinery cap: 1000 x 1500 = 1,500,000).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void refineryCapacity(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 5000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [
                  {"id": "rA", "country": "AU", "capacity": 300, "cost": 500},
                  {"id": "rB", "country": "US", "capacity": 5000, "cost": 2000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}]
                """);
        assertObjective(2_550_000, plan);
        assertTonnes(300, x(plan, "mA", "rA", 2026));
        assertTonnes(700, x(plan, "mA", "rB", 2026));
    }

    /*
     * A refinery accepts only listed ore types. mI (ionic, 1000) -> rS (standard only, 1000) is
     * barred; mI -> rI 1000 + 3000 = 4000 per t; mS (standard, 4000) -> rS 5000 per t.
     * = 1000 x 4000 = 4,000,000 (without `accepts`: 2,000,000).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void refineryAcceptsOreType(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [
                  {"id": "mI", "country": "AU", "oreType": "ionic", "capacity": 5000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mS", "country": "AU", "capacity": 5000, "cost": 4000, "basket": {"NdPr": 1}}],
                "refineries": [
                  {"id": "rS", "country": "AU", "accepts": ["standard"], "capacity": 5000, "cost": 1000},
                  {"id": "rI", "country": "AU", "accepts": ["ionic"], "capacity": 5000, "cost": 3000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}}]
                """);
        assertObjective(4_000_000, plan);
        assertTonnes(1000, x(plan, "mI", "rI", 2026));
        assertTonnes(0, x(plan, "mI", "rS", 2026));
    }

    // ------------------------------------------------------------------ chain of custody

    /*
     * Co-production. Per t REO: NdPr 0.2 x recovery 1 = 0.2 t; La 0.4 x "*" 0.5 = 0.2 t.
     * Cost 600 + 400 = 1000 per t REO. Demand 1000 t NdPr needs 5000 t REO; every further
     * t REO earns 0.2 x 3000 + 0.2 x 2500 = 1100 > 1000 as surplus, so run to the mine cap 8000.
     * NdPr 1600: 1000 delivered, 600 surplus x 3000 = 1.8e6; La 1600 surplus x 2500 = 4e6.
     * 8e6 - 5.8e6 = 2,200,000 (stopping at 5000 t REO: 5e6 - 2.5e6 = 2.5e6; if "*" were ignored
     * La would be 3200 t and the optimum -1.8e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void chainOfCustodySurplusSold(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000, "surplusPrice": 3000},
                             {"id": "La", "price": 5000, "surplusPrice": 2500}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 8000, "cost": 600, "basket": {"NdPr": 0.2, "La": 0.4}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 400,
                                "recovery": {"NdPr": 1, "*": 0.5}}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}}]
                """);
        assertObjective(2_200_000, plan);
        assertTonnes(8000, x(plan, "mA", "rA", 2026));
        assertTonnes(1000, delivered(plan, "bA", "NdPr", 2026));
        assertTonnes(600, surplus(plan, "rA", "NdPr", 2026));
        assertTonnes(1600, surplus(plan, "rA", "La", 2026));
        assertMoney(5_800_000, plan.costs().get(CostPart.SURPLUS_REVENUE));
    }

    /*
     * The same instance with surplusPrice 0 (the default): extra oxide is worth nothing and is
     * discarded, so mine only the 5000 t REO that 1000 t NdPr needs.
     * = 5000 x 1000 = 5,000,000.
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void chainOfCustodySurplusDiscarded(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}, {"id": "La", "price": 5000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 8000, "cost": 600, "basket": {"NdPr": 0.2, "La": 0.4}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 400,
                                "recovery": {"NdPr": 1, "*": 0.5}}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}}]
                """);
        assertObjective(5_000_000, plan);
        assertTonnes(5000, x(plan, "mA", "rA", 2026));
        assertMoney(0, plan.costs().get(CostPart.SURPLUS_REVENUE));
    }

    /*
     * Oxide keeps its mine of origin through a shared refinery. Mandate: no feoc country at the
     * mining stage, minShare 1. mA (AU, 300 t, 6000) and mC (CN feoc, 2000) both feed rA (AU,
     * 1000). Only mA's 300 t are compliant, so deliver 300 and leave 700 short at the buyer's
     * penalty 50000: 300 x 7000 + 700 x 50000 = 2.1e6 + 3.5e7 = 37,100,000.
     * (Pooling rA's oxide without origin would "deliver" 1000 t: 300 x 7000 + 700 x 3000 = 4.2e6.)
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void chainOfCustodyKeepsMineOfOrigin(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "CN", "risk": 0, "tags": ["feoc"]}, {"id": "US", "risk": 0}],
                "mines": [
                  {"id": "mA", "country": "AU", "capacity": 300, "cost": 6000, "basket": {"NdPr": 1}},
                  {"id": "mC", "country": "CN", "capacity": 10000, "cost": 2000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000},
                            "shortfallPenalty": {"NdPr": 50000},
                            "mandate": {"excludeTags": ["feoc"], "stages": ["mining"]}}]
                """);
        assertObjective(37_100_000, plan);
        assertTonnes(300, x(plan, "mA", "rA", 2026));
        assertTonnes(0, x(plan, "mC", "rA", 2026));
        assertTonnes(700, shortfall(plan, "bU", "NdPr", 2026));
        assertTonnes(300, deliveredFrom(plan, "mA", "bU", "NdPr", 2026));
    }

    // ------------------------------------------------------------------ demand, shortfall, substitution

    /*
     * Two years, price [1000, 2000]: the element's default penalty is 10 x the LARGEST price
     * over Y = 20000 in both years. Supply costs 11000 + 1000 = 12000 per t.
     * bA (no override) is served: 2 x 100 x 12000 = 2.4e6 (with 10 x that year's price, 2026
     * would be short at 10000).
     * bB overrides to 8000 < 12000, so it stays short: 2 x 100 x 8000 = 1.6e6.
     * = 4,000,000 (without the override: 4.8e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void demandShortfallPenalty(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 2},
                "elements": [{"id": "NdPr", "price": [1000, 2000]}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 10000, "cost": 11000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [
                  {"id": "bA", "country": "AU", "demand": {"NdPr": 100}},
                  {"id": "bB", "country": "AU", "demand": {"NdPr": 100}, "shortfallPenalty": {"NdPr": 8000}}]
                """);
        assertObjective(4_000_000, plan);
        for (int y : new int[] {2026, 2027}) {
            assertTonnes(100, delivered(plan, "bA", "NdPr", y));
            assertTonnes(0, shortfall(plan, "bA", "NdPr", y));
            assertTonnes(100, shortfall(plan, "bB", "NdPr", y));
        }
        assertMoney(1_600_000, plan.costs().get(CostPart.SHORTFALL));
    }

    /*
     * Two years; supply 500 t/yr at 19000 + 1000 = 20000 per t; demand 1000 t/yr.
     * Substitutes: sDear (0.5 x 1000 = 500 t at 60000, from start) and sCheap (0.2 x 1000 =
     * 200 t at 30000, from 2027).
     * 2026: 500 x 20000 + 500 x 60000 (sCheap not yet active) = 1e7 + 3e7 = 4e7.
     * 2027: 1e7 + 200 x 30000 (cheapest first) + 300 x 60000 = 1e7 + 6e6 + 1.8e7 = 3.4e7.
     * = 74,000,000 (ignoring fromYear: 6.8e7).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void substitution(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 2},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 500, "cost": 19000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000},
                            "substitutes": [
                              {"element": "NdPr", "maxShare": 0.5, "cost": 60000},
                              {"element": "NdPr", "maxShare": 0.2, "cost": 30000, "fromYear": 2027}]}]
                """);
        assertObjective(74_000_000, plan);
        for (int y : new int[] {2026, 2027}) {
            assertTonnes(500, delivered(plan, "bA", "NdPr", y));
            assertTonnes(500, substituted(plan, "bA", "NdPr", y));
            assertTonnes(0, shortfall(plan, "bA", "NdPr", y));
        }
        assertMoney(30_000_000 + 24_000_000, plan.costs().get(CostPart.SUBSTITUTION));
    }

    // ------------------------------------------------------------------ mandates

    /** Four paths; per t: mA->rA 9000, mA->rC 7000, mC->rA 5000, mC->rC 3000 (CN is feoc). */
    private static String mandateInstance(int years, String mandate) {
        return """
                "horizon": {"start": 2026, "years": %d},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "CN", "risk": 0, "tags": ["feoc"]}, {"id": "US", "risk": 0}],
                "mines": [
                  {"id": "mA", "country": "AU", "capacity": 10000, "cost": 6000, "basket": {"NdPr": 1}},
                  {"id": "mC", "country": "CN", "capacity": 10000, "cost": 2000, "basket": {"NdPr": 1}}],
                "refineries": [
                  {"id": "rA", "country": "AU", "capacity": 10000, "cost": 3000},
                  {"id": "rC", "country": "CN", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}, "mandate": %s}]
                """.formatted(years, mandate);
    }

    /*
     * excludeTags feoc, stages default (both), minShare default 1: only mA -> rA is compliant.
     * = 1000 x 9000 = 9,000,000 (no mandate 3e6; mining stage only 7e6; refining only 5e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void mandateExcludeTagsBothStages(Backend backend) {
        Plan plan = solve(backend, mandateInstance(1, """
                {"excludeTags": ["feoc"]}"""));
        assertObjective(9_000_000, plan);
        assertTonnes(1000, x(plan, "mA", "rA", 2026));
    }

    /*
     * stages ["refining"]: a tonne mined in CN (feoc) but refined in AU is compliant.
     * Cheapest compliant: mC -> rA 2000 + 3000 = 5000 per t.
     * = 5,000,000 (both stages 9e6; no mandate 3e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void mandateRefiningStageOnly(Backend backend) {
        Plan plan = solve(backend, mandateInstance(1, """
                {"excludeTags": ["feoc"], "stages": ["refining"]}"""));
        assertObjective(5_000_000, plan);
        assertTonnes(1000, x(plan, "mC", "rA", 2026));
        assertTonnes(1000, deliveredFrom(plan, "mC", "bU", "NdPr", 2026));
    }

    /*
     * Phase-in, object series {"2025": 0, "2027": 1} over 2026-2027: 2026 minShare 0 -> the
     * cheapest path mC -> rC 3000 x 1000 = 3e6; 2027 minShare 1 -> mA -> rA 9000 x 1000 = 9e6.
     * = 12,000,000 (minShare 1 throughout: 1.8e7; 0 throughout: 6e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void mandateMinSharePhaseIn(Backend backend) {
        Plan plan = solve(backend, mandateInstance(2, """
                {"excludeTags": ["feoc"], "minShare": {"2025": 0, "2027": 1}}"""));
        assertObjective(12_000_000, plan);
        assertTonnes(1000, x(plan, "mC", "rC", 2026));
        assertTonnes(1000, x(plan, "mA", "rA", 2027));
        assertTonnes(0, x(plan, "mC", "rC", 2027));
    }

    // ------------------------------------------------------------------ country share caps

    /*
     * sigma 0.6, demand 1000. Mines in AU and CA cost the same (1000), so the mining-side cap
     * (each <= 600) costs nothing. Refining: rU (US) 1000, rJ (JP) 4000; US may refine at most
     * 600 of the delivered tonnes: 600 x 2000 + 400 x 5000 = 1.2e6 + 2e6.
     * = 3,200,000 (without the refined-side count: 2e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void countryShareCapByRefiningCountry(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "CA", "risk": 0}, {"id": "US", "risk": 0}, {"id": "JP", "risk": 0}],
                "mines": [
                  {"id": "mA", "country": "AU", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mB", "country": "CA", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [
                  {"id": "rU", "country": "US", "capacity": 10000, "cost": 1000},
                  {"id": "rJ", "country": "JP", "capacity": 10000, "cost": 4000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}, "maxCountryShare": 0.6}]
                """);
        assertObjective(3_200_000, plan);
        assertTonnes(600, xInto(plan, "rU", 2026));
        assertTonnes(400, xInto(plan, "rJ", 2026));
        assertTrue(xFrom(plan, "mA", 2026) <= 600 + 1e-4 && xFrom(plan, "mB", 2026) <= 600 + 1e-4,
                "mining side within 0.6 x 1000");
        assertTonnes(1000, delivered(plan, "bU", "NdPr", 2026));
    }

    /*
     * One refining country (US) and two mining countries (AU, CA), sigma 0.6. The mining side
     * could split 600/400, but every delivered tonne is refined in US, so US would hold 100% of
     * the refined side: nothing can be delivered. All 1000 t short at the buyer's 50000.
     * = 50,000,000 (without the refined-side count: 1000 x 2000 = 2e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void countryShareCapOneRefiningCountry(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "CA", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [
                  {"id": "mA", "country": "AU", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mB", "country": "CA", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}, "maxCountryShare": 0.6,
                            "shortfallPenalty": {"NdPr": 50000}}]
                """);
        assertObjective(50_000_000, plan);
        assertTonnes(0, delivered(plan, "bU", "NdPr", 2026));
        assertTonnes(1000, shortfall(plan, "bU", "NdPr", 2026));
    }

    /*
     * A single supplying country (AU mine and AU refinery), sigma 0.9: nothing can be
     * delivered (instance-reference.md §6.6 Buyer). Substitute 0.3 x 1000 = 300 t at 30000 = 9e6; the other 700
     * short at 50000 = 3.5e7.
     * = 44,000,000 (without the cap: 1000 x 5000 = 5e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void countryShareCapSingleSupplyingCountry(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 10000, "cost": 4000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}, "maxCountryShare": 0.9,
                            "shortfallPenalty": {"NdPr": 50000},
                            "substitutes": [{"element": "NdPr", "maxShare": 0.3, "cost": 30000}]}]
                """);
        assertObjective(44_000_000, plan);
        assertTonnes(0, delivered(plan, "bU", "NdPr", 2026));
        assertTonnes(300, substituted(plan, "bU", "NdPr", 2026));
        assertTonnes(700, shortfall(plan, "bU", "NdPr", 2026));
    }

    // ------------------------------------------------------------------ contracts

    /*
     * Signed k1 on mA: minPerYear 2000 at 4000 (spot 5000). Need 1000 t REO: take all 1000
     * under k1 but pay 2000 x 4000 = 8e6; toll 1000 x 1000 = 1e6.
     * = 9,000,000 (without take-or-pay: 4e6 + 1e6 = 5e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void takeOrPay(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 5000, "cost": 5000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}}],
                "contracts": [{"id": "k1", "facility": "mA", "status": "signed", "minPerYear": 2000, "price": 4000}]
                """);
        assertObjective(9_000_000, plan);
        Plan.ContractUse use = contractUse(plan, "k1", 2026);
        assertTonnes(1000, use.taken());
        assertTonnes(2000, use.paid());
        assertMoney(8_000_000, plan.costs().get(CostPart.CONTRACTS));
        assertMoney(0, plan.costs().get(CostPart.MINING));
    }

    /*
     * Signed kR on refinery rA: toll 500 instead of spot 1000, but at most 300 t/yr.
     * Mining 1000 x 4000 = 4e6; 300 x 500 + 700 x 1000 = 1.5e5 + 7e5.
     * = 4,850,000 (without maxPerYear: 4.5e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void contractMaxPerYear(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 5000, "cost": 4000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}}],
                "contracts": [{"id": "kR", "facility": "rA", "status": "signed", "maxPerYear": 300, "price": 500}]
                """);
        assertObjective(4_850_000, plan);
        assertTonnes(300, contractUse(plan, "kR", 2026).taken());
        assertMoney(700_000, plan.costs().get(CostPart.REFINING));
    }

    /*
     * Two optional contracts on mA (spot 5000), toll 1000, need 1000 t REO.
     * kGood: 500 t at 3000, signing 1e5 -> saves 500 x 2000 = 1e6 > 1e5: chosen.
     * kDear: 200 t at 1000, signing 1e6 -> saves 200 x 4000 = 8e5 < 1e6: not chosen.
     * 1e5 + 500 x 3000 + 500 x 5000 + 1e6 = 1e5 + 1.5e6 + 2.5e6 + 1e6.
     * = 5,100,000 (both 5.3e6, neither 6e6; without signing costs both: 4.2e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void optionalContractChosenOnlyWhenWorthSigning(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 5000, "cost": 5000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}}],
                "contracts": [
                  {"id": "kGood", "facility": "mA", "status": "optional", "maxPerYear": 500, "price": 3000, "signingCost": 100000},
                  {"id": "kDear", "facility": "mA", "status": "optional", "maxPerYear": 200, "price": 1000, "signingCost": 1000000}]
                """);
        assertObjective(5_100_000, plan);
        assertTrue(held(plan, "kGood"));
        assertFalse(held(plan, "kDear"));
        assertTonnes(500, contractUse(plan, "kGood", 2026).taken());
        assertMoney(100_000, plan.costs().get(CostPart.SIGNING));
    }

    /*
     * Three years, rate 0.25 (delta 1, 0.8, 0.64). Optional kOpt on mA from 2027: price 1000
     * instead of spot 5000; toll 1000; need 1000 t/yr; signing 5e6 paid once, undiscounted.
     * Hold: 2026 6e6 + (2e6 x 0.8 = 1.6e6) + (2e6 x 0.64 = 1.28e6) + 5e6 = 13,880,000.
     * Not held: 6e6 x 2.44 = 14.64e6. (Signing discounted at 2027: 12.88e6; counted in both
     * window years: 1e7 -> not held, 14.64e6.)
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void signingCostUndiscounted(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 3},
                "discountRate": 0.25,
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 5000, "cost": 5000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}}],
                "contracts": [{"id": "kOpt", "facility": "mA", "status": "optional", "fromYear": 2027,
                               "price": 1000, "signingCost": 5000000}]
                """);
        assertObjective(13_880_000, plan);
        assertTrue(held(plan, "kOpt"));
        assertMoney(5_000_000, plan.costs().get(CostPart.SIGNING));
        assertTonnes(1000, contractUse(plan, "kOpt", 2027).taken());
        assertTonnes(1000, contractUse(plan, "kOpt", 2028).taken());
    }

    // ------------------------------------------------------------------ expansion

    /*
     * Three years, rate 0.1. mA has no capacity; one module 1000 t, lead 1, capex 1e6 + 2e6,
     * supply 9000 + 1000 = 10000 per t, buyer penalty 20000, demand 1000/yr.
     * Build 2026 (online 2027): 3e6 + short 2026 1000 x 20000 = 2e7
     * + 1e7 x (1/1.1 + 1/1.21) = 2.1e7 / 1.21 = 17,355,371.900826...
     * = 40,355,371.900826446 (build 2027 ~4.92e7, none ~5.47e7; ignoring the lead time 3.04e7,
     * ignoring discounting 4.3e7).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void expansionLeadTimeAndDiscounting(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 3},
                "discountRate": 0.1,
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "cost": 9000, "basket": {"NdPr": 1},
                           "expansion": {"moduleSize": 1000, "leadTime": 1, "capexFixed": 1000000, "capexPerModule": 2000000}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}, "shortfallPenalty": {"NdPr": 20000}}]
                """);
        assertObjective(3e6 + 2e7 + 2.1e7 / 1.21, plan);
        Plan.Build build = onlyBuild(plan, "mA");
        assertEquals(2026, build.startYear());
        assertEquals(2027, build.onlineYear());
        assertEquals(1, build.modules());
        assertTonnes(1000, shortfall(plan, "bA", "NdPr", 2026));
        assertTonnes(1000, x(plan, "mA", "rA", 2027));
    }

    /*
     * One year, module 600 t, up to 3, lead 0, capex 1e6 + 2e6 per module; supply 5000 per t;
     * buyer penalty 20000; demand 1000.
     * n=2 (1200 t): 5e6 + 1000 x 5000 = 10,000,000.
     * (n=1: 3e6 + 3e6 + 400 x 20000 = 1.4e7; n=3: 1.2e7; none: 2e7.)
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void expansionTwoModules(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "cost": 4000, "basket": {"NdPr": 1},
                           "expansion": {"moduleSize": 600, "maxModules": 3, "leadTime": 0,
                                         "capexFixed": 1000000, "capexPerModule": 2000000}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}, "shortfallPenalty": {"NdPr": 20000}}]
                """);
        assertObjective(10_000_000, plan);
        Plan.Build build = onlyBuild(plan, "mA");
        assertEquals(2, build.modules());
        assertTonnes(1200, build.capacityAdded());
        assertTonnes(1000, x(plan, "mA", "rA", 2026));
        assertMoney(5_000_000, plan.costs().get(CostPart.CAPEX));
    }

    /*
     * A free expansion (no capex) whose window [2020, 2025] ends before the horizon: cut to
     * Y it is empty, so no build. All 1000 t short at 20000.
     * = 20,000,000 (if the window were ignored: 1000 x 5000 = 5e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void expansionWindowBeforeHorizon(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "cost": 4000, "basket": {"NdPr": 1},
                           "expansion": {"moduleSize": 1000, "leadTime": 0, "earliestStart": 2020, "latestStart": 2025}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}, "shortfallPenalty": {"NdPr": 20000}}]
                """);
        assertObjective(20_000_000, plan);
        assertTrue(plan.builds().isEmpty(), () -> "builds: " + plan.builds());
        assertTonnes(1000, shortfall(plan, "bA", "NdPr", 2026));
    }

    /*
     * Two years, lead time 2: any start (2026 or 2027) comes online in 2028+, after the
     * horizon, so a build costs its capex (1e6) and adds nothing. No build; all short.
     * = 2 x 1000 x 20000 = 40,000,000 (ignoring the lead time, building would cost 1e6 + 2 x 5e6 = 1.1e7).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void expansionOnlineAfterHorizon(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 2},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "cost": 4000, "basket": {"NdPr": 1},
                           "expansion": {"moduleSize": 1000, "leadTime": 2, "capexFixed": 1000000}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}, "shortfallPenalty": {"NdPr": 20000}}]
                """);
        assertObjective(40_000_000, plan);
        assertTrue(plan.builds().isEmpty(), () -> "builds: " + plan.builds());
    }

    /*
     * Three years, rate 0.25 (delta 1, 0.8, 0.64). The only allowed start is 2026, lead 1,
     * no capex, fixed opex 1e6/yr from the online year 2027. Supply 5000 per t, penalty 20000.
     * Build: short 2026 2e7 + (opex 1e6 + supply 5e6) x (0.8 + 0.64) = 2e7 + 8.64e6.
     * = 28,640,000 (opex from tau: +1e6 = 2.964e7; no build: 2e7 x 2.44 = 4.88e7).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void fixedOpexFromOnlineYear(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 3},
                "discountRate": 0.25,
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "cost": 4000, "basket": {"NdPr": 1},
                           "expansion": {"moduleSize": 1000, "leadTime": 1, "earliestStart": 2026, "latestStart": 2026,
                                         "fixedOpexPerYear": 1000000}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}, "shortfallPenalty": {"NdPr": 20000}}]
                """);
        assertObjective(28_640_000, plan);
        Plan.Build build = onlyBuild(plan, "mA");
        assertEquals(2026, build.startYear());
        assertEquals(2027, build.onlineYear());
        assertMoney(1_440_000, plan.costs().get(CostPart.FIXED_OPEX));
    }

    /*
     * Bankability. Module 1000 t (lead 0, capex 1e6) with requiresOfftake 0.5: held
     * minPerYear >= 500 needed. The only contract, optional kOff (min 500 at 6000 > spot 5000,
     * signing 2e5), is worth holding only to unlock the build.
     * Hold + build: 1e6 + 2e5 + 500 x 6000 + 500 x 5000 + toll 1e6 = 7,700,000.
     * (No build: 1000 x 20000 = 2e7; without bankability: 1e6 + 5e6 + 1e6 = 7e6, no contract.)
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void bankabilityRequiresHeldOfftake(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "cost": 5000, "basket": {"NdPr": 1},
                           "expansion": {"moduleSize": 1000, "leadTime": 0, "capexFixed": 1000000, "requiresOfftake": 0.5}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bA", "country": "AU", "demand": {"NdPr": 1000}, "shortfallPenalty": {"NdPr": 20000}}],
                "contracts": [{"id": "kOff", "facility": "mA", "status": "optional", "minPerYear": 500, "price": 6000,
                               "signingCost": 200000}]
                """);
        assertObjective(7_700_000, plan);
        assertTrue(held(plan, "kOff"));
        assertEquals(1, onlyBuild(plan, "mA").modules());
        assertTonnes(500, contractUse(plan, "kOff", 2026).taken());
        assertTonnes(1000, x(plan, "mA", "rA", 2026));
    }

    // ------------------------------------------------------------------ export controls

    /*
     * CN concentrate control with allowedDestinations [US]. Buyer in JP, no freight.
     * mC (CN, 1000) -> rJ (JP, 1000) = 2000 blocked; mC -> rU (US, 3000) = 4000 allowed;
     * mA (AU, 6000) -> rJ = 7000.
     * = 4,000,000 (no control 2e6; if the US exemption were ignored 7e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void exportControlConcentrateAllowedDestination(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "CN", "risk": 0}, {"id": "AU", "risk": 0}, {"id": "JP", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [
                  {"id": "mC", "country": "CN", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mA", "country": "AU", "capacity": 10000, "cost": 6000, "basket": {"NdPr": 1}}],
                "refineries": [
                  {"id": "rJ", "country": "JP", "capacity": 10000, "cost": 1000},
                  {"id": "rU", "country": "US", "capacity": 10000, "cost": 3000}],
                "buyers": [{"id": "bJ", "country": "JP", "demand": {"NdPr": 1000}}],
                "exportControls": [{"country": "CN", "stage": "concentrate", "allowedDestinations": ["US"]}]
                """);
        assertObjective(4_000_000, plan);
        assertTonnes(1000, x(plan, "mC", "rU", 2026));
        assertTonnes(0, x(plan, "mC", "rJ", 2026));
    }

    /*
     * CN oxide control on Dy only. Buyer in JP wants 1000 NdPr and 1000 Dy, mined in AU (1000
     * each). rC (CN, 1000) vs rA (AU, 3000). NdPr still flows via rC: 1000 x 2000 = 2e6;
     * Dy must go via rA: 1000 x 4000 = 4e6.
     * = 6,000,000 (no control 4e6; control on all elements 8e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void exportControlOxideOneElement(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}, {"id": "Dy", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "CN", "risk": 0}, {"id": "JP", "risk": 0}],
                "mines": [
                  {"id": "mN", "country": "AU", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mD", "country": "AU", "capacity": 10000, "cost": 1000, "basket": {"Dy": 1}}],
                "refineries": [
                  {"id": "rC", "country": "CN", "capacity": 10000, "cost": 1000},
                  {"id": "rA", "country": "AU", "capacity": 10000, "cost": 3000}],
                "buyers": [{"id": "bJ", "country": "JP", "demand": {"NdPr": 1000, "Dy": 1000}}],
                "exportControls": [{"country": "CN", "stage": "oxide", "elements": ["Dy"]}]
                """);
        assertObjective(6_000_000, plan);
        assertTonnes(1000, x(plan, "mN", "rC", 2026));
        assertTonnes(1000, x(plan, "mD", "rA", 2026));
        assertTonnes(0, x(plan, "mD", "rC", 2026));
    }

    /*
     * Export control only in scenario "embargo" (0.4): CN, stage both.
     * calm (0.6): mC (CN, 1000) -> rJ (JP, 1000) 2000 x 1000 = 2e6.
     * embargo: mA (AU, 5000) -> rJ 6000 x 1000 = 6e6.
     * = 0.6 x 2e6 + 0.4 x 6e6 = 3,600,000 (control everywhere 6e6; nowhere 2e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void exportControlInOneScenario(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "CN", "risk": 0}, {"id": "AU", "risk": 0}, {"id": "JP", "risk": 0}],
                "mines": [
                  {"id": "mC", "country": "CN", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mA", "country": "AU", "capacity": 10000, "cost": 5000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rJ", "country": "JP", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bJ", "country": "JP", "demand": {"NdPr": 1000}}],
                "scenarios": [
                  {"id": "calm", "probability": 0.6},
                  {"id": "embargo", "probability": 0.4, "exportControls": [{"country": "CN"}]}]
                """);
        assertObjective(3_600_000, plan);
        assertTonnes(1000, x(plan, "calm", "mC", "rJ", 2026));
        assertTonnes(1000, x(plan, "embargo", "mA", "rJ", 2026));
        assertTonnes(0, x(plan, "embargo", "mC", "rJ", 2026));
    }

    // ------------------------------------------------------------------ scenario factors

    /*
     * Capacity factor 0.5 on country AU in scenario "drought" (0.5). mA (AU, 1000 t, 1000),
     * mB (CA, 1000 t, 4000), toll 1000, demand 1000.
     * base: 1000 x 2000 = 2e6. drought: mA 500 x 2000 + mB 500 x 5000 = 3.5e6.
     * = 0.5 x 2e6 + 0.5 x 3.5e6 = 2,750,000.
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void capacityFactorOnCountryInOneScenario(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "CA", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [
                  {"id": "mA", "country": "AU", "capacity": 1000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mB", "country": "CA", "capacity": 1000, "cost": 4000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}],
                "scenarios": [
                  {"id": "base", "probability": 0.5},
                  {"id": "drought", "probability": 0.5, "capacityFactors": [{"country": "AU", "factor": 0.5}]}]
                """);
        assertObjective(2_750_000, plan);
        assertTonnes(1000, x(plan, "base", "mA", "rU", 2026));
        assertTonnes(500, x(plan, "drought", "mA", "rU", 2026));
        assertTonnes(500, x(plan, "drought", "mB", "rU", 2026));
    }

    /*
     * Price flood: cost factor 0.5 on FACILITY mC (CN, 600 t, 4000) in scenario "flood" (0.5);
     * mC2 (CN, 4000) is not scaled; mA (AU, 3000). Toll 1000, demand 1000.
     * base: mA 1000 x 4000 = 4e6. flood: mC 600 x (2000 + 1000) + mA 400 x 4000 = 1.8e6 +
     * 1.6e6 = 3.4e6.
     * = 0.5 x 4e6 + 0.5 x 3.4e6 = 3,700,000 (factor on all of CN: flood 3e6 -> 3.5e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void costFactorOnOneFacility(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "CN", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [
                  {"id": "mA", "country": "AU", "capacity": 10000, "cost": 3000, "basket": {"NdPr": 1}},
                  {"id": "mC", "country": "CN", "capacity": 600, "cost": 4000, "basket": {"NdPr": 1}},
                  {"id": "mC2", "country": "CN", "capacity": 10000, "cost": 4000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}],
                "scenarios": [
                  {"id": "base", "probability": 0.5},
                  {"id": "flood", "probability": 0.5, "costFactors": [{"facility": "mC", "factor": 0.5}]}]
                """);
        assertObjective(3_700_000, plan);
        assertTonnes(1000, x(plan, "base", "mA", "rU", 2026));
        assertTonnes(600, x(plan, "flood", "mC", "rU", 2026));
        assertTonnes(400, x(plan, "flood", "mA", "rU", 2026));
        assertTonnes(0, x(plan, "flood", "mC2", "rU", 2026));
    }

    /*
     * Demand factor 1.5 on (bA, NdPr) only, in scenario "surge" (0.5). Every t costs
     * 1000 + 1000 = 2000. bA wants NdPr 1000 and Dy 100, bB NdPr 400.
     * base: 1500 t x 2000 = 3e6. surge: (1500 + 100 + 400) x 2000 = 4e6.
     * = 0.5 x 3e6 + 0.5 x 4e6 = 3,500,000 (factor on all of bA 3.55e6; on all NdPr 3.7e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void demandFactorOnOneBuyerElement(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}, {"id": "Dy", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}],
                "mines": [
                  {"id": "mN", "country": "AU", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mD", "country": "AU", "capacity": 10000, "cost": 1000, "basket": {"Dy": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 10000, "cost": 1000}],
                "buyers": [
                  {"id": "bA", "country": "AU", "demand": {"NdPr": 1000, "Dy": 100}},
                  {"id": "bB", "country": "AU", "demand": {"NdPr": 400}}],
                "scenarios": [
                  {"id": "base", "probability": 0.5},
                  {"id": "surge", "probability": 0.5, "demandFactors": [{"buyer": "bA", "element": "NdPr", "factor": 1.5}]}]
                """);
        assertObjective(3_500_000, plan);
        assertTonnes(1000, delivered(plan, "base", "bA", "NdPr", 2026));
        assertTonnes(1500, delivered(plan, "surge", "bA", "NdPr", 2026));
        assertTonnes(100, delivered(plan, "surge", "bA", "Dy", 2026));
        assertTonnes(400, delivered(plan, "surge", "bB", "NdPr", 2026));
    }

    // ------------------------------------------------------------------ freight, tariffs

    /*
     * Lanes: default 300, domestic 50, route MY-AU 100 (used AU -> MY). Mine mA in AU (1000),
     * refineries rM (MY) and rU (US) toll 1000; buyers bU (US) 1000 t, bM (MY) 500 t.
     * bU: via rU 300 + 50 = 350, via rM 100 + 300 = 400 -> rU.
     * bM: via rM 100 + 50 = 150, via rU 300 + 300 = 600 -> rM.
     * 1500 x 2000 + 1000 x 350 + 500 x 150 = 3e6 + 425,000 = 3,425,000
     * (route ignored 3.525e6; domestic ignored 3.6e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void freightRoutesDefaultDomestic(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "MY", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [
                  {"id": "rM", "country": "MY", "capacity": 10000, "cost": 1000},
                  {"id": "rU", "country": "US", "capacity": 10000, "cost": 1000}],
                "buyers": [
                  {"id": "bU", "country": "US", "demand": {"NdPr": 1000}},
                  {"id": "bM", "country": "MY", "demand": {"NdPr": 500}}],
                "lanes": {"default": 300, "domestic": 50, "routes": [{"between": ["MY", "AU"], "cost": 100}]}
                """);
        assertObjective(3_425_000, plan);
        assertTonnes(1000, x(plan, "mA", "rU", 2026));
        assertTonnes(500, x(plan, "mA", "rM", 2026));
        assertMoney(425_000, plan.costs().get(CostPart.FREIGHT));
    }

    /*
     * Two years, price [100000, 200000]. mA (AU, 1000) -> rM (MY, 1000) -> bU (US), 1000 t/yr.
     * Tariffs MY->US 0.02 + 0.03 = 0.05 (US->MY and MY->JP do not match).
     * 2026: 1000 x (2000 + 0.05 x 100000) = 7e6; 2027: 1000 x (2000 + 0.05 x 200000) = 1.2e7.
     * = 19,000,000, of which tariffs 1.5e7 (one entry only: 0.03 -> 1.3e7, 0.02 -> 1e7).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void tariffEntriesAddUp(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 2},
                "elements": [{"id": "NdPr", "price": [100000, 200000]}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "MY", "risk": 0}, {"id": "US", "risk": 0}, {"id": "JP", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rM", "country": "MY", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}],
                "tariffs": [
                  {"from": "MY", "to": "US", "rate": 0.02},
                  {"from": "MY", "to": "US", "rate": 0.03},
                  {"from": "US", "to": "MY", "rate": 0.5},
                  {"from": "MY", "to": "JP", "rate": 0.5}]
                """);
        assertObjective(19_000_000, plan);
        assertMoney(15_000_000, plan.costs().get(CostPart.TARIFFS));
        assertTonnes(1000, delivered(plan, "bU", "NdPr", 2027));
    }

    // ------------------------------------------------------------------ risk, discounting

    /*
     * riskWeight 500. mC (CN risk 0.9, 1000) vs mA (AU risk 0.1, 1200); refinery rU (US risk
     * 0.2, 1000). Per t REO with risk: mC 2000 + 500 x 1.1 = 2550; mA 2200 + 500 x 0.3 = 2350.
     * mA: 2.2e6 + 500 x (0.1 + 0.2) x 1000 = 2.2e6 + 1.5e5 = 2,350,000 (risk 300 risk-t).
     * (riskWeight 0: mC, 2e6.)
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void riskWeightTradeOff(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "riskWeight": 500,
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "CN", "risk": 0.9}, {"id": "AU", "risk": 0.1}, {"id": "US", "risk": 0.2}],
                "mines": [
                  {"id": "mC", "country": "CN", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mA", "country": "AU", "capacity": 10000, "cost": 1200, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}]
                """);
        assertObjective(2_350_000, plan);
        assertTonnes(1000, x(plan, "mA", "rU", 2026));
        assertTonnes(300, plan.risk());
    }

    /*
     * riskBudget 480, riskWeight 0. mC (CN 0.8, 1000), mA (AU 0.2, 3000), rU (US 0.1, 1000).
     * With c + a = 1000: risk = 0.9c + 0.3a = 300 + 0.6c <= 480 -> c <= 300 (LP optimum at the
     * budget). 300 x 2000 + 700 x 4000 = 6e5 + 2.8e6 = 3,400,000 (no budget: mC only, 2e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void riskBudgetForcesMix(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 1},
                "riskBudget": 480,
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "CN", "risk": 0.8}, {"id": "AU", "risk": 0.2}, {"id": "US", "risk": 0.1}],
                "mines": [
                  {"id": "mC", "country": "CN", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}},
                  {"id": "mA", "country": "AU", "capacity": 10000, "cost": 3000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}]
                """);
        assertObjective(3_400_000, plan);
        assertTonnes(300, x(plan, "mC", "rU", 2026));
        assertTonnes(700, x(plan, "mA", "rU", 2026));
        assertTonnes(480, plan.risk());
    }

    /*
     * Two years, discountRate 0.25 (delta 1, 0.8); riskWeight 100 on AU risk 0.5 (risk is NOT
     * discounted). 1000 t/yr at 1000 + 1000.
     * Operating 2e6 x (1 + 0.8) = 3.6e6; risk 100 x 0.5 x 2000 = 1e5.
     * = 3,700,000 (without discounting 4.1e6; discounting risk too 3.69e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void discountRateOnOperatingCosts(Backend backend) {
        Plan plan = solve(backend, """
                "horizon": {"start": 2026, "years": 2},
                "discountRate": 0.25,
                "riskWeight": 100,
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0.5}, {"id": "US", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 10000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}]
                """);
        assertObjective(3_700_000, plan);
        assertMoney(1_800_000, plan.costs().get(CostPart.MINING));
        assertMoney(1_800_000, plan.costs().get(CostPart.REFINING));
        assertTonnes(1000, plan.risk());
    }

    // ================================================================== helpers

    private static Instance instance(String body) {
        String json = "{\"schema\": \"lodestone/1\", \"name\": \"constraint-family\",\n" + body + "}";
        try {
            return InstanceReader.toInstance(JSON.readTree(json));
        } catch (InvalidInputException e) {
            return fail("invalid test instance: " + e.problems());
        } catch (JsonProcessingException e) {
            return fail("malformed test JSON: " + e.getOriginalMessage());
        }
    }

    /** Solves at gap 0, asserts an optimal plan that the checker accepts. */
    private static Plan solve(Backend backend, String body) {
        assumeTrue(backend.isAvailable(), backend + " not available on this machine");
        Instance instance = instance(body);
        Plan plan = new Planner().solve(instance, new SolveOptions(backend, 60, 0.0, 1), false).plan();
        assertEquals(Plan.Status.OPTIMAL, plan.status(), "status");
        CheckReport report = PlanChecker.check(instance, plan);
        assertTrue(report.ok(), () -> "checker violations: " + report.violations());
        return plan;
    }

    static void assertObjective(double expected, Plan plan) {
        assertEquals(expected, plan.objective(), REL * Math.max(1, Math.abs(expected)), "objective");
    }

    static void assertMoney(double expected, double actual) {
        assertEquals(expected, actual, REL * Math.max(1, Math.abs(expected)));
    }

    static void assertTonnes(double expected, double actual) {
        assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)));
    }

    static Plan.ScenarioPlan scenario(Plan plan, String id) {
        return plan.scenarios().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseGet(() -> fail("no scenario " + id));
    }

    private static Plan.ScenarioPlan first(Plan plan) {
        return plan.scenarios().get(0);
    }

    private static double sumConcentrate(Plan.ScenarioPlan s, Predicate<Plan.Concentrate> which) {
        return s.concentrate().stream().filter(which).mapToDouble(Plan.Concentrate::tonnes).sum();
    }

    private static double x(Plan plan, String mine, String refinery, int year) {
        return x(first(plan), mine, refinery, year);
    }

    private static double x(Plan plan, String scenario, String mine, String refinery, int year) {
        return x(scenario(plan, scenario), mine, refinery, year);
    }

    private static double x(Plan.ScenarioPlan s, String mine, String refinery, int year) {
        return sumConcentrate(s, c -> c.mine().equals(mine) && c.refinery().equals(refinery) && c.year() == year);
    }

    private static double xFrom(Plan plan, String mine, int year) {
        return sumConcentrate(first(plan), c -> c.mine().equals(mine) && c.year() == year);
    }

    private static double xInto(Plan plan, String refinery, int year) {
        return sumConcentrate(first(plan), c -> c.refinery().equals(refinery) && c.year() == year);
    }

    private static double delivered(Plan plan, String buyer, String element, int year) {
        return delivered(first(plan), buyer, element, year, null);
    }

    private static double delivered(Plan plan, String scenario, String buyer, String element, int year) {
        return delivered(scenario(plan, scenario), buyer, element, year, null);
    }

    private static double deliveredFrom(Plan plan, String mine, String buyer, String element, int year) {
        return delivered(first(plan), buyer, element, year, mine);
    }

    private static double delivered(Plan.ScenarioPlan s, String buyer, String element, int year, String mine) {
        return s.deliveries().stream()
                .filter(d -> d.buyer().equals(buyer) && d.element().equals(element) && d.year() == year
                        && (mine == null || d.mine().equals(mine)))
                .mapToDouble(Plan.Delivery::tonnes).sum();
    }

    private static double surplus(Plan plan, String refinery, String element, int year) {
        return first(plan).surplus().stream()
                .filter(u -> u.refinery().equals(refinery) && u.element().equals(element) && u.year() == year)
                .mapToDouble(Plan.Surplus::tonnes).sum();
    }

    private static double shortfall(Plan plan, String buyer, String element, int year) {
        return first(plan).shortfalls().stream()
                .filter(q -> q.buyer().equals(buyer) && q.element().equals(element) && q.year() == year)
                .mapToDouble(Plan.Shortfall::tonnes).sum();
    }

    private static double substituted(Plan plan, String buyer, String element, int year) {
        return first(plan).substitution().stream()
                .filter(a -> a.buyer().equals(buyer) && a.element().equals(element) && a.year() == year)
                .mapToDouble(Plan.Substitution::tonnes).sum();
    }

    private static Plan.ContractUse contractUse(Plan plan, String contract, int year) {
        List<Plan.ContractUse> uses = first(plan).contractUse().stream()
                .filter(k -> k.contract().equals(contract) && k.year() == year).toList();
        assertEquals(1, uses.size(), () -> "contract use of " + contract + " in " + year + ": " + uses);
        return uses.get(0);
    }

    private static boolean held(Plan plan, String contract) {
        return plan.contracts().stream().filter(k -> k.id().equals(contract)).findFirst()
                .orElseGet(() -> fail("no contract " + contract)).held();
    }

    private static Plan.Build onlyBuild(Plan plan, String facility) {
        List<Plan.Build> builds = plan.builds().stream().filter(b -> b.facility().equals(facility)).toList();
        assertEquals(1, builds.size(), () -> "builds of " + facility + ": " + plan.builds());
        return builds.get(0);
    }
}

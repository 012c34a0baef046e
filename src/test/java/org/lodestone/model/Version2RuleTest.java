package org.lodestone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lodestone.model.ConstraintFamilyTest.assertMoney;
import static org.lodestone.model.ConstraintFamilyTest.assertObjective;
import static org.lodestone.model.ConstraintFamilyTest.assertTonnes;
import static org.lodestone.model.ConstraintFamilyTest.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.io.Overrides;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InvalidInputException;

/**
 * One test per rule that version 2 adds (the (v2) rules of instance-reference.md), each on a tiny instance where the rule binds, in the manner of
 * {@link ConstraintFamilyTest}: the optimum is derived by hand in the comment above the test, and
 * the test solves the same instance once more with the feature taken out (an edit of the instance)
 * to show the optimum moves to the value the comment gives.
 *
 * <p>Conventions unless a test says otherwise: schema lodestone/2, one year (2026), no
 * discounting, riskWeight 0, no freight, recovery 1, basket 1 (1 t REO = 1 t oxide), element
 * price 100000 (default shortfall penalty 1e6 per t). "per t" = per tonne of oxide.
 */
class Version2RuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double REL = 1e-6;

    private static final String AU_US = """
            "elements": [{"id": "NdPr", "price": 100000}],
            "countries": [{"id": "AU", "risk": 0}, {"id": "CN", "risk": 0}, {"id": "US", "risk": 0}],
            """;

    // ------------------------------------------------------------------ Rule 10 ramp-up

    /*
     * Two years. mA (AU) has no capacity; it can be built in 2026 only (lead 0, one module of 1000 t,
     * capex 1e6) and gives 40 % of it in its first year, 100 % from the second: rampUp [0.4, 1].
     * Supply 1000 + toll 1000 = 2000 per t; demand 1000 t/yr, buyer penalty 10000 per t.
     * Build: 2026 400 t (8e5) and 600 short (6e6); 2027 1000 t (2e6): 1e6 + 8.8e6 = 9.8e6.
     * No build: 2 x 1e7 = 2e7.
     * = 9,800,000 (without rampUp: 1e6 + 2 x 2e6 = 5e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void rampUp(Backend backend) {
        String body = """
                "horizon": {"start": 2026, "years": 2},
                %s
                "mines": [{"id": "mA", "country": "AU", "cost": 1000, "basket": {"NdPr": 1},
                  "expansion": {"moduleSize": 1000, "leadTime": 0, "latestStart": 2026, "capexFixed": 1e6,
                                "rampUp": [0.4, 1]}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}, "shortfallPenalty": {"NdPr": 10000}}]
                """.formatted(AU_US);
        Plan plan = solve(backend, body);
        assertObjective(9_800_000, plan);
        assertTonnes(400, x(plan.scenarios().get(0), "mA", 2026));
        assertTonnes(1000, x(plan.scenarios().get(0), "mA", 2027));
        assertEquals(1000, plan.builds().get(0).capacityAdded(), "nameplate, whatever the ramp-up");
        assertObjective(5_000_000, solve(backend, body, "/mines/0/expansion/rampUp"));
    }

    // ------------------------------------------------------------------ §7.8 build delays

    /*
     * Three years, two scenarios of 0.5. mA (AU) as in rampUp but lead 1 (online 2027) and full
     * capacity at once. In "late" the entries {country AU, 1} and {facility mA, 1} both match mA
     * (D = 2, online 2029, after the horizon) and {country CN, 5} does not.
     * ontime with the build: 2026 short 1000 x 10000 = 1e7, 2027-2028 2e6 each: 1.4e7.
     * late with the build: short every year, 3e7. No build: 3e7 in both.
     * Build: 1e6 + 0.5 x 1.4e7 + 0.5 x 3e7 = 2.3e7 < 3e7.
     * = 23,000,000 (without delays: 1e6 + 1.4e7 = 1.5e7; counting one entry only, late online
     * 2028: 1e6 + 0.5 x 1.4e7 + 0.5 x 2.2e7 = 1.9e7).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void buildDelay(Backend backend) {
        String body = """
                "horizon": {"start": 2026, "years": 3},
                %s
                "mines": [{"id": "mA", "country": "AU", "cost": 1000, "basket": {"NdPr": 1},
                  "expansion": {"moduleSize": 1000, "leadTime": 1, "latestStart": 2026, "capexFixed": 1e6}}],
                "refineries": [{"id": "rU", "country": "US", "capacity": 10000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000},
                            "shortfallPenalty": {"NdPr": 10000}}],
                "scenarios": [{"id": "ontime", "probability": 0.5},
                  {"id": "late", "probability": 0.5, "buildDelays": [{"country": "AU", "years": 1},
                    {"facility": "mA", "years": 1}, {"country": "CN", "years": 5}]}]
                """.formatted(AU_US);
        Plan plan = solve(backend, body);
        assertObjective(23_000_000, plan);
        assertEquals(2027, plan.builds().get(0).onlineYear(), "the planned year, delays are per scenario");
        assertTonnes(1000, x(scenario(plan, "ontime"), "mA", 2028));
        assertTonnes(0, x(scenario(plan, "late"), "mA", 2028));
        assertObjective(15_000_000, solve(backend, body, "/scenarios/1/buildDelays"));
        assertObjective(19_000_000, solve(backend, body, "/scenarios/1/buildDelays/1"));
    }

    // ------------------------------------------------------------------ §7.6 market prices

    /*
     * mA (AU, 1000 t REO, cost 1000, basket NdPr 0.5, La 0.5). rM (MY) tolls 1000, rU (US) 5000;
     * tariff MY -> US 0.1 x m(NdPr). bU (US) needs 500 t NdPr (= all 1000 t REO) and 1 t Dy, which
     * nothing supplies (penalty 10 x 200000 = 2e6, not scaled). La sells as surplus at 2000.
     * Two scenarios of 0.5; flood halves every market price: {factor 0.5}.
     * base, per t REO: rM 1000 + 1000 + 0.5 x 0.1 x 100000 = 7000, rU 1000 + 5000 = 6000: rU;
     * 6e6 - 500 x 2000 + 2e6 = 7e6.
     * flood: rM 2000 + 0.5 x 0.1 x 50000 = 4500 < 6000: rM; 4.5e6 - 500 x 1000 + 2e6 = 6e6.
     * = 6,500,000 (without priceFactors: 7e6; scaling the penalty in the flood too: 6e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void priceFactors(Backend backend) {
        String body = """
                "elements": [{"id": "NdPr", "price": 100000}, {"id": "La", "price": 5000, "surplusPrice": 2000},
                             {"id": "Dy", "price": 200000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "MY", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 1000, "cost": 1000,
                           "basket": {"NdPr": 0.5, "La": 0.5}}],
                "refineries": [{"id": "rM", "country": "MY", "capacity": 10000, "cost": 1000},
                               {"id": "rU", "country": "US", "capacity": 10000, "cost": 5000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 500, "Dy": 1}}],
                "tariffs": [{"from": "MY", "to": "US", "rate": 0.1}],
                "scenarios": [{"id": "base", "probability": 0.5},
                  {"id": "flood", "probability": 0.5, "priceFactors": [{"factor": 0.5}]}]
                """;
        Plan plan = solve(backend, body);
        assertObjective(6_500_000, plan);
        assertTonnes(1000, x(scenario(plan, "flood"), "rM"));
        assertMoney(0.5 * 500 * 2000 + 0.5 * 500 * 1000, plan.costs().get(CostPart.SURPLUS_REVENUE));
        assertMoney(2_000_000, plan.costs().get(CostPart.SHORTFALL));
        assertObjective(7_000_000, solve(backend, body, "/scenarios/1/priceFactors"));
    }

    // ------------------------------------------------------------------ Rule 9 indexed contracts

    /*
     * Signed kIdx on rA: min = max = 1000 t REO, price clamp(0.05 x m(NdPr), 3000, 6000); rA's
     * spot toll 10000 is never better. Demand 1000 t; mining 1000 per t.
     * high (0.5, NdPr x 1.5): 0.05 x 150000 = 7500, capped to 6000: 1e6 + 6e6 = 7e6.
     * flood (0.5, NdPr x 0.4): 0.05 x 40000 = 2000, floored to 3000: 1e6 + 3e6 = 4e6.
     * = 5,500,000 (without the floor: flood 3e6, 5e6; without the cap: high 8.5e6, 6.25e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void indexedPriceFloorAndCap(Backend backend) {
        String body = """
                %s
                "mines": [{"id": "mA", "country": "AU", "capacity": 5000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 10000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}],
                "contracts": [{"id": "kIdx", "facility": "rA", "status": "signed", "minPerYear": 1000,
                  "maxPerYear": 1000, "priceIndex": {"element": "NdPr", "share": 0.05, "floor": 3000, "cap": 6000}}],
                "scenarios": [
                  {"id": "high", "probability": 0.5, "priceFactors": [{"element": "NdPr", "factor": 1.5}]},
                  {"id": "flood", "probability": 0.5, "priceFactors": [{"element": "NdPr", "factor": 0.4}]}]
                """.formatted(AU_US);
        Plan plan = solve(backend, body);
        assertObjective(5_500_000, plan);
        assertMoney(0.5 * 6e6 + 0.5 * 3e6, plan.costs().get(CostPart.CONTRACTS));
        assertObjective(5_000_000, solve(backend, body, "/contracts/0/priceIndex/floor"));
        assertObjective(6_250_000, solve(backend, body, "/contracts/0/priceIndex/cap"));
    }

    // ------------------------------------------------------------------ Rule 8 contingent offtake

    /*
     * Signed contingent kC on the plant rN (no capacity of its own; build in 2026, lead 0, one module
     * of 1000 t, capex 1e6, spot toll 5000): min 800, price 2000, no max. rO tolls 6000 without limit.
     * Demand 1000 t; mining 1000 per t. normal (0.5); outage (0.5, rN's capacity x 0.25).
     * Build: normal takes 1000 under kC: 1e6 + 2e6 = 3e6. outage: rN holds 250 t, kC owes
     * 800 x 0.25 = 200, takes 250 (5e5) and rO the other 750 (4.5e6): 6e6.
     * 1e6 + 0.5 x 3e6 + 0.5 x 6e6 = 5.5e6. No build: kC owes nothing (rN never online), rO 7e6.
     * = 5,500,000 (kC not contingent: outage pays 800 x 2000 = 1.6e6 for 250 t taken: 7.1e6,
     * build 6.05e6, and no build pays 1.6e6 more too, 8.6e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void contingentOfftake(Backend backend) {
        String body = """
                %s
                "mines": [{"id": "mA", "country": "AU", "capacity": 5000, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rO", "country": "US", "capacity": 5000, "cost": 6000},
                  {"id": "rN", "country": "US", "cost": 5000,
                   "expansion": {"moduleSize": 1000, "leadTime": 0, "capexFixed": 1e6}}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}],
                "contracts": [{"id": "kC", "facility": "rN", "status": "signed", "minPerYear": 800, "price": 2000,
                               "contingent": true}],
                "scenarios": [{"id": "normal", "probability": 0.5},
                  {"id": "outage", "probability": 0.5, "capacityFactors": [{"facility": "rN", "factor": 0.25}]}]
                """.formatted(AU_US);
        Plan plan = solve(backend, body);
        assertObjective(5_500_000, plan);
        Plan.ContractUse outage = scenario(plan, "outage").contractUse().get(0);
        assertTonnes(250, outage.taken());
        assertTonnes(250, outage.paid());
        assertObjective(6_050_000, solve(backend, body, "/contracts/0/contingent=false"));
    }

    // ------------------------------------------------------------------ Rule 12 stockpiles

    /*
     * Two years; mining cost [1000, 5000], toll 1000: 2000 per t in 2026, 6000 in 2027. Demand
     * 1000 t/yr. Reserve: capacity 600, initial 200, minFinal 200, holding 500 per t and year.
     * With levels L1 (end of 2026) and L2 (end of 2027): 2026 buys 1000 + L1 - 200, 2027 buys
     * 1000 - L1 + L2; cost 2000 (800 + L1) + 500 L1 + 6000 (1000 - L1 + L2) + 500 L2
     * = 7.6e6 - 3500 L1 + 6500 L2: L1 = 600 (capacity), L2 = 200 (minFinal).
     * 2026: 1400 t (2.8e6) + holding 3e5; 2027: 600 t (3.6e6) + holding 1e5.
     * = 6,800,000 (without minFinal: L2 = 0, 5.5e6; without holding cost: 6.4e6; without the
     * reserve: 8e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void stockpileBalanceMinFinalAndHolding(Backend backend) {
        String body = """
                "horizon": {"start": 2026, "years": 2},
                %s
                "mines": [{"id": "mA", "country": "AU", "capacity": 5000, "cost": [1000, 5000], "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000}}],
                "stockpiles": [{"id": "reserve", "buyer": "bU", "element": "NdPr", "capacity": 600, "initial": 200,
                                "minFinal": 200, "holdingCost": 500}]
                """.formatted(AU_US);
        Plan plan = solve(backend, body);
        assertObjective(6_800_000, plan);
        assertEquals(List.of(new Plan.StockLevel("reserve", 2026, 400, 0, 600),
                new Plan.StockLevel("reserve", 2027, 0, 400, 200)), rounded(scenario(plan, "base").stockpiles()));
        assertMoney(400_000, plan.costs().get(CostPart.HOLDING));
        assertObjective(5_500_000, solve(backend, body, "/stockpiles/0/minFinal"));
        assertObjective(6_400_000, solve(backend, body, "/stockpiles/0/holdingCost"));
        assertObjective(8_000_000, solve(backend, body, "/stockpiles"));
    }

    /*
     * Two years; bU demands 0 t in 2026 and 1000 t in 2027. mA's capacity is [1000, 0] (2000 per t with
     * the toll). Reserve: capacity 1000, holding 100. In 2026 the demand row holds with demand 0 and
     * fill ≤ deliveries: whatever is delivered goes into stock, and nothing is released.
     * 2026: deliver and fill 1000 (2e6), holding 1000 x 100 = 1e5. 2027: release 1000.
     * = 2,100,000 (without the reserve all 1000 t are short in 2027 at 1e6: 1e9; with no demand
     * row in a year without demand, stock would come from nothing: 1e5).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void stockFilledInAYearWithoutDemand(Backend backend) {
        String body = """
                "horizon": {"start": 2026, "years": 2},
                %s
                "mines": [{"id": "mA", "country": "AU", "capacity": [1000, 0], "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": [0, 1000]}}],
                "stockpiles": [{"id": "reserve", "buyer": "bU", "element": "NdPr", "capacity": 1000,
                                "holdingCost": 100}]
                """.formatted(AU_US);
        Plan plan = solve(backend, body);
        assertObjective(2_100_000, plan);
        assertEquals(List.of(new Plan.StockLevel("reserve", 2026, 1000, 0, 1000),
                new Plan.StockLevel("reserve", 2027, 0, 1000, 0)), rounded(scenario(plan, "base").stockpiles()));
        assertTonnes(1000, scenario(plan, "base").deliveries().stream().filter(d -> d.year() == 2026)
                .mapToDouble(Plan.Delivery::tonnes).sum());
        assertObjective(1e9, solve(backend, body, "/stockpiles"));
    }

    /*
     * Two years. bU (US) demands 500 t in 2026 and 1000 in 2027 (penalty 1e5); its mandate excludes
     * CN at both stages, minShare {"2026": 0, "2027": 1}. CN supply mC -> rC costs 1000 + 1000 = 2000
     * per t without limit; the compliant mA -> rA 3000 + 3000 = 6000, at most 500 t a year.
     * Reserve: capacity 1000, holding 100. Tonnes filled in 2026 must meet M(bU, 2026) = 1: every
     * filled tonne is matched by a compliant delivered tonne.
     * 2026: 500 t CN for the demand (1e6), 500 t of mA into stock (3e6), holding 5e4.
     * 2027: mA 500 (3e6) and release 500.
     * = 7,050,000. Without the rule on fills (no edit of the instance takes out that rule alone), 2026
     * would fill 1000 t of CN oxide and 2027 release them, delivering nothing the mandate could look
     * at: 1500 x 2000 + 1e5 = 3.1e6. Without the mandate, 2027 buys CN oxide: 1500 x 2000 = 3e6.
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void stockFilledBeforeAMandateTightensIsCompliant(Backend backend) {
        String body = """
                "horizon": {"start": 2026, "years": 2},
                "elements": [{"id": "NdPr", "price": 100000}],
                "countries": [{"id": "AU", "risk": 0}, {"id": "CN", "risk": 0}, {"id": "US", "risk": 0}],
                "mines": [{"id": "mA", "country": "AU", "capacity": 500, "cost": 3000, "basket": {"NdPr": 1}},
                          {"id": "mC", "country": "CN", "capacity": 1e6, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 1e6, "cost": 3000},
                               {"id": "rC", "country": "CN", "capacity": 1e6, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": [500, 1000]},
                            "shortfallPenalty": {"NdPr": 1e5},
                            "mandate": {"excludeCountries": ["CN"], "minShare": {"2026": 0, "2027": 1}}}],
                "stockpiles": [{"id": "reserve", "buyer": "bU", "element": "NdPr", "capacity": 1000,
                                "holdingCost": 100}]
                """;
        Plan plan = solve(backend, body);
        assertObjective(7_050_000, plan);
        assertTonnes(500, scenario(plan, "base").deliveries().stream()
                .filter(d -> d.year() == 2026 && d.mine().equals("mA")).mapToDouble(Plan.Delivery::tonnes).sum());
        assertObjective(3_000_000, solve(backend, body, "/buyers/0/mandate"));
    }

    // ------------------------------------------------------------------ Rule 13 non-anticipativity

    /*
     * Two years. CN mines mC1 and mC2 (1200 t each, cost 1000) feed rC (toll 1000): 2000 per t.
     * Demand 1000 t/yr, penalty 10000. Reserve: capacity 2000, holding 500.
     * cut (0.5): CN capacity 0 from 2027, revealYear 2027; calm (0.5): nothing happens, revealYear
     * 2028. In 2026 neither is revealed: both fill the same F. 2027: calm buys 1000 - F at 2000, cut
     * is short 1000 - F at 10000.
     * (1000 + F) x 2000 + 500 F + 0.5 (1000 - F) (2000 + 10000) = 8e6 - 3500 F: F = 1000.
     * 2026: 2000 t (4e6) + holding 5e5; 2027: release 1000 in both.
     * = 4,500,000 (without reveal years calm stocks nothing, 4e6, and cut 1000, 4.5e6: 4.25e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void revealYearTiesScenarios(Backend backend) {
        String body = """
                "horizon": {"start": 2026, "years": 2},
                %s
                "mines": [{"id": "mC1", "country": "CN", "capacity": 1200, "cost": 1000, "basket": {"NdPr": 1}},
                          {"id": "mC2", "country": "CN", "capacity": 1200, "cost": 1000, "basket": {"NdPr": 1}}],
                "refineries": [{"id": "rC", "country": "CN", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000},
                            "shortfallPenalty": {"NdPr": 10000}}],
                "stockpiles": [{"id": "reserve", "buyer": "bU", "element": "NdPr", "capacity": 2000,
                                "holdingCost": 500}],
                "scenarios": [{"id": "calm", "probability": 0.5, "revealYear": 2028},
                  {"id": "cut", "probability": 0.5, "revealYear": 2027,
                   "capacityFactors": [{"country": "CN", "factor": 0, "fromYear": 2027}]}]
                """.formatted(AU_US);
        Plan plan = solve(backend, body);
        assertObjective(4_500_000, plan);
        Plan.ScenarioPlan calm = scenario(plan, "calm");
        Plan.ScenarioPlan cut = scenario(plan, "cut");
        assertEquals(in2026(calm.concentrate(), Plan.Concentrate::year),
                in2026(cut.concentrate(), Plan.Concentrate::year));
        assertEquals(in2026(calm.deliveries(), Plan.Delivery::year), in2026(cut.deliveries(), Plan.Delivery::year));
        assertEquals(in2026(calm.stockpiles(), Plan.StockLevel::year), in2026(cut.stockpiles(), Plan.StockLevel::year));
        assertTonnes(2000, x(calm, "rC", 2026));
        assertObjective(4_250_000, solve(backend, body, "/scenarios/0/revealYear", "/scenarios/1/revealYear"));
    }

    // ------------------------------------------------------------------ §10.6 CVaR

    /*
     * calm (0.75): CN supply 2000 per t, C = 2e6. cut (0.25): no CN supply; with mA built (capex 2e6)
     * 4000 per t, C = 4e6; without, 1000 t short at 10000: C = 1e7. riskAversion alpha 0.5, weight 0.5:
     * the worst half of the probability is cut (0.25) and 0.25 of calm.
     * No build: E = 1.5e6 + 2.5e6 = 4e6, CVaR = (0.25 x 1e7 + 0.25 x 2e6) / 0.5 = 6e6:
     * 0.5 x 4e6 + 0.5 x 6e6 = 5e6.
     * Build: E = 1.5e6 + 1e6 = 2.5e6, CVaR = (0.25 x 4e6 + 0.25 x 2e6) / 0.5 = 3e6:
     * 2e6 + 0.5 x 2.5e6 + 0.5 x 3e6 = 4.75e6 (cvar 3e6, riskPremium 0.5 x (3e6 - 2.5e6) = 2.5e5).
     * = 4,750,000 (risk-neutral: no build, 4e6; CVaR taken as the worst scenario alone: 5.25e6).
     */
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"SCIP", "HIGHS"})
    void cvar(Backend backend) {
        String body = """
                %s
                "mines": [{"id": "mC", "country": "CN", "capacity": 5000, "cost": 1000, "basket": {"NdPr": 1}},
                          {"id": "mA", "country": "AU", "cost": 3000, "basket": {"NdPr": 1},
                           "expansion": {"moduleSize": 1000, "leadTime": 0, "capexFixed": 2e6}}],
                "refineries": [{"id": "rA", "country": "AU", "capacity": 5000, "cost": 1000}],
                "buyers": [{"id": "bU", "country": "US", "demand": {"NdPr": 1000},
                            "shortfallPenalty": {"NdPr": 10000}}],
                "riskAversion": {"alpha": 0.5, "weight": 0.5},
                "scenarios": [{"id": "calm", "probability": 0.75},
                  {"id": "cut", "probability": 0.25, "capacityFactors": [{"country": "CN", "factor": 0}]}]
                """.formatted(AU_US);
        Plan plan = solve(backend, body);
        assertObjective(4_750_000, plan);
        assertEquals(1, plan.builds().size());
        assertMoney(3_000_000, plan.cvar());
        assertMoney(250_000, plan.costs().get(CostPart.RISK_PREMIUM));
        Plan neutral = solve(backend, body, "/riskAversion");
        assertObjective(4_000_000, neutral);
        assertEquals(null, neutral.cvar());
    }

    // ================================================================== helpers

    /** The instance of {@code body} (lodestone/2, one year from 2026 unless it has a horizon) after the edits. */
    static Instance instance(String body, String... edits) {
        String json = "{\"schema\": \"lodestone/2\", \"name\": \"version-2-rule\",\n"
                + (body.contains("\"horizon\"") ? "" : "\"horizon\": {\"start\": 2026, \"years\": 1},\n") + body + "}";
        try {
            JsonNode tree = JSON.readTree(json);
            for (String edit : edits) {
                if (edit.contains("=")) {
                    Overrides.apply(tree, edit);
                } else {
                    remove(tree, edit);
                }
            }
            return InstanceReader.toInstance(tree);
        } catch (InvalidInputException e) {
            return fail("invalid test instance: " + e.problems());
        } catch (JsonProcessingException e) {
            return fail("malformed test JSON: " + e.getOriginalMessage());
        }
    }

    /** Takes out the field or list entry at a JSON Pointer: the instance without that feature. */
    private static void remove(JsonNode tree, String pointer) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = tree.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent instanceof ArrayNode list) {
            list.remove(Integer.parseInt(last));
        } else if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
        } else {
            fail("nothing to remove at " + pointer);
        }
    }

    /** Solves at gap 0 after the edits ({@code PATH=VALUE} sets, a bare {@code PATH} removes), asserting OPTIMAL. */
    static Plan solve(Backend backend, String body, String... edits) {
        assumeTrue(backend.isAvailable(), backend + " not available on this machine");
        Instance instance = instance(body, edits);
        Plan plan = new Planner().solve(instance, new SolveOptions(backend, 60, 0.0, 1), false).plan();
        assertEquals(Plan.Status.OPTIMAL, plan.status(), "status");
        double parts = plan.costs().net() + instance.riskWeight() * plan.risk();
        assertEquals(plan.objective(), parts, REL * Math.max(1, Math.abs(plan.objective())), "cost parts add up");
        return plan;
    }

    /** Concentrate shipped from mine (or into refinery) {@code facility}, in {@code year} or (no year) in all. */
    private static double x(Plan.ScenarioPlan s, String facility, int... year) {
        return s.concentrate().stream()
                .filter(c -> (c.mine().equals(facility) || c.refinery().equals(facility))
                        && (year.length == 0 || c.year() == year[0]))
                .mapToDouble(Plan.Concentrate::tonnes).sum();
    }

    private static <T> List<T> in2026(List<T> entries, java.util.function.ToIntFunction<T> year) {
        return entries.stream().filter(entry -> year.applyAsInt(entry) == 2026).toList();
    }

    private static List<Plan.StockLevel> rounded(List<Plan.StockLevel> levels) {
        return levels.stream().map(p -> new Plan.StockLevel(p.stockpile(), p.year(), Math.round(p.fill() * 1e6) / 1e6,
                Math.round(p.release() * 1e6) / 1e6, Math.round(p.level() * 1e6) / 1e6)).toList();
    }
}

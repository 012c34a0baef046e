package org.lodestone.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.domain.RiskAversion;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.YearRange;
import org.lodestone.plan.Plan;

/**
 * The instance and plan of {@link HtmlReportTest} with what model version 2 adds, by hand: the
 * "cutoff" scenario delays the kuantan build by two years, ev-makers hold an NdPr reserve, a
 * contingent contract not held is priced by the NdPr index with a floor and a cap, and the
 * objective is risk-averse (CVaR at alpha 0.9, weight 0.3).
 *
 * <p>Reserve levels at year end, 2026–2029: base (p 0.75) 250, 300, 300, 200 (filled 50, 50,
 * released 100); cutoff (p 0.25) 150, 0, 0, 100 (released 50, 150, filled 100). Expected: 225,
 * 225, 225, 175; filled 0.75 × 100 + 0.25 × 100 = 100 t, released 0.75 × 100 + 0.25 × 200 = 125 t.
 */
final class ModelV2Fixture {
    static final double CVAR = 2.5e9;
    static final double PREMIUM = 3e7;
    static final double HOLDING = 1.2e5;

    private ModelV2Fixture() {}

    static Instance instance() {
        Instance v1 = HtmlReportTest.instance("mt-weld");
        List<Scenario> scenarios = new ArrayList<>();
        for (Scenario s : v1.scenarios()) {
            List<Scenario.BuildDelay> delays = s.id().equals("cutoff")
                    ? List.of(new Scenario.BuildDelay(Optional.empty(), Optional.of("kuantan"), 2)) : List.of();
            scenarios.add(new Scenario(s.id(), s.probability(), s.capacityFactors(), s.costFactors(),
                    s.demandFactors(), s.exportControls(), delays, List.of(), Optional.empty()));
        }
        Stockpile reserve = new Stockpile("ev-reserve", "ev-makers", "NdPr", 500, 200, 100, 400, Optional.empty(),
                Optional.empty());
        List<Contract> contracts = new ArrayList<>(v1.contracts());
        contracts.add(new Contract("ndpr-linked", "baotou", false, new YearRange(2026, 2029), 50,
                Double.POSITIVE_INFINITY, Double.NaN, 0,
                Optional.of(new Contract.PriceIndex("NdPr", 0.2, 12000, Optional.of(20000.0))), true));
        return new Instance(v1.name(), v1.description(), v1.sources(), v1.horizon(), v1.discountRate(),
                v1.riskWeight(), v1.riskBudget(), v1.elements(), v1.countries(), v1.mines(), v1.refineries(),
                v1.buyers(), v1.lanes(), v1.tariffs(), v1.exportControls(), contracts, scenarios,
                List.of(reserve), Optional.of(new RiskAversion(0.9, 0.3)), List.of());
    }

    static Plan plan() {
        Plan v1 = HtmlReportTest.plan("mt-weld");
        Map<String, List<Plan.StockLevel>> stock = Map.of(
                "base", List.of(level(2026, 50, 0, 250), level(2027, 50, 0, 300), level(2028, 0, 0, 300),
                        level(2029, 0, 100, 200)),
                "cutoff", List.of(level(2026, 0, 50, 150), level(2027, 0, 150, 0), level(2029, 100, 0, 100)));
        List<Plan.ScenarioPlan> scenarios = new ArrayList<>();
        for (Plan.ScenarioPlan s : v1.scenarios()) {
            scenarios.add(new Plan.ScenarioPlan(s.id(), s.probability(), s.operatingCost(), s.risk(), s.concentrate(),
                    s.deliveries(), s.surplus(), s.contractUse(), s.substitution(), s.shortfalls(), stock.get(s.id())));
        }
        Map<CostPart, Double> amounts = new LinkedHashMap<>();
        v1.costs().forEach(amounts::put);
        amounts.put(CostPart.HOLDING, HOLDING);
        amounts.put(CostPart.RISK_PREMIUM, PREMIUM);
        Plan.Costs costs = Plan.Costs.of(amounts);
        double objective = costs.net() + 10 * v1.risk();
        List<Plan.ContractChoice> contracts = new ArrayList<>(v1.contracts());
        contracts.add(new Plan.ContractChoice("ndpr-linked", false));
        return new Plan(v1.instance(), v1.status(), objective, objective, 0.0, v1.solver(), costs, v1.risk(), CVAR,
                v1.builds(), contracts, scenarios);
    }

    private static Plan.StockLevel level(int year, double fill, double release, double level) {
        return new Plan.StockLevel("ev-reserve", year, fill, release, level);
    }
}

package org.lodestone.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lodestone.domain.Instance;
import org.lodestone.plan.Plan.Build;
import org.lodestone.plan.Plan.Concentrate;
import org.lodestone.plan.Plan.ContractChoice;
import org.lodestone.plan.Plan.ContractUse;
import org.lodestone.plan.Plan.Delivery;
import org.lodestone.plan.Plan.ScenarioPlan;
import org.lodestone.plan.Plan.Shortfall;
import org.lodestone.plan.Plan.StockLevel;
import org.lodestone.plan.Plan.Substitution;
import org.lodestone.plan.Plan.Surplus;

/**
 * Hand-written plans for tests. Entries go to the current scenario, chosen with
 * {@link #scenario}; without a call they go to "base" of probability 1.
 */
public final class PlanBuilder {
    public static final Plan.SolverInfo SOLVER = new Plan.SolverInfo("HAND", "1", null, 1, 60, 1e-4);

    private final String instance;
    private final List<Build> builds = new ArrayList<>();
    private final List<ContractChoice> contracts = new ArrayList<>();
    private final Map<String, Sc> scenarios = new LinkedHashMap<>();
    private Sc current;
    private Double cvar;

    private static final class Sc {
        final String id;
        final double probability;
        double operatingCost;
        double risk;
        final List<Concentrate> concentrate = new ArrayList<>();
        final List<Delivery> deliveries = new ArrayList<>();
        final List<Surplus> surplus = new ArrayList<>();
        final List<ContractUse> contractUse = new ArrayList<>();
        final List<Substitution> substitution = new ArrayList<>();
        final List<Shortfall> shortfalls = new ArrayList<>();
        final List<StockLevel> stockpiles = new ArrayList<>();

        Sc(String id, double probability) {
            this.id = id;
            this.probability = probability;
        }

        ScenarioPlan plan() {
            return new ScenarioPlan(id, probability, operatingCost, risk, concentrate, deliveries, surplus,
                    contractUse, substitution, shortfalls, stockpiles);
        }
    }

    private PlanBuilder(String instance) {
        this.instance = instance;
    }

    public static PlanBuilder plan(String instance) {
        return new PlanBuilder(instance);
    }

    public static PlanBuilder plan(Instance instance) {
        return new PlanBuilder(instance.name());
    }

    public PlanBuilder scenario(String id, double probability) {
        current = scenarios.computeIfAbsent(id, k -> new Sc(id, probability));
        return this;
    }

    private Sc sc() {
        if (current == null) {
            scenario("base", 1.0);
        }
        return current;
    }

    /** Reported operating cost and risk of the current scenario. */
    public PlanBuilder reports(double operatingCost, double risk) {
        sc().operatingCost = operatingCost;
        sc().risk = risk;
        return this;
    }

    public PlanBuilder concentrate(String mine, String refinery, int year, double tonnes) {
        sc().concentrate.add(new Concentrate(mine, refinery, year, tonnes));
        return this;
    }

    public PlanBuilder deliver(String mine, String refinery, String buyer, String element, int year, double tonnes) {
        sc().deliveries.add(new Delivery(mine, refinery, buyer, element, year, tonnes));
        return this;
    }

    public PlanBuilder surplus(String refinery, String element, int year, double tonnes) {
        sc().surplus.add(new Surplus(refinery, element, year, tonnes));
        return this;
    }

    public PlanBuilder use(String contract, int year, double taken, double paid) {
        sc().contractUse.add(new ContractUse(contract, year, taken, paid));
        return this;
    }

    public PlanBuilder substitute(String buyer, String element, int year, double tonnes) {
        sc().substitution.add(new Substitution(buyer, element, year, tonnes));
        return this;
    }

    public PlanBuilder shortfall(String buyer, String element, int year, double tonnes) {
        sc().shortfalls.add(new Shortfall(buyer, element, year, tonnes));
        return this;
    }

    /** A stockpile's year in the current scenario: tonnes filled, released, and the level at year end. */
    public PlanBuilder stock(String stockpile, int year, double fill, double release, double level) {
        sc().stockpiles.add(new StockLevel(stockpile, year, fill, release, level));
        return this;
    }

    /** The plan's reported CVaR (null, the default, for an instance without riskAversion). */
    public PlanBuilder cvar(Double reported) {
        cvar = reported;
        return this;
    }

    public PlanBuilder build(String facility, int startYear, int onlineYear, int modules, double capacityAdded) {
        builds.add(new Build(facility, startYear, onlineYear, modules, capacityAdded));
        return this;
    }

    public PlanBuilder contract(String id, boolean held) {
        contracts.add(new ContractChoice(id, held));
        return this;
    }

    /** The plan with the given reported figures (status OPTIMAL). */
    public Plan plan(Plan.Costs costs, double risk, double objective) {
        sc();
        List<ScenarioPlan> sps = scenarios.values().stream().map(Sc::plan).toList();
        return new Plan(instance, Plan.Status.OPTIMAL, objective, objective, 0.0, SOLVER, costs, risk, cvar, builds,
                contracts, sps);
    }

    /**
     * The plan reporting exactly the figures the checker recomputes, so that a test of one rule
     * sees only that rule's violations (the figures themselves are tested against hand numbers).
     */
    public Plan reconciled(Instance in) {
        Plan draft = plan(Plan.Costs.ZERO, 0, 0);
        CheckReport report = PlanChecker.check(in, draft);
        for (CheckReport.ScenarioResult r : report.scenarios()) {
            Sc s = scenarios.get(r.id());
            s.operatingCost = r.operatingCost();
            s.risk = r.risk();
        }
        cvar = report.cvar();
        return plan(report.costs(), report.risk(), report.objective());
    }
}

package org.lodestone.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Country;
import org.lodestone.domain.Element;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.ExportControl;
import org.lodestone.domain.Facility;
import org.lodestone.domain.Horizon;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Lanes;
import org.lodestone.domain.Mandate;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Series;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.Substitute;
import org.lodestone.domain.Tariff;
import org.lodestone.plan.Plan.Build;
import org.lodestone.plan.Plan.Concentrate;
import org.lodestone.plan.Plan.ContractChoice;
import org.lodestone.plan.Plan.ContractUse;
import org.lodestone.plan.Plan.Delivery;
import org.lodestone.plan.Plan.ScenarioPlan;
import org.lodestone.plan.Plan.StockLevel;

/**
 * Independent check of a plan against instance-reference.md: re-checks every rule of its §9 (Rules
 * 1-14, version 2 included) from the instance and the plan alone, in the reference formulation (every
 * delivered tonne names its mine of origin), and recomputes every cost term of its §10 and the CVaR
 * of version 2. It shares no code with the model builder on purpose, nor the domain's helpers
 * for version-2 rules (delays, ramp-up shares, price factors, indexed prices): a mistake there
 * would otherwise pass unseen in both.
 *
 * <p>Entries that cannot be placed (unknown id, year outside the horizon, value that is not a
 * finite number) are reported and then left out of every rule and every cost.
 *
 * <p>Each rule is one {@code check…} method; {@link #run()} and {@link ScenarioCheck#run()} list
 * them in the order of §9, and {@link #recomputeCosts} recomputes §10.
 */
public final class PlanChecker {
    /**
     * Feasibility tolerance. A rule {@code lhs ≤ rhs} (or {@code lhs = rhs}) counts as broken
     * only when it is missed by more than {@code FEASIBILITY_TOLERANCE × max(1, |lhs|, |rhs|)}.
     * The value matches two things: the plan omits entries of at most 1e-6 t (plan-reference.md §P7),
     * and MIP solvers accept rows violated by about 1e-6 relative to the row's size (SCIP's
     * feastol is 1e-6 scaled by max(1, |side|)). Scaling by the size of the quantities keeps the
     * check meaningful both for a 0.5 t demand and for a 50,000 t mine. Plain non-negativity
     * uses it as an absolute bound: a value below −1e-6 t is negative.
     */
    public static final double FEASIBILITY_TOLERANCE = 1e-6;
    /**
     * Relative tolerance for figures the plan reports (each cost part, risk, each scenario's
     * operating cost and risk, objective): they must agree with the recomputed ones within
     * {@code COST_TOLERANCE × max(1, |reported|, |recomputed|)} (plan-reference.md §P7: "within 1e-6
     * relative").
     */
    public static final double COST_TOLERANCE = 1e-6;
    /** The plan copies probabilities from the instance, which must add up to 1 within 1e-9. */
    public static final double PROBABILITY_TOLERANCE = 1e-9;

    private final Instance instance;
    private final Plan plan;
    private final Horizon horizon;
    private final List<String> violations = new ArrayList<>();

    private final Map<String, Element> elements = new LinkedHashMap<>();
    private final Map<String, Country> countries = new HashMap<>();
    private final Map<String, Mine> mines = new LinkedHashMap<>();
    private final Map<String, Refinery> refineries = new LinkedHashMap<>();
    private final Map<String, Buyer> buyers = new LinkedHashMap<>();
    private final Map<String, Contract> contracts = new LinkedHashMap<>();
    /** Builds that add capacity and cost, by facility id: the facility exists and has an expansion. */
    private final Map<String, List<Build>> buildsByFacility = new HashMap<>();
    /** Ids of the contracts the plan holds. */
    private final Set<String> heldContracts = new HashSet<>();

    private PlanChecker(Instance instance, Plan plan) {
        this.instance = instance;
        this.plan = plan;
        this.horizon = instance.horizon();
        instance.elements().forEach(e -> elements.put(e.id(), e));
        instance.countries().forEach(c -> countries.put(c.id(), c));
        instance.mines().forEach(m -> mines.put(m.id(), m));
        instance.refineries().forEach(r -> refineries.put(r.id(), r));
        instance.buyers().forEach(b -> buyers.put(b.id(), b));
        instance.contracts().forEach(k -> contracts.put(k.id(), k));
    }

    /** Checks {@code plan} against {@code instance}; see {@link CheckReport}. */
    public static CheckReport check(Instance instance, Plan plan) {
        return new PlanChecker(instance, plan).run();
    }

    // ------------------------------------------------------------------------------------------

    /** The checks in the order their violations are listed. */
    private CheckReport run() {
        if (!plan.status().hasSolution() || plan.objective() == null) {
            return new CheckReport(List.of("plan has no solution"), Plan.Costs.ZERO, 0, Double.NaN, null,
                    List.of());
        }
        checkInstance();
        checkContractChoices();
        checkBuilds();                                      // Rules 10-11: expansion and bankability
        List<ScenarioCheck> scenarios = checkScenarios();   // rules 1–6, stock and routes, per scenario and year
        checkNonAnticipativity(scenarios);                  // Rule 13
        Recomputed recomputed = recomputeCosts(scenarios);  // §10, §10.6
        checkRiskBudget(recomputed.risk());                 // Rule 14
        compareReportedFigures(scenarios, recomputed);
        return new CheckReport(violations, recomputed.costs(), recomputed.risk(), recomputed.objective(),
                recomputed.cvar(), recomputed.scenarios());
    }

    // ---------------------------------------------------------------- the plan as a whole

    private void checkInstance() {
        if (!plan.isFor(instance)) {
            violations.add("plan is for instance \"" + plan.instance() + "\" but the instance is \""
                    + instance.name() + "\"");
        }
    }

    /** Every contract listed once; signed contracts held. */
    private void checkContractChoices() {
        Map<String, Integer> listed = new HashMap<>();
        for (ContractChoice c : plan.contracts()) {
            if (!contracts.containsKey(c.id())) {
                violations.add("contracts: unknown contract " + c.id());
                continue;
            }
            if (listed.merge(c.id(), 1, Integer::sum) == 2) {
                violations.add("contracts: contract " + c.id() + " is listed more than once");
            }
            if (c.held()) {
                heldContracts.add(c.id());
            }
        }
        for (Contract k : instance.contracts()) {
            if (!listed.containsKey(k.id())) {
                violations.add("contracts: contract " + k.id() + " is not listed");
            } else if (k.signed() && !heldContracts.contains(k.id())) {
                violations.add("contracts: contract " + k.id() + " is signed but the plan does not hold it");
            }
        }
    }

    /** Rule 7, per build: an expansion built once, within its start window and module count, and bankable. */
    private void checkBuilds() {
        for (Build b : plan.builds()) {
            String what = "build on " + b.facility();
            Facility f = facility(b.facility());
            if (f == null) {
                violations.add(what + ": unknown facility " + b.facility());
                continue;
            }
            if (f.expansion().isEmpty()) {
                violations.add(what + ": the facility has no expansion");
                continue;
            }
            List<Build> on = buildsByFacility.computeIfAbsent(f.id(), id -> new ArrayList<>());
            on.add(b);
            if (on.size() == 2) {
                violations.add(what + ": the facility is built more than once");
            }
            checkExpansion(b, f.expansion().get(), what);
            checkBankability(b, f, what);
        }
    }

    private void checkExpansion(Build b, Expansion ex, String what) {
        int lo = Math.max(ex.earliestStart(), horizon.start());
        int hi = Math.min(ex.latestStart(), horizon.last());
        if (!horizon.contains(b.startYear()) || !ex.canStartIn(b.startYear())) {
            violations.add(what + " starts in " + b.startYear() + (lo <= hi
                    ? ", outside its start window " + lo + "–" + hi
                    : " but its start window " + ex.earliestStart() + "–" + ex.latestStart()
                            + " does not meet the horizon " + horizon.start() + "–" + horizon.last()));
        }
        if (b.modules() < 1 || b.modules() > ex.maxModules()) {
            violations.add(what + " has " + b.modules() + " modules; allowed 1–" + ex.maxModules());
        }
        int online = b.startYear() + ex.leadTime();
        if (b.onlineYear() != online) {
            violations.add(what + " reports online year " + b.onlineYear() + " but starts in "
                    + b.startYear() + " with lead time " + ex.leadTime() + " (online " + online + ")");
        }
        double added = b.modules() * ex.moduleSize();
        if (differs(b.capacityAdded(), added)) {
            violations.add(what + " reports capacityAdded " + num(b.capacityAdded()) + " t but "
                    + b.modules() + " modules × " + num(ex.moduleSize()) + " t = " + num(added) + " t");
        }
    }

    /** Held contracts on the facility take at least requiresOfftake × the capacity added. */
    private void checkBankability(Build b, Facility f, String what) {
        Expansion ex = f.expansion().orElseThrow();
        if (!(ex.requiresOfftake() > 0)) {
            return;
        }
        double added = b.modules() * ex.moduleSize();
        double offtake = 0;
        for (Contract k : instance.contracts()) {
            if (k.facility().equals(f.id()) && heldContracts.contains(k.id())) {
                offtake += k.minPerYear();
            }
        }
        double needed = ex.requiresOfftake() * added;
        if (exceeds(needed, offtake)) {
            violations.add(what + ": held contracts on " + f.id() + " have minPerYear totalling "
                    + num(offtake) + " t but requiresOfftake " + num(ex.requiresOfftake()) + " × "
                    + num(added) + " t needs " + num(needed) + " t");
        }
    }

    /**
     * Each scenario of the plan that is one of the instance's, once and with its probability, is
     * checked; then every scenario of the instance must have been in the plan.
     */
    private List<ScenarioCheck> checkScenarios() {
        Map<String, Scenario> byId = new LinkedHashMap<>();
        instance.scenarios().forEach(s -> byId.put(s.id(), s));
        Set<String> seen = new HashSet<>();
        List<ScenarioCheck> checked = new ArrayList<>();
        for (ScenarioPlan scenarioPlan : plan.scenarios()) {
            Scenario scenario = byId.get(scenarioPlan.id());
            if (scenario == null) {
                violations.add("scenario " + scenarioPlan.id() + " is not a scenario of the instance");
                continue;
            }
            if (!seen.add(scenarioPlan.id())) {
                violations.add("scenario " + scenarioPlan.id() + " is listed more than once");
                continue;
            }
            if (!(Math.abs(scenarioPlan.probability() - scenario.probability()) <= PROBABILITY_TOLERANCE)) {
                violations.add("scenario " + scenarioPlan.id() + " has probability " + num(scenarioPlan.probability())
                        + " but the instance gives " + num(scenario.probability()));
            }
            ScenarioCheck check = new ScenarioCheck(scenario, scenarioPlan);
            check.run();
            checked.add(check);
        }
        for (Scenario scenario : instance.scenarios()) {
            if (!seen.contains(scenario.id())) {
                violations.add("scenario " + scenario.id() + " of the instance is missing from the plan");
            }
        }
        return checked;
    }

    /**
     * Non-anticipativity (instance-reference.md Rule 13): in each year, every scenario not revealed yet makes
     * the tied decisions, entry by entry, of the first such scenario of the plan. Being tied is
     * an equivalence, so comparing each with that one names every scenario that differs.
     */
    private void checkNonAnticipativity(List<ScenarioCheck> scenarios) {
        for (int y = horizon.start(); y <= horizon.last(); y++) {
            ScenarioCheck first = null;
            SortedMap<String, Double> firstTied = null;
            for (ScenarioCheck other : scenarios) {
                if (!other.unrevealedIn(y)) {
                    continue;
                }
                SortedMap<String, Double> tied = other.tiedDecisions(y);
                if (first == null) {
                    first = other;
                    firstTied = tied;
                    continue;
                }
                Set<String> names = new TreeSet<>(firstTied.keySet());
                names.addAll(tied.keySet());
                for (String name : names) {
                    double value = tied.getOrDefault(name, 0.0);
                    double firsts = firstTied.getOrDefault(name, 0.0);
                    if (differs(value, firsts)) {
                        violations.add(other.at(y) + name + " is " + num(value) + " t but " + num(firsts)
                                + " t in scenario " + first.scenario.id() + ", and neither scenario is revealed yet");
                    }
                }
            }
        }
    }

    private void checkRiskBudget(double expectedRisk) {
        if (instance.riskBudget().isPresent() && exceeds(expectedRisk, instance.riskBudget().get())) {
            violations.add("expected risk " + num(expectedRisk) + " risk-t exceeds the riskBudget "
                    + num(instance.riskBudget().get()) + " risk-t");
        }
    }

    // ---------------------------------------------------------------- §10: costs, risk, objective

    /** Amounts by cost part (discounted; risk in risk-tonnes) of one scenario, or their expectation. */
    private static final class Amounts {
        private final double[] byPart = new double[CostPart.values().length];

        void add(CostPart part, double amount) {
            byPart[part.ordinal()] += amount;
        }

        double get(CostPart part) {
            return byPart[part.ordinal()];
        }

        /** Operating(s) of instance-reference.md §10.3. */
        double operating() {
            return CostPart.operatingCost(this::get);
        }

        void addWeighted(Amounts other, double weight) {
            for (int i = 0; i < byPart.length; i++) {
                byPart[i] += weight * other.byPart[i];
            }
        }
    }

    /** @param cvar CVaR_α of the scenario costs; null without riskAversion */
    private record Recomputed(Plan.Costs costs, double risk, double objective, Double cvar,
                              List<CheckReport.ScenarioResult> scenarios) {}

    /** A scenario's probability and cost C(s) = Operating(s) + riskWeight × Risk(s) (instance-reference.md §10.6). */
    private record ScenarioCost(double probability, double cost) {}

    /**
     * Every part of §10 from the instance and the plan's entries, expected over the checked
     * scenarios, and with riskAversion the risk premium w × (CVaR_α(C) − Σ π C) (instance-reference.md §10.6,
     * plan-reference.md §P1), so that the objective is still Σ parts + riskWeight × risk.
     */
    private Recomputed recomputeCosts(List<ScenarioCheck> scenarios) {
        Amounts expected = investment();
        List<CheckReport.ScenarioResult> results = new ArrayList<>();
        List<ScenarioCost> scenarioCosts = new ArrayList<>();
        double expectedCost = 0;
        for (ScenarioCheck scenario : scenarios) {
            Amounts amounts = scenario.recomputeOperatingAndRisk();
            double probability = scenario.scenario.probability();
            expected.addWeighted(amounts, probability);
            results.add(new CheckReport.ScenarioResult(scenario.scenario.id(), amounts.operating(),
                    amounts.get(CostPart.RISK)));
            double cost = amounts.operating() + instance.riskWeight() * amounts.get(CostPart.RISK);
            scenarioCosts.add(new ScenarioCost(probability, cost));
            expectedCost += probability * cost;
        }
        Double cvar = null;
        if (instance.riskAversion().isPresent()) {
            cvar = cvar(instance.riskAversion().get().alpha(), scenarioCosts);
            expected.add(CostPart.RISK_PREMIUM, instance.riskAversion().get().weight() * (cvar - expectedCost));
        }
        Plan.Costs costs = Plan.Costs.of(expected::get);
        double risk = expected.get(CostPart.RISK);
        return new Recomputed(costs, risk, costs.net() + instance.riskWeight() * risk, cvar, results);
    }

    /**
     * CVaR_α of the scenario costs: the expected cost of the worst 1 − α of probability, taken by
     * sorting the costs from the worst down (rather than as the model's minimum over η, so that
     * the two can disagree). The scenario where the tail ends counts with the part of its
     * probability that lies in the tail.
     */
    private static double cvar(double alpha, List<ScenarioCost> scenarioCosts) {
        List<ScenarioCost> worstFirst = new ArrayList<>(scenarioCosts);
        worstFirst.sort(Comparator.comparingDouble(ScenarioCost::cost).reversed());
        double tail = 1 - alpha;
        double left = tail;
        double sum = 0;
        for (ScenarioCost sc : worstFirst) {
            double share = Math.min(sc.probability(), left);
            if (!(share > 0)) {
                break;
            }
            sum += share * sc.cost();
            left -= share;
        }
        return sum / tail;
    }

    /** Investment of §10.2: capex and fixed opex of the builds, signing costs of chosen optional contracts. */
    private Amounts investment() {
        Amounts amounts = new Amounts();
        for (Facility f : facilities()) {
            for (Build b : buildsByFacility.getOrDefault(f.id(), List.of())) {
                Expansion ex = f.expansion().orElseThrow();
                amounts.add(CostPart.CAPEX,
                        discount(b.startYear()) * (ex.capexFixed() + b.modules() * ex.capexPerModule()));
                for (int y = horizon.start(); y <= horizon.last(); y++) {
                    if (y >= b.startYear() + ex.leadTime()) {
                        amounts.add(CostPart.FIXED_OPEX, discount(y) * ex.fixedOpexPerYear());
                    }
                }
            }
        }
        for (Contract k : instance.contracts()) {
            if (!k.signed() && heldContracts.contains(k.id())) {
                amounts.add(CostPart.SIGNING, k.signingCost());
            }
        }
        return amounts;
    }

    /** The plan's figures against the recomputed ones: cost parts, risk, each scenario's, objective. */
    private void compareReportedFigures(List<ScenarioCheck> scenarios, Recomputed recomputed) {
        Plan.Costs reported = plan.costs();
        // the risk premium is w × (CVaR − expected cost), a difference of two figures of the objective's
        // size: it is exact to 1e-6 of those, not of itself (near zero it is floating-point noise)
        double premiumScale = recomputed.cvar() == null ? 1 : Math.abs(recomputed.cvar());
        recomputed.costs().forEach((part, amount) -> compare("costs." + part.key(), reported.get(part), amount,
                part == CostPart.RISK_PREMIUM ? premiumScale : 1));
        compare("risk", plan.risk(), recomputed.risk());
        for (int i = 0; i < scenarios.size(); i++) {
            ScenarioPlan scenarioPlan = scenarios.get(i).scenarioPlan;
            CheckReport.ScenarioResult result = recomputed.scenarios().get(i);
            compare("scenario " + scenarioPlan.id() + ": operatingCost", scenarioPlan.operatingCost(),
                    result.operatingCost());
            compare("scenario " + scenarioPlan.id() + ": risk", scenarioPlan.risk(), result.risk());
        }
        compareCvar(recomputed.cvar());
        compare("objective", plan.objective(), recomputed.objective());
    }

    /** The plan's cvar is CVaR_α(C) at the plan with riskAversion, null without (plan-reference.md §P1). */
    private void compareCvar(Double cvar) {
        if (cvar != null) {
            compare("cvar", plan.cvar(), cvar);
        } else if (plan.cvar() != null) {
            violations.add("cvar: the plan reports " + num(plan.cvar()) + " but the instance has no riskAversion");
        }
    }

    // ---------------------------------------------------------------- one scenario

    private final class ScenarioCheck {
        final Scenario scenario;
        final ScenarioPlan scenarioPlan;
        /** "scenario base": the start of every message about this scenario. */
        final String where;
        /** The instance's export controls and the scenario's. */
        final List<ExportControl> exportControls = new ArrayList<>();

        /** What the plan says for this scenario. */
        final ScenarioEntries entries;

        ScenarioCheck(Scenario scenario, ScenarioPlan scenarioPlan) {
            this.scenario = scenario;
            this.scenarioPlan = scenarioPlan;
            this.where = "scenario " + scenario.id();
            this.entries = ScenarioEntries.read(instance, scenarioPlan, where, violations);
            exportControls.addAll(instance.exportControls());
            exportControls.addAll(scenario.exportControls());
        }

        /**
         * The rules of §9, the stock rules (Rule 12) included, year by year (contracts first: the
         * facility rules use their tonnes), then the routes.
         */
        void run() {
            for (int y = horizon.start(); y <= horizon.last(); y++) {
                for (Contract k : instance.contracts()) {
                    checkContractHeldInWindow(k, y);                // Rule 8
                    checkContractMaxPerYear(k, y);                  // Rule 8
                    checkContractPaid(k, y);                        // Rule 8
                }
                for (Mine m : mines.values()) {
                    checkMineCapacity(m, y);                        // Rule 1
                    checkThroughput("mine", m, shipped(m, y), y);   // Rule 8
                }
                for (Refinery r : refineries.values()) {
                    checkRefineryCapacity(r, y);                    // Rule 2
                    checkThroughput("refinery", r, feed(r, y), y);  // Rule 8
                }
                for (Refinery r : refineries.values()) {
                    for (Element e : elements.values()) {
                        checkSeparation(r, e, y);                   // Rule 4
                    }
                }
                for (Stockpile p : instance.stockpiles()) {
                    checkStockBalance(p, y);                        // Rule 12
                    checkStockCapacity(p, y);                       // Rule 12
                    checkStockMaxFill(p, y);                        // Rule 12
                    checkStockMaxRelease(p, y);                     // Rule 12
                }
                for (Buyer b : buyers.values()) {
                    for (Element e : elements.values()) {
                        checkDemand(b, e, y);                       // Rule 5, with stock (Rule 12)
                        checkFilledFromDeliveries(b, e, y);         // Rule 12
                        checkSubstitutionBound(b, e, y);            // Rule 5
                        checkMandate(b, e, y);                      // Rule 6, with stock (Rule 12)
                        checkCountryShareCaps(b, e, y);             // Rule 7
                    }
                }
            }
            for (Stockpile p : instance.stockpiles()) {
                checkStockMinFinal(p);                              // Rule 12
            }
            for (Concentrate c : entries.concentrateByYearMineRefinery()) {
                checkAcceptedOre(c);
                checkConcentrateExportControls(c);
            }
            for (Delivery d : entries.deliveries()) {
                checkOxideExportControls(d);
            }
        }

        private String at(int year) {
            return where + ", " + year + ": ";
        }

        /** Whether the scenario cannot be told apart from others yet in {@code y}: y < revealYear(s) (Rule 13). */
        boolean unrevealedIn(int y) {
            return scenario.revealYear().map(reveal -> y < reveal).orElse(false);
        }

        /** The decisions of {@code y} that Rule 13 ties; surplus only where it earns something, else it is discarded. */
        SortedMap<String, Double> tiedDecisions(int y) {
            return entries.tiedDecisions(y, element -> surplusPrice(elements.get(element), y) > 0);
        }

        // ---- quantities of one year, from the entries

        private double concentrate(Mine m, Refinery r, int y) {
            return entries.concentrate(m.id(), r.id(), y);
        }

        /** Σ_r x(m, r, y). */
        private double shipped(Mine m, int y) {
            double shipped = 0;
            for (Refinery r : refineries.values()) {
                shipped += concentrate(m, r, y);
            }
            return shipped;
        }

        /** Σ_m x(m, r, y). */
        private double feed(Refinery r, int y) {
            double feed = 0;
            for (Mine m : mines.values()) {
                feed += concentrate(m, r, y);
            }
            return feed;
        }

        /** Tonnes taken in {@code y} by every contract on facility {@code f}, held or not. */
        private double onContracts(Facility f, int y) {
            double taken = 0;
            for (Contract k : instance.contracts()) {
                ContractUse u = entries.contractUse(k.id(), y);
                if (u != null && k.facility().equals(f.id())) {
                    taken += u.taken();
                }
            }
            return taken;
        }

        /** Tonnes paid for: max(taken, owed) for a held contract in its window, else what the plan reports. */
        private double paid(Contract k, int y) {
            ContractUse u = entries.contractUse(k.id(), y);
            if (heldContracts.contains(k.id()) && k.window().contains(y)) {
                return Math.max(u == null ? 0 : u.taken(), owed(scenario, k, y));
            }
            return u == null ? 0 : u.paid();
        }

        private List<Delivery> deliveriesTo(Buyer b, Element e, int y) {
            return entries.deliveriesTo(b.id(), e.id(), y);
        }

        /** Σ fill(p, y) over the stockpiles of {@code b}'s {@code e}. */
        private double filled(Buyer b, Element e, int y) {
            double filled = 0;
            for (Stockpile p : stockpiles(b, e)) {
                filled += entries.stock(p.id(), y).fill();
            }
            return filled;
        }

        /** Σ release(p, y) over the stockpiles of {@code b}'s {@code e}. */
        private double released(Buyer b, Element e, int y) {
            double released = 0;
            for (Stockpile p : stockpiles(b, e)) {
                released += entries.stock(p.id(), y).release();
            }
            return released;
        }

        private double delivered(Buyer b, Element e, int y) {
            double delivered = 0;
            for (Delivery d : deliveriesTo(b, e, y)) {
                delivered += d.tonnes();
            }
            return delivered;
        }

        /** The substitutes of {@code b} for {@code e} active in {@code y}, in the instance's order. */
        private List<Substitute> activeSubstitutes(Buyer b, Element e, int y) {
            List<Substitute> active = new ArrayList<>();
            for (Substitute s : b.substitutes()) {
                if (s.element().equals(e.id()) && s.fromYear() <= y) {
                    active.add(s);
                }
            }
            return active;
        }

        // ---- Rule 8: contracts

        /** Outside its window or not held, a contract takes and pays nothing. */
        private void checkContractHeldInWindow(Contract k, int y) {
            ContractUse u = entries.contractUse(k.id(), y);
            if (u == null || !(u.taken() > FEASIBILITY_TOLERANCE || u.paid() > FEASIBILITY_TOLERANCE)) {
                return;
            }
            if (!heldContracts.contains(k.id())) {
                violations.add(at(y) + "contract " + k.id() + " is not held but takes " + num(u.taken())
                        + " t and pays for " + num(u.paid()) + " t");
            } else if (!k.window().contains(y)) {
                violations.add(at(y) + "contract " + k.id() + " is used outside its window "
                        + k.window().from() + "–" + k.window().to());
            }
        }

        private void checkContractMaxPerYear(Contract k, int y) {
            ContractUse u = entries.contractUse(k.id(), y);
            if (u != null && exceeds(u.taken(), k.maxPerYear())) {
                violations.add(at(y) + "contract " + k.id() + " takes " + num(u.taken())
                        + " t, above its maxPerYear " + num(k.maxPerYear()) + " t");
            }
        }

        /**
         * A held contract in its window pays for max(taken, owed), owed being minPerYear or, for a
         * contingent contract, what the facility can deliver of it (instance-reference.md Rule 8); so the plan
         * lists an entry wherever taken or owed is above the tolerance.
         */
        private void checkContractPaid(Contract k, int y) {
            if (!heldContracts.contains(k.id()) || !k.window().contains(y)) {
                return;
            }
            ContractUse u = entries.contractUse(k.id(), y);
            double paid = paid(k, y);
            double reported = u == null ? 0 : u.paid();
            if (!differs(reported, paid)) {
                return;
            }
            String minimum;
            String why = "";
            if (k.contingent()) {
                Facility f = facility(k.facility());
                minimum = "owed " + num(owed(scenario, k, y));
                why = " (minPerYear " + num(k.minPerYear()) + " × min(1, capacity factor "
                        + num(factor(scenario.capacityFactors(), f, y)) + ") × availability "
                        + num(availability(scenario, f, y)) + ")";
            } else {
                minimum = "minPerYear " + num(k.minPerYear());
            }
            violations.add(at(y) + (u == null
                    ? "held contract " + k.id() + " has no contractUse entry but must pay for its " + minimum + " t"
                    : "contract " + k.id() + " pays for " + num(reported) + " t but must pay for max(taken "
                            + num(u.taken()) + ", " + minimum + ") = " + num(paid) + " t") + why);
        }

        /** Contracts on a facility take at most what it ships (mine) or takes in (refinery). */
        private void checkThroughput(String kind, Facility f, double throughput, int y) {
            double onContract = onContracts(f, y);
            if (exceeds(onContract, throughput)) {
                violations.add(at(y) + "contracts on " + kind + " " + f.id() + " take " + num(onContract)
                        + " t but its throughput is " + num(throughput) + " t");
            }
        }

        // ---- rules 1 and 2: capacity

        private void checkMineCapacity(Mine m, int y) {
            checkCapacity(m, "mine " + m.id() + " ships ", shipped(m, y), y);
        }

        private void checkRefineryCapacity(Refinery r, int y) {
            checkCapacity(r, "refinery " + r.id() + " takes in ", feed(r, y), y);
        }

        private void checkCapacity(Facility f, String what, double throughput, int y) {
            double cap = capacity(scenario, f, y);
            if (exceeds(throughput, cap)) {
                violations.add(at(y) + what + num(throughput) + " t but its capacity is " + num(cap) + " t");
            }
        }

        // ---- Rule 4: separation with chain of custody

        /** Per mine of origin, then in all: delivered (and sold) oxide is at most what was separated. */
        private void checkSeparation(Refinery r, Element e, int y) {
            double separated = 0;
            for (Mine m : mines.values()) {
                double flow = concentrate(m, r, y);
                double yield = r.recovery(e.id()) * m.share(e.id()) * flow;
                separated += yield;
                double delivered = entries.deliveredFrom(m.id(), r.id(), e.id(), y);
                if (exceeds(delivered, yield)) {
                    violations.add(at(y) + "refinery " + r.id() + " delivers " + num(delivered) + " t of "
                            + e.id() + " from mine " + m.id() + " but separates only " + num(yield)
                            + " t of it (recovery " + num(r.recovery(e.id())) + " × basket "
                            + num(m.share(e.id())) + " × " + num(flow) + " t)");
                }
            }
            double delivered = entries.deliveredBy(r.id(), e.id(), y);
            double sold = entries.surplus(r.id(), e.id(), y);
            if (exceeds(delivered + sold, separated)) {
                violations.add(at(y) + "refinery " + r.id() + " delivers " + num(delivered)
                        + " t and sells " + num(sold) + " t of " + e.id() + " as surplus but separates only "
                        + num(separated) + " t");
            }
        }

        // ---- Rule 5: demand

        /**
         * Delivered − put into stock + taken from stock + substituted + short = demand, in every
         * year and for every element, demand 0 included (instance-reference.md Rule 12; without a stockpile of
         * the buyer's element, Rule 5 in version 1).
         */
        private void checkDemand(Buyer b, Element e, int y) {
            double delivered = delivered(b, e, y);
            double filled = filled(b, e, y);
            double released = released(b, e, y);
            double avoided = entries.substituted(b.id(), e.id(), y);
            double unmet = entries.shortfall(b.id(), e.id(), y);
            double demand = demand(scenario, b, e.id(), y);
            double total = delivered - filled + released + avoided + unmet;
            if (differs(total, demand)) {
                String stock = stockpiles(b, e).isEmpty() ? ""
                        : " − " + num(filled) + " t into stock + " + num(released) + " t from stock";
                violations.add(at(y) + "buyer " + b.id() + " gets " + num(delivered) + " t of " + e.id()
                        + " delivered" + stock + " + " + num(avoided) + " t substituted + " + num(unmet)
                        + " t short = " + num(total) + " t but its demand is " + num(demand) + " t");
            }
        }

        /** Stock is filled only from deliveries to its buyer (instance-reference.md Rule 12). */
        private void checkFilledFromDeliveries(Buyer b, Element e, int y) {
            double filled = filled(b, e, y);
            double delivered = delivered(b, e, y);
            if (exceeds(filled, delivered)) {
                violations.add(at(y) + "buyer " + b.id() + " puts " + num(filled) + " t of " + e.id()
                        + " into stock but gets only " + num(delivered) + " t delivered");
            }
        }

        /** Substituted ≤ Σ maxShare × demand over the substitutes active in the year. */
        private void checkSubstitutionBound(Buyer b, Element e, int y) {
            double avoided = entries.substituted(b.id(), e.id(), y);
            double demand = demand(scenario, b, e.id(), y);
            double bound = 0;
            for (Substitute s : activeSubstitutes(b, e, y)) {
                bound += s.maxShare() * demand;
            }
            if (exceeds(avoided, bound)) {
                violations.add(at(y) + "buyer " + b.id() + " avoids " + num(avoided) + " t of " + e.id()
                        + " by substitution but at most " + num(bound) + " t may be avoided");
            }
        }

        // ---- Rules 6-7: mandate and share caps, on delivered tonnes

        private void checkMandate(Buyer b, Element e, int y) {
            List<Delivery> ds = deliveriesTo(b, e, y);
            if (ds.isEmpty() || b.mandate().isEmpty()) {
                return;
            }
            Mandate md = b.mandate().get();
            double compliant = 0;
            for (Delivery d : ds) {
                boolean ok = (!md.mining() || md.allows(country(mines.get(d.mine()).country())))
                        && (!md.refining() || md.allows(country(refineries.get(d.refinery()).country())));
                if (ok) {
                    compliant += d.tonnes();
                }
            }
            double delivered = delivered(b, e, y);
            double share = md.minShare().at(horizon.index(y));
            // tonnes put into stock meet the strictest share still to come, so that stock cannot
            // carry non-compliant oxide past a tightening (instance-reference.md Rule 12)
            double filled = filled(b, e, y);
            double strictest = strictestShareFrom(md, y);
            double required = share * (delivered - filled) + strictest * filled;
            if (exceeds(required, compliant)) {
                violations.add(at(y) + "buyer " + b.id() + " gets " + num(compliant) + " t of " + e.id()
                        + " complying with its mandate out of " + num(delivered) + " t delivered, below "
                        + (stockpiles(b, e).isEmpty()
                                ? "minShare " + num(share) + " (" + num(required) + " t)"
                                : "minShare " + num(share) + " × " + num(delivered - filled) + " t not put into stock"
                                        + " + the strictest minShare to come " + num(strictest) + " × "
                                        + num(filled) + " t put into stock = " + num(required) + " t"));
            }
        }

        /** M(b, y): the largest minShare of the mandate in {@code y} or any later year of the horizon. */
        private double strictestShareFrom(Mandate md, int y) {
            double strictest = 0;
            for (int later = y; later <= horizon.last(); later++) {
                strictest = Math.max(strictest, md.minShare().at(horizon.index(later)));
            }
            return strictest;
        }

        /** maxCountryShare, once by mining and once by refining country. */
        private void checkCountryShareCaps(Buyer b, Element e, int y) {
            List<Delivery> ds = deliveriesTo(b, e, y);
            if (ds.isEmpty() || b.maxCountryShare().isEmpty()) {
                return;
            }
            double sigma = b.maxCountryShare().get();
            double delivered = delivered(b, e, y);
            checkCountryShareCap(b, e, y, ds, delivered, sigma, "mined", d -> mines.get(d.mine()).country());
            checkCountryShareCap(b, e, y, ds, delivered, sigma, "refined",
                    d -> refineries.get(d.refinery()).country());
        }

        private void checkCountryShareCap(Buyer b, Element e, int y, List<Delivery> ds, double delivered,
                                          double sigma, String stage, Function<Delivery, String> countryOf) {
            Map<String, Double> byCountry = new LinkedHashMap<>();
            for (Delivery d : ds) {
                byCountry.merge(countryOf.apply(d), d.tonnes(), Double::sum);
            }
            byCountry.forEach((c, tonnes) -> {
                if (exceeds(tonnes, sigma * delivered)) {
                    violations.add(at(y) + "buyer " + b.id() + " gets " + num(tonnes) + " t of " + e.id() + " "
                            + stage + " in " + c + " out of " + num(delivered) + " t delivered, above its"
                            + " maxCountryShare " + num(sigma) + " (" + num(sigma * delivered) + " t)");
                }
            });
        }

        // ---- stockpiles (instance-reference.md Rule 12); a year the plan does not list holds, fills and releases 0

        /** level(y) = level(y − 1) + fill − release, with level before the first year = initial. */
        private void checkStockBalance(Stockpile p, int y) {
            StockLevel now = entries.stock(p.id(), y);
            boolean first = y == horizon.start();
            double before = first ? p.initial() : entries.stock(p.id(), y - 1).level();
            double expected = before + now.fill() - now.release();
            if (differs(now.level(), expected)) {
                violations.add(at(y) + "stockpile " + p.id() + " holds " + num(now.level()) + " t at the end of " + y
                        + " but " + (first ? "its initial " + num(before) + " t" : num(before) + " t at the end of "
                        + (y - 1)) + " + fill " + num(now.fill()) + " t − release " + num(now.release()) + " t = "
                        + num(expected) + " t");
            }
        }

        private void checkStockCapacity(Stockpile p, int y) {
            double level = entries.stock(p.id(), y).level();
            if (exceeds(level, p.capacity())) {
                violations.add(at(y) + "stockpile " + p.id() + " holds " + num(level) + " t but its capacity is "
                        + num(p.capacity()) + " t");
            }
        }

        private void checkStockMaxFill(Stockpile p, int y) {
            double fill = entries.stock(p.id(), y).fill();
            if (p.maxFill().isPresent() && exceeds(fill, p.maxFill().get())) {
                violations.add(at(y) + "stockpile " + p.id() + " is filled with " + num(fill) + " t, above its maxFill "
                        + num(p.maxFill().get()) + " t");
            }
        }

        private void checkStockMaxRelease(Stockpile p, int y) {
            double release = entries.stock(p.id(), y).release();
            if (p.maxRelease().isPresent() && exceeds(release, p.maxRelease().get())) {
                violations.add(at(y) + "stockpile " + p.id() + " releases " + num(release) + " t, above its maxRelease "
                        + num(p.maxRelease().get()) + " t");
            }
        }

        /** The level in the last year is at least minFinal. */
        private void checkStockMinFinal(Stockpile p) {
            int last = horizon.last();
            double level = entries.stock(p.id(), last).level();
            if (exceeds(p.minFinal(), level)) {
                violations.add(at(last) + "stockpile " + p.id() + " holds " + num(level)
                        + " t at the end of the horizon, below its minFinal " + num(p.minFinal()) + " t");
            }
        }

        // ---- routes: accepted ore types and export controls (x and d are zero where forbidden, Rule 3)

        private void checkAcceptedOre(Concentrate c) {
            Mine m = mines.get(c.mine());
            Refinery r = refineries.get(c.refinery());
            if (!r.accepts(m.oreType())) {
                violations.add(at(c.year()) + "refinery " + r.id() + " does not accept ore type \""
                        + m.oreType() + "\" but receives " + num(c.tonnes()) + " t from mine " + m.id());
            }
        }

        private void checkConcentrateExportControls(Concentrate c) {
            Mine m = mines.get(c.mine());
            Refinery r = refineries.get(c.refinery());
            for (ExportControl ec : exportControls) {
                if (ec.stage().concentrate() && ec.years().contains(c.year())
                        && ec.country().equals(m.country()) && !r.country().equals(m.country())
                        && !ec.allowedDestinations().contains(r.country())) {
                    violations.add(at(c.year()) + "concentrate from mine " + m.id() + " (" + m.country()
                            + ") to refinery " + r.id() + " (" + r.country() + ") is blocked by an export"
                            + " control of " + ec.country() + " (" + num(c.tonnes()) + " t shipped)");
                    return;
                }
            }
        }

        private void checkOxideExportControls(Delivery d) {
            if (!(d.tonnes() > FEASIBILITY_TOLERANCE)) {
                return;
            }
            Refinery r = refineries.get(d.refinery());
            Buyer b = buyers.get(d.buyer());
            for (ExportControl ec : exportControls) {
                if (ec.stage().oxide() && ec.years().contains(d.year()) && ec.country().equals(r.country())
                        && !b.country().equals(r.country()) && !ec.allowedDestinations().contains(b.country())
                        && ec.elements().map(es -> es.contains(d.element())).orElse(true)) {
                    violations.add(at(d.year()) + "oxide " + d.element() + " from refinery " + r.id() + " ("
                            + r.country() + ") to buyer " + b.id() + " (" + b.country() + ") is blocked by an"
                            + " export control of " + ec.country() + " (" + num(d.tonnes()) + " t delivered)");
                    return;
                }
            }
        }

        // ---- §10.3-§10.4: Operating(s) and Risk(s)

        /** Operating(s) by part (discounted, not weighted) and Risk(s) of this scenario. */
        Amounts recomputeOperatingAndRisk() {
            Amounts amounts = new Amounts();
            for (int y = horizon.start(); y <= horizon.last(); y++) {
                int t = horizon.index(y);
                double delta = discount(y);
                for (Contract k : instance.contracts()) {
                    amounts.add(CostPart.CONTRACTS, delta * contractPrice(scenario, k, y) * paid(k, y));
                }
                for (Mine m : mines.values()) {
                    for (Refinery r : refineries.values()) {
                        double flow = concentrate(m, r, y);
                        amounts.add(CostPart.FREIGHT, delta * flow * lane(m.country(), r.country()));
                        amounts.add(CostPart.RISK, flow * (risk(m.country()) + risk(r.country())));
                    }
                    amounts.add(CostPart.MINING, delta * m.cost().at(t) * factor(scenario.costFactors(), m, y)
                            * (shipped(m, y) - onContracts(m, y)));
                }
                for (Refinery r : refineries.values()) {
                    amounts.add(CostPart.REFINING, delta * r.cost().at(t) * factor(scenario.costFactors(), r, y)
                            * (feed(r, y) - onContracts(r, y)));
                }
                for (Refinery r : refineries.values()) {
                    for (Element e : elements.values()) {
                        double sold = entries.surplus(r.id(), e.id(), y);
                        amounts.add(CostPart.SURPLUS_REVENUE, delta * sold * surplusPrice(e, y));
                    }
                }
                for (Buyer b : buyers.values()) {
                    for (Element e : elements.values()) {
                        addBuyerCosts(amounts, b, e, y, delta);
                    }
                }
                for (Stockpile p : instance.stockpiles()) {
                    amounts.add(CostPart.HOLDING, delta * p.holdingCost() * entries.stock(p.id(), y).level());
                }
            }
            return amounts;
        }

        /**
         * What surplus of {@code e} earns per tonne in {@code y}: surplusPrice times the scenario's
         * price factors on the element (instance-reference.md §7.6).
         */
        private double surplusPrice(Element e, int y) {
            return e.surplusPrice().at(horizon.index(y)) * priceFactor(scenario, e.id(), y);
        }

        /**
         * Freight and tariffs (priced from the market price m(s, e, y)) on deliveries, substitution
         * (cheapest substitutes first) and shortfall (at a penalty no price factor scales).
         */
        private void addBuyerCosts(Amounts amounts, Buyer b, Element e, int y, double delta) {
            int t = horizon.index(y);
            for (Delivery d : deliveriesTo(b, e, y)) {
                Refinery r = refineries.get(d.refinery());
                amounts.add(CostPart.FREIGHT, delta * d.tonnes() * lane(r.country(), b.country()));
                amounts.add(CostPart.TARIFFS,
                        delta * d.tonnes() * tariff(r.country(), b.country()) * marketPrice(scenario, e.id(), y));
            }
            // each substitute within its own maxShare × demand; tonnes beyond the bound (a violation) are not costed
            double demand = demand(scenario, b, e.id(), y);
            List<Substitute> cheapestFirst = activeSubstitutes(b, e, y);
            cheapestFirst.sort(Comparator.comparingDouble(Substitute::cost));
            double left = entries.substituted(b.id(), e.id(), y);
            for (Substitute s : cheapestFirst) {
                double part = Math.max(0, Math.min(left, s.maxShare() * demand));
                amounts.add(CostPart.SUBSTITUTION, delta * part * s.cost());
                left -= part;
            }
            double penalty = b.shortfallPenalty().getOrDefault(e.id(), e.shortfallPenalty());
            amounts.add(CostPart.SHORTFALL, delta * entries.shortfall(b.id(), e.id(), y) * penalty);
        }
    }

    // ---------------------------------------------------------------- instance data

    private List<Facility> facilities() {
        List<Facility> all = new ArrayList<>(mines.values());
        all.addAll(refineries.values());
        return all;
    }

    private Facility facility(String id) {
        Facility f = mines.get(id);
        return f != null ? f : refineries.get(id);
    }

    private Country country(String id) {
        return countries.get(id);
    }

    private double risk(String country) {
        return countries.get(country).risk();
    }

    private double discount(int year) {
        return Math.pow(1 + instance.discountRate(), -(year - horizon.start()));
    }

    /**
     * Existing plus built capacity of {@code f} in {@code y}, times the scenario's capacity factors;
     * a build adds its nameplate capacity times the share it gives in the year (instance-reference.md Rule 10).
     */
    private double capacity(Scenario sc, Facility f, int y) {
        double cap = f.capacity().at(horizon.index(y));
        for (Build b : buildsByFacility.getOrDefault(f.id(), List.of())) {
            cap += builtShare(sc, f, b, y) * b.modules() * f.expansion().orElseThrow().moduleSize();
        }
        return cap * factor(sc.capacityFactors(), f, y);
    }

    /**
     * The share of its nameplate capacity that build {@code b} of {@code f} gives in {@code y} of
     * scenario {@code sc}: 0 before its online year τ + leadTime + D(s, f), then the ramp-up
     * counted from that year, its last value holding (instance-reference.md Rule 10).
     */
    private double builtShare(Scenario sc, Facility f, Build b, int y) {
        Expansion ex = f.expansion().orElseThrow();
        int online = b.startYear() + ex.leadTime() + delay(sc, f);
        if (y < online) {
            return 0;
        }
        List<Double> rampUp = ex.rampUp();
        return rampUp.get(Math.min(y - online, rampUp.size() - 1));
    }

    /** D(s, f): the years of the scenario's build delays that match {@code f}, added up (instance-reference.md §7.8). */
    private static int delay(Scenario sc, Facility f) {
        int years = 0;
        for (Scenario.BuildDelay d : sc.buildDelays()) {
            if (matches(d.country(), d.facility(), f)) {
                years += d.years();
            }
        }
        return years;
    }

    /** An entry naming a country matches every facility there, one naming a facility that one, neither all. */
    private static boolean matches(Optional<String> country, Optional<String> facility, Facility f) {
        return country.map(f.country()::equals).orElse(true) && facility.map(f.id()::equals).orElse(true);
    }

    /** Product of the factors matching {@code f} that are active in {@code y}. */
    private static double factor(List<Scenario.FacilityFactor> factors, Facility f, int y) {
        return product(factors, ff -> ff.years().contains(y) && matches(ff.country(), ff.facility(), f),
                Scenario.FacilityFactor::factor);
    }

    /** The product of the factors of {@code factors} that {@code applies} accepts (1 for none). */
    private static <T> double product(List<T> factors, Predicate<T> applies, ToDoubleFunction<T> factor) {
        double p = 1;
        for (T f : factors) {
            if (applies.test(f)) {
                p *= factor.applyAsDouble(f);
            }
        }
        return p;
    }

    /**
     * avail(s, f, y) of instance-reference.md Rule 8: 1 where the facility's own capacity series is above 0 in
     * {@code y} (whatever its size: the rule is a step), otherwise the share its build gives in the
     * year, 0 with no build online.
     */
    private double availability(Scenario sc, Facility f, int y) {
        if (f.capacity().at(horizon.index(y)) > 0) {
            return 1;
        }
        double share = 0;
        for (Build b : buildsByFacility.getOrDefault(f.id(), List.of())) {
            share = Math.max(share, builtShare(sc, f, b, y));
        }
        return share;
    }

    /**
     * The tonnes a held contract owes in a year of its window: minPerYear, or for a contingent
     * contract minPerYear × min(1, κ(s, f, y)) × avail(s, f, y) (instance-reference.md Rule 8).
     */
    private double owed(Scenario sc, Contract k, int y) {
        if (!k.contingent()) {
            return k.minPerYear();
        }
        Facility f = facility(k.facility());
        return k.minPerYear() * Math.min(1, factor(sc.capacityFactors(), f, y)) * availability(sc, f, y);
    }

    /** The product of the scenario's price factors on {@code element} active in {@code y} (instance-reference.md §7.6). */
    private static double priceFactor(Scenario sc, String element, int y) {
        return product(sc.priceFactors(),
                pf -> pf.years().contains(y) && pf.element().map(element::equals).orElse(true),
                Scenario.PriceFactor::factor);
    }

    /** m(s, e, y): the element's price times the scenario's price factors (instance-reference.md §7.6). */
    private double marketPrice(Scenario sc, String element, int y) {
        return elements.get(element).price().at(horizon.index(y)) * priceFactor(sc, element, y);
    }

    /**
     * The contract's price per tonne in {@code y} of scenario {@code sc}: its fixed price, or
     * clamp(share × m(s, element, y), floor, cap) when indexed (instance-reference.md Rule 9).
     */
    private double contractPrice(Scenario sc, Contract k, int y) {
        if (k.priceIndex().isEmpty()) {
            return k.price();
        }
        Contract.PriceIndex index = k.priceIndex().get();
        double indexed = Math.max(index.floor(), index.share() * marketPrice(sc, index.element(), y));
        return index.cap().isPresent() ? Math.min(index.cap().get(), indexed) : indexed;
    }

    /** The instance's stockpiles of {@code b}'s {@code e}. */
    private List<Stockpile> stockpiles(Buyer b, Element e) {
        List<Stockpile> of = new ArrayList<>();
        for (Stockpile p : instance.stockpiles()) {
            if (p.buyer().equals(b.id()) && p.element().equals(e.id())) {
                of.add(p);
            }
        }
        return of;
    }

    /** Demand of {@code b} for {@code element} in {@code y}, times the scenario's demand factors. */
    private double demand(Scenario sc, Buyer b, String element, int y) {
        Series series = b.demand().get(element);
        if (series == null) {
            return 0;
        }
        return series.at(horizon.index(y)) * product(sc.demandFactors(), df -> df.years().contains(y)
                && df.buyer().map(b.id()::equals).orElse(true) && df.element().map(element::equals).orElse(true),
                Scenario.DemandFactor::factor);
    }

    /** Freight per tonne between two countries. */
    private double lane(String from, String to) {
        Lanes lanes = instance.lanes();
        if (from.equals(to)) {
            return lanes.domestic();
        }
        for (Lanes.Route route : lanes.routes()) {
            if ((route.a().equals(from) && route.b().equals(to)) || (route.a().equals(to) && route.b().equals(from))) {
                return route.cost();
            }
        }
        return lanes.defaultCost();
    }

    /** Sum of the tariff rates of matching entries. */
    private double tariff(String from, String to) {
        double rate = 0;
        for (Tariff tr : instance.tariffs()) {
            if (tr.from().equals(from) && tr.to().equals(to)) {
                rate += tr.rate();
            }
        }
        return rate;
    }

    // ---------------------------------------------------------------- tolerances and messages

    /** Whether {@code lhs ≤ rhs} is broken beyond the feasibility tolerance. */
    private static boolean exceeds(double lhs, double rhs) {
        return !(lhs - rhs <= FEASIBILITY_TOLERANCE * Math.max(1, Math.max(Math.abs(lhs), Math.abs(rhs))));
    }

    /** Whether {@code a = b} is broken beyond the feasibility tolerance. */
    private static boolean differs(double a, double b) {
        return exceeds(a, b) || exceeds(b, a);
    }

    private void compare(String what, Double reported, double recomputed) {
        compare(what, reported, recomputed, 1);
    }

    /** As {@link #compare(String, Double, double)}, the tolerance relative to at least {@code scale}. */
    private void compare(String what, Double reported, double recomputed, double scale) {
        double r = reported == null ? Double.NaN : reported;
        scale = Math.max(scale, Math.max(Math.abs(r), Math.abs(recomputed)));
        if (!(Math.abs(r - recomputed) <= COST_TOLERANCE * scale)) {
            violations.add(what + ": the plan reports " + (reported == null ? "null" : num(r)) + " but it is "
                    + num(recomputed));
        }
    }

    /** A number for messages: plain notation, shortest exact form, at least one decimal. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = new BigDecimal(Double.toString(v)).toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}

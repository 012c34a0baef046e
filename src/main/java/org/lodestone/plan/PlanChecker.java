package org.lodestone.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
import org.lodestone.domain.Substitute;
import org.lodestone.domain.Tariff;
import org.lodestone.plan.Plan.Build;
import org.lodestone.plan.Plan.Concentrate;
import org.lodestone.plan.Plan.ContractChoice;
import org.lodestone.plan.Plan.ContractUse;
import org.lodestone.plan.Plan.Delivery;
import org.lodestone.plan.Plan.ScenarioPlan;
import org.lodestone.plan.Plan.Shortfall;
import org.lodestone.plan.Plan.Substitution;
import org.lodestone.plan.Plan.Surplus;

/**
 * Independent check of a plan against model.md: re-checks every rule of §3 from the instance and
 * the plan alone, in the reference formulation (every delivered tonne names its mine of origin),
 * and recomputes every cost term of §4. It shares no code with the model builder on purpose.
 *
 * <p>Entries that cannot be placed (unknown id, year outside the horizon, value that is not a
 * finite number) are reported and then left out of every rule and every cost.
 */
public final class PlanChecker {
    /**
     * Feasibility tolerance. A rule {@code lhs ≤ rhs} (or {@code lhs = rhs}) counts as broken
     * only when it is missed by more than {@code FEASIBILITY_TOLERANCE × max(1, |lhs|, |rhs|)}.
     * The value matches two things: the plan omits entries of at most 1e-6 t (plan-and-cli.md),
     * and MIP solvers accept rows violated by about 1e-6 relative to the row's size (SCIP's
     * feastol is 1e-6 scaled by max(1, |side|)). Scaling by the size of the quantities keeps the
     * check meaningful both for a 0.5 t demand and for a 50,000 t mine. Plain non-negativity
     * uses it as an absolute bound: a value below −1e-6 t is negative.
     */
    public static final double FEASIBILITY_TOLERANCE = 1e-6;
    /**
     * Relative tolerance for figures the plan reports (each cost part, risk, each scenario's
     * operating cost and risk, objective): they must agree with the recomputed ones within
     * {@code COST_TOLERANCE × max(1, |reported|, |recomputed|)} (plan-and-cli.md: "within 1e-6
     * relative").
     */
    public static final double COST_TOLERANCE = 1e-6;
    /** The plan copies probabilities from the instance, which must add up to 1 within 1e-9. */
    public static final double PROBABILITY_TOLERANCE = 1e-9;

    private final Instance in;
    private final Plan plan;
    private final Horizon h;
    private final List<String> violations = new ArrayList<>();

    private final Map<String, Element> elements = new LinkedHashMap<>();
    private final Map<String, Country> countries = new HashMap<>();
    private final Map<String, Mine> mines = new LinkedHashMap<>();
    private final Map<String, Refinery> refineries = new LinkedHashMap<>();
    private final Map<String, Buyer> buyers = new LinkedHashMap<>();
    private final Map<String, Contract> contracts = new LinkedHashMap<>();
    /** Builds that add capacity and cost: the facility exists and has an expansion. */
    private final Map<String, List<Build>> builds = new HashMap<>();
    private final Set<String> held = new HashSet<>();

    private PlanChecker(Instance instance, Plan plan) {
        this.in = instance;
        this.plan = plan;
        this.h = instance.horizon();
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

    private CheckReport run() {
        if (!plan.status().hasSolution() || plan.objective() == null) {
            return new CheckReport(List.of("plan has no solution"), Plan.Costs.ZERO, 0, Double.NaN, List.of());
        }
        if (!plan.isFor(in)) {
            violations.add("plan is for instance \"" + plan.instance() + "\" but the instance is \""
                    + in.name() + "\"");
        }
        checkContractChoices();
        checkBuilds();

        // First stage costs.
        double capex = 0;
        double fixedOpex = 0;
        for (Facility f : facilities()) {
            for (Build b : builds.getOrDefault(f.id(), List.of())) {
                Expansion ex = f.expansion().orElseThrow();
                capex += discount(b.startYear()) * (ex.capexFixed() + b.modules() * ex.capexPerModule());
                for (int y = h.start(); y <= h.last(); y++) {
                    if (y >= b.startYear() + ex.leadTime()) {
                        fixedOpex += discount(y) * ex.fixedOpexPerYear();
                    }
                }
            }
        }
        double signing = 0;
        for (Contract k : in.contracts()) {
            if (!k.signed() && held.contains(k.id())) {
                signing += k.signingCost();
            }
        }

        // Second stage, per scenario.
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        in.scenarios().forEach(s -> scenarios.put(s.id(), s));
        Set<String> seen = new HashSet<>();
        Parts expected = new Parts();
        List<CheckReport.ScenarioResult> results = new ArrayList<>();
        List<Runnable> comparisons = new ArrayList<>();
        for (ScenarioPlan sp : plan.scenarios()) {
            Scenario sc = scenarios.get(sp.id());
            if (sc == null) {
                violations.add("scenario " + sp.id() + " is not a scenario of the instance");
                continue;
            }
            if (!seen.add(sp.id())) {
                violations.add("scenario " + sp.id() + " is listed more than once");
                continue;
            }
            if (!(Math.abs(sp.probability() - sc.probability()) <= PROBABILITY_TOLERANCE)) {
                violations.add("scenario " + sp.id() + " has probability " + num(sp.probability())
                        + " but the instance gives " + num(sc.probability()));
            }
            Parts parts = new ScenarioCheck(sc, sp).run();
            expected.add(parts, sc.probability());
            results.add(new CheckReport.ScenarioResult(sc.id(), parts.operating(), parts.risk));
            comparisons.add(() -> {
                compare("scenario " + sp.id() + ": operatingCost", sp.operatingCost(), parts.operating());
                compare("scenario " + sp.id() + ": risk", sp.risk(), parts.risk);
            });
        }
        for (Scenario sc : in.scenarios()) {
            if (!seen.contains(sc.id())) {
                violations.add("scenario " + sc.id() + " of the instance is missing from the plan");
            }
        }

        double risk = expected.risk;
        if (in.riskBudget().isPresent() && exceeds(risk, in.riskBudget().get())) {
            violations.add("expected risk " + num(risk) + " risk-t exceeds the riskBudget "
                    + num(in.riskBudget().get()) + " risk-t");
        }

        Map<CostPart, Double> amounts = new EnumMap<>(CostPart.class);
        amounts.put(CostPart.CAPEX, capex);
        amounts.put(CostPart.FIXED_OPEX, fixedOpex);
        amounts.put(CostPart.SIGNING, signing);
        amounts.put(CostPart.MINING, expected.mining);
        amounts.put(CostPart.REFINING, expected.refining);
        amounts.put(CostPart.CONTRACTS, expected.contracts);
        amounts.put(CostPart.FREIGHT, expected.freight);
        amounts.put(CostPart.TARIFFS, expected.tariffs);
        amounts.put(CostPart.SUBSTITUTION, expected.substitution);
        amounts.put(CostPart.SHORTFALL, expected.shortfall);
        amounts.put(CostPart.SURPLUS_REVENUE, expected.surplus);
        Plan.Costs costs = Plan.Costs.of(amounts);
        double objective = costs.net() + in.riskWeight() * risk;

        Plan.Costs reported = plan.costs();
        costs.forEach((part, amount) -> compare("costs." + part.key(), reported.get(part), amount));
        compare("risk", plan.risk(), risk);
        comparisons.forEach(Runnable::run);
        compare("objective", plan.objective(), objective);

        return new CheckReport(violations, costs, risk, objective, results);
    }

    // ---------------------------------------------------------------- first stage

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
                held.add(c.id());
            }
        }
        for (Contract k : in.contracts()) {
            if (!listed.containsKey(k.id())) {
                violations.add("contracts: contract " + k.id() + " is not listed");
            } else if (k.signed() && !held.contains(k.id())) {
                violations.add("contracts: contract " + k.id() + " is signed but the plan does not hold it");
            }
        }
    }

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
            List<Build> on = builds.computeIfAbsent(f.id(), id -> new ArrayList<>());
            on.add(b);
            if (on.size() == 2) {
                violations.add(what + ": the facility is built more than once");
            }
            Expansion ex = f.expansion().get();
            int lo = Math.max(ex.earliestStart(), h.start());
            int hi = Math.min(ex.latestStart(), h.last());
            if (!h.contains(b.startYear()) || !ex.canStartIn(b.startYear())) {
                violations.add(what + " starts in " + b.startYear() + (lo <= hi
                        ? ", outside its start window " + lo + "–" + hi
                        : " but its start window " + ex.earliestStart() + "–" + ex.latestStart()
                                + " does not meet the horizon " + h.start() + "–" + h.last()));
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
            if (ex.requiresOfftake() > 0) {
                double offtake = 0;
                for (Contract k : in.contracts()) {
                    if (k.facility().equals(f.id()) && held.contains(k.id())) {
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
        }
    }

    // ---------------------------------------------------------------- second stage

    /** Cost parts of one scenario (discounted, not weighted), or their expectation. */
    private static final class Parts {
        double mining, refining, contracts, freight, tariffs, substitution, shortfall, surplus, risk;

        double operating() {
            return mining + refining + contracts + freight + tariffs + substitution + shortfall - surplus;
        }

        void add(Parts p, double w) {
            mining += w * p.mining;
            refining += w * p.refining;
            contracts += w * p.contracts;
            freight += w * p.freight;
            tariffs += w * p.tariffs;
            substitution += w * p.substitution;
            shortfall += w * p.shortfall;
            surplus += w * p.surplus;
            risk += w * p.risk;
        }
    }

    private record Flow(String mine, String refinery, int year) {}

    private record Chain(String mine, String refinery, String element, int year) {}

    private record RefEl(String refinery, String element, int year) {}

    private record BuyEl(String buyer, String element, int year) {}

    private record Use(String contract, int year) {}

    private final class ScenarioCheck {
        final Scenario sc;
        final ScenarioPlan sp;
        final String where;
        final List<ExportControl> controls = new ArrayList<>();

        final Map<Flow, Double> x = new HashMap<>();
        final List<Delivery> deliveries = new ArrayList<>();
        final Map<Chain, Double> chain = new HashMap<>();
        final Map<RefEl, Double> out = new HashMap<>();
        final Map<BuyEl, List<Delivery>> received = new HashMap<>();
        final Map<RefEl, Double> surplus = new HashMap<>();
        final Map<Use, ContractUse> use = new HashMap<>();
        final Map<BuyEl, Double> substituted = new HashMap<>();
        final Map<BuyEl, Double> short_ = new HashMap<>();
        final Parts parts = new Parts();

        ScenarioCheck(Scenario sc, ScenarioPlan sp) {
            this.sc = sc;
            this.sp = sp;
            this.where = "scenario " + sc.id();
            controls.addAll(in.exportControls());
            controls.addAll(sc.exportControls());
        }

        Parts run() {
            index();
            for (int y = h.start(); y <= h.last(); y++) {
                checkYear(y);
            }
            checkRoutes();
            return parts;
        }

        private String at(int year) {
            return where + ", " + year + ": ";
        }

        // ---- reading the entries

        private void index() {
            for (Concentrate c : sp.concentrate()) {
                String e = "concentrate " + c.mine() + " → " + c.refinery() + " in " + c.year();
                if (known(e, c.year(), c.tonnes(), mine(e, c.mine()), refinery(e, c.refinery()))) {
                    unique(e, x.putIfAbsent(new Flow(c.mine(), c.refinery(), c.year()), c.tonnes()));
                }
            }
            Set<Delivery> keys = new HashSet<>();
            for (Delivery d : sp.deliveries()) {
                String e = "delivery " + d.mine() + " → " + d.refinery() + " → " + d.buyer() + " of "
                        + d.element() + " in " + d.year();
                if (!known(e, d.year(), d.tonnes(), mine(e, d.mine()), refinery(e, d.refinery()),
                        buyer(e, d.buyer()), element(e, d.element()))) {
                    continue;
                }
                if (!keys.add(new Delivery(d.mine(), d.refinery(), d.buyer(), d.element(), d.year(), 0))) {
                    violations.add(where + ": " + e + " is listed more than once");
                    continue;
                }
                deliveries.add(d);
                chain.merge(new Chain(d.mine(), d.refinery(), d.element(), d.year()), d.tonnes(), Double::sum);
                out.merge(new RefEl(d.refinery(), d.element(), d.year()), d.tonnes(), Double::sum);
                received.computeIfAbsent(new BuyEl(d.buyer(), d.element(), d.year()), k -> new ArrayList<>())
                        .add(d);
            }
            for (Surplus u : sp.surplus()) {
                String e = "surplus of " + u.element() + " at " + u.refinery() + " in " + u.year();
                if (known(e, u.year(), u.tonnes(), refinery(e, u.refinery()), element(e, u.element()))) {
                    unique(e, surplus.putIfAbsent(new RefEl(u.refinery(), u.element(), u.year()), u.tonnes()));
                }
            }
            for (ContractUse k : sp.contractUse()) {
                String e = "contractUse of " + k.contract() + " in " + k.year();
                boolean ok = known(e, k.year(), k.taken(), contract(e, k.contract()));
                ok &= nonNegative(e + " (paid)", k.paid());
                if (ok) {
                    unique(e, use.putIfAbsent(new Use(k.contract(), k.year()), k));
                }
            }
            for (Substitution a : sp.substitution()) {
                String e = "substitution for " + a.buyer() + " of " + a.element() + " in " + a.year();
                if (known(e, a.year(), a.tonnes(), buyer(e, a.buyer()), element(e, a.element()))) {
                    unique(e, substituted.putIfAbsent(new BuyEl(a.buyer(), a.element(), a.year()), a.tonnes()));
                }
            }
            for (Shortfall q : sp.shortfalls()) {
                String e = "shortfall for " + q.buyer() + " of " + q.element() + " in " + q.year();
                if (known(e, q.year(), q.tonnes(), buyer(e, q.buyer()), element(e, q.element()))) {
                    unique(e, short_.putIfAbsent(new BuyEl(q.buyer(), q.element(), q.year()), q.tonnes()));
                }
            }
        }

        /** Whether the entry can be placed; reports a year outside Y or a bad tonnage. */
        private boolean known(String entry, int year, double tonnes, boolean... idsKnown) {
            boolean ok = true;
            for (boolean k : idsKnown) {
                ok &= k;
            }
            if (!h.contains(year)) {
                violations.add(where + ": " + entry + ": year outside the horizon " + h.start() + "–" + h.last());
                ok = false;
            }
            return nonNegative(entry, tonnes) && ok;
        }

        private boolean nonNegative(String entry, double tonnes) {
            if (!Double.isFinite(tonnes)) {
                violations.add(where + ": " + entry + ": tonnes is not a finite number (" + tonnes + ")");
                return false;
            }
            if (tonnes < -FEASIBILITY_TOLERANCE) {
                violations.add(where + ": " + entry + " has negative tonnes " + num(tonnes));
            }
            return true;
        }

        /** Reports a second entry for the same key (previous != null; the first one is kept). */
        private void unique(String entry, Object previous) {
            if (previous != null) {
                violations.add(where + ": " + entry + " is listed more than once");
            }
        }

        private boolean mine(String entry, String id) {
            return present(entry, "mine", id, mines.containsKey(id));
        }

        private boolean refinery(String entry, String id) {
            return present(entry, "refinery", id, refineries.containsKey(id));
        }

        private boolean buyer(String entry, String id) {
            return present(entry, "buyer", id, buyers.containsKey(id));
        }

        private boolean element(String entry, String id) {
            return present(entry, "element", id, elements.containsKey(id));
        }

        private boolean contract(String entry, String id) {
            return present(entry, "contract", id, contracts.containsKey(id));
        }

        private boolean present(String entry, String kind, String id, boolean known) {
            if (!known) {
                violations.add(where + ": " + entry + ": unknown " + kind + " " + id);
            }
            return known;
        }

        // ---- rules and costs of one year

        private double x(String m, String r, int y) {
            return x.getOrDefault(new Flow(m, r, y), 0.0);
        }

        private void checkYear(int y) {
            int t = h.index(y);
            double delta = discount(y);
            Map<String, Double> taken = contractsAndTaken(y, delta);

            // Rule 1, spot mining cost, risk and freight on concentrate.
            for (Mine m : mines.values()) {
                double shipped = 0;
                for (Refinery r : refineries.values()) {
                    double flow = x(m.id(), r.id(), y);
                    shipped += flow;
                    parts.freight += delta * flow * lane(m.country(), r.country());
                    parts.risk += flow * (risk(m.country()) + risk(r.country()));
                }
                double cap = capacity(sc, m, y);
                if (exceeds(shipped, cap)) {
                    violations.add(at(y) + "mine " + m.id() + " ships " + num(shipped)
                            + " t but its capacity is " + num(cap) + " t");
                }
                double onContract = taken.getOrDefault(m.id(), 0.0);
                throughput(y, "mine " + m.id(), shipped, onContract);
                parts.mining += delta * m.cost().at(t) * factor(sc.costFactors(), m, y) * (shipped - onContract);
            }
            // Rule 2 and spot tolling.
            for (Refinery r : refineries.values()) {
                double feed = 0;
                for (Mine m : mines.values()) {
                    feed += x(m.id(), r.id(), y);
                }
                double cap = capacity(sc, r, y);
                if (exceeds(feed, cap)) {
                    violations.add(at(y) + "refinery " + r.id() + " takes in " + num(feed)
                            + " t but its capacity is " + num(cap) + " t");
                }
                double onContract = taken.getOrDefault(r.id(), 0.0);
                throughput(y, "refinery " + r.id(), feed, onContract);
                parts.refining += delta * r.cost().at(t) * factor(sc.costFactors(), r, y) * (feed - onContract);
            }
            // Rule 3: separation with chain of custody; surplus revenue.
            for (Refinery r : refineries.values()) {
                for (Element e : elements.values()) {
                    double separated = 0;
                    for (Mine m : mines.values()) {
                        double flow = x(m.id(), r.id(), y);
                        double yield = r.recovery(e.id()) * m.share(e.id()) * flow;
                        separated += yield;
                        double delivered = chain.getOrDefault(new Chain(m.id(), r.id(), e.id(), y), 0.0);
                        if (exceeds(delivered, yield)) {
                            violations.add(at(y) + "refinery " + r.id() + " delivers " + num(delivered) + " t of "
                                    + e.id() + " from mine " + m.id() + " but separates only " + num(yield)
                                    + " t of it (recovery " + num(r.recovery(e.id())) + " × basket "
                                    + num(m.share(e.id())) + " × " + num(flow) + " t)");
                        }
                    }
                    RefEl key = new RefEl(r.id(), e.id(), y);
                    double delivered = out.getOrDefault(key, 0.0);
                    double sold = surplus.getOrDefault(key, 0.0);
                    if (exceeds(delivered + sold, separated)) {
                        violations.add(at(y) + "refinery " + r.id() + " delivers " + num(delivered)
                                + " t and sells " + num(sold) + " t of " + e.id() + " as surplus but separates only "
                                + num(separated) + " t");
                    }
                    parts.surplus += delta * sold * e.surplusPrice().at(t);
                }
            }
            // Rules 4 and 5, per buyer and element.
            for (Buyer b : buyers.values()) {
                for (Element e : elements.values()) {
                    buyerElement(b, e, y, t, delta);
                }
            }
        }

        /** Rule 6 entries of one year; adds contract costs; returns tonnes taken per facility. */
        private Map<String, Double> contractsAndTaken(int y, double delta) {
            Map<String, Double> taken = new HashMap<>();
            for (Contract k : in.contracts()) {
                ContractUse u = use.get(new Use(k.id(), y));
                boolean inWindow = k.window().contains(y);
                boolean isHeld = held.contains(k.id());
                if (u != null) {
                    taken.merge(k.facility(), u.taken(), Double::sum);
                    if (!isHeld && (u.taken() > FEASIBILITY_TOLERANCE || u.paid() > FEASIBILITY_TOLERANCE)) {
                        violations.add(at(y) + "contract " + k.id() + " is not held but takes " + num(u.taken())
                                + " t and pays for " + num(u.paid()) + " t");
                    } else if (!inWindow && (u.taken() > FEASIBILITY_TOLERANCE || u.paid() > FEASIBILITY_TOLERANCE)) {
                        violations.add(at(y) + "contract " + k.id() + " is used outside its window "
                                + k.window().from() + "–" + k.window().to());
                    }
                    if (exceeds(u.taken(), k.maxPerYear())) {
                        violations.add(at(y) + "contract " + k.id() + " takes " + num(u.taken())
                                + " t, above its maxPerYear " + num(k.maxPerYear()) + " t");
                    }
                }
                double paid;
                if (isHeld && inWindow) {
                    double t = u == null ? 0 : u.taken();
                    paid = Math.max(t, k.minPerYear());
                    double reported = u == null ? 0 : u.paid();
                    if (differs(reported, paid)) {
                        violations.add(at(y) + (u == null
                                ? "held contract " + k.id() + " has no contractUse entry but must pay for its minPerYear "
                                        + num(k.minPerYear()) + " t"
                                : "contract " + k.id() + " pays for " + num(reported) + " t but must pay for max(taken "
                                        + num(t) + ", minPerYear " + num(k.minPerYear()) + ") = " + num(paid) + " t"));
                    }
                } else {
                    paid = u == null ? 0 : u.paid();
                }
                parts.contracts += delta * k.price() * paid;
            }
            return taken;
        }

        private void throughput(int y, String facility, double through, double onContract) {
            if (exceeds(onContract, through)) {
                violations.add(at(y) + "contracts on " + facility + " take " + num(onContract)
                        + " t but its throughput is " + num(through) + " t");
            }
        }

        private void buyerElement(Buyer b, Element e, int y, int t, double delta) {
            BuyEl key = new BuyEl(b.id(), e.id(), y);
            List<Delivery> ds = received.getOrDefault(key, List.of());
            double delivered = 0;
            for (Delivery d : ds) {
                delivered += d.tonnes();
                Refinery r = refineries.get(d.refinery());
                parts.freight += delta * d.tonnes() * lane(r.country(), b.country());
                parts.tariffs += delta * d.tonnes() * tariff(r.country(), b.country()) * e.price().at(t);
            }
            double avoided = substituted.getOrDefault(key, 0.0);
            double unmet = short_.getOrDefault(key, 0.0);
            double demand = demand(sc, b, e.id(), y);
            // Rule 4: balance and substitution bound.
            double total = delivered + avoided + unmet;
            if (differs(total, demand)) {
                violations.add(at(y) + "buyer " + b.id() + " gets " + num(delivered) + " t of " + e.id()
                        + " delivered + " + num(avoided) + " t substituted + " + num(unmet) + " t short = "
                        + num(total) + " t but its demand is " + num(demand) + " t");
            }
            List<Substitute> subs = new ArrayList<>();
            double bound = 0;
            for (Substitute s : b.substitutes()) {
                if (s.element().equals(e.id()) && s.fromYear() <= y) {
                    subs.add(s);
                    bound += s.maxShare() * demand;
                }
            }
            if (exceeds(avoided, bound)) {
                violations.add(at(y) + "buyer " + b.id() + " avoids " + num(avoided) + " t of " + e.id()
                        + " by substitution but at most " + num(bound) + " t may be avoided");
            }
            // Substitution cost: cheapest first, each within its own maxShare × demand; tonnes
            // beyond the bound (reported above) are not costed.
            subs.sort(Comparator.comparingDouble(Substitute::cost));
            double left = avoided;
            for (Substitute s : subs) {
                double part = Math.max(0, Math.min(left, s.maxShare() * demand));
                parts.substitution += delta * part * s.cost();
                left -= part;
            }
            parts.shortfall += delta * unmet * b.shortfallPenalty().getOrDefault(e.id(), e.shortfallPenalty());

            if (ds.isEmpty()) {
                return;
            }
            // Rule 5: mandate.
            if (b.mandate().isPresent()) {
                Mandate md = b.mandate().get();
                double compliant = 0;
                for (Delivery d : ds) {
                    boolean ok = (!md.mining() || md.allows(country(mines.get(d.mine()).country())))
                            && (!md.refining() || md.allows(country(refineries.get(d.refinery()).country())));
                    if (ok) {
                        compliant += d.tonnes();
                    }
                }
                double share = md.minShare().at(t);
                if (exceeds(share * delivered, compliant)) {
                    violations.add(at(y) + "buyer " + b.id() + " gets " + num(compliant) + " t of " + e.id()
                            + " complying with its mandate out of " + num(delivered) + " t delivered, below minShare "
                            + num(share) + " (" + num(share * delivered) + " t)");
                }
            }
            // Rule 5: maxCountryShare, once by mining and once by refining country.
            if (b.maxCountryShare().isPresent()) {
                double sigma = b.maxCountryShare().get();
                shareCap(b, e, y, ds, delivered, sigma, "mined", d -> mines.get(d.mine()).country());
                shareCap(b, e, y, ds, delivered, sigma, "refined", d -> refineries.get(d.refinery()).country());
            }
        }

        private void shareCap(Buyer b, Element e, int y, List<Delivery> ds, double delivered, double sigma,
                              String stage, Function<Delivery, String> countryOf) {
            Map<String, Double> byCountry = new LinkedHashMap<>();
            for (Delivery d : ds) {
                byCountry.merge(countryOf.apply(d), d.tonnes(), Double::sum);
            }
            byCountry.forEach((c, tonnes) -> {
                if (exceeds(tonnes, sigma * delivered)) {
                    violations.add(at(y) + "buyer " + b.id() + " gets " + num(tonnes) + " t of " + e.id() + " "
                            + stage + " in " + c + " out of " + num(delivered) + " t delivered, above its maxCountryShare "
                            + num(sigma) + " (" + num(sigma * delivered) + " t)");
                }
            });
        }

        /** Entry-level rules: ore types and export controls (concentrate and oxide). */
        private void checkRoutes() {
            x.entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<Flow, Double> en) -> en.getKey().year())
                            .thenComparing(en -> en.getKey().mine()).thenComparing(en -> en.getKey().refinery()))
                    .forEach(en -> {
                        Flow f = en.getKey();
                        if (!(en.getValue() > FEASIBILITY_TOLERANCE)) {
                            return;
                        }
                        Mine m = mines.get(f.mine());
                        Refinery r = refineries.get(f.refinery());
                        if (!r.accepts(m.oreType())) {
                            violations.add(at(f.year()) + "refinery " + r.id() + " does not accept ore type \""
                                    + m.oreType() + "\" but receives " + num(en.getValue()) + " t from mine " + m.id());
                        }
                        for (ExportControl ec : controls) {
                            if (ec.stage().concentrate() && ec.years().contains(f.year())
                                    && ec.country().equals(m.country()) && !r.country().equals(m.country())
                                    && !ec.allowedDestinations().contains(r.country())) {
                                violations.add(at(f.year()) + "concentrate from mine " + m.id() + " (" + m.country()
                                        + ") to refinery " + r.id() + " (" + r.country() + ") is blocked by an export"
                                        + " control of " + ec.country() + " (" + num(en.getValue()) + " t shipped)");
                                break;
                            }
                        }
                    });
            for (Delivery d : deliveries) {
                if (!(d.tonnes() > FEASIBILITY_TOLERANCE)) {
                    continue;
                }
                Refinery r = refineries.get(d.refinery());
                Buyer b = buyers.get(d.buyer());
                for (ExportControl ec : controls) {
                    if (ec.stage().oxide() && ec.years().contains(d.year()) && ec.country().equals(r.country())
                            && !b.country().equals(r.country()) && !ec.allowedDestinations().contains(b.country())
                            && ec.elements().map(es -> es.contains(d.element())).orElse(true)) {
                        violations.add(at(d.year()) + "oxide " + d.element() + " from refinery " + r.id() + " ("
                                + r.country() + ") to buyer " + b.id() + " (" + b.country() + ") is blocked by an"
                                + " export control of " + ec.country() + " (" + num(d.tonnes()) + " t delivered)");
                        break;
                    }
                }
            }
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
        return Math.pow(1 + in.discountRate(), -(year - h.start()));
    }

    /** Existing plus built capacity of {@code f} in {@code y}, times the scenario's capacity factors. */
    private double capacity(Scenario sc, Facility f, int y) {
        double cap = f.capacity().at(h.index(y));
        for (Build b : builds.getOrDefault(f.id(), List.of())) {
            Expansion ex = f.expansion().orElseThrow();
            if (y >= b.startYear() + ex.leadTime()) {
                cap += b.modules() * ex.moduleSize();
            }
        }
        return cap * factor(sc.capacityFactors(), f, y);
    }

    /** Product of the factors matching {@code f} that are active in {@code y}. */
    private static double factor(List<Scenario.FacilityFactor> factors, Facility f, int y) {
        double p = 1;
        for (Scenario.FacilityFactor ff : factors) {
            if (ff.years().contains(y) && ff.country().map(f.country()::equals).orElse(true)
                    && ff.facility().map(f.id()::equals).orElse(true)) {
                p *= ff.factor();
            }
        }
        return p;
    }

    /** Demand of {@code b} for {@code element} in {@code y}, times the scenario's demand factors. */
    private double demand(Scenario sc, Buyer b, String element, int y) {
        Series series = b.demand().get(element);
        if (series == null) {
            return 0;
        }
        double p = series.at(h.index(y));
        for (Scenario.DemandFactor df : sc.demandFactors()) {
            if (df.years().contains(y) && df.buyer().map(b.id()::equals).orElse(true)
                    && df.element().map(element::equals).orElse(true)) {
                p *= df.factor();
            }
        }
        return p;
    }

    /** Freight per tonne between two countries. */
    private double lane(String from, String to) {
        Lanes lanes = in.lanes();
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
        for (Tariff tr : in.tariffs()) {
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
        double r = reported == null ? Double.NaN : reported;
        double scale = Math.max(1, Math.max(Math.abs(r), Math.abs(recomputed)));
        if (!(Math.abs(r - recomputed) <= COST_TOLERANCE * scale)) {
            violations.add(what + ": the plan reports " + num(r) + " but it is " + num(recomputed));
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

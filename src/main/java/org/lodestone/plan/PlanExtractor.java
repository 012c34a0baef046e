package org.lodestone.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.Facility;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.model.SourcingModel;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

/**
 * Solution → plan. Cost parts come from the very objective terms that were minimised, and
 * the pooled deliveries of the model are split back to mines and refineries of origin
 * (see {@code models/formulation.md}, "Splitting pools back to mines").
 */
public final class PlanExtractor {
    /** Entries at or below this many tonnes are left out of the plan's lists. */
    public static final double REPORT_THRESHOLD = 1e-6;

    private final SourcingModel model;
    private final Instance instance;
    private final double[] values;

    // the model's variables of each scenario, so that extracting one scenario does not walk all of them
    private final List<List<SourcingModel.Ship>> shipVars;
    private final List<List<SourcingModel.Delivery>> deliveryVars;
    private final List<List<SourcingModel.Surplus>> surplusVars;
    private final List<List<SourcingModel.ContractYear>> contractVars;
    private final List<List<SourcingModel.Substitution>> substitutionVars;
    private final List<List<SourcingModel.Shortfall>> shortfallVars;
    private final List<List<SourcingModel.StockYear>> stockVars;

    private PlanExtractor(SourcingModel model, double[] values) {
        this.model = model;
        this.instance = model.instance();
        this.values = values;
        int n = instance.scenarios().size();
        shipVars = byScenario(model.ships(), SourcingModel.Ship::scenario, n);
        deliveryVars = byScenario(model.deliveries(), SourcingModel.Delivery::scenario, n);
        surplusVars = byScenario(model.surpluses(), SourcingModel.Surplus::scenario, n);
        contractVars = byScenario(model.contractYears(), SourcingModel.ContractYear::scenario, n);
        substitutionVars = byScenario(model.substitutions(), SourcingModel.Substitution::scenario, n);
        shortfallVars = byScenario(model.shortfalls(), SourcingModel.Shortfall::scenario, n);
        stockVars = byScenario(model.stockYears(), SourcingModel.StockYear::scenario, n);
    }

    private static <T> List<List<T>> byScenario(List<T> items, ToIntFunction<T> scenario, int count) {
        List<List<T>> result = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            result.add(new ArrayList<>());
        }
        for (T item : items) {
            result.get(scenario.applyAsInt(item)).add(item);
        }
        return result;
    }

    public static Plan extract(SourcingModel model, SolveResult result, SolveOptions options, boolean timings) {
        Instance instance = model.instance();
        Plan.SolverInfo solver = new Plan.SolverInfo(result.solverName(), result.solverVersion(),
                timings ? result.seconds() : null, result.threads(), options.timeLimitSeconds(),
                options.relativeGap());
        Plan.Status status = switch (result.termination()) {
            case OPTIMAL -> Plan.Status.OPTIMAL;
            case FEASIBLE -> Plan.Status.FEASIBLE;
            case INFEASIBLE -> Plan.Status.INFEASIBLE;
            case NO_SOLUTION, ERROR -> Plan.Status.NO_SOLUTION;
        };
        if (!result.hasSolution()) {
            List<Plan.ContractChoice> none = instance.contracts().stream()
                    .map(k -> new Plan.ContractChoice(k.id(), k.signed())).toList();
            return new Plan(instance.name(), status, null, result.bestBound(), null, solver, Plan.Costs.ZERO, 0,
                    List.of(), none, List.of());
        }
        return new PlanExtractor(model, clean(result.values())).plan(status, result, solver);
    }

    /** Solver noise below zero or around integers is not part of the plan. */
    private static double[] clean(double[] raw) {
        double[] v = raw.clone();
        for (int j = 0; j < v.length; j++) {
            if (Math.abs(v[j]) < 1e-9) {
                v[j] = 0;
            }
        }
        return v;
    }

    private Plan plan(Plan.Status status, SolveResult result, Plan.SolverInfo solver) {
        int scenarioCount = instance.scenarios().size();
        double[][] parts = model.costTerms().evaluate(values, scenarioCount);
        double[] expected = new double[CostPart.values().length];
        for (CostPart part : CostPart.values()) {
            expected[part.ordinal()] = parts[0][part.ordinal()];
            for (int s = 0; s < scenarioCount; s++) {
                expected[part.ordinal()] += instance.scenarios().get(s).probability() * parts[s + 1][part.ordinal()];
            }
        }
        double risk = expected[CostPart.RISK.ordinal()];
        double objective = model.mip().evaluate(values);
        Double bound = result.bestBound() == null ? null : Math.min(result.bestBound(), objective);
        Double gap = bound == null ? null : relativeGap(objective, bound);
        List<Plan.ScenarioPlan> scenarios = new ArrayList<>();
        double[] scenarioCosts = new double[scenarioCount];
        double[] probabilities = new double[scenarioCount];
        for (int s = 0; s < scenarioCount; s++) {
            double[] amounts = parts[s + 1];
            double operating = CostPart.operatingCost(part -> amounts[part.ordinal()]);
            scenarios.add(scenario(s, operating, amounts[CostPart.RISK.ordinal()]));
            scenarioCosts[s] = operating + instance.riskWeight() * amounts[CostPart.RISK.ordinal()];
            probabilities[s] = instance.scenarios().get(s).probability();
        }
        // plan-reference.md §P1: CVaR and the premium come from the plan's own scenario costs C(s), so
        // that the parts add up to the objective whatever the solver left in the columns η and z
        Double cvar = instance.riskAversion().map(a -> a.cvar(scenarioCosts, probabilities)).orElse(null);
        if (cvar != null) {
            double mean = 0;
            for (int s = 0; s < scenarioCount; s++) {
                mean += probabilities[s] * scenarioCosts[s];
            }
            expected[CostPart.RISK_PREMIUM.ordinal()] = instance.riskAversion().get().weight() * (cvar - mean);
        }
        Plan.Costs costs = Plan.Costs.of(part -> expected[part.ordinal()]);
        return new Plan(instance.name(), status, objective, bound, gap, solver, costs, risk, cvar, builds(),
                contractChoices(), scenarios);
    }

    private static double relativeGap(double objective, double bound) {
        double diff = Math.max(0, objective - bound);
        return diff == 0 ? 0.0 : diff / Math.max(Math.abs(objective), 1e-9);
    }

    private List<Plan.Build> builds() {
        List<Plan.Build> builds = new ArrayList<>();
        for (SourcingModel.BuildStart start : model.buildStarts()) {
            if (values[start.startsColumn()] < 0.5) {
                continue;
            }
            Facility facility = facility(start.facility());
            Expansion x = facility.expansion().orElseThrow();
            int modules = (int) Math.round(values[start.modulesColumn()]);
            builds.add(new Plan.Build(facility.id(), start.startYear(), start.startYear() + x.leadTime(), modules,
                    modules * x.moduleSize()));
        }
        return builds;
    }

    private List<Plan.ContractChoice> contractChoices() {
        List<Plan.ContractChoice> choices = new ArrayList<>();
        for (int k = 0; k < instance.contracts().size(); k++) {
            choices.add(new Plan.ContractChoice(instance.contracts().get(k).id(), model.held(k, values)));
        }
        return choices;
    }

    private Facility facility(int index) {
        int mines = instance.mines().size();
        return index < mines ? instance.mines().get(index) : instance.refineries().get(index - mines);
    }

    private Plan.ScenarioPlan scenario(int s, double operatingCost, double risk) {
        int start = instance.horizon().start();
        List<Plan.Concentrate> concentrate = new ArrayList<>();
        for (SourcingModel.Ship ship : shipVars.get(s)) {
            double tonnes = values[ship.column()];
            if (tonnes > REPORT_THRESHOLD) {
                concentrate.add(new Plan.Concentrate(instance.mines().get(ship.mine()).id(),
                        instance.refineries().get(ship.refinery()).id(), start + ship.year(), tonnes));
            }
        }
        OriginSplit split = new OriginSplit(s);
        List<Plan.ContractUse> contractUse = new ArrayList<>();
        for (SourcingModel.ContractYear cy : contractVars.get(s)) {
            if (!model.held(cy.contract(), values)) {
                continue;
            }
            Contract contract = instance.contracts().get(cy.contract());
            double taken = cy.takenColumn() < 0 ? 0 : values[cy.takenColumn()];
            double owed = model.owed(cy, values);
            if (taken > REPORT_THRESHOLD || owed > REPORT_THRESHOLD) {
                contractUse.add(new Plan.ContractUse(contract.id(), start + cy.year(), taken, Math.max(taken, owed)));
            }
        }
        // every substitute of a buyer for an element adds to one entry, listed in model order
        Map<SubstitutionKey, Double> avoided = new LinkedHashMap<>();
        for (SourcingModel.Substitution sub : substitutionVars.get(s)) {
            avoided.merge(new SubstitutionKey(sub.year(), sub.buyer(), sub.element()), values[sub.column()],
                    Double::sum);
        }
        List<Plan.Substitution> substitution = new ArrayList<>();
        avoided.forEach((key, tonnes) -> {
            if (tonnes > REPORT_THRESHOLD) {
                substitution.add(new Plan.Substitution(instance.buyers().get(key.buyer()).id(),
                        instance.elements().get(key.element()).id(), start + key.year(), tonnes));
            }
        });
        List<Plan.Shortfall> shortfalls = new ArrayList<>();
        for (SourcingModel.Shortfall q : shortfallVars.get(s)) {
            double tonnes = values[q.column()];
            if (tonnes > REPORT_THRESHOLD) {
                shortfalls.add(new Plan.Shortfall(instance.buyers().get(q.buyer()).id(),
                        instance.elements().get(q.element()).id(), start + q.year(), tonnes));
            }
        }
        List<Plan.StockLevel> stockpiles = new ArrayList<>();
        for (SourcingModel.StockYear p : stockVars.get(s)) {
            // a tonne filled and released in the same year is a tonne delivered: the plan nets them out,
            // which keeps every rule (fill ≤ deliveries, the mandate on fills, maxFill, maxRelease) and
            // the level, and spares the reader a stock moving both ways at once
            double fill = p.fillColumn() < 0 ? 0 : values[p.fillColumn()];
            double release = values[p.releaseColumn()];
            double both = Math.min(fill, release);
            fill -= both;
            release -= both;
            double level = values[p.levelColumn()];
            if (fill > REPORT_THRESHOLD || release > REPORT_THRESHOLD || level > REPORT_THRESHOLD) {
                stockpiles.add(new Plan.StockLevel(instance.stockpiles().get(p.stockpile()).id(), start + p.year(),
                        fill, release, level));
            }
        }
        var sc = instance.scenarios().get(s);
        return new Plan.ScenarioPlan(sc.id(), sc.probability(), operatingCost, risk, concentrate, split.deliveries,
                split.surplus, contractUse, substitution, shortfalls, stockpiles);
    }

    /**
     * Splits the model's pooled deliveries and surplus of one scenario back to (mine, refinery)
     * pairs. Within each year, refining country and element, every shipment x(m, r) offers
     * recovery × basket × x tonnes of oxide. Deliveries pooled by mining country are served
     * first from the shipments mined in that country, then deliveries pooled by refining country
     * alone from whatever is left, then surplus. The model's chain-of-custody rows guarantee
     * that each pool holds enough, so the split never runs dry (beyond solver tolerance, which
     * is put on the last shipment of the pool).
     */
    private final class OriginSplit {
        final List<Plan.Delivery> deliveries = new ArrayList<>();
        final List<Plan.Surplus> surplus = new ArrayList<>();

        OriginSplit(int s) {
            int start = instance.horizon().start();
            Map<String, Integer> countryIndex = new HashMap<>();
            for (int c = 0; c < instance.countries().size(); c++) {
                countryIndex.put(instance.countries().get(c).id(), c);
            }
            Map<String, Integer> elementIndex = new HashMap<>();
            for (int e = 0; e < instance.elements().size(); e++) {
                elementIndex.put(instance.elements().get(e).id(), e);
            }
            // slots per (year, refining country, element), in model order (mine, then refinery)
            Map<PoolKey, List<Slot>> slots = new HashMap<>();
            for (SourcingModel.Ship ship : shipVars.get(s)) {
                double x = values[ship.column()];
                if (x <= 0) {
                    continue;
                }
                Mine mine = instance.mines().get(ship.mine());
                Refinery refinery = instance.refineries().get(ship.refinery());
                int cm = countryIndex.get(mine.country());
                int cr = countryIndex.get(refinery.country());
                for (var share : mine.basket().entrySet()) {
                    double oxide = share.getValue() * refinery.recovery(share.getKey()) * x;
                    if (oxide > 0) {
                        int e = elementIndex.get(share.getKey());
                        slots.computeIfAbsent(new PoolKey(ship.year(), cr, e), key -> new ArrayList<>())
                                .add(new Slot(ship.mine(), ship.refinery(), cm, oxide));
                    }
                }
            }
            Map<DeliveryKey, Double> delivered = new HashMap<>();
            List<SourcingModel.Delivery> ordered = deliveryVars.get(s).stream()
                    .filter(d -> values[d.column()] > 0)
                    .sorted(Comparator.comparingInt((SourcingModel.Delivery d) -> d.miningCountry() < 0 ? 1 : 0))
                    .toList();
            for (SourcingModel.Delivery d : ordered) {
                draw(slots.getOrDefault(new PoolKey(d.year(), d.refiningCountry(), d.element()), List.of()),
                        d.miningCountry(), values[d.column()], (slot, tonnes) -> delivered.merge(
                                new DeliveryKey(d.year(), d.buyer(), d.element(), slot.mine, slot.refinery), tonnes,
                                Double::sum));
            }
            delivered.entrySet().stream()
                    .filter(entry -> entry.getValue() > REPORT_THRESHOLD)
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> {
                        DeliveryKey key = entry.getKey();
                        deliveries.add(new Plan.Delivery(instance.mines().get(key.mine()).id(),
                                instance.refineries().get(key.refinery()).id(), instance.buyers().get(key.buyer()).id(),
                                instance.elements().get(key.element()).id(), start + key.year(), entry.getValue()));
                    });
            Map<SurplusKey, Double> sold = new HashMap<>();
            for (SourcingModel.Surplus u : surplusVars.get(s)) {
                if (values[u.column()] > 0) {
                    draw(slots.getOrDefault(new PoolKey(u.year(), u.refiningCountry(), u.element()), List.of()), -1,
                            values[u.column()], (slot, tonnes) -> sold.merge(
                                    new SurplusKey(u.year(), slot.refinery, u.element()), tonnes, Double::sum));
                }
            }
            sold.entrySet().stream()
                    .filter(entry -> entry.getValue() > REPORT_THRESHOLD)
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> surplus.add(new Plan.Surplus(
                            instance.refineries().get(entry.getKey().refinery()).id(),
                            instance.elements().get(entry.getKey().element()).id(), start + entry.getKey().year(),
                            entry.getValue())));
        }
    }

    /**
     * Takes {@code need} tonnes from the pool's shipments in order (only those mined in
     * {@code miningCountry} unless it is −1), handing each part to {@code sink}. What solver
     * tolerance leaves over goes on the last eligible shipment.
     */
    private static void draw(List<Slot> pool, int miningCountry, double need, BiConsumer<Slot, Double> sink) {
        Slot last = null;
        for (Slot slot : pool) {
            if (need <= 0) {
                break;
            }
            if (miningCountry >= 0 && slot.miningCountry != miningCountry) {
                continue;
            }
            last = slot;
            double take = Math.min(need, slot.left);
            if (take > 0) {
                slot.left -= take;
                need -= take;
                sink.accept(slot, take);
            }
        }
        if (need > 0 && last != null) {
            sink.accept(last, need);
        }
    }

    /** Substitution of one buyer and element in one year (year index); the plan lists one entry per key. */
    private record SubstitutionKey(int year, int buyer, int element) {}

    /** The oxide of one element separated in one refining country in one year (year index). */
    private record PoolKey(int year, int refiningCountry, int element) {}

    /** Oxide delivered from one (mine, refinery) to a buyer; the plan lists deliveries in this key's order. */
    private record DeliveryKey(int year, int buyer, int element, int mine, int refinery)
            implements Comparable<DeliveryKey> {
        private static final Comparator<DeliveryKey> ORDER = Comparator.comparingInt(DeliveryKey::year)
                .thenComparingInt(DeliveryKey::buyer).thenComparingInt(DeliveryKey::element)
                .thenComparingInt(DeliveryKey::mine).thenComparingInt(DeliveryKey::refinery);

        @Override
        public int compareTo(DeliveryKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** Surplus sold by one refinery; the plan lists surplus in this key's order. */
    private record SurplusKey(int year, int refinery, int element) implements Comparable<SurplusKey> {
        private static final Comparator<SurplusKey> ORDER = Comparator.comparingInt(SurplusKey::year)
                .thenComparingInt(SurplusKey::refinery).thenComparingInt(SurplusKey::element);

        @Override
        public int compareTo(SurplusKey other) {
            return ORDER.compare(this, other);
        }
    }

    private static final class Slot {
        final int mine;
        final int refinery;
        final int miningCountry;
        double left;

        Slot(int mine, int refinery, int miningCountry, double oxide) {
            this.mine = mine;
            this.refinery = refinery;
            this.miningCountry = miningCountry;
            this.left = oxide;
        }
    }
}

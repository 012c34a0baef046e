package org.lodestone.plan;

import static org.lodestone.plan.PlanChecker.FEASIBILITY_TOLERANCE;
import static org.lodestone.plan.PlanChecker.num;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Element;
import org.lodestone.domain.Horizon;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Stockpile;
import org.lodestone.plan.Plan.Concentrate;
import org.lodestone.plan.Plan.ContractUse;
import org.lodestone.plan.Plan.Delivery;
import org.lodestone.plan.Plan.ScenarioPlan;
import org.lodestone.plan.Plan.Shortfall;
import org.lodestone.plan.Plan.StockLevel;
import org.lodestone.plan.Plan.Substitution;
import org.lodestone.plan.Plan.Surplus;

/**
 * The entries of one scenario of a plan as {@link PlanChecker} reads them: each entry that can be
 * placed (known ids, a year of the horizon, finite tonnes) by its key, the first one where a key
 * is listed twice. Reading reports every entry that cannot be placed or is listed twice.
 */
final class ScenarioEntries {
    private record Flow(String mine, String refinery, int year) {}

    private record MineRefineryElement(String mine, String refinery, String element, int year) {}

    private record RefineryElement(String refinery, String element, int year) {}

    private record BuyerElement(String buyer, String element, int year) {}

    private record ContractYear(String contract, int year) {}

    private record StockpileYear(String stockpile, int year) {}

    private final Horizon horizon;
    /** "scenario base": the start of every message about this scenario. */
    private final String where;
    private final List<String> violations;
    private final Set<String> mineIds;
    private final Set<String> refineryIds;
    private final Set<String> buyerIds;
    private final Set<String> elementIds;
    private final Set<String> contractIds;
    private final Set<String> stockpileIds;

    private final Map<Flow, Double> concentrate = new HashMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Map<MineRefineryElement, Double> deliveredByChain = new HashMap<>();
    private final Map<RefineryElement, Double> deliveredByRefinery = new HashMap<>();
    private final Map<BuyerElement, List<Delivery>> deliveriesToBuyer = new HashMap<>();
    private final Map<RefineryElement, Double> surplus = new HashMap<>();
    private final Map<ContractYear, ContractUse> contractUse = new HashMap<>();
    private final Map<BuyerElement, Double> substituted = new HashMap<>();
    private final Map<BuyerElement, Double> shortfalls = new HashMap<>();
    private final Map<StockpileYear, StockLevel> stock = new HashMap<>();

    private ScenarioEntries(Instance instance, String where, List<String> violations) {
        this.horizon = instance.horizon();
        this.where = where;
        this.violations = violations;
        this.mineIds = ids(instance.mines(), Mine::id);
        this.refineryIds = ids(instance.refineries(), Refinery::id);
        this.buyerIds = ids(instance.buyers(), Buyer::id);
        this.elementIds = ids(instance.elements(), Element::id);
        this.contractIds = ids(instance.contracts(), Contract::id);
        this.stockpileIds = ids(instance.stockpiles(), Stockpile::id);
    }

    private static <T> Set<String> ids(List<T> items, Function<T, String> id) {
        return items.stream().map(id).collect(Collectors.toSet());
    }

    /** Reads the entries of {@code scenarioPlan}, adding what cannot be placed to {@code violations}. */
    static ScenarioEntries read(Instance instance, ScenarioPlan scenarioPlan, String where, List<String> violations) {
        ScenarioEntries entries = new ScenarioEntries(instance, where, violations);
        entries.read(scenarioPlan);
        return entries;
    }

    // ---------------------------------------------------------------- lookups (0 or none where not listed)

    /** x(m, r, y). */
    double concentrate(String mine, String refinery, int year) {
        return concentrate.getOrDefault(new Flow(mine, refinery, year), 0.0);
    }

    /** Concentrate entries above the feasibility tolerance, by year, mine and refinery. */
    List<Concentrate> concentrateByYearMineRefinery() {
        return concentrate.entrySet().stream()
                .filter(en -> en.getValue() > FEASIBILITY_TOLERANCE)
                .map(en -> new Concentrate(en.getKey().mine(), en.getKey().refinery(), en.getKey().year(),
                        en.getValue()))
                .sorted(Comparator.comparingInt(Concentrate::year).thenComparing(Concentrate::mine)
                        .thenComparing(Concentrate::refinery))
                .toList();
    }

    /** Every delivery, in the plan's order. */
    List<Delivery> deliveries() {
        return deliveries;
    }

    /** Σ_b d(m, r, b, e, y): tonnes of {@code element} that {@code refinery} delivered from {@code mine}'s ore. */
    double deliveredFrom(String mine, String refinery, String element, int year) {
        return deliveredByChain.getOrDefault(new MineRefineryElement(mine, refinery, element, year), 0.0);
    }

    /** Σ_{m,b} d(m, r, b, e, y). */
    double deliveredBy(String refinery, String element, int year) {
        return deliveredByRefinery.getOrDefault(new RefineryElement(refinery, element, year), 0.0);
    }

    /** u(r, e, y). */
    double surplus(String refinery, String element, int year) {
        return surplus.getOrDefault(new RefineryElement(refinery, element, year), 0.0);
    }

    /** The contract's entry of the year, or null. */
    ContractUse contractUse(String contract, int year) {
        return contractUse.get(new ContractYear(contract, year));
    }

    /** The deliveries of {@code element} to {@code buyer} in {@code year}, in the plan's order. */
    List<Delivery> deliveriesTo(String buyer, String element, int year) {
        return deliveriesToBuyer.getOrDefault(new BuyerElement(buyer, element, year), List.of());
    }

    /** a(b, e, y). */
    double substituted(String buyer, String element, int year) {
        return substituted.getOrDefault(new BuyerElement(buyer, element, year), 0.0);
    }

    /** q(b, e, y). */
    double shortfall(String buyer, String element, int year) {
        return shortfalls.getOrDefault(new BuyerElement(buyer, element, year), 0.0);
    }

    /**
     * The stockpile's entry of the year; all zeros where the plan lists none, since it lists only
     * years where fill, release or level is above 1e-6 (plan-reference.md §P1).
     */
    StockLevel stock(String stockpile, int year) {
        return stock.getOrDefault(new StockpileYear(stockpile, year), new StockLevel(stockpile, year, 0, 0, 0));
    }

    /**
     * The decisions of {@code year} that non-anticipativity ties (instance-reference.md Rule 13), as the plan
     * lists them, by a name that says what each is ("concentrate mA → rU"): shipments, deliveries
     * with their mine of origin, surplus of the elements {@code surplusTied} accepts, substitution,
     * shortfall, tonnes taken under each contract (not paid), each stockpile's fill, release and
     * level. A decision the plan does not list is 0 and has no name here.
     */
    SortedMap<String, Double> tiedDecisions(int year, Predicate<String> surplusTied) {
        SortedMap<String, Double> tied = new TreeMap<>();
        concentrate.forEach((k, tonnes) -> {
            if (k.year() == year) {
                tied.put(concentrateName(k.mine(), k.refinery()), tonnes);
            }
        });
        for (Delivery d : deliveries) {
            if (d.year() == year) {
                tied.put(deliveryName(d), d.tonnes());
            }
        }
        surplus.forEach((k, tonnes) -> {
            if (k.year() == year && surplusTied.test(k.element())) {
                tied.put(surplusName(k.refinery(), k.element()), tonnes);
            }
        });
        contractUse.forEach((k, use) -> {
            if (k.year() == year) {
                tied.put("tonnes taken under contract " + k.contract(), use.taken());
            }
        });
        substituted.forEach((k, tonnes) -> {
            if (k.year() == year) {
                tied.put(substitutionName(k.buyer(), k.element()), tonnes);
            }
        });
        shortfalls.forEach((k, tonnes) -> {
            if (k.year() == year) {
                tied.put(shortfallName(k.buyer(), k.element()), tonnes);
            }
        });
        stock.forEach((k, p) -> {
            if (k.year() == year) {
                tied.put("fill of stockpile " + k.stockpile(), p.fill());
                tied.put("release of stockpile " + k.stockpile(), p.release());
                tied.put("level of stockpile " + k.stockpile(), p.level());
            }
        });
        return tied;
    }

    // ---------------------------------------------------------------- names of entries, for messages

    private static String concentrateName(String mine, String refinery) {
        return "concentrate " + mine + " → " + refinery;
    }

    private static String deliveryName(Delivery d) {
        return "delivery " + d.mine() + " → " + d.refinery() + " → " + d.buyer() + " of " + d.element();
    }

    private static String surplusName(String refinery, String element) {
        return "surplus of " + element + " at " + refinery;
    }

    private static String substitutionName(String buyer, String element) {
        return "substitution for " + buyer + " of " + element;
    }

    private static String shortfallName(String buyer, String element) {
        return "shortfall for " + buyer + " of " + element;
    }

    // ---------------------------------------------------------------- reading

    private void read(ScenarioPlan scenarioPlan) {
        for (Concentrate c : scenarioPlan.concentrate()) {
            String e = concentrateName(c.mine(), c.refinery()) + " in " + c.year();
            if (known(e, c.year(), c.tonnes(), mine(e, c.mine()), refinery(e, c.refinery()))) {
                unique(e, concentrate.putIfAbsent(new Flow(c.mine(), c.refinery(), c.year()), c.tonnes()));
            }
        }
        Set<Delivery> keys = new HashSet<>();
        for (Delivery d : scenarioPlan.deliveries()) {
            String e = deliveryName(d) + " in " + d.year();
            if (!known(e, d.year(), d.tonnes(), mine(e, d.mine()), refinery(e, d.refinery()),
                    buyer(e, d.buyer()), element(e, d.element()))) {
                continue;
            }
            if (!keys.add(new Delivery(d.mine(), d.refinery(), d.buyer(), d.element(), d.year(), 0))) {
                violations.add(where + ": " + e + " is listed more than once");
                continue;
            }
            deliveries.add(d);
            deliveredByChain.merge(new MineRefineryElement(d.mine(), d.refinery(), d.element(), d.year()),
                    d.tonnes(), Double::sum);
            deliveredByRefinery.merge(new RefineryElement(d.refinery(), d.element(), d.year()), d.tonnes(),
                    Double::sum);
            deliveriesToBuyer.computeIfAbsent(new BuyerElement(d.buyer(), d.element(), d.year()),
                    k -> new ArrayList<>()).add(d);
        }
        for (Surplus u : scenarioPlan.surplus()) {
            String e = surplusName(u.refinery(), u.element()) + " in " + u.year();
            if (known(e, u.year(), u.tonnes(), refinery(e, u.refinery()), element(e, u.element()))) {
                unique(e, surplus.putIfAbsent(new RefineryElement(u.refinery(), u.element(), u.year()), u.tonnes()));
            }
        }
        for (ContractUse k : scenarioPlan.contractUse()) {
            String e = "contractUse of " + k.contract() + " in " + k.year();
            boolean ok = known(e, k.year(), k.taken(), contract(e, k.contract()));
            ok &= nonNegative(e + " (paid)", k.paid());
            if (ok) {
                unique(e, contractUse.putIfAbsent(new ContractYear(k.contract(), k.year()), k));
            }
        }
        for (Substitution a : scenarioPlan.substitution()) {
            String e = substitutionName(a.buyer(), a.element()) + " in " + a.year();
            if (known(e, a.year(), a.tonnes(), buyer(e, a.buyer()), element(e, a.element()))) {
                unique(e, substituted.putIfAbsent(new BuyerElement(a.buyer(), a.element(), a.year()), a.tonnes()));
            }
        }
        for (Shortfall q : scenarioPlan.shortfalls()) {
            String e = shortfallName(q.buyer(), q.element()) + " in " + q.year();
            if (known(e, q.year(), q.tonnes(), buyer(e, q.buyer()), element(e, q.element()))) {
                unique(e, shortfalls.putIfAbsent(new BuyerElement(q.buyer(), q.element(), q.year()), q.tonnes()));
            }
        }
        for (StockLevel p : scenarioPlan.stockpiles()) {
            String e = "stockpile " + p.stockpile() + " in " + p.year();
            // the three amounts are checked on their own, so that a message says which one is wrong
            boolean ok = known(e, p.year(), 0, stockpile(e, p.stockpile()));
            ok &= nonNegative(e + " (fill)", p.fill());
            ok &= nonNegative(e + " (release)", p.release());
            ok &= nonNegative(e + " (level)", p.level());
            if (ok) {
                unique(e, stock.putIfAbsent(new StockpileYear(p.stockpile(), p.year()), p));
            }
        }
    }

    /** Whether the entry can be placed; reports a year outside Y or a bad tonnage. */
    private boolean known(String entry, int year, double tonnes, boolean... idsKnown) {
        boolean ok = true;
        for (boolean k : idsKnown) {
            ok &= k;
        }
        if (!horizon.contains(year)) {
            violations.add(where + ": " + entry + ": year outside the horizon " + horizon.start() + "–"
                    + horizon.last());
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
        return present(entry, "mine", id, mineIds.contains(id));
    }

    private boolean refinery(String entry, String id) {
        return present(entry, "refinery", id, refineryIds.contains(id));
    }

    private boolean buyer(String entry, String id) {
        return present(entry, "buyer", id, buyerIds.contains(id));
    }

    private boolean element(String entry, String id) {
        return present(entry, "element", id, elementIds.contains(id));
    }

    private boolean contract(String entry, String id) {
        return present(entry, "contract", id, contractIds.contains(id));
    }

    private boolean stockpile(String entry, String id) {
        return present(entry, "stockpile", id, stockpileIds.contains(id));
    }

    private boolean present(String entry, String kind, String id, boolean known) {
        if (!known) {
            violations.add(where + ": " + entry + ": unknown " + kind + " " + id);
        }
        return known;
    }
}

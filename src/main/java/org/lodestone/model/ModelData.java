package org.lodestone.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Country;
import org.lodestone.domain.Element;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.ExportControl;
import org.lodestone.domain.Facility;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Lanes;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.Tariff;

/**
 * The instance turned into dense arrays the model builder can index: countries, elements and
 * facilities by position, scenario factors multiplied out per year, export controls per
 * country pair. Facilities are numbered mines first, then refineries.
 */
final class ModelData {
    final Instance instance;
    final int years;
    final int start;
    final int scenarios;
    final List<Facility> facilities;
    final int mines;
    final Map<String, Integer> countryIndex = new HashMap<>();
    final Map<String, Integer> elementIndex = new HashMap<>();
    final Map<String, Integer> facilityIndex = new HashMap<>();
    final Map<String, Integer> buyerIndex = new HashMap<>();
    final int[] facilityCountry;
    final int[] buyerCountry;
    final double[] discount;
    /**
     * [s][f][t] capacity facility f can reach in year t of scenario s with the largest build, before
     * capacity factors: its capacity, plus maxModules × moduleSize × the largest ramp-up share a start
     * year can have reached by then, delays of s counted.
     */
    final double[][][] capacityBound;
    /** [s][f] D(s, f): the years by which builds of f come online late in scenario s (instance-reference.md §7.8). */
    final int[][] delay;
    /** [s][e][t] product of the matching price factors (instance-reference.md §7.6). */
    final double[][][] priceFactor;
    /** [b][e] indices of the stockpiles of buyer b and element e (instance-reference.md Rule 12); empty for most. */
    final int[][][] stockpiles;
    /** [s][f][t] product of matching capacity factors. */
    final double[][][] capacityFactor;
    /** [s][f][t] product of matching cost factors. */
    final double[][][] costFactor;
    /** [s][b][e][t] demand after demand factors; 0 for elements the buyer does not list. */
    final double[][][][] demand;
    final double[][] freight;
    final double[][] tariffRate;
    /** [s][t][from][to] concentrate may not go from a mine in {@code from} to a refinery in {@code to}. */
    final boolean[][][][] concentrateBlocked;
    /** [s][t][from][to][e] oxide of e may not go from a refinery in {@code from} to a buyer in {@code to}. */
    final boolean[][][][][] oxideBlocked;

    ModelData(Instance instance) {
        this.instance = instance;
        this.years = instance.horizon().years();
        this.start = instance.horizon().start();
        this.scenarios = instance.scenarios().size();
        this.mines = instance.mines().size();
        this.facilities = new java.util.ArrayList<>();
        facilities.addAll(instance.mines());
        facilities.addAll(instance.refineries());
        List<Country> countries = instance.countries();
        for (int c = 0; c < countries.size(); c++) {
            countryIndex.put(countries.get(c).id(), c);
        }
        List<Element> elements = instance.elements();
        for (int e = 0; e < elements.size(); e++) {
            elementIndex.put(elements.get(e).id(), e);
        }
        facilityCountry = new int[facilities.size()];
        for (int f = 0; f < facilities.size(); f++) {
            facilityIndex.put(facilities.get(f).id(), f);
            facilityCountry[f] = countryIndex.get(facilities.get(f).country());
        }
        for (int b = 0; b < instance.buyers().size(); b++) {
            buyerIndex.put(instance.buyers().get(b).id(), b);
        }
        buyerCountry = instance.buyers().stream().mapToInt(b -> countryIndex.get(b.country())).toArray();
        discount = new double[years];
        for (int t = 0; t < years; t++) {
            discount[t] = Math.pow(1 + instance.discountRate(), -t);
        }
        capacityFactor = new double[scenarios][][];
        costFactor = new double[scenarios][][];
        demand = new double[scenarios][][][];
        delay = new int[scenarios][facilities.size()];
        capacityBound = new double[scenarios][facilities.size()][];
        priceFactor = new double[scenarios][elements.size()][years];
        for (int s = 0; s < scenarios; s++) {
            Scenario sc = instance.scenarios().get(s);
            capacityFactor[s] = facilityFactors(sc.capacityFactors());
            costFactor[s] = facilityFactors(sc.costFactors());
            demand[s] = demands(sc.demandFactors());
            for (int f = 0; f < facilities.size(); f++) {
                delay[s][f] = sc.delay(facilities.get(f));
                capacityBound[s][f] = capacityBound(facilities.get(f), delay[s][f]);
            }
            for (int e = 0; e < elements.size(); e++) {
                for (int t = 0; t < years; t++) {
                    priceFactor[s][e][t] = sc.priceFactor(elements.get(e).id(), year(t));
                }
            }
        }
        stockpiles = new int[instance.buyers().size()][elements.size()][];
        for (int[][] byElement : stockpiles) {
            java.util.Arrays.fill(byElement, new int[0]);
        }
        for (int p = 0; p < instance.stockpiles().size(); p++) {
            Stockpile stockpile = instance.stockpiles().get(p);
            int b = buyer(stockpile.buyer());
            int e = element(stockpile.element());
            stockpiles[b][e] = java.util.Arrays.copyOf(stockpiles[b][e], stockpiles[b][e].length + 1);
            stockpiles[b][e][stockpiles[b][e].length - 1] = p;
        }
        int nc = countries.size();
        freight = new double[nc][nc];
        Lanes lanes = instance.lanes();
        for (int a = 0; a < nc; a++) {
            for (int b = 0; b < nc; b++) {
                freight[a][b] = a == b ? lanes.domestic() : lanes.defaultCost();
            }
        }
        for (Lanes.Route route : lanes.routes()) {
            int a = countryIndex.get(route.a());
            int b = countryIndex.get(route.b());
            freight[a][b] = route.cost();
            freight[b][a] = route.cost();
        }
        tariffRate = new double[nc][nc];
        for (Tariff tariff : instance.tariffs()) {
            tariffRate[countryIndex.get(tariff.from())][countryIndex.get(tariff.to())] += tariff.rate();
        }
        concentrateBlocked = new boolean[scenarios][years][nc][nc];
        oxideBlocked = new boolean[scenarios][years][nc][nc][elements.size()];
        for (int s = 0; s < scenarios; s++) {
            for (ExportControl control : instance.exportControls()) {
                block(s, control);
            }
            for (ExportControl control : instance.scenarios().get(s).exportControls()) {
                block(s, control);
            }
        }
    }

    private double[] capacityBound(Facility facility, int delay) {
        double[] bound = new double[years];
        for (int t = 0; t < years; t++) {
            bound[t] = facility.capacity().at(t);
        }
        if (facility.expansion().isEmpty()) {
            return bound;
        }
        Expansion x = facility.expansion().get();
        for (int tau = 0; tau < years; tau++) {
            if (x.canStartIn(year(tau))) {
                for (int t = tau + x.leadTime() + delay; t < years; t++) {
                    double share = x.rampUpShare(t - (tau + x.leadTime() + delay));
                    bound[t] = Math.max(bound[t], facility.capacity().at(t) + x.maxModules() * x.moduleSize() * share);
                }
            }
        }
        return bound;
    }

    int year(int t) {
        return start + t;
    }

    int country(String id) {
        return countryIndex.get(id);
    }

    int element(String id) {
        return elementIndex.get(id);
    }

    int facility(String id) {
        return facilityIndex.get(id);
    }

    String scenarioId(int s) {
        return instance.scenarios().get(s).id();
    }

    String countryId(int c) {
        return instance.countries().get(c).id();
    }

    String elementId(int e) {
        return instance.elements().get(e).id();
    }

    /** Capacity facility f can reach in year t of scenario s with the largest build, factors applied. */
    double capacityBound(int s, int f, int t) {
        return capacityBound[s][f][t] * capacityFactor[s][f][t];
    }

    /**
     * share(s, f, τ, t) of instance-reference.md Rule 10: the part of its nameplate capacity that a build of f
     * started in {@code startYear} gives in year t of scenario s, counted from its delayed online year.
     */
    double rampShare(int s, int f, int startYear, int t) {
        Expansion x = facilities.get(f).expansion().orElseThrow();
        return x.rampUpShare(year(t) - (startYear + x.leadTime() + delay[s][f]));
    }

    /** m(s, e, t) of instance-reference.md §7.6: the market price of e in year t of scenario s. */
    double marketPrice(int s, int e, int t) {
        return instance.elements().get(e).price().at(t) * priceFactor[s][e][t];
    }

    /** What a tonne of e sold as surplus earns in year t of scenario s: scaled by the price factors too. */
    double surplusPrice(int s, int e, int t) {
        return instance.elements().get(e).surplusPrice().at(t) * priceFactor[s][e][t];
    }

    /** The price of contract k per tonne in year t of scenario s: fixed, or indexed to a market price (Rule 9). */
    double contractPrice(int k, int s, int t) {
        Contract contract = instance.contracts().get(k);
        return contract.priceIndex().isEmpty() ? contract.price()
                : contract.price(marketPrice(s, element(contract.priceIndex().get().element()), t));
    }

    /**
     * What contract k owes in year t of scenario s where its facility is available: minPerYear,
     * times min(1, κ) for a contingent contract (instance-reference.md Rule 8).
     */
    double owedWhereAvailable(int k, int s, int t) {
        Contract contract = instance.contracts().get(k);
        if (!contract.contingent()) {
            return contract.minPerYear();
        }
        return contract.minPerYear() * Math.min(1, capacityFactor[s][facility(contract.facility())][t]);
    }

    /**
     * Whether what contract k owes in year t depends on what is built: a contingent contract on a
     * facility whose own capacity is 0 in t owes only as far as a build is online (Rule 8).
     */
    boolean owedIfOnline(int k, int t) {
        Contract contract = instance.contracts().get(k);
        return contract.contingent() && facilities.get(facility(contract.facility())).capacity().at(t) <= 0;
    }

    /** What contract k owes in year t of scenario s whatever is built: the least a signed one pays. */
    double owedWhatever(int k, int s, int t) {
        return owedIfOnline(k, t) ? 0 : owedWhereAvailable(k, s, t);
    }

    /**
     * Whether scenarios s and other agree in year t on what the rows a node shares read: demand and
     * export controls. Capacity, cost and price factors and delays may differ: the model writes what
     * reads them per member scenario.
     */
    boolean agree(int s, int other, int t) {
        for (int b = 0; b < demand[s].length; b++) {
            for (int e = 0; e < demand[s][b].length; e++) {
                if (demand[s][b][e][t] != demand[other][b][e][t]) {
                    return false;
                }
            }
        }
        return java.util.Arrays.deepEquals(concentrateBlocked[s][t], concentrateBlocked[other][t])
                && java.util.Arrays.deepEquals(oxideBlocked[s][t], oxideBlocked[other][t]);
    }

    int buyer(String id) {
        return buyerIndex.get(id);
    }

    double risk(int country) {
        return instance.countries().get(country).risk();
    }

    /** Spot cost of facility f in year t of scenario s, cost factors applied. */
    double spotCost(int s, int f, int t) {
        return facilities.get(f).cost().at(t) * costFactor[s][f][t];
    }

    /** Shortfall penalty of buyer b for element e: the buyer's override, else the element's. */
    double shortfallPenalty(Buyer buyer, int e) {
        Element element = instance.elements().get(e);
        return buyer.shortfallPenalty().getOrDefault(element.id(), element.shortfallPenalty());
    }

    private double[][] facilityFactors(List<Scenario.FacilityFactor> factors) {
        double[][] product = new double[facilities.size()][years];
        for (double[] row : product) {
            java.util.Arrays.fill(row, 1.0);
        }
        for (Scenario.FacilityFactor factor : factors) {
            for (int f = 0; f < facilities.size(); f++) {
                Facility facility = facilities.get(f);
                boolean matches = factor.facility().map(facility.id()::equals)
                        .orElse(factor.country().map(facility.country()::equals).orElse(true));
                if (!matches) {
                    continue;
                }
                for (int t = 0; t < years; t++) {
                    if (factor.years().contains(year(t))) {
                        product[f][t] *= factor.factor();
                    }
                }
            }
        }
        return product;
    }

    private double[][][] demands(List<Scenario.DemandFactor> factors) {
        List<Buyer> buyers = instance.buyers();
        int ne = instance.elements().size();
        double[][][] result = new double[buyers.size()][ne][years];
        for (int b = 0; b < buyers.size(); b++) {
            Buyer buyer = buyers.get(b);
            for (var entry : buyer.demand().entrySet()) {
                int e = element(entry.getKey());
                for (int t = 0; t < years; t++) {
                    double value = entry.getValue().at(t);
                    for (Scenario.DemandFactor factor : factors) {
                        boolean matches = factor.buyer().map(buyer.id()::equals).orElse(true)
                                && factor.element().map(entry.getKey()::equals).orElse(true)
                                && factor.years().contains(year(t));
                        if (matches) {
                            value *= factor.factor();
                        }
                    }
                    result[b][e][t] = value;
                }
            }
        }
        return result;
    }

    private void block(int s, ExportControl control) {
        int from = country(control.country());
        int nc = instance.countries().size();
        int ne = instance.elements().size();
        java.util.Set<String> allowed = control.allowedDestinations();
        for (int t = 0; t < years; t++) {
            if (!control.years().contains(year(t))) {
                continue;
            }
            for (int to = 0; to < nc; to++) {
                if (to == from || allowed.contains(instance.countries().get(to).id())) {
                    continue;
                }
                if (control.stage().concentrate()) {
                    concentrateBlocked[s][t][from][to] = true;
                }
                if (control.stage().oxide()) {
                    for (int e = 0; e < ne; e++) {
                        String id = instance.elements().get(e).id();
                        if (control.elements().map(set -> set.contains(id)).orElse(true)) {
                            oxideBlocked[s][t][from][to][e] = true;
                        }
                    }
                }
            }
        }
    }
}

package org.lodestone.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Country;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.Facility;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mandate;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Substitute;

/**
 * Instance → MIP, following model.md. One method per constraint family, named as the spec
 * names it. The formulation differs from the reference one in a single place, documented in
 * {@code models/formulation.md}: delivered oxide is pooled by refining country (and, for
 * buyers whose rules look at the mining country, by mining country too) instead of carrying
 * the mine and refinery of every tonne. {@link org.lodestone.plan.PlanExtractor} splits the
 * pools back to mines and refineries.
 */
public final class SourcingModel {

    /** Concentrate x(m, r, y) in scenario s; {@code mine}/{@code refinery} index the instance lists. */
    public record Ship(int scenario, int year, int mine, int refinery, int column) {}

    /**
     * Oxide delivered to a buyer from one pool: refining country, and mining country or −1 when
     * the buyer's rules do not look at it.
     */
    public record Delivery(int scenario, int year, int buyer, int element, int miningCountry, int refiningCountry,
                           int column) {}

    /** Oxide sold as surplus from the refineries of one country. */
    public record Surplus(int scenario, int year, int refiningCountry, int element, int column) {}

    /** Demand avoided by one substitute. */
    public record Substitution(int scenario, int year, int buyer, int element, Substitute substitute,
                               int column) {}

    public record Shortfall(int scenario, int year, int buyer, int element, int column) {}

    /** A contract in one year of its window: tonnes taken (−1 when none can be) and tonnes paid. */
    public record ContractYear(int scenario, int year, int contract, int takenColumn, int paidColumn) {}

    /**
     * Construction starting in {@code startYear}: a binary "starts" and the modules built
     * (the same column when at most one module may be built).
     */
    public record BuildStart(int facility, int startYear, int startsColumn, int modulesColumn) {}

    /** The choice to hold an optional contract. */
    public record Hold(int contract, int column) {}

    /** The demand row of a buyer, element and year: its dual is the marginal cost of a tonne demanded. */
    public record DemandRow(int scenario, int year, int buyer, int element, int row) {}

    /** The capacity row of a facility (index into mines then refineries) in a year. */
    public record CapacityRow(int scenario, int year, int facility, int row) {}

    private final ModelData data;
    private final Instance instance;
    private final MipModel mip = new MipModel();
    private final List<Ship> ships = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Surplus> surpluses = new ArrayList<>();
    private final List<Substitution> substitutions = new ArrayList<>();
    private final List<Shortfall> shortfalls = new ArrayList<>();
    private final List<ContractYear> contractYears = new ArrayList<>();
    private final List<BuildStart> buildStarts = new ArrayList<>();
    private final List<Hold> holds = new ArrayList<>();
    private final List<DemandRow> demandRows = new ArrayList<>();
    private final List<CapacityRow> capacityRows = new ArrayList<>();
    private final CostTerms costs = new CostTerms();

    /** [f] build starts of facility f. */
    private final List<List<BuildStart>> startsByFacility = new ArrayList<>();
    /** [k] column of "contract k is held", −1 when signed (always held). */
    private final int[] holdColumn;
    /** [f][t] capacity the facility can reach in year t with the largest build, before factors. */
    private final double[][] capacityBound;
    /** Buyers whose mandate or country-share cap looks at the mining country. */
    private final boolean[] originSensitive;

    private SourcingModel(Instance instance) {
        this.instance = instance;
        this.data = new ModelData(instance);
        this.holdColumn = new int[instance.contracts().size()];
        Arrays.fill(holdColumn, -1);
        this.capacityBound = new double[data.facilities.size()][data.years];
        this.originSensitive = new boolean[instance.buyers().size()];
        for (int b = 0; b < originSensitive.length; b++) {
            Buyer buyer = instance.buyers().get(b);
            boolean capped = buyer.maxCountryShare().map(sigma -> sigma < 1).orElse(false);
            boolean minedMandate = buyer.mandate().map(m -> m.mining() && m.minShare().max() > 0).orElse(false);
            originSensitive[b] = capped || minedMandate;
        }
    }

    /** Builds the whole MIP of an instance. */
    public static SourcingModel build(Instance instance) {
        SourcingModel model = new SourcingModel(instance);
        model.expansions();
        model.optionalContracts();
        model.bankability();
        for (int s = 0; s < model.data.scenarios; s++) {
            for (int t = 0; t < model.data.years; t++) {
                model.buildYear(s, t);
            }
        }
        model.riskBudget();
        return model;
    }

    private void buildYear(int s, int t) {
        List<Ship> yearShips = shipments(s, t);
        mineCapacity(s, t, yearShips);
        refineryCapacity(s, t, yearShips);
        contracts(s, t, yearShips);
        List<Delivery> yearDeliveries = separationAndDelivery(s, t, yearShips);
        demand(s, t, yearDeliveries);
        mandates(s, t, yearDeliveries);
        countryShareCaps(s, t, yearDeliveries);
    }

    // ---------------------------------------------------------------- first stage

    /**
     * §1 Expansion: construction may start in at most one year τ of [earliestStart,
     * latestStart] ∩ Y with 1..maxModules modules; capex in τ, fixed opex from τ + leadTime on.
     */
    private void expansions() {
        for (int f = 0; f < data.facilities.size(); f++) {
            Facility facility = data.facilities.get(f);
            startsByFacility.add(new ArrayList<>());
            for (int t = 0; t < data.years; t++) {
                capacityBound[f][t] = facility.capacity().at(t);
            }
            if (facility.expansion().isEmpty()) {
                continue;
            }
            Expansion x = facility.expansion().get();
            Expr oneStart = new Expr();
            for (int tau = 0; tau < data.years; tau++) {
                int startYear = data.year(tau);
                if (!x.canStartIn(startYear)) {
                    continue;
                }
                String name = facility.id() + "," + startYear;
                double opex = 0;
                for (int t = tau + x.leadTime(); t < data.years; t++) {
                    opex += data.discount[t] * x.fixedOpexPerYear();
                    capacityBound[f][t] = facility.capacity().at(t) + x.maxModules() * x.moduleSize();
                }
                int startsColumn;
                int modules;
                if (x.maxModules() == 1) {
                    startsColumn = mip.addVariable("build[" + name + "]", 0, 1, true, 0);
                    modules = startsColumn;
                } else {
                    startsColumn = mip.addVariable("starts[" + name + "]", 0, 1, true, 0);
                    modules = mip.addVariable("modules[" + name + "]", 0, x.maxModules(), true, 0);
                    mip.addRow("modulesIfStarted[" + name + "]", Double.NEGATIVE_INFINITY,
                            new Expr().add(modules, 1).add(startsColumn, -x.maxModules()), 0);
                    mip.addRow("startsWithModule[" + name + "]", Double.NEGATIVE_INFINITY,
                            new Expr().add(startsColumn, 1).add(modules, -1), 0);
                }
                cost(startsColumn, CostPart.CAPEX, -1, data.discount[tau] * x.capexFixed());
                cost(modules, CostPart.CAPEX, -1, data.discount[tau] * x.capexPerModule());
                cost(startsColumn, CostPart.FIXED_OPEX, -1, opex);
                BuildStart build = new BuildStart(f, startYear, startsColumn, modules);
                buildStarts.add(build);
                startsByFacility.get(f).add(build);
                oneStart.add(startsColumn, 1);
            }
            if (oneStart.size() > 1) {
                mip.addRow("oneStart[" + facility.id() + "]", Double.NEGATIVE_INFINITY, oneStart, 1);
            }
        }
    }

    /** An optional contract is held or not, once for all scenarios; holding it costs its signingCost. */
    private void optionalContracts() {
        List<Contract> contracts = instance.contracts();
        for (int k = 0; k < contracts.size(); k++) {
            Contract contract = contracts.get(k);
            if (contract.signed()) {
                continue;
            }
            int column = mip.addVariable("hold[" + contract.id() + "]", 0, 1, true, 0);
            cost(column, CostPart.SIGNING, -1, contract.signingCost());
            holdColumn[k] = column;
            holds.add(new Hold(k, column));
        }
    }

    /**
     * §1 requiresOfftake β: a build of n modules needs Σ minPerYear of the held contracts on
     * the facility ≥ β × n × moduleSize, whatever their windows.
     */
    private void bankability() {
        List<List<Contract>> byFacility = data.contractsByFacility();
        for (int f = 0; f < data.facilities.size(); f++) {
            Facility facility = data.facilities.get(f);
            List<BuildStart> starts = startsByFacility.get(f);
            if (starts.isEmpty() || facility.expansion().get().requiresOfftake() <= 0) {
                continue;
            }
            Expansion x = facility.expansion().get();
            Expr row = new Expr();
            for (BuildStart build : starts) {
                row.add(build.modulesColumn(), x.requiresOfftake() * x.moduleSize());
            }
            for (Contract contract : byFacility.get(f)) {
                int k = instance.contracts().indexOf(contract);
                if (holdColumn[k] < 0) {
                    row.addConstant(-contract.minPerYear());
                } else {
                    row.add(holdColumn[k], -contract.minPerYear());
                }
            }
            mip.addRow("bankability[" + facility.id() + "]", Double.NEGATIVE_INFINITY, row, 0);
        }
    }

    // ---------------------------------------------------------------- second stage

    /** x(m, r, y): only on accepted ore types, outside concentrate export controls, where both ends have capacity. */
    private List<Ship> shipments(int s, int t) {
        List<Ship> result = new ArrayList<>();
        List<Mine> mines = instance.mines();
        List<Refinery> refineries = instance.refineries();
        String suffix = "," + data.year(t) + "," + scenarioId(s) + "]";
        for (int m = 0; m < mines.size(); m++) {
            Mine mine = mines.get(m);
            int cm = data.facilityCountry[m];
            if (capacityBound(s, m, t) <= 0) {
                continue;
            }
            for (int r = 0; r < refineries.size(); r++) {
                Refinery refinery = refineries.get(r);
                int fr = data.mines + r;
                int cr = data.facilityCountry[fr];
                if (!refinery.accepts(mine.oreType()) || data.concentrateBlocked[s][t][cm][cr]
                        || capacityBound(s, fr, t) <= 0) {
                    continue;
                }
                int column = mip.addVariable("ship[" + mine.id() + "," + refinery.id() + suffix, 0,
                        Double.POSITIVE_INFINITY, false, 0);
                double delta = data.discount[t];
                cost(column, CostPart.MINING, s, delta * data.spotCost(s, m, t));
                cost(column, CostPart.REFINING, s, delta * data.spotCost(s, fr, t));
                cost(column, CostPart.FREIGHT, s, delta * data.freight[cm][cr]);
                cost(column, CostPart.RISK, s, data.risk(cm) + data.risk(cr));
                Ship ship = new Ship(s, t, m, r, column);
                result.add(ship);
                ships.add(ship);
            }
        }
        return result;
    }

    /** §3.1 Mine: Σ_r x(m, r, y) ≤ capacity of m in y (existing plus built, times capacity factors). */
    private void mineCapacity(int s, int t, List<Ship> yearShips) {
        Expr[] rows = new Expr[instance.mines().size()];
        for (Ship ship : yearShips) {
            rows[ship.mine()] = add(rows[ship.mine()], ship.column(), 1);
        }
        for (int m = 0; m < rows.length; m++) {
            capacityRow("mineCapacity", s, t, m, rows[m]);
        }
    }

    /** §3.2 Refinery: Σ_m x(m, r, y) ≤ capacity of r in y. */
    private void refineryCapacity(int s, int t, List<Ship> yearShips) {
        Expr[] rows = new Expr[instance.refineries().size()];
        for (Ship ship : yearShips) {
            rows[ship.refinery()] = add(rows[ship.refinery()], ship.column(), 1);
        }
        for (int r = 0; r < rows.length; r++) {
            capacityRow("refineryCapacity", s, t, data.mines + r, rows[r]);
        }
    }

    private void capacityRow(String family, int s, int t, int f, Expr throughput) {
        if (throughput == null) {
            return;
        }
        Facility facility = data.facilities.get(f);
        double factor = data.capacityFactor[s][f][t];
        int year = data.year(t);
        for (BuildStart build : startsByFacility.get(f)) {
            if (build.startYear() + facility.expansion().get().leadTime() <= year) {
                throughput.add(build.modulesColumn(), -factor * facility.expansion().get().moduleSize());
            }
        }
        int row = mip.addRow(family + "[" + facility.id() + "," + year + "," + scenarioId(s) + "]",
                Double.NEGATIVE_INFINITY, throughput, factor * facility.capacity().at(t));
        capacityRows.add(new CapacityRow(s, t, f, row));
    }

    /**
     * §3.6 Contracts (take-or-pay): a held contract takes up to maxPerYear of its facility's
     * throughput at its price instead of spot; it pays price × max(taken, minPerYear).
     */
    private void contracts(int s, int t, List<Ship> yearShips) {
        List<Contract> contracts = instance.contracts();
        Expr[] throughput = new Expr[data.facilities.size()];
        for (Ship ship : yearShips) {
            throughput[ship.mine()] = add(throughput[ship.mine()], ship.column(), -1);
            int fr = data.mines + ship.refinery();
            throughput[fr] = add(throughput[fr], ship.column(), -1);
        }
        Expr[] taken = new Expr[data.facilities.size()];
        int year = data.year(t);
        double delta = data.discount[t];
        String suffix = "," + year + "," + scenarioId(s) + "]";
        for (int k = 0; k < contracts.size(); k++) {
            Contract contract = contracts.get(k);
            if (!contract.window().contains(year)) {
                continue;
            }
            int f = data.facility(contract.facility());
            int hold = holdColumn[k];
            double most = Math.min(contract.maxPerYear(), throughput[f] == null ? 0 : capacityBound(s, f, t));
            int takenColumn = -1;
            if (most > 0) {
                takenColumn = mip.addVariable("taken[" + contract.id() + suffix, 0,
                        hold < 0 ? most : Double.POSITIVE_INFINITY, false, 0);
                CostPart spot = f < data.mines ? CostPart.MINING : CostPart.REFINING;
                cost(takenColumn, spot, s, -delta * data.spotCost(s, f, t));
                if (hold >= 0) {
                    mip.addRow("takenIfHeld[" + contract.id() + suffix, Double.NEGATIVE_INFINITY,
                            new Expr().add(takenColumn, 1).add(hold, -most), 0);
                }
                taken[f] = add(taken[f], takenColumn, 1);
            }
            int paidColumn = mip.addVariable("paid[" + contract.id() + suffix,
                    hold < 0 ? contract.minPerYear() : 0, Double.POSITIVE_INFINITY, false, 0);
            cost(paidColumn, CostPart.CONTRACTS, s, delta * contract.price());
            if (takenColumn >= 0) {
                mip.addRow("takeOrPay[" + contract.id() + suffix, 0,
                        new Expr().add(paidColumn, 1).add(takenColumn, -1), Double.POSITIVE_INFINITY);
            }
            if (hold >= 0 && contract.minPerYear() > 0) {
                mip.addRow("minimumPayment[" + contract.id() + suffix, 0,
                        new Expr().add(paidColumn, 1).add(hold, -contract.minPerYear()), Double.POSITIVE_INFINITY);
            }
            contractYears.add(new ContractYear(s, t, k, takenColumn, paidColumn));
        }
        for (int f = 0; f < taken.length; f++) {
            if (taken[f] == null) {
                continue;
            }
            Expr row = taken[f];
            Expr out = throughput[f];
            for (int i = 0; i < out.size(); i++) {
                row.add(out.column(i), out.coefficient(i));
            }
            mip.addRow("contractThroughput[" + data.facilities.get(f).id() + suffix, Double.NEGATIVE_INFINITY,
                    row, 0);
        }
    }

    /**
     * §3.3 Separation with chain of custody, aggregated: oxide of element e available in a
     * refining country is Σ recovery × basket × x over its refineries; deliveries and surplus
     * draw from it, and deliveries to origin-sensitive buyers also draw from the part mined in
     * each country. Also creates the delivery and surplus variables (outside oxide export controls).
     */
    private List<Delivery> separationAndDelivery(int s, int t, List<Ship> yearShips) {
        int nc = instance.countries().size();
        int ne = instance.elements().size();
        int year = data.year(t);
        String suffix = "," + year + "," + scenarioId(s) + "]";
        // oxide available per (mining country, refining country, element) as −Σ yield × x
        Expr[][][] minedPool = new Expr[nc][nc][];
        boolean[][] pooled = new boolean[nc][ne];
        for (Ship ship : yearShips) {
            Mine mine = instance.mines().get(ship.mine());
            Refinery refinery = instance.refineries().get(ship.refinery());
            int cm = data.facilityCountry[ship.mine()];
            int cr = data.facilityCountry[data.mines + ship.refinery()];
            for (var share : mine.basket().entrySet()) {
                double yield = share.getValue() * refinery.recovery(share.getKey());
                if (yield <= 0) {
                    continue;
                }
                int e = data.element(share.getKey());
                if (minedPool[cm][cr] == null) {
                    minedPool[cm][cr] = new Expr[ne];
                }
                minedPool[cm][cr][e] = add(minedPool[cm][cr][e], ship.column(), -yield);
                pooled[cr][e] = true;
            }
        }
        List<Delivery> result = new ArrayList<>();
        Expr[][] drawn = new Expr[nc][ne];
        Expr[][][] minedDrawn = new Expr[nc][nc][];
        List<Buyer> buyers = instance.buyers();
        double delta = data.discount[t];
        for (int b = 0; b < buyers.size(); b++) {
            Buyer buyer = buyers.get(b);
            int cb = data.buyerCountry[b];
            for (int e = 0; e < ne; e++) {
                if (data.demand[s][b][e][t] <= 0) {
                    continue;
                }
                String element = instance.elements().get(e).id();
                double tariffPrice = instance.elements().get(e).price().at(t);
                for (int cr = 0; cr < nc; cr++) {
                    if (!pooled[cr][e] || data.oxideBlocked[s][t][cr][cb][e]) {
                        continue;
                    }
                    double unitCost = delta * data.freight[cr][cb];
                    double unitTariff = delta * data.tariffRate[cr][cb] * tariffPrice;
                    String refined = countryId(cr) + "," + buyer.id() + "," + element + suffix;
                    if (!originSensitive[b]) {
                        int column = mip.addVariable("deliver[*," + refined, 0, Double.POSITIVE_INFINITY, false, 0);
                        cost(column, CostPart.FREIGHT, s, unitCost);
                        cost(column, CostPart.TARIFFS, s, unitTariff);
                        drawn[cr][e] = add(drawn[cr][e], column, 1);
                        result.add(new Delivery(s, t, b, e, -1, cr, column));
                        continue;
                    }
                    for (int cm = 0; cm < nc; cm++) {
                        if (minedPool[cm][cr] == null || minedPool[cm][cr][e] == null) {
                            continue;
                        }
                        int column = mip.addVariable("deliver[" + countryId(cm) + "," + refined, 0,
                                Double.POSITIVE_INFINITY, false, 0);
                        cost(column, CostPart.FREIGHT, s, unitCost);
                        cost(column, CostPart.TARIFFS, s, unitTariff);
                        drawn[cr][e] = add(drawn[cr][e], column, 1);
                        if (minedDrawn[cm][cr] == null) {
                            minedDrawn[cm][cr] = new Expr[ne];
                        }
                        minedDrawn[cm][cr][e] = add(minedDrawn[cm][cr][e], column, 1);
                        result.add(new Delivery(s, t, b, e, cm, cr, column));
                    }
                }
            }
        }
        for (int cr = 0; cr < nc; cr++) {
            for (int e = 0; e < ne; e++) {
                if (!pooled[cr][e]) {
                    continue;
                }
                String where = countryId(cr) + "," + instance.elements().get(e).id() + suffix;
                double surplusPrice = instance.elements().get(e).surplusPrice().at(t);
                Expr row = drawn[cr][e];
                if (surplusPrice > 0) {
                    int column = mip.addVariable("surplus[" + where, 0, Double.POSITIVE_INFINITY, false, 0);
                    cost(column, CostPart.SURPLUS_REVENUE, s, delta * surplusPrice);
                    surpluses.add(new Surplus(s, t, cr, e, column));
                    row = add(row, column, 1);
                }
                if (row == null) {
                    continue;
                }
                for (int cm = 0; cm < nc; cm++) {
                    Expr available = minedPool[cm][cr] == null ? null : minedPool[cm][cr][e];
                    if (available == null) {
                        continue;
                    }
                    Expr mined = minedDrawn[cm][cr] == null ? null : minedDrawn[cm][cr][e];
                    if (mined == null) {
                        appendTo(row, available);
                        continue;
                    }
                    String minedWhere = countryId(cm) + "," + where;
                    if (available.size() > 1) {
                        // both rows below need this sum: name it once instead of writing it twice
                        int oxide = mip.addVariable("oxide[" + minedWhere, 0, Double.POSITIVE_INFINITY, false, 0);
                        mip.addRow("oxideMined[" + minedWhere, 0, available.add(oxide, 1), 0);
                        available = new Expr().add(oxide, -1);
                    }
                    appendTo(row, available);
                    appendTo(mined, available);
                    mip.addRow("chainOfCustody[" + minedWhere, Double.NEGATIVE_INFINITY, mined, 0);
                }
                mip.addRow("chainOfCustody[" + where, Double.NEGATIVE_INFINITY, row, 0);
            }
        }
        deliveries.addAll(result);
        return result;
    }

    /**
     * §3.4 Demand: delivered + avoided by substitutes + shortfall = demand (after demand
     * factors); each substitute avoids at most maxShare × demand from its fromYear on.
     */
    private void demand(int s, int t, List<Delivery> yearDeliveries) {
        List<Buyer> buyers = instance.buyers();
        int ne = instance.elements().size();
        Expr[][] rows = new Expr[buyers.size()][ne];
        for (Delivery d : yearDeliveries) {
            rows[d.buyer()][d.element()] = add(rows[d.buyer()][d.element()], d.column(), 1);
        }
        int year = data.year(t);
        double delta = data.discount[t];
        for (int b = 0; b < buyers.size(); b++) {
            Buyer buyer = buyers.get(b);
            for (int e = 0; e < ne; e++) {
                double demand = data.demand[s][b][e][t];
                if (demand <= 0) {
                    continue;
                }
                String element = instance.elements().get(e).id();
                String where = buyer.id() + "," + element + "," + year + "," + scenarioId(s) + "]";
                Expr row = rows[b][e] == null ? new Expr() : rows[b][e];
                List<Substitute> subs = buyer.substitutes();
                for (int j = 0; j < subs.size(); j++) {
                    Substitute sub = subs.get(j);
                    if (!sub.element().equals(element) || sub.fromYear() > year || sub.maxShare() <= 0) {
                        continue;
                    }
                    int column = mip.addVariable("substitute" + j + "[" + where, 0, sub.maxShare() * demand, false, 0);
                    cost(column, CostPart.SUBSTITUTION, s, delta * sub.cost());
                    substitutions.add(new Substitution(s, t, b, e, sub, column));
                    row.add(column, 1);
                }
                int shortfall = mip.addVariable("shortfall[" + where, 0, demand, false, 0);
                cost(shortfall, CostPart.SHORTFALL, s, delta * data.shortfallPenalty(buyer, e));
                shortfalls.add(new Shortfall(s, t, b, e, shortfall));
                row.add(shortfall, 1);
                int demandRow = mip.addRow("demand[" + where, demand, row, demand);
                demandRows.add(new DemandRow(s, t, b, e, demandRow));
            }
        }
    }

    /** §3.5 Mandate: compliant tonnes ≥ minShare × delivered tonnes, per buyer, element and year. */
    private void mandates(int s, int t, List<Delivery> yearDeliveries) {
        List<Buyer> buyers = instance.buyers();
        int ne = instance.elements().size();
        Expr[][] rows = new Expr[buyers.size()][ne];
        for (Delivery d : yearDeliveries) {
            Buyer buyer = buyers.get(d.buyer());
            if (buyer.mandate().isEmpty()) {
                continue;
            }
            Mandate mandate = buyer.mandate().get();
            double minShare = mandate.minShare().at(t);
            if (minShare <= 0) {
                continue;
            }
            double compliant = compliant(mandate, d) ? 1 : 0;
            rows[d.buyer()][d.element()] = add(rows[d.buyer()][d.element()], d.column(), compliant - minShare);
        }
        for (int b = 0; b < buyers.size(); b++) {
            for (int e = 0; e < ne; e++) {
                if (rows[b][e] != null) {
                    mip.addRow("mandate[" + buyers.get(b).id() + "," + instance.elements().get(e).id() + ","
                            + data.year(t) + "," + scenarioId(s) + "]", 0, rows[b][e], Double.POSITIVE_INFINITY);
                }
            }
        }
    }

    private boolean compliant(Mandate mandate, Delivery d) {
        List<Country> countries = instance.countries();
        boolean minedOk = !mandate.mining() || mandate.allows(countries.get(d.miningCountry()));
        boolean refinedOk = !mandate.refining() || mandate.allows(countries.get(d.refiningCountry()));
        return minedOk && refinedOk;
    }

    /**
     * §1 maxCountryShare σ: per buyer, element and year, no country accounts for more than σ
     * of the delivered tonnes, counted by mining country and by refining country.
     */
    private void countryShareCaps(int s, int t, List<Delivery> yearDeliveries) {
        List<Buyer> buyers = instance.buyers();
        int nc = instance.countries().size();
        int ne = instance.elements().size();
        List<List<Delivery>> byBuyerElement = new ArrayList<>();
        for (int i = 0; i < buyers.size() * ne; i++) {
            byBuyerElement.add(null);
        }
        for (Delivery d : yearDeliveries) {
            double sigma = buyers.get(d.buyer()).maxCountryShare().orElse(1.0);
            if (sigma >= 1) {
                continue;
            }
            int key = d.buyer() * ne + d.element();
            if (byBuyerElement.get(key) == null) {
                byBuyerElement.set(key, new ArrayList<>());
            }
            byBuyerElement.get(key).add(d);
        }
        String suffix = "," + data.year(t) + "," + scenarioId(s) + "]";
        for (int key = 0; key < byBuyerElement.size(); key++) {
            List<Delivery> list = byBuyerElement.get(key);
            if (list == null) {
                continue;
            }
            Buyer buyer = buyers.get(key / ne);
            double sigma = buyer.maxCountryShare().get();
            String where = buyer.id() + "," + instance.elements().get(key % ne).id();
            // total delivered, named once, so each cap row holds one country's tonnes and this total
            int total = mip.addVariable("delivered[" + where + suffix, 0, Double.POSITIVE_INFINITY, false, 0);
            Expr sum = new Expr().add(total, -1);
            for (Delivery d : list) {
                sum.add(d.column(), 1);
            }
            mip.addRow("deliveredTotal[" + where + suffix, 0, sum, 0);
            for (int c = 0; c < nc; c++) {
                Expr mined = new Expr();
                Expr refined = new Expr();
                for (Delivery d : list) {
                    if (d.miningCountry() == c) {
                        mined.add(d.column(), 1);
                    }
                    if (d.refiningCountry() == c) {
                        refined.add(d.column(), 1);
                    }
                }
                if (!mined.isEmpty()) {
                    mip.addRow("countryShareMined[" + where + "," + countryId(c) + suffix, Double.NEGATIVE_INFINITY,
                            mined.add(total, -sigma), 0);
                }
                if (!refined.isEmpty()) {
                    mip.addRow("countryShareRefined[" + where + "," + countryId(c) + suffix,
                            Double.NEGATIVE_INFINITY, refined.add(total, -sigma), 0);
                }
            }
        }
    }

    /** §3.8 Expected risk-tonnes ≤ riskBudget, when set. */
    private void riskBudget() {
        if (instance.riskBudget().isEmpty()) {
            return;
        }
        Expr row = new Expr();
        costs.forEach(CostPart.RISK, (column, scenario, amount) ->
                row.add(column, data.probability(scenario) * amount));
        mip.addRow("riskBudget", Double.NEGATIVE_INFINITY, row, instance.riskBudget().get());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Records that one unit of {@code column} costs {@code amount} in {@code part} (discounted;
     * in scenario {@code scenario}, or first stage when −1) and adds it to the objective:
     * first-stage terms as they are, scenario terms weighted by probability, risk times riskWeight.
     */
    private void cost(int column, CostPart part, int scenario, double amount) {
        if (amount == 0) {
            return;
        }
        costs.add(column, part, scenario, amount);
        double weight = scenario < 0 ? 1 : data.probability(scenario);
        double scale = part == CostPart.RISK ? instance.riskWeight() : part.sign();
        mip.addObjective(column, weight * scale * amount);
    }

    private double capacityBound(int s, int f, int t) {
        return capacityBound[f][t] * data.capacityFactor[s][f][t];
    }

    private String scenarioId(int s) {
        return instance.scenarios().get(s).id();
    }

    private String countryId(int c) {
        return instance.countries().get(c).id();
    }

    private static Expr add(Expr expr, int column, double value) {
        return (expr == null ? new Expr() : expr).add(column, value);
    }

    private static void appendTo(Expr target, Expr source) {
        for (int i = 0; i < source.size(); i++) {
            target.add(source.column(i), source.coefficient(i));
        }
    }

    // ---------------------------------------------------------------- read access

    public Instance instance() {
        return instance;
    }

    public MipModel mip() {
        return mip;
    }

    public CostTerms costTerms() {
        return costs;
    }

    public List<Ship> ships() {
        return ships;
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    public List<Surplus> surpluses() {
        return surpluses;
    }

    public List<Substitution> substitutions() {
        return substitutions;
    }

    public List<Shortfall> shortfalls() {
        return shortfalls;
    }

    public List<ContractYear> contractYears() {
        return contractYears;
    }

    public List<BuildStart> buildStarts() {
        return buildStarts;
    }

    public List<Hold> holds() {
        return holds;
    }

    public List<DemandRow> demandRows() {
        return demandRows;
    }

    public List<CapacityRow> capacityRows() {
        return capacityRows;
    }

    /** The facility with index f (mines first, then refineries), as in {@link BuildStart} and {@link CapacityRow}. */
    public Facility facility(int f) {
        return data.facilities.get(f);
    }

    /**
     * Fixes the first-stage decisions (builds and contract holds) to the given ones, leaving the
     * flows of every scenario free: the model of "this plan's investments, re-optimised".
     *
     * @param builds facility id → (start year, modules); facilities not listed are not built
     * @param held ids of the contracts held (signed ones are held whatever this says)
     * @throws IllegalArgumentException when a build is not one the model can represent
     */
    public void fixFirstStage(java.util.Map<String, int[]> builds, java.util.Set<String> held) {
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (BuildStart start : buildStarts) {
            String id = data.facilities.get(start.facility()).id();
            int[] build = builds.get(id);
            boolean here = build != null && build[0] == start.startYear();
            int modules = here ? build[1] : 0;
            mip.setBounds(start.startsColumn(), here ? 1 : 0, here ? 1 : 0);
            mip.setBounds(start.modulesColumn(), modules, modules);
            if (here) {
                placed.add(id);
            }
        }
        for (String id : builds.keySet()) {
            if (!placed.contains(id)) {
                throw new IllegalArgumentException("facility \"" + id + "\" cannot start construction in "
                        + builds.get(id)[0]);
            }
        }
        for (Hold hold : holds) {
            double value = held.contains(instance.contracts().get(hold.contract()).id()) ? 1 : 0;
            mip.setBounds(hold.column(), value, value);
        }
    }

    /** Whether contract k is held in a solution. */
    public boolean held(int contract, double[] values) {
        int column = holdColumn[contract];
        return column < 0 || values[column] > 0.5;
    }

    /** Whether deliveries to buyer b are pooled by mining country as well as refining country. */
    public boolean originSensitive(int buyer) {
        return originSensitive[buyer];
    }
}

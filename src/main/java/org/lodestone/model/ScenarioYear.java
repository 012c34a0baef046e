package org.lodestone.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.Substitute;
import org.lodestone.model.SourcingModel.ContractYear;
import org.lodestone.model.SourcingModel.Delivery;
import org.lodestone.model.SourcingModel.Ship;
import org.lodestone.model.SourcingModel.Shortfall;
import org.lodestone.model.SourcingModel.StockYear;
import org.lodestone.model.SourcingModel.Substitution;
import org.lodestone.model.SourcingModel.Surplus;

/**
 * The columns of one information node and year (second stage), with their cost terms, and what
 * the rows of that year need to find them. A node is one scenario, or the scenarios that cannot
 * be told apart yet in that year ({@link InformationNodes}): they share every operating column,
 * and each column records its cost terms once per member scenario, with that scenario's amount.
 * Only {@code paid} is a column per member. {@link SourcingModel} calls the column methods in the
 * order the columns are numbered, then writes the year's rows from what they left here; it keeps
 * the years of a scenario so that rows linking years can read the columns of every year.
 */
final class ScenarioYear {
    private final ModelData data;
    private final MipModel mip;
    private final CostTerms costs;

    /** The node's first scenario, whose data stands for all members where the data cannot differ. */
    final int scenario;
    /** The node's scenarios, by index, in instance order. */
    final int[] members;
    /** Year index t, 0 … years − 1. */
    final int t;
    /** The calendar year. */
    final int year;
    /** {@code ,year,node]}: how the name of every shared column and row of the year ends. */
    final String suffix;

    final List<Ship> ships = new ArrayList<>();
    /** [f] some shipment leaves or enters facility f. */
    final boolean[] shipped;
    final List<ContractYear> contracts = new ArrayList<>();
    final List<Delivery> deliveries = new ArrayList<>();
    /** [cm][cr][e] the oxide of a pool as −Σ yield × x over its shipments; null for a pool without any. */
    private final Expr[][][] minedPool;
    /** [cr][e] some shipment yields e in refining country cr. */
    private final boolean[][] pooled;
    /** [cr][e] the deliveries drawing on the oxide of e separated in cr, null when none. */
    final Expr[][] drawn;
    /** [cm][cr][e] the deliveries to origin-sensitive buyers drawing on one mining country's part of it. */
    private final Expr[][][] minedDrawn;
    final List<Surplus> surpluses = new ArrayList<>();
    /** [cr][e] the surplus column, −1 when none. */
    final int[][] surplusColumn;
    /** [cm][cr][e] the column naming a pool's oxide, −1 when the pool's sum is written out instead. */
    private final int[][][] oxideColumn;
    final List<Substitution> substitutions = new ArrayList<>();
    final List<Shortfall> shortfalls = new ArrayList<>();
    /** One per buyer with a country-share cap and element it receives, in buyer, element order. */
    final List<DeliveredTotal> deliveredTotals = new ArrayList<>();
    /** [b][e] the fills of the stockpiles of (b, e), null when none can be filled. */
    final Expr[][] filled;
    /** One per stockpile, in instance order. */
    final List<StockYear> stocks = new ArrayList<>();

    /** The {@code delivered} column of a capped buyer and element, and the deliveries it sums. */
    record DeliveredTotal(int buyer, int element, List<Delivery> deliveries, int column) {}

    /**
     * @param members the node's scenarios, the first being the one whose data stands for all
     * @param name the node as names show it ({@link InformationNodes#name})
     */
    ScenarioYear(ModelData data, MipModel mip, CostTerms costs, int[] members, String name, int t) {
        this.data = data;
        this.mip = mip;
        this.costs = costs;
        this.scenario = members[0];
        this.members = members;
        this.t = t;
        this.year = data.year(t);
        this.suffix = "," + year + "," + name + "]";
        int nc = data.instance.countries().size();
        int ne = data.instance.elements().size();
        this.shipped = new boolean[data.facilities.size()];
        this.minedPool = new Expr[nc][nc][];
        this.pooled = new boolean[nc][ne];
        this.drawn = new Expr[nc][ne];
        this.minedDrawn = new Expr[nc][nc][];
        this.surplusColumn = new int[nc][ne];
        for (int[] row : surplusColumn) {
            Arrays.fill(row, -1);
        }
        this.oxideColumn = new int[nc][nc][];
        this.filled = new Expr[data.instance.buyers().size()][ne];
    }

    /** {@code ,year,scenario]}: how the name of a column or row of member scenario s ends. */
    String suffix(int s) {
        return "," + year + "," + data.scenarioId(s) + "]";
    }

    /** Records the cost of one unit of {@code column} in every member scenario, each with its own amount. */
    private void cost(int column, CostPart part, IntToDoubleFunction amount) {
        for (int s : members) {
            costs.add(column, part, s, amount.applyAsDouble(s));
        }
    }

    /** The largest of a value over the member scenarios: what a shared column's bound must allow. */
    private double most(IntToDoubleFunction value) {
        double most = Double.NEGATIVE_INFINITY;
        for (int s : members) {
            most = Math.max(most, value.applyAsDouble(s));
        }
        return most;
    }

    // ---------------------------------------------------------------- columns, in the order they are numbered

    /** x(m, r, y): only on accepted ore types, outside concentrate export controls, where both ends have capacity. */
    void shipColumns() {
        List<Mine> mines = data.instance.mines();
        List<Refinery> refineries = data.instance.refineries();
        for (int m = 0; m < mines.size(); m++) {
            Mine mine = mines.get(m);
            int cm = data.facilityCountry[m];
            if (!reachable(m)) {
                continue;
            }
            for (int r = 0; r < refineries.size(); r++) {
                Refinery refinery = refineries.get(r);
                int fr = data.mines + r;
                int cr = data.facilityCountry[fr];
                if (!refinery.accepts(mine.oreType()) || data.concentrateBlocked[scenario][t][cm][cr]
                        || !reachable(fr)) {
                    continue;
                }
                int column = mip.addVariable("ship[" + mine.id() + "," + refinery.id() + suffix, 0,
                        Double.POSITIVE_INFINITY, false, 0);
                shipCosts(column, m, fr);
                ships.add(new Ship(scenario, t, m, r, column));
                shipped[m] = true;
                shipped[fr] = true;
            }
        }
    }

    /** Whether facility f can have capacity in the year, in some member scenario. */
    private boolean reachable(int f) {
        return most(s -> data.capacityBound(s, f, t)) > 0;
    }

    private void shipCosts(int column, int m, int fr) {
        double delta = data.discount[t];
        int cm = data.facilityCountry[m];
        int cr = data.facilityCountry[fr];
        cost(column, CostPart.MINING, s -> delta * data.spotCost(s, m, t));
        cost(column, CostPart.REFINING, s -> delta * data.spotCost(s, fr, t));
        cost(column, CostPart.FREIGHT, s -> delta * data.freight[cm][cr]);
        cost(column, CostPart.RISK, s -> data.risk(cm) + data.risk(cr));
    }

    /**
     * Rule 8 Contracts in their window: {@code taken} (at the contract price instead of spot, at
     * most the contract's reach), shared by the node, and {@code paid} per member scenario (at
     * least what a signed contract owes whatever is built, instance-reference.md Rule 8).
     *
     * @param holdColumn [k] the contract's hold column, −1 when it is signed
     */
    void contractColumns(int[] holdColumn) {
        double delta = data.discount[t];
        List<Contract> all = data.instance.contracts();
        for (int k = 0; k < all.size(); k++) {
            Contract contract = all.get(k);
            if (!contract.window().contains(year)) {
                continue;
            }
            int f = data.facility(contract.facility());
            boolean signed = holdColumn[k] < 0;
            double reach = reach(k);
            int takenColumn = -1;
            if (reach > 0) {
                takenColumn = mip.addVariable("taken[" + contract.id() + suffix, 0,
                        signed ? reach : Double.POSITIVE_INFINITY, false, 0);
                CostPart spot = f < data.mines ? CostPart.MINING : CostPart.REFINING;
                cost(takenColumn, spot, s -> -delta * data.spotCost(s, f, t));
            }
            for (int s : members) {
                int paidColumn = mip.addVariable("paid[" + contract.id() + suffix(s),
                        signed ? data.owedWhatever(k, s, t) : 0, Double.POSITIVE_INFINITY, false, 0);
                costs.add(paidColumn, CostPart.CONTRACTS, s, delta * data.contractPrice(k, s, t));
                contracts.add(new ContractYear(s, t, k, takenColumn, paidColumn));
            }
        }
    }

    /**
     * Deliveries from each pool to each buyer with demand or a stockpile of the element, outside
     * oxide export controls: per refining country, and per mining country too for origin-sensitive
     * buyers.
     *
     * @param originSensitive [b] the buyer's deliveries are pooled by mining country as well
     */
    void deliveryColumns(boolean[] originSensitive) {
        oxidePools();
        int nc = data.instance.countries().size();
        int ne = data.instance.elements().size();
        List<Buyer> buyers = data.instance.buyers();
        double delta = data.discount[t];
        for (int b = 0; b < buyers.size(); b++) {
            int cb = data.buyerCountry[b];
            for (int e = 0; e < ne; e++) {
                if (data.demand[scenario][b][e][t] <= 0 && data.stockpiles[b][e].length == 0) {
                    continue;
                }
                for (int cr = 0; cr < nc; cr++) {
                    if (!pooled[cr][e] || data.oxideBlocked[scenario][t][cr][cb][e]) {
                        continue;
                    }
                    double unitCost = delta * data.freight[cr][cb];
                    double rate = delta * data.tariffRate[cr][cb];
                    int element = e;
                    IntToDoubleFunction unitTariff = s -> rate * data.marketPrice(s, element, t);
                    String refined = data.countryId(cr) + "," + buyers.get(b).id() + "," + data.elementId(e) + suffix;
                    if (!originSensitive[b]) {
                        delivery("*," + refined, b, e, -1, cr, unitCost, unitTariff);
                        continue;
                    }
                    for (int cm = 0; cm < nc; cm++) {
                        if (minedPool(cm, cr, e) != null) {
                            delivery(data.countryId(cm) + "," + refined, b, e, cm, cr, unitCost, unitTariff);
                        }
                    }
                }
            }
        }
    }

    /** The oxide each shipment yields, summed per pool (mining country, refining country, element). */
    private void oxidePools() {
        int ne = data.instance.elements().size();
        for (Ship ship : ships) {
            Mine mine = data.instance.mines().get(ship.mine());
            Refinery refinery = data.instance.refineries().get(ship.refinery());
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
                minedPool[cm][cr][e] = Expr.add(minedPool[cm][cr][e], ship.column(), -yield);
                pooled[cr][e] = true;
            }
        }
    }

    private void delivery(String name, int b, int e, int cm, int cr, double unitCost, IntToDoubleFunction unitTariff) {
        int column = mip.addVariable("deliver[" + name, 0, Double.POSITIVE_INFINITY, false, 0);
        cost(column, CostPart.FREIGHT, s -> unitCost);
        cost(column, CostPart.TARIFFS, unitTariff);
        drawn[cr][e] = Expr.add(drawn[cr][e], column, 1);
        if (cm >= 0) {
            if (minedDrawn[cm][cr] == null) {
                minedDrawn[cm][cr] = new Expr[data.instance.elements().size()];
            }
            minedDrawn[cm][cr][e] = Expr.add(minedDrawn[cm][cr][e], column, 1);
        }
        deliveries.add(new Delivery(scenario, t, b, e, cm, cr, column));
    }

    /**
     * Per pool of a refining country: surplus sold (when the element has a surplus price), and,
     * for each mining country's part that both chain-of-custody rows need and that holds more
     * than one shipment, a column naming its oxide so that the sum is written once.
     */
    void surplusAndOxideColumns() {
        int nc = data.instance.countries().size();
        int ne = data.instance.elements().size();
        for (int cr = 0; cr < nc; cr++) {
            for (int e = 0; e < ne; e++) {
                if (!pooled[cr][e]) {
                    continue;
                }
                if (data.instance.elements().get(e).surplusPrice().at(t) > 0) {
                    int column = mip.addVariable("surplus[" + pool(cr, e), 0, Double.POSITIVE_INFINITY, false, 0);
                    int element = e;
                    cost(column, CostPart.SURPLUS_REVENUE, s -> data.discount[t] * data.surplusPrice(s, element, t));
                    surpluses.add(new Surplus(scenario, t, cr, e, column));
                    surplusColumn[cr][e] = column;
                }
                if (!drawnOn(cr, e)) {
                    continue;
                }
                for (int cm = 0; cm < nc; cm++) {
                    Expr available = minedPool(cm, cr, e);
                    if (available == null || minedDrawn(cm, cr, e) == null || available.size() <= 1) {
                        continue;
                    }
                    if (oxideColumn[cm][cr] == null) {
                        oxideColumn[cm][cr] = new int[ne];
                        Arrays.fill(oxideColumn[cm][cr], -1);
                    }
                    oxideColumn[cm][cr][e] = mip.addVariable("oxide[" + data.countryId(cm) + "," + pool(cr, e), 0,
                            Double.POSITIVE_INFINITY, false, 0);
                }
            }
        }
    }

    /**
     * Per buyer and element with demand: what each substitute avoids (at most maxShare × demand,
     * from its fromYear on) and the shortfall (at most the demand).
     */
    void substituteAndShortfallColumns() {
        double delta = data.discount[t];
        List<Buyer> buyers = data.instance.buyers();
        for (int b = 0; b < buyers.size(); b++) {
            Buyer buyer = buyers.get(b);
            for (int e = 0; e < data.instance.elements().size(); e++) {
                double demand = data.demand[scenario][b][e][t];
                if (demand <= 0) {
                    continue;
                }
                String element = data.elementId(e);
                String where = buyer.id() + "," + element + suffix;
                List<Substitute> subs = buyer.substitutes();
                for (int j = 0; j < subs.size(); j++) {
                    Substitute sub = subs.get(j);
                    if (!sub.element().equals(element) || sub.fromYear() > year || sub.maxShare() <= 0) {
                        continue;
                    }
                    int column = mip.addVariable("substitute" + j + "[" + where, 0, sub.maxShare() * demand, false, 0);
                    cost(column, CostPart.SUBSTITUTION, s -> delta * sub.cost());
                    substitutions.add(new Substitution(scenario, t, b, e, sub, column));
                }
                int column = mip.addVariable("shortfall[" + where, 0, demand, false, 0);
                double penalty = delta * data.shortfallPenalty(buyer, e);
                cost(column, CostPart.SHORTFALL, s -> penalty);
                shortfalls.add(new Shortfall(scenario, t, b, e, column));
            }
        }
    }

    /** The total delivered to a buyer with a country-share cap, per element it receives. */
    void deliveredColumns() {
        List<Buyer> buyers = data.instance.buyers();
        int ne = data.instance.elements().size();
        List<List<Delivery>> byBuyerElement = new ArrayList<>();
        for (int i = 0; i < buyers.size() * ne; i++) {
            byBuyerElement.add(null);
        }
        for (Delivery d : deliveries) {
            if (buyers.get(d.buyer()).maxCountryShare().orElse(1.0) >= 1) {
                continue;
            }
            int key = d.buyer() * ne + d.element();
            if (byBuyerElement.get(key) == null) {
                byBuyerElement.set(key, new ArrayList<>());
            }
            byBuyerElement.get(key).add(d);
        }
        for (int key = 0; key < byBuyerElement.size(); key++) {
            List<Delivery> list = byBuyerElement.get(key);
            if (list != null) {
                int b = key / ne;
                int e = key % ne;
                int column = mip.addVariable("delivered[" + buyers.get(b).id() + "," + data.elementId(e) + suffix, 0,
                        Double.POSITIVE_INFINITY, false, 0);
                deliveredTotals.add(new DeliveredTotal(b, e, list, column));
            }
        }
    }

    /**
     * Per stockpile (instance-reference.md Rule 12): {@code fill} (where its buyer can receive the element),
     * {@code release} and the year-end {@code level}, at least minFinal in the last year; holding
     * cost on the level.
     */
    void stockColumns() {
        List<Stockpile> all = data.instance.stockpiles();
        boolean[][] delivered = new boolean[data.instance.buyers().size()][data.instance.elements().size()];
        for (Delivery d : deliveries) {
            delivered[d.buyer()][d.element()] = true;
        }
        double delta = data.discount[t];
        for (int p = 0; p < all.size(); p++) {
            Stockpile stockpile = all.get(p);
            int b = data.buyer(stockpile.buyer());
            int e = data.element(stockpile.element());
            String where = stockpile.id() + suffix;
            int fill = -1;
            if (delivered[b][e]) {
                fill = mip.addVariable("fill[" + where, 0, stockpile.maxFill().orElse(Double.POSITIVE_INFINITY), false,
                        0);
                filled[b][e] = Expr.add(filled[b][e], fill, 1);
            }
            int release = mip.addVariable("release[" + where, 0,
                    stockpile.maxRelease().orElse(Double.POSITIVE_INFINITY), false, 0);
            double lowest = t == data.years - 1 ? stockpile.minFinal() : 0;
            int level = mip.addVariable("level[" + where, lowest, stockpile.capacity(), false, 0);
            cost(level, CostPart.HOLDING, s -> delta * stockpile.holdingCost());
            stocks.add(new StockYear(scenario, t, p, fill, release, level));
        }
    }

    // ---------------------------------------------------------------- what the rows read

    /**
     * μ(k, s, t): the most contract k can take in the year, 0 when no shipment touches its facility;
     * for a node, the most over its members (each member's capacity row holds its own).
     */
    double reach(int k) {
        Contract contract = data.instance.contracts().get(k);
        int f = data.facility(contract.facility());
        return Math.min(contract.maxPerYear(), shipped[f] ? most(s -> data.capacityBound(s, f, t)) : 0);
    }

    /** The oxide of e mined in cm and separated in cr, as −Σ yield × x; null when no shipment yields it. */
    Expr minedPool(int cm, int cr, int e) {
        return minedPool[cm][cr] == null ? null : minedPool[cm][cr][e];
    }

    /** The deliveries to origin-sensitive buyers drawing on the pool (cm, cr, e); null when none. */
    Expr minedDrawn(int cm, int cr, int e) {
        return minedDrawn[cm][cr] == null ? null : minedDrawn[cm][cr][e];
    }

    /** The oxide column of the pool (cm, cr, e), −1 when its sum is written out instead. */
    int oxideColumn(int cm, int cr, int e) {
        return oxideColumn[cm][cr] == null ? -1 : oxideColumn[cm][cr][e];
    }

    /**
     * Whether some column draws on the oxide of e separated in cr, a delivery or the surplus;
     * either exists only where some shipment yields e in cr.
     */
    boolean drawnOn(int cr, int e) {
        return drawn[cr][e] != null || surplusColumn[cr][e] >= 0;
    }

    /** {@code refiningCountry,element,year,scenario]} */
    String pool(int cr, int e) {
        return data.countryId(cr) + "," + data.elementId(e) + suffix;
    }
}

package org.lodestone.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

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
import org.lodestone.domain.RiskAversion;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.Substitute;

/**
 * Instance → MIP, following instance-reference.md, in the order of an OR-Tools model: data ({@link ModelData}),
 * columns, rows, objective. {@link #build} is the table of contents; each row family of
 * {@code models/formulation.md} §4 is written by one method named as the family (the prefix of
 * its row names). Columns record their cost terms in {@link CostTerms}; the objective is
 * written once, at the end, from those terms ({@link #setObjective}).
 *
 * <p>The formulation differs from the reference one in a single place, documented in
 * {@code models/formulation.md}: delivered oxide is pooled by refining country (and, for
 * buyers whose rules look at the mining country, by mining country too) instead of carrying
 * the mine and refinery of every tonne. {@link org.lodestone.plan.PlanExtractor} splits the
 * pools back to mines and refineries.
 */
public final class SourcingModel {

    /*
     * The records below name a column of one scenario. Scenarios that cannot be told apart yet
     * share their columns (InformationNodes): each of them has its own record of the shared column,
     * so that everything read per scenario (the plan, analyses) reads the same values for all.
     */

    /** Concentrate x(m, r, y) in scenario s; {@code mine}/{@code refinery} index the instance lists. */
    public record Ship(int scenario, int year, int mine, int refinery, int column) {
        Ship in(int s) {
            return new Ship(s, year, mine, refinery, column);
        }
    }

    /**
     * Oxide delivered to a buyer from one pool: refining country, and mining country or −1 when
     * the buyer's rules do not look at it.
     */
    public record Delivery(int scenario, int year, int buyer, int element, int miningCountry, int refiningCountry,
                           int column) {
        Delivery in(int s) {
            return new Delivery(s, year, buyer, element, miningCountry, refiningCountry, column);
        }
    }

    /** Oxide sold as surplus from the refineries of one country. */
    public record Surplus(int scenario, int year, int refiningCountry, int element, int column) {
        Surplus in(int s) {
            return new Surplus(s, year, refiningCountry, element, column);
        }
    }

    /** Demand avoided by one substitute. */
    public record Substitution(int scenario, int year, int buyer, int element, Substitute substitute,
                               int column) {
        Substitution in(int s) {
            return new Substitution(s, year, buyer, element, substitute, column);
        }
    }

    public record Shortfall(int scenario, int year, int buyer, int element, int column) {
        Shortfall in(int s) {
            return new Shortfall(s, year, buyer, element, column);
        }
    }

    /**
     * A stockpile in one year (instance-reference.md Rule 12): tonnes filled ({@code fillColumn} −1 where the
     * buyer can receive none of the element), released, and the level at the end of the year.
     */
    public record StockYear(int scenario, int year, int stockpile, int fillColumn, int releaseColumn,
                            int levelColumn) {
        StockYear in(int s) {
            return new StockYear(s, year, stockpile, fillColumn, releaseColumn, levelColumn);
        }
    }

    /**
     * A contract in one year of its window: tonnes taken (−1 when none can be), shared by the
     * scenarios of a node, and tonnes paid, the scenario's own.
     */
    public record ContractYear(int scenario, int year, int contract, int takenColumn, int paidColumn) {}

    /**
     * Construction starting in {@code startYear}: a binary "starts" and the modules built
     * (the same column when at most one module may be built).
     */
    public record BuildStart(int facility, int startYear, int startsColumn, int modulesColumn) {}

    /** The choice to hold an optional contract. */
    public record Hold(int contract, int column) {}

    /**
     * The demand row of a buyer, element and year: its dual is the marginal cost of a tonne demanded.
     * One row serves every scenario of a node, and is recorded once, under the node's first scenario.
     */
    public record DemandRow(int scenario, int year, int buyer, int element, int row) {}

    /**
     * The capacity row of a facility (index into mines then refineries) in a year; where scenarios
     * of a node have the same row it is written and recorded once, under the first of them.
     */
    public record CapacityRow(int scenario, int year, int facility, int row) {}

    private final ModelData data;
    private final Instance instance;
    /**
     * USD in one unit of the CVaR columns η and z. A {@code cvarExcess} row sums a whole scenario's
     * cost, 1e9–1e10 USD on realistic instances: in USD no solver can hold it to a feasibility
     * tolerance of 1e-6 (SCIP's LP fails on g2-tiny-2), in millions it is a number like the others.
     */
    static final double TAIL_UNIT = 1e6;

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
    private final List<StockYear> stockYears = new ArrayList<>();
    private final CostTerms costs = new CostTerms();
    private final InformationNodes nodes;
    /** [s][t] the year t of scenario s where s is the first scenario of its node, else null. */
    private final ScenarioYear[][] built;
    /** Column η of CVaR (instance-reference.md §10.6), −1 when the objective is risk-neutral. */
    private int etaColumn = -1;
    /** [s] column z(s), the cost of scenario s above η; empty when the objective is risk-neutral. */
    private int[] excessColumns = new int[0];

    /** [f] build starts of facility f. */
    private final List<List<BuildStart>> startsByFacility = new ArrayList<>();
    /** [k] column of "contract k is held", −1 when signed (always held). */
    private final int[] holdColumn;
    /** Buyers whose mandate or country-share cap looks at the mining country. */
    private final boolean[] originSensitive;
    /** The {@code riskBudget} row, −1 when the model has none. */
    private int riskBudgetRow = -1;
    /** Rows the analyses add and relax in place (bounds ±∞ when off), −1 until first asked for. */
    private int serviceFloorRow = -1;
    private int costCapRow = -1;

    private SourcingModel(Instance instance) {
        this.instance = instance;
        this.data = new ModelData(instance);
        this.nodes = new InformationNodes(instance);
        this.built = new ScenarioYear[data.scenarios][data.years];
        this.holdColumn = new int[instance.contracts().size()];
        Arrays.fill(holdColumn, -1);
        this.originSensitive = new boolean[instance.buyers().size()];
        for (int b = 0; b < originSensitive.length; b++) {
            Buyer buyer = instance.buyers().get(b);
            boolean capped = buyer.maxCountryShare().map(sigma -> sigma < 1).orElse(false);
            boolean minedMandate = buyer.mandate().map(m -> m.mining() && m.minShare().max() > 0).orElse(false);
            originSensitive[b] = capped || minedMandate;
        }
    }

    /**
     * Builds the whole MIP of an instance: the first stage, then every scenario year by year,
     * then the rows over all scenarios, and last the objective from the cost terms recorded on
     * the way. The order in which columns and rows are added is part of the model: solvers
     * search in that order, so it decides which of several optimal plans they return.
     */
    public static SourcingModel build(Instance instance) {
        SourcingModel model = new SourcingModel(instance);
        model.firstStage();
        for (int s = 0; s < model.data.scenarios; s++) {
            List<ScenarioYear> years = new ArrayList<>();
            for (int t = 0; t < model.data.years; t++) {
                years.add(model.scenarioYear(s, t));
            }
            model.rowsLinkingYears(s, years);
        }
        instance.riskAversion().filter(RiskAversion::changesObjective).ifPresent(model::tailCost);
        instance.riskBudget().ifPresent(model::riskBudget);
        model.setObjective(CostWeights.standard(instance));
        return model;
    }

    // ---------------------------------------------------------------- first stage

    private void firstStage() {
        for (int f = 0; f < data.facilities.size(); f++) {
            startsByFacility.add(expansionColumns(f));
        }
        holdColumns();
        for (int f = 0; f < data.facilities.size(); f++) {
            for (BuildStart start : startsByFacility.get(f)) {
                modulesIfStarted(start);
                startsWithModule(start);
            }
            oneStart(f);
        }
        for (int f = 0; f < data.facilities.size(); f++) {
            bankability(f);
        }
    }

    /**
     * Rule 10 Expansion: construction may start in one year τ of [earliestStart, latestStart] ∩ Y
     * with 1..maxModules modules; capex in τ, fixed opex from τ + leadTime on. A binary
     * {@code starts} and an integer {@code modules} per τ, or one binary {@code build} when at most
     * one module may be built.
     */
    private List<BuildStart> expansionColumns(int f) {
        Facility facility = data.facilities.get(f);
        List<BuildStart> starts = new ArrayList<>();
        if (facility.expansion().isEmpty()) {
            return starts;
        }
        Expansion x = facility.expansion().get();
        for (int tau = 0; tau < data.years; tau++) {
            int startYear = data.year(tau);
            if (!x.canStartIn(startYear)) {
                continue;
            }
            String name = facility.id() + "," + startYear;
            double opex = 0;
            for (int t = tau + x.leadTime(); t < data.years; t++) {
                opex += data.discount[t] * x.fixedOpexPerYear();
            }
            int startsColumn;
            int modules;
            if (x.maxModules() == 1) {
                startsColumn = mip.addVariable("build[" + name + "]", 0, 1, true, 0);
                modules = startsColumn;
            } else {
                startsColumn = mip.addVariable("starts[" + name + "]", 0, 1, true, 0);
                modules = mip.addVariable("modules[" + name + "]", 0, x.maxModules(), true, 0);
            }
            costs.add(startsColumn, CostPart.CAPEX, -1, data.discount[tau] * x.capexFixed());
            costs.add(modules, CostPart.CAPEX, -1, data.discount[tau] * x.capexPerModule());
            costs.add(startsColumn, CostPart.FIXED_OPEX, -1, opex);
            BuildStart build = new BuildStart(f, startYear, startsColumn, modules);
            buildStarts.add(build);
            starts.add(build);
        }
        return starts;
    }

    /** An optional contract is held or not, once for all scenarios; holding it costs its signingCost. */
    private void holdColumns() {
        List<Contract> contracts = instance.contracts();
        for (int k = 0; k < contracts.size(); k++) {
            Contract contract = contracts.get(k);
            if (contract.signed()) {
                continue;
            }
            int column = mip.addVariable("hold[" + contract.id() + "]", 0, 1, true, 0);
            costs.add(column, CostPart.SIGNING, -1, contract.signingCost());
            holdColumn[k] = column;
            holds.add(new Hold(k, column));
        }
    }

    /** modules ≤ maxModules × starts: no module without a start. */
    private void modulesIfStarted(BuildStart start) {
        if (start.startsColumn() == start.modulesColumn()) {
            return;
        }
        int maxModules = expansion(start.facility()).maxModules();
        mip.addRow("modulesIfStarted[" + buildName(start), Double.NEGATIVE_INFINITY,
                new Expr().add(start.modulesColumn(), 1).add(start.startsColumn(), -maxModules), 0);
    }

    /** starts ≤ modules: no start without a module. */
    private void startsWithModule(BuildStart start) {
        if (start.startsColumn() == start.modulesColumn()) {
            return;
        }
        mip.addRow("startsWithModule[" + buildName(start), Double.NEGATIVE_INFINITY,
                new Expr().add(start.startsColumn(), 1).add(start.modulesColumn(), -1), 0);
    }

    /** Σ_τ starts ≤ 1: construction starts at most once (no row when a single τ is possible). */
    private void oneStart(int f) {
        List<BuildStart> starts = startsByFacility.get(f);
        if (starts.size() < 2) {
            return;
        }
        Expr row = new Expr();
        for (BuildStart start : starts) {
            row.add(start.startsColumn(), 1);
        }
        mip.addRow("oneStart[" + data.facilities.get(f).id() + "]", Double.NEGATIVE_INFINITY, row, 1);
    }

    /**
     * Rule 11 requiresOfftake β: a build of n modules needs Σ minPerYear of the held contracts on
     * the facility ≥ β × n × moduleSize, whatever their windows.
     */
    private void bankability(int f) {
        List<BuildStart> starts = startsByFacility.get(f);
        if (starts.isEmpty() || expansion(f).requiresOfftake() <= 0) {
            return;
        }
        Expansion x = expansion(f);
        Expr row = new Expr();
        for (BuildStart build : starts) {
            row.add(build.modulesColumn(), x.requiresOfftake() * x.moduleSize());
        }
        String facility = data.facilities.get(f).id();
        for (int k = 0; k < instance.contracts().size(); k++) {
            Contract contract = instance.contracts().get(k);
            if (!contract.facility().equals(facility)) {
                continue;
            }
            if (holdColumn[k] < 0) {
                row.addConstant(-contract.minPerYear());
            } else {
                row.add(holdColumn[k], -contract.minPerYear());
            }
        }
        mip.addRow("bankability[" + facility + "]", Double.NEGATIVE_INFINITY, row, 0);
    }

    // ---------------------------------------------------------------- one scenario, one year

    /**
     * The columns of scenario s in year t, then its rows, family by family. Where s shares its node
     * with scenarios before it, the node was built in the turn of the first of them, for all: its
     * columns are returned as they are.
     */
    private ScenarioYear scenarioYear(int s, int t) {
        int first = nodes.representative(s, t);
        if (first != s) {
            return built[first][t];
        }
        int[] members = nodes.members(s, t);
        for (int member : members) {
            if (!data.agree(s, member, t)) {
                // validation forbids demand factors and export controls before revealYear (instance-reference.md Rule 13)
                throw new IllegalArgumentException("scenarios \"" + data.scenarioId(s) + "\" and \""
                        + data.scenarioId(member) + "\" differ in demand or export controls in " + data.year(t)
                        + ", before either is revealed");
            }
        }
        ScenarioYear y = new ScenarioYear(data, mip, costs, members, nodes.name(s, t), t);
        built[s][t] = y;
        y.shipColumns();
        y.contractColumns(holdColumn);
        y.deliveryColumns(originSensitive);
        y.surplusAndOxideColumns();
        y.substituteAndShortfallColumns();
        y.deliveredColumns();
        y.stockColumns();
        contractYears.addAll(y.contracts);
        for (int member : y.members) {
            y.ships.forEach(x -> ships.add(x.in(member)));
            y.deliveries.forEach(d -> deliveries.add(d.in(member)));
            y.surpluses.forEach(u -> surpluses.add(u.in(member)));
            y.substitutions.forEach(a -> substitutions.add(a.in(member)));
            y.shortfalls.forEach(q -> shortfalls.add(q.in(member)));
            y.stocks.forEach(p -> stockYears.add(p.in(member)));
        }

        mineCapacity(y);
        refineryCapacity(y);
        for (ContractYear contract : y.contracts) {
            if (contract.scenario() == y.scenario) {
                takenIfHeld(y, contract);
            }
            takeOrPay(y, contract);
            minimumPayment(y, contract);
            owedIfOnline(y, contract);
        }
        contractThroughput(y);
        int nc = instance.countries().size();
        for (int cr = 0; cr < nc; cr++) {
            for (int e = 0; e < instance.elements().size(); e++) {
                if (!y.drawnOn(cr, e)) {
                    continue;
                }
                for (int cm = 0; cm < nc; cm++) {
                    oxideMined(y, cm, cr, e);
                    chainOfCustody(y, cm, cr, e);
                }
                chainOfCustody(y, cr, e);
            }
        }
        demand(y);
        fillFromDeliveries(y);
        mandate(y);
        for (ScenarioYear.DeliveredTotal total : y.deliveredTotals) {
            deliveredTotal(y, total);
            for (int c = 0; c < nc; c++) {
                countryShareMined(y, total, c);
                countryShareRefined(y, total, c);
            }
        }
        return y;
    }

    /**
     * Rows that tie the years of scenario s together, where the columns of every year are at hand:
     * the stock balance (model v1 has none, every year is planned on its own once the first stage
     * is fixed). A node's rows are written in the turn of the scenario that built it; its parent
     * node in the year before is the same for all its members.
     */
    private void rowsLinkingYears(int s, List<ScenarioYear> years) {
        for (int t = 0; t < years.size(); t++) {
            ScenarioYear y = years.get(t);
            if (y.scenario != s) {
                continue;
            }
            for (StockYear stock : y.stocks) {
                stockBalance(y, stock, t == 0 ? null : years.get(t - 1).stocks.get(stock.stockpile()));
            }
        }
    }

    /**
     * Rule 12 level(t) = level(t − 1) + fill − release, with the initial stock before the first year;
     * the level's bounds hold [0, capacity] and minFinal in the last year.
     */
    private void stockBalance(ScenarioYear y, StockYear stock, StockYear before) {
        Expr row = new Expr().add(stock.levelColumn(), 1).add(stock.releaseColumn(), 1);
        if (stock.fillColumn() >= 0) {
            row.add(stock.fillColumn(), -1);
        }
        if (before == null) {
            row.addConstant(-instance.stockpiles().get(stock.stockpile()).initial());
        } else {
            row.add(before.levelColumn(), -1);
        }
        mip.addRow("stockBalance[" + instance.stockpiles().get(stock.stockpile()).id() + y.suffix, 0, row, 0);
    }

    // ---------------------------------------------------------------- rows of a year

    /** Rule 1 Mine: Σ_r x(m, r, y) ≤ capacity of m in y (existing plus built, times capacity factors). */
    private void mineCapacity(ScenarioYear y) {
        Expr[] rows = new Expr[instance.mines().size()];
        for (Ship ship : y.ships) {
            rows[ship.mine()] = Expr.add(rows[ship.mine()], ship.column(), 1);
        }
        for (int m = 0; m < rows.length; m++) {
            capacityRow("mineCapacity", y, m, rows[m]);
        }
    }

    /** Rule 2 Refinery: Σ_m x(m, r, y) ≤ capacity of r in y. */
    private void refineryCapacity(ScenarioYear y) {
        Expr[] rows = new Expr[instance.refineries().size()];
        for (Ship ship : y.ships) {
            rows[ship.refinery()] = Expr.add(rows[ship.refinery()], ship.column(), 1);
        }
        for (int r = 0; r < rows.length; r++) {
            capacityRow("refineryCapacity", y, data.mines + r, rows[r]);
        }
    }

    /**
     * Throughput ≤ κ × (capacity + moduleSize × Σ_τ share(s, f, τ, t) × modules(f, τ)), a build adding
     * its ramp-up share of the nameplate from its online year in s, delays of s counted
     * (instance-reference.md Rule 10). Scenarios of a node share the throughput but may differ in delays: each member has
     * its row, even one where nothing can be online (its row holds the shared throughput at 0), and
     * members whose rows are the same share one, named after the node when it is the only one.
     */
    private void capacityRow(String family, ScenarioYear y, int f, Expr throughput) {
        if (throughput == null) {
            return;
        }
        Facility facility = data.facilities.get(f);
        List<double[]> distinct = new ArrayList<>();
        List<Integer> firstWith = new ArrayList<>();
        for (int s : y.members) {
            double[] row = capacityRow(s, f, y.t);
            if (distinct.stream().noneMatch(other -> Arrays.equals(other, row))) {
                distinct.add(row);
                firstWith.add(s);
            }
        }
        List<BuildStart> builds = startsByFacility.get(f);
        for (int i = 0; i < distinct.size(); i++) {
            double[] bounds = distinct.get(i);
            Expr row = new Expr().addAll(throughput);
            for (int j = 0; j < builds.size(); j++) {
                row.add(builds.get(j).modulesColumn(), bounds[j + 1]);
            }
            String suffix = distinct.size() == 1 ? y.suffix : y.suffix(firstWith.get(i));
            int index = mip.addRow(family + "[" + facility.id() + suffix, Double.NEGATIVE_INFINITY, row, bounds[0]);
            capacityRows.add(new CapacityRow(firstWith.get(i), y.t, f, index));
        }
    }

    /** The capacity row of facility f in year t of scenario s: its right side, then the coefficient of each build. */
    private double[] capacityRow(int s, int f, int t) {
        Facility facility = data.facilities.get(f);
        double factor = data.capacityFactor[s][f][t];
        List<BuildStart> builds = startsByFacility.get(f);
        double[] row = new double[builds.size() + 1];
        row[0] = factor * facility.capacity().at(t);
        for (int j = 0; j < builds.size(); j++) {
            double share = data.rampShare(s, f, builds.get(j).startYear(), t);
            row[j + 1] = -factor * share * facility.expansion().get().moduleSize();
        }
        return row;
    }

    /**
     * Rule 8 An optional contract takes nothing unless held: taken ≤ reach × hold (reach bounds a signed
     * one's column). One row for the node, whose members share taken.
     */
    private void takenIfHeld(ScenarioYear y, ContractYear k) {
        int hold = holdColumn[k.contract()];
        if (k.takenColumn() < 0 || hold < 0) {
            return;
        }
        mip.addRow("takenIfHeld[" + contractId(k) + y.suffix, Double.NEGATIVE_INFINITY,
                new Expr().add(k.takenColumn(), 1).add(hold, -y.reach(k.contract())), 0);
    }

    /** Rule 8 take-or-pay: paid ≥ taken. */
    private void takeOrPay(ScenarioYear y, ContractYear k) {
        if (k.takenColumn() < 0) {
            return;
        }
        mip.addRow("takeOrPay[" + contractId(k) + y.suffix(k.scenario()), 0,
                new Expr().add(k.paidColumn(), 1).add(k.takenColumn(), -1), Double.POSITIVE_INFINITY);
    }

    /**
     * Rule 8 take-or-pay: an optional contract held pays what it owes at least (a signed one has it as its
     * bound): minPerYear, or for a contingent contract on a facility with capacity of its own
     * minPerYear × min(1, κ) (instance-reference.md Rule 8).
     */
    private void minimumPayment(ScenarioYear y, ContractYear k) {
        int hold = holdColumn[k.contract()];
        if (hold < 0 || data.owedIfOnline(k.contract(), y.t)) {
            return;
        }
        double minimum = data.owedWhereAvailable(k.contract(), k.scenario(), y.t);
        if (minimum <= 0) {
            return;
        }
        mip.addRow("minimumPayment[" + contractId(k) + y.suffix(k.scenario()), 0,
                new Expr().add(k.paidColumn(), 1).add(hold, -minimum), Double.POSITIVE_INFINITY);
    }

    /**
     * Rule 8 A contingent contract on a facility without capacity of its own owes c × hold × online, c =
     * minPerYear × min(1, κ) and online = Σ_τ share(s, f, τ, t) × starts(f, τ) ∈ [0, 1]: the ramp-up
     * share of the one build, counted from its online year in s. Linear since hold is binary:
     * paid ≥ c × (hold + online − 1) for an optional contract, paid ≥ c × online for a signed one.
     */
    private void owedIfOnline(ScenarioYear y, ContractYear k) {
        if (!data.owedIfOnline(k.contract(), y.t)) {
            return;
        }
        double owed = data.owedWhereAvailable(k.contract(), k.scenario(), y.t);
        int f = data.facility(instance.contracts().get(k.contract()).facility());
        Expr online = new Expr();
        for (BuildStart build : startsByFacility.get(f)) {
            online.add(build.startsColumn(), -owed * data.rampShare(k.scenario(), f, build.startYear(), y.t));
        }
        if (owed <= 0 || online.isEmpty()) {
            return;
        }
        Expr row = online.add(k.paidColumn(), 1);
        int hold = holdColumn[k.contract()];
        if (hold >= 0) {
            row.add(hold, -owed).addConstant(owed);
        }
        mip.addRow("owedIfOnline[" + contractId(k) + y.suffix(k.scenario()), 0, row, Double.POSITIVE_INFINITY);
    }

    /** Rule 8 The contracts on a facility take no more than its throughput. */
    private void contractThroughput(ScenarioYear y) {
        Expr[] rows = new Expr[data.facilities.size()];
        for (ContractYear k : y.contracts) {
            if (k.takenColumn() >= 0 && k.scenario() == y.scenario) {
                int f = data.facility(instance.contracts().get(k.contract()).facility());
                rows[f] = Expr.add(rows[f], k.takenColumn(), 1);
            }
        }
        Expr[] throughput = new Expr[data.facilities.size()];
        for (Ship ship : y.ships) {
            throughput[ship.mine()] = Expr.add(throughput[ship.mine()], ship.column(), -1);
            int fr = data.mines + ship.refinery();
            throughput[fr] = Expr.add(throughput[fr], ship.column(), -1);
        }
        for (int f = 0; f < rows.length; f++) {
            if (rows[f] != null) {
                rows[f].addAll(throughput[f]);
                mip.addRow("contractThroughput[" + data.facilities.get(f).id() + y.suffix, Double.NEGATIVE_INFINITY,
                        rows[f], 0);
            }
        }
    }

    /** The oxide column of a pool, where there is one: oxide = Σ yield × x over the pool's shipments. */
    private void oxideMined(ScenarioYear y, int cm, int cr, int e) {
        int oxide = y.oxideColumn(cm, cr, e);
        if (oxide < 0) {
            return;
        }
        Expr row = new Expr().addAll(y.minedPool(cm, cr, e)).add(oxide, 1);
        mip.addRow("oxideMined[" + data.countryId(cm) + "," + y.pool(cr, e), 0, row, 0);
    }

    /**
     * Rule 4 chain of custody, per mining country: origin-sensitive buyers receive no more oxide
     * mined in cm and separated in cr than the pool's shipments yield.
     */
    private void chainOfCustody(ScenarioYear y, int cm, int cr, int e) {
        Expr mined = y.minedDrawn(cm, cr, e);
        if (mined == null) {
            return;
        }
        Expr row = new Expr().addAll(mined).addAll(available(y, cm, cr, e));
        mip.addRow("chainOfCustody[" + data.countryId(cm) + "," + y.pool(cr, e), Double.NEGATIVE_INFINITY, row, 0);
    }

    /**
     * Rule 4 Separation with chain of custody, pooled by refining country: deliveries and surplus
     * of e from the refineries of cr take no more than Σ yield × x over their shipments.
     */
    private void chainOfCustody(ScenarioYear y, int cr, int e) {
        Expr row = new Expr();
        if (y.drawn[cr][e] != null) {
            row.addAll(y.drawn[cr][e]);
        }
        if (y.surplusColumn[cr][e] >= 0) {
            row.add(y.surplusColumn[cr][e], 1);
        }
        for (int cm = 0; cm < instance.countries().size(); cm++) {
            if (y.minedPool(cm, cr, e) != null) {
                row.addAll(available(y, cm, cr, e));
            }
        }
        mip.addRow("chainOfCustody[" + y.pool(cr, e), Double.NEGATIVE_INFINITY, row, 0);
    }

    /** The oxide of a pool as the rows read it: −oxide where the pool has that column, else −Σ yield × x. */
    private static Expr available(ScenarioYear y, int cm, int cr, int e) {
        int oxide = y.oxideColumn(cm, cr, e);
        return oxide >= 0 ? new Expr().add(oxide, -1) : y.minedPool(cm, cr, e);
    }

    /**
     * Rule 5 Demand: delivered − filled + released + avoided by substitutes + shortfall = demand
     * (after demand factors, instance-reference.md Rule 12), per buyer, element and year with demand, and in
     * every year for a buyer and element with a stockpile, demand 0 included.
     */
    private void demand(ScenarioYear y) {
        int ne = instance.elements().size();
        Expr[][] rows = new Expr[instance.buyers().size()][ne];
        for (Delivery d : y.deliveries) {
            rows[d.buyer()][d.element()] = Expr.add(rows[d.buyer()][d.element()], d.column(), 1);
        }
        for (Substitution a : y.substitutions) {
            rows[a.buyer()][a.element()] = Expr.add(rows[a.buyer()][a.element()], a.column(), 1);
        }
        for (Shortfall q : y.shortfalls) {
            rows[q.buyer()][q.element()] = Expr.add(rows[q.buyer()][q.element()], q.column(), 1);
        }
        for (StockYear p : y.stocks) {
            Stockpile stockpile = instance.stockpiles().get(p.stockpile());
            int b = data.buyer(stockpile.buyer());
            int e = data.element(stockpile.element());
            rows[b][e] = Expr.add(rows[b][e], p.releaseColumn(), 1);
            if (p.fillColumn() >= 0) {
                rows[b][e].add(p.fillColumn(), -1);
            }
        }
        for (int b = 0; b < rows.length; b++) {
            for (int e = 0; e < ne; e++) {
                if (rows[b][e] == null) {
                    continue;
                }
                double demand = data.demand[y.scenario][b][e][y.t];
                int row = mip.addRow("demand[" + buyerElement(b, e) + y.suffix, demand, rows[b][e], demand);
                demandRows.add(new DemandRow(y.scenario, y.t, b, e, row));
            }
        }
    }

    /** Rule 12 Stock is filled only from deliveries: Σ fill ≤ Σ delivered, per buyer and element with a stockpile. */
    private void fillFromDeliveries(ScenarioYear y) {
        int ne = instance.elements().size();
        Expr[][] rows = new Expr[instance.buyers().size()][ne];
        for (Delivery d : y.deliveries) {
            if (y.filled[d.buyer()][d.element()] != null) {
                rows[d.buyer()][d.element()] = Expr.add(rows[d.buyer()][d.element()], d.column(), -1);
            }
        }
        for (int b = 0; b < rows.length; b++) {
            for (int e = 0; e < ne; e++) {
                if (rows[b][e] != null) {
                    mip.addRow("fillFromDeliveries[" + buyerElement(b, e) + y.suffix, Double.NEGATIVE_INFINITY,
                            rows[b][e].addAll(y.filled[b][e]), 0);
                }
            }
        }
    }

    /**
     * Rule 6 Mandate: compliant tonnes ≥ minShare × delivered tonnes, per buyer, element and year.
     * Tonnes filled into stock must meet M, the strictest share still to come (instance-reference.md Rule 6):
     * compliant ≥ minShare × (delivered − filled) + M × filled, i.e.
     * Σ (comp − minShare) × d + (minShare − M) × Σ fill ≥ 0.
     */
    private void mandate(ScenarioYear y) {
        List<Buyer> buyers = instance.buyers();
        int ne = instance.elements().size();
        Expr[][] rows = new Expr[buyers.size()][ne];
        for (Delivery d : y.deliveries) {
            Buyer buyer = buyers.get(d.buyer());
            if (buyer.mandate().isEmpty()) {
                continue;
            }
            Mandate mandate = buyer.mandate().get();
            double minShare = mandate.minShare().at(y.t);
            boolean stocked = y.filled[d.buyer()][d.element()] != null && mandate.strictestShareFrom(y.t) > 0;
            if (minShare <= 0 && !stocked) {
                continue;
            }
            double compliant = compliant(mandate, d) ? 1 : 0;
            rows[d.buyer()][d.element()] = Expr.add(rows[d.buyer()][d.element()], d.column(), compliant - minShare);
        }
        for (StockYear p : y.stocks) {
            Stockpile stockpile = instance.stockpiles().get(p.stockpile());
            int b = data.buyer(stockpile.buyer());
            int e = data.element(stockpile.element());
            if (rows[b][e] != null && p.fillColumn() >= 0) {
                Mandate mandate = buyers.get(b).mandate().get();
                rows[b][e].add(p.fillColumn(), mandate.minShare().at(y.t) - mandate.strictestShareFrom(y.t));
            }
        }
        for (int b = 0; b < buyers.size(); b++) {
            for (int e = 0; e < ne; e++) {
                if (rows[b][e] != null) {
                    mip.addRow("mandate[" + buyerElement(b, e) + y.suffix, 0, rows[b][e], Double.POSITIVE_INFINITY);
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

    /** Defines a capped buyer's {@code delivered} column: Σ deliveries − delivered = 0. */
    private void deliveredTotal(ScenarioYear y, ScenarioYear.DeliveredTotal total) {
        Expr sum = new Expr().add(total.column(), -1);
        for (Delivery d : total.deliveries()) {
            sum.add(d.column(), 1);
        }
        mip.addRow("deliveredTotal[" + buyerElement(total.buyer(), total.element()) + y.suffix, 0, sum, 0);
    }

    /** Rule 7 maxCountryShare σ: tonnes mined in country c ≤ σ × delivered (no row when none can be). */
    private void countryShareMined(ScenarioYear y, ScenarioYear.DeliveredTotal total, int c) {
        countryShareRow("countryShareMined", y, total, c, Delivery::miningCountry);
    }

    /** Rule 7 maxCountryShare σ: tonnes refined in country c ≤ σ × delivered (no row when none can be). */
    private void countryShareRefined(ScenarioYear y, ScenarioYear.DeliveredTotal total, int c) {
        countryShareRow("countryShareRefined", y, total, c, Delivery::refiningCountry);
    }

    private void countryShareRow(String family, ScenarioYear y, ScenarioYear.DeliveredTotal total, int c,
                                 ToIntFunction<Delivery> country) {
        Expr tonnes = new Expr();
        for (Delivery d : total.deliveries()) {
            if (country.applyAsInt(d) == c) {
                tonnes.add(d.column(), 1);
            }
        }
        if (tonnes.isEmpty()) {
            return;
        }
        double sigma = instance.buyers().get(total.buyer()).maxCountryShare().get();
        mip.addRow(family + "[" + buyerElement(total.buyer(), total.element()) + "," + data.countryId(c) + y.suffix,
                Double.NEGATIVE_INFINITY, tonnes.add(total.column(), -sigma), 0);
    }

    // ---------------------------------------------------------------- rows over all scenarios

    /**
     * §10.6 CVaR_α of C(s) = Operating(s) + riskWeight × Risk(s), after Rockafellar and Uryasev: a free
     * column η and per scenario z(s) ≥ C(s) − η, z(s) ≥ 0 (rows {@code cvarExcess}). The objective
     * weighs η by w and z(s) by w × π(s) / (1 − α) ({@link CostWeights#standard}), so at an optimum
     * η + Σ π z / (1 − α) is CVaR_α; C(s) is read off the recorded cost terms of s.
     */
    private void tailCost(RiskAversion aversion) {
        etaColumn = mip.addVariable("eta", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, 0);
        mip.forbidStrongDualReductions();
        excessColumns = new int[data.scenarios];
        Expr[] rows = new Expr[data.scenarios];
        for (int s = 0; s < data.scenarios; s++) {
            excessColumns[s] = mip.addVariable("excess[" + data.scenarioId(s) + "]", 0, Double.POSITIVE_INFINITY,
                    false, 0);
            rows[s] = new Expr().add(excessColumns[s], 1).add(etaColumn, 1);
        }
        CostWeights standard = CostWeights.standard(instance);
        costs.forEach((column, part, scenario, amount) -> {
            if (scenario >= 0) {
                rows[scenario].add(column, -standard.part(part) * amount / TAIL_UNIT);
            }
        });
        for (int s = 0; s < data.scenarios; s++) {
            mip.addRow("cvarExcess[" + data.scenarioId(s) + "]", 0, rows[s], Double.POSITIVE_INFINITY);
        }
    }

    /** Rule 14 Expected risk-tonnes ≤ budget. */
    private void riskBudget(double budget) {
        riskBudgetRow = mip.addRow("riskBudget", Double.NEGATIVE_INFINITY,
                weighted(CostWeights.none(instance).withPart(CostPart.RISK, 1)), budget);
    }

    /**
     * Gives the model another risk budget (instance-reference.md Rule 14): the model of the same instance with
     * {@code riskBudget} = {@code budget}. An empty budget removes the row.
     */
    public void setRiskBudget(Optional<Double> budget) {
        if (riskBudgetRow < 0) {
            budget.ifPresent(this::riskBudget);
        } else if (budget.isPresent()) {
            mip.setRowBounds(riskBudgetRow, Double.NEGATIVE_INFINITY, budget.get());
        } else {
            // the row is written after every row this model keeps the index of, so none moves
            mip.removeRow(riskBudgetRow);
            riskBudgetRow = -1;
        }
    }

    /**
     * Bounds expected shortfall tonnes, Σ_s π(s) Σ q(s), by {@code floor} (the service floor of
     * {@code lodestone pareto}); empty lifts the bound. The row is written once and relaxed in place.
     */
    public void setServiceFloor(Optional<Double> floor) {
        if (serviceFloorRow < 0 && floor.isEmpty()) {
            return;
        }
        if (serviceFloorRow < 0) {
            serviceFloorRow = mip.addRow("serviceFloor", Double.NEGATIVE_INFINITY, expectedShortfall(), floor.get());
        } else {
            mip.setRowBounds(serviceFloorRow, Double.NEGATIVE_INFINITY, floor.orElse(Double.POSITIVE_INFINITY));
        }
    }

    /**
     * Bounds the objective as {@code weights} weigh it (CVaR columns included) by {@code cap};
     * empty lifts the bound. The row is written once and relaxed in place.
     */
    public void setCostCap(CostWeights weights, Optional<Double> cap) {
        if (costCapRow < 0 && cap.isEmpty()) {
            return;
        }
        if (costCapRow < 0) {
            Expr cost = weighted(weights);
            if (etaColumn >= 0) {
                cost.add(etaColumn, weights.tail() * TAIL_UNIT);
                for (int s = 0; s < excessColumns.length; s++) {
                    cost.add(excessColumns[s], weights.excess(s) * TAIL_UNIT);
                }
            }
            costCapRow = mip.addRow("costCap", Double.NEGATIVE_INFINITY, cost, cap.get());
        } else {
            mip.setRowBounds(costCapRow, Double.NEGATIVE_INFINITY, cap.orElse(Double.POSITIVE_INFINITY));
        }
    }

    /** Expected shortfall tonnes alone as the objective (the service floor's own solve). */
    public void setObjectiveToExpectedShortfall() {
        mip.clearObjective();
        Expr shortfall = expectedShortfall();
        for (int i = 0; i < shortfall.size(); i++) {
            mip.addObjective(shortfall.column(i), shortfall.coefficient(i));
        }
    }

    /** Σ_s π(s) Σ q(s): a column shared by tied scenarios gets the sum of their probabilities. */
    private Expr expectedShortfall() {
        Expr expr = new Expr();
        for (Shortfall q : shortfalls) {
            expr.add(q.column(), instance.scenarios().get(q.scenario()).probability());
        }
        return expr;
    }

    // ---------------------------------------------------------------- objective

    /**
     * Writes the objective: the recorded cost terms, each times {@code weights}, replacing the
     * objective the model had. {@link #build} ends with {@link CostWeights#standard}; another
     * weighting (another riskWeight, risk alone) re-weighs the same model in place. Terms are
     * added in the order they were recorded, which fixes each coefficient to the last bit.
     */
    public void setObjective(CostWeights weights) {
        mip.clearObjective();
        costs.forEach((column, part, scenario, amount) ->
                mip.addObjective(column, weights.of(part, scenario) * amount));
        if (etaColumn >= 0) {
            mip.addObjective(etaColumn, weights.tail() * TAIL_UNIT);
            for (int s = 0; s < excessColumns.length; s++) {
                mip.addObjective(excessColumns[s], weights.excess(s) * TAIL_UNIT);
            }
        }
    }

    /** The cost terms times {@code weights}, as a linear expression: the left side of a row on costs. */
    private Expr weighted(CostWeights weights) {
        Expr expr = new Expr();
        costs.forEach((column, part, scenario, amount) -> expr.add(column, weights.of(part, scenario) * amount));
        return expr;
    }

    // ---------------------------------------------------------------- helpers

    private Expansion expansion(int f) {
        return data.facilities.get(f).expansion().get();
    }

    /** {@code facility,startYear]} */
    private String buildName(BuildStart start) {
        return data.facilities.get(start.facility()).id() + "," + start.startYear() + "]";
    }

    private String contractId(ContractYear k) {
        return instance.contracts().get(k.contract()).id();
    }

    private String buyerElement(int b, int e) {
        return instance.buyers().get(b).id() + "," + instance.elements().get(e).id();
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

    public List<StockYear> stockYears() {
        return stockYears;
    }

    /**
     * What held contract k owes in its year and scenario at a solution (instance-reference.md Rule 8): minPerYear,
     * or for a contingent contract minPerYear × min(1, κ) × the share of its facility available, the
     * ramp-up share of the build started where the facility has no capacity of its own.
     */
    public double owed(ContractYear k, double[] values) {
        double owed = data.owedWhereAvailable(k.contract(), k.scenario(), k.year());
        if (!data.owedIfOnline(k.contract(), k.year())) {
            return owed;
        }
        int f = data.facility(instance.contracts().get(k.contract()).facility());
        double online = 0;
        for (BuildStart build : startsByFacility.get(f)) {
            if (values[build.startsColumn()] > 0.5) {
                online += data.rampShare(k.scenario(), f, build.startYear(), k.year());
            }
        }
        return owed * online;
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

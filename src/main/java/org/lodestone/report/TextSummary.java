package org.lodestone.report;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.domain.RiskAversion;
import org.lodestone.domain.Stockpile;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.MarginalValues;
import org.lodestone.plan.ModelSize;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;

/** The human summary that {@code lodestone solve} prints. */
public final class TextSummary {
    private TextSummary() {}

    public static void print(PrintWriter out, Instance instance, Planner.Outcome outcome) {
        print(out, instance, outcome, null);
    }

    /** As {@link #print(PrintWriter, Instance, Planner.Outcome)}, ending with the plan's marginal values when given. */
    public static void print(PrintWriter out, Instance instance, Planner.Outcome outcome, MarginalValues marginals) {
        Plan plan = outcome.plan();
        ModelSize size = outcome.size();
        out.printf(Locale.ROOT, "Lodestone plan for \"%s\" (%d-%d, %d scenario%s)%n", instance.name(),
                instance.horizon().start(), instance.horizon().last(), instance.scenarios().size(),
                instance.scenarios().size() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  model     %,d variables (%,d integer), %,d constraints, %,d nonzeros%n",
                size.variables(), size.integerVariables(), size.rows(), size.nonzeros());
        Plan.SolverInfo solver = plan.solver();
        String version = solver.version().startsWith(solver.name()) ? solver.version()
                : (solver.name() + " " + solver.version()).trim();
        out.printf(Locale.ROOT, "  status    %s  (%s, %d thread%s, %.2f s)%n", plan.status(), version,
                solver.threads(), solver.threads() == 1 ? "" : "s", outcome.result().seconds());
        if (!plan.status().hasSolution()) {
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "  objective %s   bound %s   gap %s%n", money(plan.objective()),
                plan.bestBound() == null ? "-" : money(plan.bestBound()),
                plan.gap() == null ? "-" : String.format(Locale.ROOT, "%.4f %%", 100 * plan.gap()));
        out.println();
        out.println("Costs (expected, discounted USD)");
        Plan.Costs c = plan.costs();
        c.forEach((part, amount) -> {
            if (part.listedWhenZero() || amount != 0) {
                row(out, part.label(), amount); // surplus revenue as earned: its label says it is subtracted
            }
        });
        if (instance.riskWeight() > 0) {
            row(out, CostPart.RISK.label() + " x weight", instance.riskWeight() * plan.risk());
        }
        out.printf(Locale.ROOT, "  %-28s %17s%n", "objective", money(plan.objective()));
        out.printf(Locale.ROOT, "Risk: %,.1f expected risk-tonnes%s%n", plan.risk(),
                instance.riskBudget().map(b -> String.format(Locale.ROOT, " (budget %,.1f)", b)).orElse(""));
        instance.riskAversion().ifPresent(aversion -> riskAversion(out, aversion, plan));
        out.println();
        if (plan.builds().isEmpty()) {
            out.println("Builds: none");
        } else {
            out.println("Builds");
            for (Plan.Build b : plan.builds().stream().limit(LISTED).toList()) {
                List<LateBuilds.Late> late = LateBuilds.of(instance, b);
                String online = b.onlineYear() + (late.isEmpty() ? "" : " (" + LateBuilds.describe(late) + ")");
                out.printf(Locale.ROOT, "  %-20s start %d, online %s, %d module%s, +%,.0f t/yr%n", b.facility(),
                        b.startYear(), online, b.modules(), b.modules() == 1 ? "" : "s", b.capacityAdded());
            }
            more(out, plan.builds().size(), "");
        }
        if (!instance.contracts().isEmpty()) {
            contracts(out, instance, plan);
        }
        shortfalls(out, plan);
        riskByCountry(out, instance, plan);
        if (!instance.stockpiles().isEmpty()) {
            stockpiles(out, instance, plan);
        }
        if (marginals != null) {
            marginals(out, instance, marginals);
        }
        out.flush();
    }

    /** Marginal values shown in the summary: this many of each kind. */
    static final int TOP_MARGINALS = 5;

    /** The most expensive demand tonnes and the most valuable capacities, with how to read them. */
    private static void marginals(PrintWriter out, Instance instance, MarginalValues values) {
        out.printf(Locale.ROOT, "Marginal values (USD per tonne, expected over scenarios, discounted to %d)%n",
                instance.horizon().start());
        top(out, values.demand(), MarginalValues.DemandValue::usdPerTonne,
                v -> v.buyer() + " " + v.element() + " " + v.year(),
                "  demand: no tonne of demand has a price", "  one more tonne of demand would cost");
        top(out, values.capacity(), MarginalValues.CapacityValue::usdPerTonne, v -> v.facility() + " " + v.year(),
                "  capacity: no facility is a bottleneck", "  one more tonne of capacity would save");
        out.println("  (duals of the flows re-optimised with this plan's builds and contracts fixed; where the"
                + " optimum is");
        out.println("  degenerate a dual is one valid price among several)");
    }

    /** The {@link #TOP_MARGINALS} largest values above the listing threshold, under {@code heading}. */
    private static <T> void top(PrintWriter out, List<T> values, ToDoubleFunction<T> usd, Function<T, String> label,
                                String none, String heading) {
        List<T> shown = values.stream()
                .filter(v -> Math.abs(usd.applyAsDouble(v)) > PlanJson.MARGINAL_THRESHOLD)
                .sorted(Comparator.comparingDouble(usd).reversed())
                .limit(TOP_MARGINALS).toList();
        if (shown.isEmpty()) {
            out.println(none);
            return;
        }
        out.println(heading);
        for (T v : shown) {
            out.printf(Locale.ROOT, "    %-28s %,14.0f%n", label.apply(v), usd.applyAsDouble(v));
        }
    }

    private static void shortfalls(PrintWriter out, Plan plan) {
        Map<String, Double> expected = new LinkedHashMap<>();
        for (Plan.ScenarioPlan s : plan.scenarios()) {
            for (Plan.Shortfall q : s.shortfalls()) {
                expected.merge(q.buyer() + " " + q.element(), s.probability() * q.tonnes(), Double::sum);
            }
        }
        if (expected.isEmpty()) {
            out.println("Shortfalls: none");
            return;
        }
        out.println("Shortfalls (expected tonnes over the horizon)");
        List<Map.Entry<String, Double>> sorted = expected.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        for (Map.Entry<String, Double> e : sorted.subList(0, Math.min(LISTED, sorted.size()))) {
            out.printf(Locale.ROOT, "  %-28s %,14.1f t%n", e.getKey(), e.getValue());
        }
        double rest = sorted.stream().skip(LISTED).mapToDouble(Map.Entry::getValue).sum();
        more(out, sorted.size(), String.format(Locale.ROOT, ", %,.1f t in all", rest));
    }

    /**
     * Each contract's decision, in instance order. A long list shows the decisions that matter
     * first (signed now, then signed before), up to {@link #LISTED}.
     */
    private static void contracts(PrintWriter out, Instance instance, Plan plan) {
        List<String[]> lines = new ArrayList<>();
        int held = 0;
        for (int k = 0; k < instance.contracts().size(); k++) {
            Contract contract = instance.contracts().get(k);
            boolean now = !contract.signed() && plan.contracts().get(k).held();
            held += contract.signed() || now ? 1 : 0;
            lines.add(new String[] {contract.id(),
                    contract.signed() ? "held (signed)" : now ? "held (optional, signed now)" : "not held"});
        }
        if (lines.size() <= LISTED) {
            out.println("Contracts");
        } else {
            out.printf(Locale.ROOT, "Contracts (%d held, %d not held)%n", held, lines.size() - held);
            List<String> order = List.of("held (optional, signed now)", "held (signed)", "not held");
            lines.sort(Comparator.comparingInt(line -> order.indexOf(line[1])));
        }
        for (String[] line : lines.subList(0, Math.min(LISTED, lines.size()))) {
            out.printf(Locale.ROOT, "  %-20s %s%n", line[0], line[1]);
        }
        more(out, lines.size(), "");
    }

    /**
     * Where the expected risk-tonnes sit: per country, its risk score × the t REO mined and
     * refined there, the largest first, up to {@link #LISTED}.
     */
    private static void riskByCountry(PrintWriter out, Instance instance, Plan plan) {
        List<RiskByCountry.Row> rows = RiskByCountry.largestFirst(instance, plan);
        if (rows.isEmpty()) {
            return;
        }
        double total = rows.stream().mapToDouble(RiskByCountry.Row::riskTonnes).sum();
        int width = Math.max("country".length(), rows.stream().mapToInt(r -> r.country().length()).max().orElse(0));
        String format = "  %-" + width + "s %6s %14s %14s %14s %7s%n";
        out.println("Risk by country (expected; risk-tonnes = risk score x t REO mined and refined there)");
        out.printf(Locale.ROOT, format, "country", "score", "mined t", "refined t", "risk-tonnes", "share");
        for (RiskByCountry.Row r : rows.subList(0, Math.min(LISTED, rows.size()))) {
            out.printf(Locale.ROOT, format, r.country(), plain(r.score()), String.format(Locale.ROOT, "%,.1f", r.mined()),
                    String.format(Locale.ROOT, "%,.1f", r.refined()), String.format(Locale.ROOT, "%,.1f", r.riskTonnes()),
                    total > 0 ? String.format(Locale.ROOT, "%.1f %%", 100 * r.riskTonnes() / total) : "-");
        }
        more(out, rows.size(), "");
    }

    /** Lines of a list in the summary; the plan file holds the rest. */
    static final int LISTED = 10;

    /** The line that says how many of {@code size} items a list of {@link #LISTED} left out. */
    private static void more(PrintWriter out, int size, String detail) {
        if (size > LISTED) {
            out.printf(Locale.ROOT, "  ... and %d more%s (see the plan file)%n", size - LISTED, detail);
        }
    }

    /**
     * CVaR at the plan and what it adds to the objective (instance-reference.md §10.6): the expected cost
     * C(s) of the worst (1 − alpha) of probability, and weight × its excess over the expectation.
     */
    private static void riskAversion(PrintWriter out, RiskAversion aversion, Plan plan) {
        out.printf(Locale.ROOT, "CVaR (alpha %s): %s USD, the expected cost of the worst %s %% of probability; "
                        + "weight %s, risk premium %s USD%n", plain(aversion.alpha()),
                plan.cvar() == null ? "-" : money(plan.cvar()), plain(100 * (1 - aversion.alpha())),
                plain(aversion.weight()), money(plan.costs().get(CostPart.RISK_PREMIUM)));
    }

    /** Stockpiles listed in the summary; the plan file holds the others. */
    static final int SHOWN_STOCKPILES = 8;
    /** Year columns of the stockpile table; longer horizons show every k-th year and the last. */
    static final int STOCK_COLUMNS = 10;

    /**
     * Per stockpile its level at the end of the years, expected over the scenarios, and in the
     * scenario where it falls lowest: what a reserve holds on average and in the worst case.
     */
    private static void stockpiles(PrintWriter out, Instance instance, Plan plan) {
        out.println("Stockpiles (tonnes at year end)");
        List<Integer> columns = stockColumns(instance.horizon().years());
        List<Stockpile> shown = instance.stockpiles().stream().limit(SHOWN_STOCKPILES).toList();
        for (Stockpile p : shown) {
            out.printf(Locale.ROOT, "  %s: %s %s, capacity %,.1f, initial %,.1f%s%n", p.id(), p.buyer(), p.element(),
                    p.capacity(), p.initial(),
                    p.minFinal() > 0 ? String.format(Locale.ROOT, ", at least %,.1f at the end", p.minFinal()) : "");
            double[][] levels = StockLevels.levels(instance, plan, p);
            double[] expected = StockLevels.expected(plan, levels);
            int lowest = plan.scenarios().size() > 1 ? lowestScenario(levels) : -1;
            String lowestLabel = lowest < 0 ? "" : "lowest: " + plan.scenarios().get(lowest).id();
            int width = Math.max("expected".length(), lowestLabel.length());
            StringBuilder years = new StringBuilder(String.format(Locale.ROOT, "    %-" + width + "s", "year"));
            columns.forEach(t -> years.append(String.format(Locale.ROOT, " %9d", instance.horizon().year(t))));
            out.println(years);
            stockRow(out, plan.scenarios().size() == 1 ? "level" : "expected", width, expected, columns);
            if (lowest >= 0) {
                stockRow(out, lowestLabel, width, levels[lowest], columns);
            }
            out.printf(Locale.ROOT, "    filled %,.1f t, released %,.1f t over the horizon (expected)%n",
                    StockLevels.expectedTotal(instance, plan, p, false), StockLevels.expectedTotal(instance, plan, p, true));
        }
        if (instance.stockpiles().size() > shown.size()) {
            out.printf(Locale.ROOT, "  and %d more stockpiles (in the plan file)%n",
                    instance.stockpiles().size() - shown.size());
        }
    }

    /** Indices of the years shown: every year up to {@link #STOCK_COLUMNS}, else every k-th and the last. */
    private static List<Integer> stockColumns(int years) {
        int every = (years + STOCK_COLUMNS - 1) / STOCK_COLUMNS;
        List<Integer> columns = new ArrayList<>();
        for (int t = (years - 1) % every; t < years; t += every) {
            columns.add(t);
        }
        return columns;
    }

    private static void stockRow(PrintWriter out, String label, int width, double[] levels, List<Integer> columns) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "    %-" + width + "s", label));
        columns.forEach(t -> row.append(String.format(Locale.ROOT, " %,9.1f", levels[t])));
        out.println(row);
    }

    /**
     * The scenario whose stock falls lowest (ties: the lower final level, then the first), or -1
     * when every scenario holds the same levels: a row that would only repeat the expectation.
     */
    private static int lowestScenario(double[][] levels) {
        int lowest = -1;
        boolean differ = false;
        for (int s = 0; s < levels.length; s++) {
            differ |= !Arrays.equals(levels[s], levels[0]);
            if (lowest < 0 || lowerThan(levels[s], levels[lowest])) {
                lowest = s;
            }
        }
        return differ ? lowest : -1;
    }

    private static boolean lowerThan(double[] a, double[] b) {
        double minA = Arrays.stream(a).min().orElse(0);
        double minB = Arrays.stream(b).min().orElse(0);
        return minA < minB || minA == minB && a[a.length - 1] < b[b.length - 1];
    }

    /** A number as short as it is exact to four decimals: 0.9, 12.5, 5. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static void row(PrintWriter out, String label, double value) {
        if (value != 0) {
            out.printf(Locale.ROOT, "  %-28s %17s%n", label, money(value));
        }
    }

    static String money(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}

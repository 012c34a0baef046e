package org.lodestone.report;

import static org.lodestone.report.Markup.esc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Country;
import org.lodestone.domain.Instance;
import org.lodestone.domain.RiskAversion;
import org.lodestone.domain.Stockpile;
import org.lodestone.io.AtomicFiles;
import org.lodestone.plan.Plan;

/**
 * A self-contained HTML report: one file with inline CSS and inline SVG charts drawn here (no
 * scripts, fonts or anything else fetched from the network), readable in any browser, offline.
 * Commands build it from parts, each adding what it has:
 *
 * <pre>{@code
 * HtmlReport report = new HtmlReport("Lodestone plan: quickstart");
 * report.addPlan(instance, plan);                 // header figures, Sankey, builds, stockpiles, costs, risk
 * report.addSweep("/riskWeight", points);         // objective against a swept value
 * report.addPareto(frontier);                     // cost against expected risk
 * report.addStress(rows);                         // per-country stress results
 * report.write(Path.of("report.html"));
 * }</pre>
 *
 * Sections appear in the order they are added. Every text from an instance or a caller is
 * escaped; the output is XHTML-compatible (it parses as XML) and deterministic: the same parts
 * added in the same order give the same bytes.
 */
public final class HtmlReport {
    /**
     * One point of a sweep. {@code parts}: signed contributions to the objective (see {@link #costParts}),
     * which the stacked chart draws; tables and the chart of the change show surplus revenue as earned.
     */
    public record SweepPoint(double value, double objective, Map<String, Double> parts) {
        public SweepPoint {
            parts = parts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        }

        public SweepPoint(double value, double objective) {
            this(value, objective, Map.of());
        }
    }

    /** One point of a Pareto frontier; {@code label} (may be null) is written next to it. */
    public record ParetoPoint(double risk, double cost, String label) {
        public ParetoPoint(double risk, double cost) {
            this(risk, cost, null);
        }
    }

    /** One row of a stress test: cost increase in USD, shortfall in tonnes. */
    public record StressRow(String country, double increase, double shortfall) {}

    /** The cost parts in objective order, keyed as in the plan file ({@link CostPart#key}), then the risk term. */
    public static final List<String> PARTS = Arrays.stream(CostPart.values()).map(CostPart::key).toList();

    /** Colours of cost groups: investment, operations, penalties, revenue, risk. */
    private static final String INVEST = "#CC79A7";
    private static final String OPERATE = "#0072B2";
    private static final String PENALTY = "#D55E00";
    private static final String REVENUE = "#009E73";
    private static final String RISK = "#E69F00";
    private static final String TOTAL = "#1D2430";

    private record Section(String anchor, String heading, String body) {}

    private final String title;
    private final List<Section> sections = new ArrayList<>();
    private String headerFacts;
    private int nextId = 1;
    private int maxTabs = 0;
    /** CSS rules of the pickers' panels, each once. */
    private final Set<String> pickerRules = new LinkedHashSet<>();

    public HtmlReport(String title) {
        this.title = title == null || title.isBlank() ? "Lodestone report" : title;
    }

    /**
     * The signed parts of a plan's objective, keyed as in {@link #PARTS}: surplus revenue
     * negative, {@code risk} = risk weight × expected risk. For {@link SweepPoint#parts}.
     */
    public static Map<String, Double> costParts(Plan.Costs c, double riskCost) {
        Map<String, Double> m = new LinkedHashMap<>();
        c.forEach((part, amount) -> m.put(part.key(), part.sign() * amount));
        m.put(CostPart.RISK.key(), riskCost);
        return m;
    }

    /**
     * The amount a person reads for a part whose signed contribution is {@code signed}: surplus
     * revenue as the positive amount earned (its name says it is subtracted), as in the plan
     * file, the summary and the analysis tables.
     */
    static double shown(String key, double signed) {
        return CostPart.ofKey(key).map(CostPart::sign).orElse(1.0) * signed;
    }

    /** Display name of a cost part key (the key itself when unknown). */
    static String partName(String key) {
        return CostPart.ofKey(key).map(part -> part == CostPart.RISK ? part.label() + " \u00D7 weight" : part.label())
                .orElse(key);
    }

    // ---------------------------------------------------------------------------------------
    // parts

    /**
     * Adds a plan: its key figures (in the header for the first plan), flows, builds, stockpiles
     * (when the instance has any), costs and risk by country.
     */
    public HtmlReport addPlan(Instance instance, Plan plan) {
        return addPlan(null, instance, plan);
    }

    /** {@link #addPlan(Instance, Plan)} with a label that tells this plan from others in the report. */
    public HtmlReport addPlan(String label, Instance instance, Plan plan) {
        String suffix = label == null || label.isBlank() ? "" : " \u2014 " + label;
        String facts = facts(instance, plan);
        if (headerFacts == null) {
            headerFacts = facts;
        } else {
            add("Plan" + suffix, "<div class=\"cards light\">" + facts + "</div>\n");
        }
        if (!plan.status().hasSolution() || plan.scenarios().isEmpty()) {
            add("Plan" + (suffix.isEmpty() ? "" : suffix), "<p class=\"note\">No plan to draw: the solve ended "
                    + esc(plan.status().name()) + ".</p>\n");
            return this;
        }
        add("Flows" + suffix, flows(instance, plan));
        add("Builds and contracts" + suffix, builds(instance, plan));
        if (!instance.stockpiles().isEmpty()) {
            add("Stockpiles" + suffix, stockpiles(instance, plan));
        }
        add("Costs" + suffix, costs(instance, plan));
        List<RiskByCountry.Row> risk = RiskByCountry.largestFirst(instance, plan);
        if (!risk.isEmpty()) {
            add("Risk by country" + suffix, riskByCountry(instance, risk));
        }
        return this;
    }

    /** Adds a sweep: the objective at each value of {@code parameter}, in the order given. */
    public HtmlReport addSweep(String parameter, List<SweepPoint> points) {
        List<SweepPoint> pts = List.copyOf(points);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">The objective (expected, discounted USD) of the best plan at each value of <code>")
                .append(esc(parameter)).append("</code>.");
        List<String> parts = partKeys(pts);
        if (!parts.isEmpty()) {
            b.append(" Bands stack the parts of the objective: each band is one part; revenue bands go down.");
        }
        long missing = pts.stream().filter(p -> !Double.isFinite(p.objective())).count();
        if (missing > 0) {
            b.append(" ").append(missing).append(missing == 1 ? " value has" : " values have")
                    .append(" no plan and no point.");
        }
        b.append("</p>\n");
        List<SweepPoint> sorted = new ArrayList<>(pts);
        sorted.sort(Comparator.comparingDouble(SweepPoint::value));
        int n = sorted.size();
        double[] xs = sorted.stream().mapToDouble(SweepPoint::value).toArray();
        List<Charts.Series> series = new ArrayList<>();
        double[] base = new double[n];
        for (int k = 0; k < parts.size(); k++) {
            String key = parts.get(k);
            double[] top = new double[n];
            for (int i = 0; i < n; i++) {
                SweepPoint p = sorted.get(i);
                double v = p.parts().getOrDefault(key, 0.0);
                top[i] = Double.isFinite(p.objective()) ? base[i] + v : Double.NaN;
            }
            series.add(new Charts.Series(partName(key), partColour(key, k), xs, top, base.clone(), null, false, 1.2));
            for (int i = 0; i < n; i++) {
                base[i] = Double.isFinite(top[i]) ? top[i] : base[i];
            }
        }
        String[] labels = new String[n];
        series.add(new Charts.Series("objective", TOTAL, xs, sorted.stream().mapToDouble(SweepPoint::objective).toArray(),
                null, labels, true, 2.5));
        b.append("<figure>").append(Charts.xy(series, new Charts.Axis(parameter, false),
                new Charts.Axis("objective (USD)", true), "Sweep of " + parameter, !parts.isEmpty()))
                .append("</figure>\n");
        SweepPoint first = sorted.stream().filter(p -> Double.isFinite(p.objective())).findFirst().orElse(null);
        if (first != null && sorted.stream().filter(p -> Double.isFinite(p.objective())).count() > 1) {
            b.append(sweepChange(parameter, sorted, parts, first));
        }
        b.append("<details><summary>Values</summary>\n<div class=\"scroll\"><table class=\"data\"><thead><tr><th>")
                .append(esc(parameter)).append("</th><th class=\"num\">objective (USD)</th>");
        for (String key : parts) {
            b.append("<th class=\"num\">").append(esc(partName(key))).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (SweepPoint p : pts) {
            b.append("<tr><td class=\"num\">").append(esc(Markup.number(p.value()))).append("</td><td class=\"num\">")
                    .append(Double.isFinite(p.objective()) ? esc(Markup.moneyFull(p.objective())) : "no plan")
                    .append("</td>");
            for (String key : parts) {
                Double v = p.parts().get(key);
                b.append("<td class=\"num\">").append(v == null ? "" : esc(Markup.moneyFull(shown(key, v))))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div></details>\n");
        add("Sweep of " + parameter, b.toString());
        return this;
    }

    /**
     * The second panel of a sweep: how far the objective and each part have moved since the first
     * value with a plan, on an axis of the change alone. The stack above starts at zero, as a
     * stack must, so a rise of a few per cent is a flat line there; here it fills the panel.
     */
    private static String sweepChange(String parameter, List<SweepPoint> sorted, List<String> parts, SweepPoint first) {
        int n = sorted.size();
        double[] xs = sorted.stream().mapToDouble(SweepPoint::value).toArray();
        double[] change = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            SweepPoint p = sorted.get(i);
            change[i] = p.objective() - first.objective();
            if (p != first && Double.isFinite(change[i]) && first.objective() != 0) {
                labels[i] = String.format(Locale.ROOT, "%+.1f %%", 100 * change[i] / Math.abs(first.objective()));
            }
        }
        List<Charts.Series> series = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            String key = parts.get(k);
            double base = shown(key, first.parts().getOrDefault(key, 0.0));
            double[] moved = new double[n];
            boolean moves = false;
            for (int i = 0; i < n; i++) {
                SweepPoint p = sorted.get(i);
                // each part as a person reads it: more surplus revenue earned is a line going up
                moved[i] = Double.isFinite(p.objective()) ? shown(key, p.parts().getOrDefault(key, 0.0)) - base
                        : Double.NaN;
                moves |= Double.isFinite(moved[i]) && moved[i] != 0;
            }
            if (moves) {
                series.add(new Charts.Series(partName(key), partColour(key, k), xs, moved, null, null, false, 1.2, true));
            }
        }
        series.add(new Charts.Series("objective", TOTAL, xs, change, null, labels, true, 2.5));
        String at = parameter + " = " + Markup.number(first.value());
        return "<p class=\"note\">The change against " + "<code>" + esc(at) + "</code> (objective "
                + esc(Markup.moneyFull(first.objective())) + " USD): how far the objective and each part that moves "
                + "have come since, on an axis of the change alone; labels give the objective's change in per cent."
                + "</p>\n<figure>" + Charts.xy(series, new Charts.Axis(parameter, false),
                new Charts.Axis("change since " + Markup.number(first.value()) + " (USD)", true),
                "Change of the objective along the sweep of "
                        + parameter, true) + "</figure>\n";
    }

    /** Adds a Pareto frontier of expected risk (risk-tonnes) against cost (USD), the least-cost point ringed. */
    public HtmlReport addPareto(List<ParetoPoint> points) {
        return addPareto(points, 0);
    }

    /**
     * {@link #addPareto(List)}, also ringing the point a solve with {@code riskWeight} (USD per
     * risk-tonne, the instance's) prefers among them: the least cost + riskWeight × risk.
     */
    public HtmlReport addPareto(List<ParetoPoint> points, double riskWeight) {
        List<ParetoPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(ParetoPoint::risk).thenComparingDouble(ParetoPoint::cost));
        List<ParetoPoint> drawn = sorted.stream().filter(p -> Double.isFinite(p.risk()) && Double.isFinite(p.cost()))
                .toList();
        ParetoPoint cheapest = drawn.stream().min(Comparator.comparingDouble(ParetoPoint::cost)
                .thenComparingDouble(ParetoPoint::risk)).orElse(null);
        ParetoPoint weighted = riskWeight <= 0 ? null : drawn.stream().min(Comparator.comparingDouble(
                (ParetoPoint p) -> p.cost() + riskWeight * p.risk()).thenComparingDouble(ParetoPoint::risk)).orElse(null);
        String atWeight = "best at riskWeight " + Markup.number(riskWeight);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">Each point is a plan that no other plan beats on both cost and expected risk: "
                + "moving left buys less risk at a higher cost. The axes span the points, so the cost axis need not "
                + "start at zero.");
        if (cheapest != null) {
            b.append(" Ringed in black: the least-cost plan, which <code>lodestone solve</code> finds at riskWeight 0");
            if (weighted != null) {
                b.append("; in orange: the point a solve at the instance's riskWeight of ")
                        .append(esc(Markup.number(riskWeight))).append(" USD per risk-tonne prefers among these "
                                + "(the least cost + ").append(esc(Markup.number(riskWeight))).append(" \u00D7 risk)");
            }
            b.append('.');
        }
        b.append("</p>\n");
        double[] xs = sorted.stream().mapToDouble(ParetoPoint::risk).toArray();
        double[] ys = sorted.stream().mapToDouble(ParetoPoint::cost).toArray();
        String[] labels = new String[sorted.size()];
        List<Charts.Mark> marks = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ParetoPoint p = sorted.get(i);
            List<String> roles = new ArrayList<>();
            if (p == cheapest) {
                roles.add("least cost");
                marks.add(new Charts.Mark(p.risk(), p.cost(), TOTAL, "least cost: " + Markup.moneyFull(p.cost())
                        + " USD at " + Markup.number(p.risk()) + " risk-tonnes"));
            }
            if (p == weighted) {
                roles.add(atWeight);
                marks.add(new Charts.Mark(p.risk(), p.cost(), RISK, atWeight + ": " + Markup.moneyFull(p.cost())
                        + " USD + " + Markup.number(riskWeight) + " \u00D7 " + Markup.number(p.risk()) + " risk-tonnes"));
            }
            String role = String.join(", ", roles);
            labels[i] = p.label() == null ? (role.isEmpty() ? null : role)
                    : p.label() + (role.isEmpty() ? "" : ": " + role);
        }
        b.append("<figure>").append(frontier(xs, ys, labels, marks, "Pareto frontier of cost and risk"))
                .append("</figure>\n");
        // one point far above the rest (the min-risk end, often) flattens them: draw them again without it
        int top = drawn.size() < 3 ? -1 : sorted.indexOf(drawn.stream().max(Comparator.comparingDouble(ParetoPoint::cost))
                .orElseThrow());
        if (top >= 0) {
            double second = drawn.stream().filter(p -> p != sorted.get(top)).mapToDouble(ParetoPoint::cost).max()
                    .orElse(0);
            double rest = second - cheapest.cost();
            if (sorted.get(top).cost() - second > 2 * rest) {
                List<Integer> kept = new ArrayList<>();
                for (int i = 0; i < sorted.size(); i++) {
                    if (i != top) {
                        kept.add(i);
                    }
                }
                b.append("<p class=\"note\">The same frontier without ").append(esc(labels[top] == null ? "its costliest "
                        + "point" : labels[top])).append(", whose cost flattens the others above:</p>\n<figure>")
                        .append(frontier(kept.stream().mapToDouble(i -> xs[i]).toArray(),
                                kept.stream().mapToDouble(i -> ys[i]).toArray(),
                                kept.stream().map(i -> labels[i]).toArray(String[]::new),
                                marks.stream().filter(m -> m.y() != ys[top] || m.x() != xs[top]).toList(),
                                "Pareto frontier without its costliest point"))
                        .append("</figure>\n");
            }
        }
        b.append("<details><summary>Values</summary>\n<div class=\"scroll\"><table class=\"data\"><thead><tr><th>point</th>"
                + "<th class=\"num\">expected risk (risk-tonnes)</th><th class=\"num\">cost (USD)</th></tr></thead><tbody>\n");
        for (int i = 0; i < sorted.size(); i++) {
            ParetoPoint p = sorted.get(i);
            b.append("<tr><td>").append(esc(labels[i] == null ? "" : labels[i])).append("</td><td class=\"num\">")
                    .append(esc(Markup.number(p.risk()))).append("</td><td class=\"num\">")
                    .append(esc(Markup.moneyFull(p.cost()))).append("</td></tr>\n");
        }
        b.append("</tbody></table></div></details>\n");
        add("Pareto frontier: cost and risk", b.toString());
        return this;
    }

    private static String frontier(double[] xs, double[] ys, String[] labels, List<Charts.Mark> marks, String aria) {
        return Charts.xy(List.of(new Charts.Series("frontier", OPERATE, xs, ys, null, labels, true, 2)),
                new Charts.Axis("expected risk (risk-tonnes)", false).fitted(), new Charts.Axis("cost (USD)", true).fitted(),
                aria, false, marks);
    }

    /** Adds a stress table: for each country, the cost increase and the shortfall when it is cut off. */
    public HtmlReport addStress(List<StressRow> rows) {
        List<StressRow> list = List.copyOf(rows);
        double maxIncrease = list.stream().mapToDouble(r -> Math.abs(r.increase())).filter(Double::isFinite).max()
                .orElse(0);
        double maxShort = list.stream().mapToDouble(r -> Math.abs(r.shortfall())).filter(Double::isFinite).max()
                .orElse(0);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">What each stress costs on top of the plan (expected, discounted USD) and how "
                + "many tonnes of demand then go unmet. Bars are relative to the largest value in each column.</p>\n");
        b.append("<div class=\"scroll\"><table class=\"data stress\"><thead><tr><th>country</th><th>cost increase (USD)</th>"
                + "<th>shortfall (t)</th></tr></thead><tbody>\n");
        for (StressRow r : list) {
            b.append("<tr><td class=\"name\">").append(esc(r.country())).append("</td>");
            barCell(b, r.increase(), maxIncrease, Markup.money(r.increase()), Markup.moneyFull(r.increase()) + " USD",
                    r.increase() < 0 ? REVENUE : PENALTY);
            barCell(b, r.shortfall(), maxShort, Markup.tonnes(r.shortfall()) + " t",
                    Markup.tonnes(r.shortfall()) + " t", OPERATE);
            b.append("</tr>\n");
        }
        if (list.isEmpty()) {
            b.append("<tr><td colspan=\"3\" class=\"note\">No rows.</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
        add("Stress test by country", b.toString());
        return this;
    }

    /**
     * Adds a histogram of what each sampled future costs (one bar per cost band, its length the
     * share of futures), with the mean and the CVaR named in the note.
     */
    public HtmlReport addCostHistogram(double[] costs, double mean, double cvar, double alpha) {
        double[] values = java.util.Arrays.stream(costs).filter(Double::isFinite).sorted().toArray();
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">How the objective (expected-value terms of one future: costs, shortfall penalties, "
                + "risk charge; discounted USD) spreads over the ").append(values.length)
                .append(" futures judged. Mean ").append(esc(Markup.money(mean))).append(" USD; CVaR ")
                .append(String.format(Locale.ROOT, "%.0f", 100 * alpha)).append(" % (mean of the worst ")
                .append(String.format(Locale.ROOT, "%.0f", 100 * (1 - alpha))).append(" %) ")
                .append(esc(Markup.money(cvar))).append(" USD.</p>\n");
        if (values.length > 0) {
            int bins = Math.max(1, Math.min(20, (int) Math.ceil(Math.sqrt(values.length))));
            double lo = values[0];
            double hi = values[values.length - 1];
            double width = hi > lo ? (hi - lo) / bins : 1;
            int[] counts = new int[hi > lo ? bins : 1];
            for (double v : values) {
                counts[Math.min(counts.length - 1, (int) ((v - lo) / width))]++;
            }
            List<Charts.Bar> bars = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                double from = lo + i * width;
                double to = counts.length == 1 ? hi : from + width;
                double share = 100.0 * counts[i] / values.length;
                String label = Markup.money(from) + " \u2013 " + Markup.money(to);
                bars.add(new Charts.Bar(label, share, to > cvar ? PENALTY : OPERATE,
                        String.format(Locale.ROOT, "%s USD: %d futures (%.1f %%)", label, counts[i], share), false));
            }
            b.append(Charts.bars(bars, "Histogram of the cost of the sampled futures, in percent of futures"));
            b.append("<p class=\"note\">Bar length: percent of futures in the band. Bands in the worst tail "
                    + "(above the CVaR) are drawn in orange.</p>\n");
        }
        add("Cost over the sampled futures", b.toString());
        return this;
    }

    /** One buyer's shortfall of one element over sampled futures. */
    public record ShortfallRiskRow(String buyer, String element, double probability, double expectedTonnes,
                                   double whenShort) {}

    /** Adds, per buyer and element, the probability of a shortfall and its expected size. */
    public HtmlReport addShortfallRisks(List<ShortfallRiskRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">How likely each buyer is to go short of each element over the horizon, and by how "
                + "much: expected tonnes over all futures, and the mean in the futures that go short.</p>\n");
        b.append("<div class=\"scroll\"><table class=\"data stress\"><thead><tr><th>buyer</th><th>element</th>"
                + "<th>probability of a shortfall</th><th class=\"num\">expected (t)</th>"
                + "<th class=\"num\">when short (t)</th></tr></thead><tbody>\n");
        for (ShortfallRiskRow r : rows) {
            b.append("<tr><td class=\"name\">").append(esc(r.buyer())).append("</td><td>").append(esc(r.element()))
                    .append("</td>");
            String pct = String.format(Locale.ROOT, "%.1f %%", 100 * r.probability());
            barCell(b, r.probability(), 1, pct, pct + " of futures", PENALTY);
            b.append("<td class=\"num\">").append(esc(Markup.tonnes(r.expectedTonnes()))).append("</td>")
                    .append("<td class=\"num\">").append(esc(Markup.tonnes(r.whenShort()))).append("</td></tr>\n");
        }
        if (rows.isEmpty()) {
            b.append("<tr><td colspan=\"5\" class=\"note\">No demand.</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
        add("Shortfall risk by buyer and element", b.toString());
        return this;
    }

    /** Adds a paragraph of facts under a heading (what was run, what it found). */
    public HtmlReport addFacts(String heading, List<String> lines) {
        StringBuilder b = new StringBuilder("<ul class=\"facts\">\n");
        lines.forEach(line -> b.append("<li>").append(esc(line)).append("</li>\n"));
        add(heading, b.append("</ul>\n").toString());
        return this;
    }

    /** Adds any {@link Table} as an HTML table under its title, numbers rounded per column as in text output. */
    public HtmlReport addTable(Table table) {
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"data\"><thead><tr>");
        int n = table.columns().size();
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            numeric[c] = table.numeric(c);
            b.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(esc(table.columns().get(c))).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (String[] row : table.texts()) {
            b.append("<tr>");
            for (int c = 0; c < n; c++) {
                b.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(esc(row[c])).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
        add(table.title() == null || table.title().isBlank() ? "Table" : table.title(), b.toString());
        return this;
    }

    // ---------------------------------------------------------------------------------------
    // output

    /** The whole page. */
    public String render() {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"generator\" content=\"Lodestone\"/>\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(css())
                .append("</style>\n</head>\n<body>\n");
        out.append("<header>\n<div class=\"wrap\">\n<p class=\"brand\">Lodestone report</p>\n<h1>").append(esc(title))
                .append("</h1>\n");
        if (headerFacts != null) {
            out.append("<div class=\"cards\">\n").append(headerFacts).append("</div>\n");
        }
        out.append("</div>\n</header>\n");
        if (!sections.isEmpty()) {
            out.append("<nav><div class=\"wrap\">");
            for (Section s : sections) {
                out.append("<a href=\"#").append(s.anchor()).append("\">").append(esc(s.heading())).append("</a>");
            }
            out.append("</div></nav>\n");
        }
        out.append("<main class=\"wrap\">\n");
        for (Section s : sections) {
            out.append("<section id=\"").append(s.anchor()).append("\">\n<h2>").append(esc(s.heading()))
                    .append("</h2>\n").append(s.body()).append("</section>\n");
        }
        out.append("</main>\n<footer class=\"wrap\">Written by Lodestone. This file is self-contained: "
                + "it needs no network access, and no scripts. Hover over a chart element for its exact figures; "
                + "the tables under \u201CValues\u201D hold the numbers.</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    /** Writes the page as UTF-8, atomically: readers see the old file or the whole new one. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, render());
    }

    // ---------------------------------------------------------------------------------------
    // plan sections

    private void add(String heading, String body) {
        sections.add(new Section("s" + sections.size(), heading, body));
    }

    private String id() {
        return "r" + nextId++;
    }

    private static String facts(Instance instance, Plan plan) {
        StringBuilder b = new StringBuilder();
        int scenarios = instance.scenarios().size();
        card(b, "instance", instance.name(), instance.horizon().start() + "\u2013" + instance.horizon().last()
                + " \u00B7 " + scenarios + " scenario" + (scenarios == 1 ? "" : "s"), null);
        String gap = plan.gap() == null ? null : "gap " + String.format(Locale.ROOT, "%.4f %%", 100 * plan.gap());
        card(b, "status", plan.status().name(), gap, "st-" + plan.status().name().toLowerCase(Locale.ROOT));
        if (plan.objective() != null) {
            card(b, "objective", Markup.money(plan.objective()) + " USD", Markup.moneyFull(plan.objective())
                    + " USD" + (plan.bestBound() == null ? "" : " \u00B7 bound " + Markup.money(plan.bestBound())),
                    null);
        }
        if (plan.status().hasSolution()) {
            card(b, "expected risk", Markup.tonnes(plan.risk()) + " risk-t", instance.riskWeight() > 0
                    ? "\u00D7 " + Markup.number(instance.riskWeight()) + " USD/t = "
                    + Markup.money(instance.riskWeight() * plan.risk()) + " USD" : "not priced", null);
        }
        if (plan.status().hasSolution() && instance.riskAversion().isPresent()) {
            RiskAversion aversion = instance.riskAversion().get();
            card(b, "CVaR", plan.cvar() == null ? "-" : Markup.money(plan.cvar()) + " USD", "worst "
                    + Markup.number(100 * (1 - aversion.alpha())) + " % \u00B7 weight " + Markup.number(aversion.weight())
                    + " \u00B7 premium " + Markup.money(plan.costs().get(CostPart.RISK_PREMIUM)) + " USD", null);
        }
        Plan.SolverInfo s = plan.solver();
        if (s != null) {
            String version = s.version() == null ? "" : s.version().startsWith(s.name())
                    ? s.version().substring(s.name().length()).trim() : s.version().trim();
            String detail = (version.isEmpty() ? "" : Markup.clip(version, 40) + " \u00B7 ") + s.threads() + " thread"
                    + (s.threads() == 1 ? "" : "s")
                    + (s.seconds() == null ? "" : String.format(Locale.ROOT, " \u00B7 %.2f s", s.seconds()))
                    + " \u00B7 gap limit " + Markup.number(s.relativeGap());
            card(b, "solver", s.name(), detail, null);
        }
        return b.toString();
    }

    private static void card(StringBuilder b, String key, String value, String detail, String cls) {
        b.append("<div class=\"card\"><div class=\"k\">").append(esc(key)).append("</div><div class=\"v")
                .append(cls == null ? "" : " " + cls).append(value.length() > 20 ? " long" : "").append("\">").append(esc(value)).append("</div>");
        if (detail != null && !detail.isEmpty()) {
            b.append("<div class=\"x\">").append(esc(detail)).append("</div>");
        }
        b.append("</div>\n");
    }

    /**
     * Sankey views a plan's flows may have at most: scenario (with the expectation) × element
     * (with all) × year (with all). Beyond it, single years are drawn for the expected flows
     * only, each scenario for all years (every view is a whole diagram in the page).
     */
    static final int MAX_FLOW_VIEWS = 100;

    private String flows(Instance instance, Plan plan) {
        Map<String, String> colours = Markup.countryColours(instance);
        List<SankeyChart.View> scenarios = new ArrayList<>();
        List<String> scenarioNames = new ArrayList<>();
        if (plan.scenarios().size() > 1) {
            scenarios.add(SankeyChart.View.all(-1));
            scenarioNames.add("Expected");
        }
        for (int s = 0; s < plan.scenarios().size(); s++) {
            Plan.ScenarioPlan sp = plan.scenarios().get(s);
            scenarios.add(SankeyChart.View.all(s));
            scenarioNames.add(sp.id() + " (p = " + Markup.number(sp.probability()) + ")");
        }
        List<String> elements = new ArrayList<>();
        elements.add(null);
        List<String> moved = movedElements(plan);
        instance.elements().stream().map(e -> e.id()).filter(moved::contains).forEach(elements::add);
        List<Integer> years = new ArrayList<>();
        years.add(null);
        for (int y = instance.horizon().start(); y <= instance.horizon().last(); y++) {
            years.add(y);
        }
        if (elements.size() == 2) {
            elements.remove(1); // one element: "all" is that element
        }
        if (years.size() == 2) {
            years.remove(1);
        }
        boolean everyYearEverywhere = scenarios.size() * elements.size() * years.size() <= MAX_FLOW_VIEWS;

        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">Choose ").append(scenarios.size() > 1 ? "a scenario or the expectation, " : "")
                .append(elements.size() > 1 ? "an element " : "").append(elements.size() > 1 ? "and " : "")
                .append("a year or all of ").append(instance.horizon().start()).append("\u2013")
                .append(instance.horizon().last()).append(". Left: concentrate from mines to refineries in t REO (for "
                        + "one element: the tonnes of it the concentrate holds); right: separated oxide from refineries "
                        + "to buyers in t. Oxide sold as surplus is drawn apart, under the diagram. Each stage of each "
                        + "view has its own scale; within a stage, link widths are proportional to tonnes. Nodes are "
                        + "coloured by country and carry its code.</p>\n");
        if (!everyYearEverywhere) {
            b.append("<p class=\"note\">Single years are drawn for the expected flows; a scenario is drawn for all "
                    + "years together (").append(scenarios.size() * elements.size() * years.size())
                    .append(" views would make the page too large).</p>\n");
        }
        String group = id();
        TreeSet<String> legendCountries = new TreeSet<>(Comparator.comparingInt(
                (String c) -> indexOfCountry(instance, c)).thenComparing(Comparator.naturalOrder()));
        List<int[]> keys = new ArrayList<>();
        List<String> panels = new ArrayList<>();
        for (int a = 0; a < scenarios.size(); a++) {
            for (int e = 0; e < elements.size(); e++) {
                for (int y = 0; y < years.size(); y++) {
                    boolean anyYear = !everyYearEverywhere && scenarios.get(a).scenario() >= 0;
                    if (anyYear && y > 0) {
                        continue;
                    }
                    SankeyChart.View view = new SankeyChart.View(scenarios.get(a).scenario(), elements.get(e),
                            years.get(y));
                    SankeyChart.Result r = SankeyChart.render(instance, plan, view, colours,
                            group + "-" + a + "-" + e + "-" + y);
                    legendCountries.addAll(r.countries());
                    String caption = (view.scenario() < 0 ? "Expected over the scenarios (weighted by probability)"
                            : "Scenario " + scenarioNames.get(a)) + (view.element() == null ? "" : ", " + view.element())
                            + (view.year() == null ? (anyYear ? ", all years (single years: see Expected)" : "")
                            : ", " + view.year());
                    keys.add(new int[] {a, e, anyYear ? -1 : y});
                    panels.add(flowPanel(r, view, caption));
                }
            }
        }
        List<String> elementNames = elements.stream().map(e -> e == null ? "all elements" : e).toList();
        List<String> yearNames = years.stream().map(y -> y == null ? "all years" : y.toString()).toList();
        b.append(picker(group, List.of("Scenario", "Element", "Year"),
                List.of(scenarioNames, elementNames, yearNames), keys, panels));
        if (!everyYearEverywhere) {
            // the year buttons do nothing while a scenario is chosen: grey them out
            for (int a = 1; a < scenarios.size(); a++) {
                pickerRules.add(".picker > input.p0o" + a + ":checked ~ input.p2 + label{opacity:.4}");
            }
        }
        b.append("<ul class=\"legend\">");
        Map<String, Country> byId = new HashMap<>();
        for (Country c : instance.countries()) {
            byId.put(c.id(), c);
        }
        for (String c : legendCountries) {
            Country country = byId.get(c);
            b.append("<li><span class=\"sw\" style=\"background:").append(colours.getOrDefault(c, Markup.UNKNOWN))
                    .append("\"></span><b>").append(esc(c)).append("</b>");
            if (country != null && country.name() != null && !country.name().isBlank()
                    && !country.name().equals(c)) {
                b.append(' ').append(esc(country.name()));
            }
            b.append("</li>");
        }
        b.append("<li><span class=\"sw surplus\"></span>surplus sales (under the diagram)</li>");
        b.append("<li><span class=\"sw hatch\"></span>unmet demand (shortfall)</li></ul>\n");
        return b.toString();
    }

    /** Elements delivered, sold or short in some scenario of the plan. */
    private static List<String> movedElements(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Plan.ScenarioPlan s : plan.scenarios()) {
            s.deliveries().forEach(d -> out.add(d.element()));
            s.surplus().forEach(q -> out.add(q.element()));
            s.shortfalls().forEach(q -> out.add(q.element()));
        }
        return out.stream().distinct().toList();
    }

    /** One view of the flows: its totals, the diagram, the facilities without flow, and its links as a table. */
    private static String flowPanel(SankeyChart.Result r, SankeyChart.View view, String caption) {
        String of = view.element() == null ? "" : view.element() + " ";
        StringBuilder panel = new StringBuilder();
        panel.append("<p class=\"totals\">").append(esc(caption)).append(": ");
        if (r.empty()) {
            panel.append("no flows.</p>\n");
        } else {
            panel.append("<b>").append(esc(Markup.tonnes(r.concentrate())))
                    .append(view.element() == null ? " t REO</b> of concentrate, <b>"
                            : " t</b> of " + esc(view.element()) + " in concentrate, <b>")
                    .append(esc(Markup.tonnes(r.delivered()))).append(" t</b> of ").append(esc(of))
                    .append("oxide delivered");
            if (r.surplus()) {
                panel.append(", <b>").append(esc(Markup.tonnes(r.surplusTonnes()))).append(" t</b> sold as surplus");
            }
            if (r.shortfall()) {
                panel.append(", <b class=\"short\">").append(esc(Markup.tonnes(r.shortfallTonnes())))
                        .append(" t</b> of demand unmet");
            }
            panel.append(".</p>\n");
        }
        panel.append("<figure>").append(r.svg()).append("</figure>\n");
        if (!r.idleMines().isEmpty() || !r.idleRefineries().isEmpty()) {
            panel.append("<p class=\"idle\">Without flow: ");
            if (!r.idleMines().isEmpty()) {
                panel.append(r.idleMines().size()).append(r.idleMines().size() == 1 ? " mine (" : " mines (")
                        .append(esc(String.join(", ", r.idleMines()))).append(')');
            }
            if (!r.idleRefineries().isEmpty()) {
                panel.append(r.idleMines().isEmpty() ? "" : "; ").append(r.idleRefineries().size())
                        .append(r.idleRefineries().size() == 1 ? " refinery (" : " refineries (")
                        .append(esc(String.join(", ", r.idleRefineries()))).append(')');
            }
            panel.append(".</p>\n");
        }
        if (view.year() != null) {
            // a table per single year would double the page: the plan file lists every flow by year
            panel.append("<p class=\"idle\">Hover over a link or node for its tonnes; the plan file lists every "
                    + "flow by year.</p>\n");
        } else if (!r.rows().isEmpty()) {
            panel.append("<details><summary>Values</summary>\n<div class=\"scroll\"><table class=\"data\"><thead><tr>"
                    + "<th>stage</th><th>from</th><th>to</th><th class=\"num\">tonnes</th><th>by element</th></tr>"
                    + "</thead><tbody>\n");
            for (SankeyChart.Row row : r.rows()) {
                panel.append("<tr><td>").append(esc(row.stage())).append("</td><td>").append(esc(row.from()))
                        .append("</td><td>").append(esc(row.to())).append("</td><td class=\"num\">")
                        .append(esc(Markup.tonnes(row.tonnes()))).append("</td><td>").append(esc(row.detail()))
                        .append("</td></tr>\n");
            }
            panel.append("</tbody></table></div></details>\n");
        }
        return panel.toString();
    }

    /**
     * Panels chosen by several independent selectors, without a script: one group of radio
     * buttons per selector (a group of one option is left out), then every panel, each shown by a
     * CSS rule when its options are the checked ones. {@code keys} give each panel's option per
     * group, -1 for a panel that stands for any option of that group.
     */
    private String picker(String group, List<String> titles, List<List<String>> options, List<int[]> keys,
                          List<String> panels) {
        StringBuilder b = new StringBuilder("<div class=\"picker\">\n");
        for (int g = 0; g < titles.size(); g++) {
            if (options.get(g).size() < 2) {
                continue;
            }
            b.append("<span class=\"pkh\">").append(esc(titles.get(g))).append("</span>");
            for (int o = 0; o < options.get(g).size(); o++) {
                String id = group + "-p" + g + "o" + o;
                b.append("<input type=\"radio\" name=\"").append(group).append("-p").append(g).append("\" id=\"")
                        .append(id).append("\" class=\"p").append(g).append(" p").append(g).append('o').append(o)
                        .append('"')
                        .append(o == 0 ? " checked=\"checked\"" : "").append("/><label for=\"").append(id)
                        .append("\">").append(esc(options.get(g).get(o))).append("</label>");
            }
            b.append("<br/>\n");
        }
        for (int p = 0; p < panels.size(); p++) {
            int[] key = keys.get(p);
            StringBuilder name = new StringBuilder("v");
            StringBuilder rule = new StringBuilder(".picker > ");
            for (int g = 0; g < key.length; g++) {
                name.append(g == 0 ? "" : "-").append(key[g] < 0 ? "x" : Integer.toString(key[g]));
                if (key[g] >= 0 && options.get(g).size() > 1) {
                    rule.append("input.p").append(g).append('o').append(key[g]).append(":checked ~ ");
                }
            }
            pickerRules.add(rule + "div." + name + "{display:block}");
            b.append("<div class=\"panel ").append(name).append("\">\n").append(panels.get(p)).append("</div>\n");
        }
        return b.append("</div>\n").toString();
    }

    /**
     * Panels with a selector: radio buttons styled as tabs (no script), the first panel shown at
     * first; the page's CSS shows the panel of the checked button.
     */
    private String tabs(String group, List<String> names, List<String> panels) {
        maxTabs = Math.max(maxTabs, names.size());
        StringBuilder b = new StringBuilder("<div class=\"tabs\">\n");
        for (int v = 0; v < names.size(); v++) {
            b.append("<input type=\"radio\" name=\"").append(group).append("\" id=\"").append(group).append("-t")
                    .append(v).append('"').append(v == 0 ? " checked=\"checked\"" : "").append("/>")
                    .append("<label for=\"").append(group).append("-t").append(v).append("\">")
                    .append(esc(names.get(v))).append("</label>\n");
        }
        for (String panel : panels) {
            b.append("<div class=\"panel\">\n").append(panel).append("</div>\n");
        }
        return b.append("</div>\n").toString();
    }

    private static int indexOfCountry(Instance instance, String id) {
        for (int i = 0; i < instance.countries().size(); i++) {
            if (instance.countries().get(i).id().equals(id)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private String builds(Instance instance, Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">Hatched: construction, from the start year until the plant comes online; "
                + "solid: online until the end of the horizon (").append(instance.horizon().last())
                .append("). Builds are decided once, before the scenario is known.</p>\n");
        b.append("<figure>").append(Charts.timeline(instance, plan, id())).append("</figure>\n");
        lateBuilds(b, instance, plan);
        if (!instance.contracts().isEmpty()) {
            int heldCount = 0;
            for (int k = 0; k < instance.contracts().size(); k++) {
                if (instance.contracts().get(k).signed()
                        || k < plan.contracts().size() && plan.contracts().get(k).held()) {
                    heldCount++;
                }
            }
            String heading = "Contracts: " + heldCount + " held, " + (instance.contracts().size() - heldCount) + " not held";
            boolean many = instance.contracts().size() > 12;
            b.append(many ? "<details><summary>" + esc(heading) + "</summary>\n" : "<h3>" + esc(heading) + "</h3>\n");
            b.append("<div class=\"scroll\"><table class=\"data\"><thead><tr><th>contract</th><th>facility</th>"
                    + "<th>decision</th><th class=\"num\">min t/yr</th><th class=\"num\">price USD/t</th>"
                    + "</tr></thead><tbody>\n");
            for (int k = 0; k < instance.contracts().size(); k++) {
                Contract c = instance.contracts().get(k);
                boolean held = k < plan.contracts().size() && plan.contracts().get(k).held();
                String decision = (c.signed() ? "held (signed before)" : held ? "held (signed now)" : "not held")
                        + (c.contingent() ? ", owed only as delivered" : "");
                b.append("<tr><td>").append(esc(c.id())).append("</td><td>").append(esc(c.facility()))
                        .append("</td><td class=\"").append(held || c.signed() ? "held" : "nothold").append("\">")
                        .append(esc(decision)).append("</td><td class=\"num\">").append(esc(Markup.tonnes(c.minPerYear())))
                        .append("</td><td class=\"num\">").append(esc(price(c))).append("</td></tr>\n");
            }
            b.append("</tbody></table></div>\n").append(many ? "</details>\n" : "");
        }
        return b.toString();
    }

    /** A contract's price: fixed, or the market index it follows (instance-reference.md Rule 9). */
    private static String price(Contract c) {
        return c.priceIndex().map(index -> Markup.number(index.share()) + " \u00D7 " + index.element() + " price, floor "
                + Markup.moneyFull(index.floor()) + index.cap().map(cap -> ", cap " + Markup.moneyFull(cap)).orElse(""))
                .orElseGet(() -> Markup.moneyFull(c.price()));
    }

    /**
     * The builds that scenarios delay (instance-reference.md §7.8), under the timeline's dashed lines: the
     * planned online year, and the year each such scenario gets the capacity. Nothing without delays.
     */
    private static void lateBuilds(StringBuilder b, Instance instance, Plan plan) {
        StringBuilder rows = new StringBuilder();
        for (Plan.Build build : plan.builds()) {
            LateBuilds.byYear(LateBuilds.of(instance, build)).forEach((year, scenarios) ->
                    rows.append("<tr><td>").append(esc(build.facility())).append("</td><td class=\"num\">")
                            .append(build.onlineYear()).append("</td><td class=\"num\">").append(year)
                            .append("</td><td>").append(esc(String.join(", ", scenarios))).append("</td></tr>\n"));
        }
        if (rows.isEmpty()) {
            return;
        }
        b.append("<h3>Builds late in some scenarios</h3>\n<p class=\"note\">Dashed lines on the timeline: the year "
                + "a build comes online in a scenario that delays it. Capex and fixed opex follow the planned year; "
                + "the capacity comes with the delay.</p>\n<div class=\"scroll\"><table class=\"data\"><thead><tr><th>build</th>"
                + "<th class=\"num\">planned online</th><th class=\"num\">online</th><th>in scenarios</th>"
                + "</tr></thead><tbody>\n").append(rows).append("</tbody></table></div>\n");
    }

    /** Colour of the capacity line of the stock chart, apart from the scenarios' colours. */
    private static final String CAPACITY = "#5B6472";

    /**
     * The stockpiles (instance-reference.md Rule 12): per stockpile, chosen with a selector, its level at the
     * end of each year, one line per scenario, from the initial level (plotted at the end of the
     * year before the horizon) under its capacity.
     */
    private String stockpiles(Instance instance, Plan plan) {
        int start = instance.horizon().start();
        int years = instance.horizon().years();
        double[] xs = new double[years + 1];
        for (int t = 0; t <= years; t++) {
            xs[t] = start - 1 + t;
        }
        List<String> names = new ArrayList<>();
        List<String> panels = new ArrayList<>();
        for (Stockpile p : instance.stockpiles()) {
            double[][] levels = StockLevels.levels(instance, plan, p);
            double[] expected = StockLevels.expected(plan, levels);
            List<Charts.Series> series = new ArrayList<>();
            double[] capacity = new double[years + 1];
            Arrays.fill(capacity, p.capacity());
            series.add(new Charts.Series("capacity", CAPACITY, xs, capacity, null, null, false, 1.2));
            for (int s = 0; s < levels.length; s++) {
                series.add(new Charts.Series(plan.scenarios().get(s).id(),
                        Markup.PALETTE.get(s % Markup.PALETTE.size()), xs, withInitial(p.initial(), levels[s]), null,
                        null, years <= 20, 2, true));
            }
            StringBuilder panel = new StringBuilder("<p class=\"totals\">");
            panel.append(esc(p.buyer() + " " + p.element())).append(": capacity <b>")
                    .append(esc(Markup.tonnes(p.capacity()))).append(" t</b>, initial <b>")
                    .append(esc(Markup.tonnes(p.initial()))).append(" t</b>");
            if (p.minFinal() > 0) {
                panel.append(", at least <b>").append(esc(Markup.tonnes(p.minFinal()))).append(" t</b> at the end");
            }
            panel.append("; expected <b>").append(esc(Markup.tonnes(StockLevels.expectedTotal(instance, plan, p, false))))
                    .append(" t</b> filled and <b>")
                    .append(esc(Markup.tonnes(StockLevels.expectedTotal(instance, plan, p, true))))
                    .append(" t</b> released over the horizon.</p>\n<figure>")
                    .append(Charts.xy(series, Charts.Axis.years("year"), new Charts.Axis("stock at year end (t)", false),
                            "Stock levels of " + p.id(), true))
                    .append("</figure>\n<details><summary>Values</summary>\n<div class=\"scroll\"><table class=\"data\"><thead><tr>"
                            + "<th>year</th>");
            for (Plan.ScenarioPlan sp : plan.scenarios()) {
                panel.append("<th class=\"num\">").append(esc(sp.id())).append(" (t)</th>");
            }
            panel.append(levels.length > 1 ? "<th class=\"num\">expected (t)</th>" : "").append("</tr></thead><tbody>\n");
            for (int t = 0; t < years; t++) {
                panel.append("<tr><td>").append(start + t).append("</td>");
                for (double[] scenarioLevels : levels) {
                    panel.append("<td class=\"num\">").append(esc(Markup.tonnes(scenarioLevels[t]))).append("</td>");
                }
                if (levels.length > 1) {
                    panel.append("<td class=\"num\">").append(esc(Markup.tonnes(expected[t]))).append("</td>");
                }
                panel.append("</tr>\n");
            }
            panel.append("</tbody></table></div></details>\n");
            names.add(p.id());
            panels.add(panel.toString());
        }
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">Tonnes in each stockpile at the end of each year, one line per scenario; the "
                + "first point is the initial level, at the end of ").append(start - 1).append(". Oxide goes into "
                + "stock from deliveries and comes out to meet the buyer's demand. Choose a stockpile:</p>\n");
        b.append(tabs(id(), names, panels));
        return b.toString();
    }

    /** The initial level followed by the year-end levels. */
    private static double[] withInitial(double initial, double[] levels) {
        double[] out = new double[levels.length + 1];
        out[0] = initial;
        System.arraycopy(levels, 0, out, 1, levels.length);
        return out;
    }

    private String costs(Instance instance, Plan plan) {
        Plan.Costs c = plan.costs();
        double riskCost = instance.riskWeight() * plan.risk();
        Map<String, Double> parts = costParts(c, riskCost);
        double objective = plan.objective() != null ? plan.objective() : c.net() + riskCost;
        List<Charts.Bar> bars = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        table.append("<details><summary>Values</summary>\n<div class=\"scroll\"><table class=\"data\"><thead><tr><th>part</th>"
                + "<th class=\"num\">USD</th><th class=\"num\">share of objective</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Double> e : parts.entrySet()) {
            double v = e.getValue();
            if (v == 0) {
                continue;
            }
            String name = partName(e.getKey());
            double shown = shown(e.getKey(), v);
            bars.add(new Charts.Bar(name, v, partColour(e.getKey(), 0),
                    name + ": " + Markup.moneyFull(shown) + " USD", false, shown));
            table.append("<tr><td>").append(esc(name)).append("</td><td class=\"num\">")
                    .append(esc(Markup.moneyFull(shown))).append("</td><td class=\"num\">")
                    .append(objective == 0 ? "" : esc(String.format(Locale.ROOT, "%.1f %%", 100 * shown / objective)))
                    .append("</td></tr>\n");
        }
        bars.add(new Charts.Bar("objective", objective, TOTAL, "objective: " + Markup.moneyFull(objective) + " USD",
                true));
        table.append("<tr class=\"total\"><td>objective</td><td class=\"num\">").append(esc(Markup.moneyFull(objective)))
                .append("</td><td class=\"num\">100.0 %</td></tr>\n</tbody></table></div></details>\n");
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">Expected over the scenarios, discounted to ").append(instance.horizon().start())
                .append(", in USD. The parts add up to the objective, surplus revenue (the amount earned, as in "
                        + "the plan file) subtracted: its bar points left. Parts that are zero are left out.</p>\n");
        instance.riskAversion().ifPresent(aversion -> b.append("<p class=\"note\">Risk aversion: CVaR at alpha ")
                .append(esc(Markup.number(aversion.alpha()))).append(", the expected cost of the worst ")
                .append(esc(Markup.number(100 * (1 - aversion.alpha())))).append(" % of probability, is <b>")
                .append(plan.cvar() == null ? "-" : esc(Markup.moneyFull(plan.cvar()))).append(" USD</b>; with weight ")
                .append(esc(Markup.number(aversion.weight()))).append(" the objective adds the risk premium, weight "
                        + "\u00D7 (CVaR \u2212 expected cost) = <b>")
                .append(esc(Markup.moneyFull(plan.costs().get(CostPart.RISK_PREMIUM)))).append(" USD</b>.</p>\n"));
        b.append("<figure>").append(Charts.bars(bars, "Cost breakdown")).append("</figure>\n");
        b.append("<ul class=\"legend\"><li><span class=\"sw\" style=\"background:").append(INVEST)
                .append("\"></span>investment</li><li><span class=\"sw\" style=\"background:").append(OPERATE)
                .append("\"></span>operations</li><li><span class=\"sw\" style=\"background:").append(PENALTY)
                .append("\"></span>unmet or substituted demand</li><li><span class=\"sw\" style=\"background:")
                .append(REVENUE).append("\"></span>revenue</li><li><span class=\"sw\" style=\"background:")
                .append(RISK).append("\"></span>priced risk</li></ul>\n");
        b.append(table);
        return b.toString();
    }

    /** Where the expected risk-tonnes sit: a row per country, its risk-tonnes drawn as a bar. */
    private static String riskByCountry(Instance instance, List<RiskByCountry.Row> rows) {
        Map<String, Country> byId = new HashMap<>();
        for (Country c : instance.countries()) {
            byId.put(c.id(), c);
        }
        double total = rows.stream().mapToDouble(RiskByCountry.Row::riskTonnes).sum();
        double largest = rows.stream().mapToDouble(RiskByCountry.Row::riskTonnes).max().orElse(0);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">Expected over the scenarios and summed over ").append(instance.horizon().start())
                .append("\u2013").append(instance.horizon().last()).append(": each tonne of concentrate counts at the "
                        + "risk score of the country where it is mined and again at that of the country where it is "
                        + "refined, so the countries add up to the plan's ").append(esc(Markup.tonnes(total)))
                .append(" expected risk-tonnes").append(instance.riskWeight() > 0 ? ", priced at "
                        + esc(Markup.number(instance.riskWeight())) + " USD each" : "").append(".</p>\n");
        b.append("<div class=\"scroll\"><table class=\"data risk\"><thead><tr><th>country</th>"
                + "<th class=\"num\">risk score</th><th class=\"num\">mined (t REO)</th>"
                + "<th class=\"num\">refined (t REO)</th><th>risk-tonnes</th><th class=\"num\">share</th>"
                + "</tr></thead><tbody>\n");
        for (RiskByCountry.Row r : rows) {
            Country country = byId.get(r.country());
            String name = country == null || country.name() == null || country.name().isBlank()
                    || country.name().equals(r.country()) ? "" : " " + country.name();
            b.append("<tr><td class=\"name\"><b>").append(esc(r.country())).append("</b>").append(esc(name))
                    .append("</td><td class=\"num\">").append(esc(Markup.number(r.score()))).append("</td><td class=\"num\">")
                    .append(esc(Markup.tonnes(r.mined()))).append("</td><td class=\"num\">")
                    .append(esc(Markup.tonnes(r.refined()))).append("</td>");
            barCell(b, r.riskTonnes(), largest, Markup.tonnes(r.riskTonnes()), r.country() + ": "
                    + Markup.number(r.score()) + " \u00D7 (" + Markup.tonnes(r.mined()) + " + "
                    + Markup.tonnes(r.refined()) + ") t = " + Markup.tonnes(r.riskTonnes()) + " risk-tonnes", RISK);
            b.append("<td class=\"num\">").append(total > 0 ? esc(String.format(Locale.ROOT, "%.1f %%",
                    100 * r.riskTonnes() / total)) : "-").append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n");
        return b.toString();
    }

    private static String partColour(String key, int index) {
        return CostPart.ofKey(key).map(HtmlReport::groupColour)
                .orElseGet(() -> Markup.PALETTE.get(Math.floorMod(index, Markup.PALETTE.size())));
    }

    /** Colour of the group a part belongs to: investment, operations, penalties, revenue or risk. */
    private static String groupColour(CostPart part) {
        if (part == CostPart.RISK || part == CostPart.RISK_PREMIUM) {
            return RISK;
        }
        if (part.sign() < 0) {
            return REVENUE;
        }
        if (!part.operating()) {
            return INVEST;
        }
        return part == CostPart.SUBSTITUTION || part == CostPart.SHORTFALL ? PENALTY : OPERATE;
    }

    /** Part keys of a sweep in objective order, unknown keys after them in alphabetical order. */
    private static List<String> partKeys(List<SweepPoint> points) {
        TreeSet<String> keys = new TreeSet<>(Comparator.comparingInt((String k) -> {
            int i = PARTS.indexOf(k);
            return i < 0 ? PARTS.size() : i;
        }).thenComparing(Comparator.naturalOrder()));
        for (SweepPoint p : points) {
            for (Map.Entry<String, Double> e : p.parts().entrySet()) {
                if (e.getValue() != null && e.getValue() != 0) {
                    keys.add(e.getKey());
                }
            }
        }
        return List.copyOf(keys);
    }

    private static void barCell(StringBuilder b, double value, double max, String text, String tip, String colour) {
        double pct = max > 0 && Double.isFinite(value) ? 100 * Math.abs(value) / max : 0;
        b.append("<td class=\"barcell\" title=\"").append(esc(tip)).append("\"><span class=\"bar\" style=\"width:")
                .append(String.format(Locale.ROOT, "%.1f", pct)).append("%;background:").append(colour)
                .append("\"></span><span class=\"bv\">").append(esc(text)).append("</span></td>");
    }

    private String css() {
        StringBuilder tabs = new StringBuilder();
        for (int k = 1; k <= maxTabs; k++) {
            tabs.append(".tabs > input:nth-of-type(").append(k).append("):checked ~ div.panel:nth-of-type(").append(k)
                    .append(")");
            tabs.append(k < maxTabs ? ",\n" : "{display:block}\n");
        }
        StringBuilder rules = new StringBuilder();
        pickerRules.forEach(r -> rules.append(r).append('\n'));
        return CSS + tabs + rules;
    }

    private static final String CSS = """
            :root{--ink:#1d2430;--muted:#5b6472;--line:#dde2e8;--bg:#f4f6f8;--accent:#0072B2}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans","DejaVu Sans",sans-serif}
            .wrap{max-width:1200px;margin:0 auto;padding:0 24px}
            header{background:#1d2430;color:#fff;padding:22px 0 24px}
            header .brand{margin:0;color:#9fb0c4;font-size:13px;letter-spacing:.08em;text-transform:uppercase}
            h1{margin:2px 0 16px;font-size:28px;line-height:1.2;font-weight:650}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px}
            .card{background:rgba(255,255,255,.07);border:1px solid rgba(255,255,255,.16);border-radius:8px;padding:8px 14px 10px;min-width:0}
            .card .k{font-size:11.5px;text-transform:uppercase;letter-spacing:.07em;color:#a9b6c6}
            .card .v{font-size:20px;font-weight:650;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
            .card .v.long{font-size:16px;padding-top:3px}
            .card .x{font-size:12.5px;color:#c9d2dd;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
            .cards.light .card{background:#f7f9fb;border-color:var(--line)}
            .cards.light .k{color:var(--muted)}
            .cards.light .x{color:var(--muted)}
            .v.st-optimal{color:#5fd3a8}
            .v.st-feasible{color:#f2c25c}
            .v.st-infeasible,.v.st-no_solution{color:#ff8f70}
            .cards.light .v.st-optimal{color:#007a55}
            .cards.light .v.st-feasible{color:#9a6a00}
            .cards.light .v.st-infeasible,.cards.light .v.st-no_solution{color:#b33a12}
            nav{background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:5}
            nav .wrap{display:flex;flex-wrap:wrap;gap:4px 18px;padding-top:9px;padding-bottom:9px}
            nav a{color:var(--accent);text-decoration:none;font-size:14px;font-weight:600}
            nav a:hover{text-decoration:underline}
            main{padding-top:4px;padding-bottom:8px}
            section{background:#fff;border:1px solid var(--line);border-radius:10px;margin:20px 0;padding:18px 24px 20px;scroll-margin-top:52px}
            h2{font-size:21px;margin:0 0 4px;line-height:1.3}
            h3{font-size:16px;margin:18px 0 6px}
            .note{color:var(--muted);font-size:14px;margin:0 0 12px;max-width:900px}
            .totals{font-size:14px;margin:2px 0 6px}
            .short{color:#b33a12}
            .idle{color:var(--muted);font-size:13px;margin:4px 0 0}
            figure{margin:0;overflow-x:auto}
            svg.chart{display:block;width:100%;max-width:1100px;height:auto;font-family:inherit}
            svg text{fill:#1d2430;font-size:12.5px}
            svg .nn{font-weight:600}
            svg .nv{fill:#4f5866}
            svg .nc{fill:#5b6472;font-size:11px;letter-spacing:.04em}
            svg .ns{fill:#b33a12;font-weight:600}
            svg .strong{font-weight:700}
            svg .colhead{font-size:15px;font-weight:700}
            svg .colunit,svg .stage{fill:#5b6472;font-size:12px}
            svg .stage{font-style:italic}
            svg .halo{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
            svg .lk{stroke-opacity:.42}
            svg .lk:hover{stroke-opacity:.8}
            svg .axis{fill:#5b6472;font-size:12px;font-variant-numeric:tabular-nums}
            svg .axtitle{fill:#1d2430;font-size:13px;font-weight:600}
            svg .grid{stroke:#e6e9ee;stroke-width:1}
            svg .zero{stroke:#8a93a0;stroke-width:1.2}
            svg .rule{stroke:#c5ccd5;stroke-width:1}
            svg .frame{fill:none;stroke:#c5ccd5}
            svg .stripe{fill:#f6f8fa}
            svg .beyond{fill:#eef0f3}
            svg .band{fill-opacity:.22;stroke:none}
            svg .line{fill:none;stroke-linejoin:round;stroke-linecap:round}
            svg .pt{stroke:#fff;stroke-width:1.5}
            svg .mark{fill:none;stroke-width:2.5}
            svg .ptlabel{font-size:12px;fill:#1d2430}
            svg .serieslabel{font-size:12px;font-weight:600}
            svg .barlabel{font-size:12px;font-weight:600}
            svg .barlabel.light{fill:#fff}
            svg .barlabel.dark{fill:#5a3d00}
            svg .empty{fill:#5b6472;font-size:14px;font-style:italic}
            .legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;margin:8px 0 4px;font-size:13.5px}
            .legend li{display:flex;align-items:center;gap:6px}
            .sw{display:inline-block;width:14px;height:14px;border-radius:3px;border:1px solid rgba(0,0,0,.35)}
            .sw.surplus{background:#A0A0A0}
            .sw.hatch{background:repeating-linear-gradient(45deg,#D55E00 0 2px,#fff 2px 5px);border-color:#D55E00}
            details{margin:10px 0 0}
            summary{cursor:pointer;color:var(--accent);font-size:14px;font-weight:600}
            .scroll{overflow-x:auto;max-width:100%;margin:8px 0}
            table.data{border-collapse:collapse;margin:0;font-size:13.5px;font-variant-numeric:tabular-nums}
            table.data th,table.data td{padding:4px 12px 4px 0;border-bottom:1px solid #eceff3;text-align:left;vertical-align:middle}
            table.data th{font-weight:650;color:#3b4452;border-bottom:2px solid var(--line)}
            table.data .num{text-align:right;padding-left:12px}
            table.data tr.total td{font-weight:700;border-top:2px solid var(--line)}
            td.held{color:#007a55;font-weight:600}
            td.nothold{color:var(--muted)}
            table.stress{width:100%;max-width:900px}
            table.stress td.name{font-weight:600;white-space:nowrap;width:14%}
            table.risk{width:100%;max-width:1000px}
            table.risk td.name{white-space:nowrap}
            td.barcell{position:relative;width:43%;padding:5px 8px}
            td.barcell .bar{display:block;position:absolute;left:0;top:5px;bottom:5px;border-radius:3px;opacity:.3}
            td.barcell .bv{position:relative;padding-left:8px;font-weight:600}
            .tabs > input,.picker > input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
            .picker > .pkh{display:inline-block;min-width:76px;color:var(--muted);font-size:13px;font-weight:600}
            .picker > label{display:inline-block;padding:2px 10px;margin:0 4px 8px 0;border:1px solid #c5ccd5;border-radius:999px;cursor:pointer;font-size:13.5px;background:#fff;user-select:none}
            .picker > label:hover{border-color:var(--accent)}
            .picker > input:checked + label{background:#1d2430;border-color:#1d2430;color:#fff}
            .picker > input:focus-visible + label{outline:2px solid var(--accent);outline-offset:2px}
            .picker > div.panel{display:none}
            .tabs > label{display:inline-block;padding:4px 13px;margin:0 6px 10px 0;border:1px solid #c5ccd5;border-radius:999px;cursor:pointer;font-size:14px;background:#fff;user-select:none}
            .tabs > label:hover{border-color:var(--accent)}
            .tabs > input:checked + label{background:#1d2430;border-color:#1d2430;color:#fff}
            .tabs > input:focus-visible + label{outline:2px solid var(--accent);outline-offset:2px}
            .tabs > div.panel{display:none}
            footer{color:var(--muted);font-size:13px;padding-top:4px;padding-bottom:28px}
            code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.92em;background:#eef1f4;padding:1px 5px;border-radius:4px}
            @media print{nav{display:none}.tabs > div.panel{display:block !important}.tabs > label{display:none}section{break-inside:avoid}}
            """;
}

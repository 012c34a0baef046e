package org.lodestone.report;

import static org.lodestone.report.Markup.clip;
import static org.lodestone.report.Markup.esc;
import static org.lodestone.report.Markup.f;
import static org.lodestone.report.Markup.tonnes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestone.domain.Buyer;
import org.lodestone.domain.Element;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.plan.Plan;

/**
 * The Sankey diagram of one view of a plan: a scenario (or the probability-weighted
 * expectation), all elements or one, all years summed or one. Mines → refineries in tonnes of
 * REO in concentrate (of one element: the tonnes of it the concentrate holds, by the mine's
 * basket), refineries → buyers in tonnes of oxide. The two stages have different units, so each
 * has its own scale: within a stage, link widths are proportional to tonnes. Oxide sold as
 * surplus is drawn apart, as bars under the diagram on a scale of their own, so that buyers
 * fill the buyer column however much is sold off; a buyer's unmet demand is a hatched part of
 * its node.
 */
final class SankeyChart {
    static final double WIDTH = 1100;
    private static final double NODE_W = 14;
    private static final double MIN_SLOT = 17;
    private static final double GAP = 5;
    private static final double TOP = 58;
    private static final double BOTTOM = 14;
    private static final double X_MINE = 205;
    private static final double X_REFINERY = 525;
    private static final double X_BUYER = 830;
    private static final String SURPLUS_COLOUR = "#A0A0A0";
    /** Refineries with a surplus bar of their own; the others share one. */
    static final int SURPLUS_BARS = 12;
    private static final double SURPLUS_ROW = 20;

    /**
     * What one diagram shows.
     *
     * @param scenario index into the plan's scenarios, or -1 for the expectation over them
     * @param element an element id, or null for all elements
     * @param year a year of the horizon, or null for all years summed
     */
    record View(int scenario, String element, Integer year) {
        static View all(int scenario) {
            return new View(scenario, null, null);
        }
    }

    /** What the diagram shows besides the picture: for legends and the table under it. */
    record Result(String svg, List<String> countries, boolean shortfall, boolean surplus, double concentrate,
                  double delivered, double surplusTonnes, double shortfallTonnes, List<Row> rows,
                  List<String> idleMines, List<String> idleRefineries) {
        boolean empty() {
            return concentrate == 0 && delivered == 0 && surplusTonnes == 0 && shortfallTonnes == 0;
        }
    }

    /** One link (or surplus sale) for the table under the diagram. */
    record Row(String stage, String from, String to, double tonnes, String detail) {}

    private static final class Node {
        final String id;
        final int column;
        final String country;
        final int rank; // instance order, for stable ties
        double in;
        double out;
        double surplus;
        double shortfall;
        double order;
        double y;
        double h;
        double inCursor;
        double outCursor;

        Node(String id, int column, String country, int rank) {
            this.id = id;
            this.column = column;
            this.country = country;
            this.rank = rank;
        }

        double centre() {
            return y + h / 2;
        }
    }

    private record Link(Node from, Node to, double tonnes, Map<String, Double> byElement, int stage) {}

    private SankeyChart() {}

    /**
     * @param colours colour of each country (others: {@link Markup#UNKNOWN})
     * @param prefix unique prefix for ids inside this SVG (patterns)
     */
    static Result render(Instance instance, Plan plan, View view, Map<String, String> colours, String prefix) {
        Map<String, String> countryOf = new HashMap<>();
        Map<String, Integer> rankOf = new HashMap<>();
        Map<String, Double> share = new HashMap<>();
        for (int i = 0; i < instance.mines().size(); i++) {
            Mine m = instance.mines().get(i);
            countryOf.put("m:" + m.id(), m.country());
            rankOf.put("m:" + m.id(), i);
            share.put(m.id(), view.element() == null ? 1 : m.share(view.element()));
        }
        for (int i = 0; i < instance.refineries().size(); i++) {
            Refinery r = instance.refineries().get(i);
            countryOf.put("r:" + r.id(), r.country());
            rankOf.put("r:" + r.id(), i);
        }
        for (int i = 0; i < instance.buyers().size(); i++) {
            Buyer b = instance.buyers().get(i);
            countryOf.put("b:" + b.id(), b.country());
            rankOf.put("b:" + b.id(), i);
        }
        Map<String, Integer> countryRank = new HashMap<>();
        for (int i = 0; i < instance.countries().size(); i++) {
            countryRank.put(instance.countries().get(i).id(), i);
        }
        Map<String, Integer> elementRank = new HashMap<>();
        for (int i = 0; i < instance.elements().size(); i++) {
            Element e = instance.elements().get(i);
            elementRank.put(e.id(), i);
        }
        Units units = new Units(view.element());

        // gather, in plan order (deterministic), weighted by probability for the expectation
        Map<String, Node> mines = new LinkedHashMap<>();
        Map<String, Node> refineries = new LinkedHashMap<>();
        Map<String, Node> buyers = new LinkedHashMap<>();
        Map<List<String>, Double> stage1 = new LinkedHashMap<>();
        Map<List<String>, Map<String, Double>> stage2 = new LinkedHashMap<>();
        Map<String, Map<String, Double>> surplusOf = new LinkedHashMap<>();
        int scenario = view.scenario();
        List<Plan.ScenarioPlan> chosen = scenario < 0 ? plan.scenarios() : List.of(plan.scenarios().get(scenario));
        for (Plan.ScenarioPlan s : chosen) {
            double w = scenario < 0 ? s.probability() : 1;
            if (w <= 0) {
                continue;
            }
            for (Plan.Concentrate c : s.concentrate()) {
                double t = c.tonnes() * share.getOrDefault(c.mine(), view.element() == null ? 1.0 : 0.0);
                if (t > 1e-6 && shows(view, null, c.year())) {
                    stage1.merge(List.of(c.mine(), c.refinery()), w * t, Double::sum);
                }
            }
            for (Plan.Delivery d : s.deliveries()) {
                if (d.tonnes() > 1e-6 && shows(view, d.element(), d.year())) {
                    stage2.computeIfAbsent(List.of(d.refinery(), d.buyer()), k -> new LinkedHashMap<>())
                            .merge(d.element(), w * d.tonnes(), Double::sum);
                }
            }
            for (Plan.Surplus q : s.surplus()) {
                if (q.tonnes() > 1e-6 && shows(view, q.element(), q.year())) {
                    surplusOf.computeIfAbsent(q.refinery(), k -> new LinkedHashMap<>())
                            .merge(q.element(), w * q.tonnes(), Double::sum);
                }
            }
            for (Plan.Shortfall q : s.shortfalls()) {
                if (q.tonnes() > 1e-6 && shows(view, q.element(), q.year())) {
                    node(buyers, q.buyer(), 2, countryOf, rankOf).shortfall += w * q.tonnes();
                }
            }
        }
        List<Link> links = new ArrayList<>();
        for (Map.Entry<List<String>, Double> e : stage1.entrySet()) {
            Node m = node(mines, e.getKey().get(0), 0, countryOf, rankOf);
            Node r = node(refineries, e.getKey().get(1), 1, countryOf, rankOf);
            m.out += e.getValue();
            r.in += e.getValue();
            links.add(new Link(m, r, e.getValue(), Map.of(), 1));
        }
        for (Map.Entry<List<String>, Map<String, Double>> e : stage2.entrySet()) {
            Node r = node(refineries, e.getKey().get(0), 1, countryOf, rankOf);
            Node b = node(buyers, e.getKey().get(1), 2, countryOf, rankOf);
            double t = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            r.out += t;
            b.in += t;
            links.add(new Link(r, b, t, byElementOrder(e.getValue(), elementRank), 2));
        }
        List<Node> selling = new ArrayList<>();
        Map<Node, Map<String, Double>> soldByElement = new HashMap<>();
        for (Map.Entry<String, Map<String, Double>> e : surplusOf.entrySet()) {
            Node r = node(refineries, e.getKey(), 1, countryOf, rankOf);
            r.surplus = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            selling.add(r);
            soldByElement.put(r, byElementOrder(e.getValue(), elementRank));
        }

        // order: mines grouped by country, refineries and buyers by the mean rank of what feeds them
        List<Node> mineCol = new ArrayList<>(mines.values());
        mineCol.sort(Comparator.comparingInt((Node n) -> countryRank.getOrDefault(n.country, Integer.MAX_VALUE))
                .thenComparingInt(n -> n.rank).thenComparing(n -> n.id));
        rank(mineCol);
        List<Node> refCol = new ArrayList<>(refineries.values());
        barycentre(refCol, links, 1);
        List<Node> buyerCol = new ArrayList<>(buyers.values());
        barycentre(buyerCol, links, 2);
        List<List<Node>> columns = List.of(mineCol, refCol, buyerCol);

        double t1 = mineCol.stream().mapToDouble(n -> n.out).sum();
        double refOut = refCol.stream().mapToDouble(n -> n.out).sum();
        double buyerSide = buyerCol.stream().mapToDouble(n -> n.in + n.shortfall).sum();
        double t2 = Math.max(refOut, buyerSide);
        int maxN = Math.max(mineCol.size(), Math.max(refCol.size(), buyerCol.size()));
        double height = Math.max(360, maxN * 26.0 + 60);
        double k = scale(columns, t1, t2, height);
        double s1 = t1 > 0 ? k / t1 : 0;
        double s2 = t2 > 0 ? k / t2 : 0;
        for (List<Node> col : columns) {
            sizes(col, s1, s2);
            double total = col.stream().mapToDouble(n -> Math.max(n.h, MIN_SLOT)).sum() + GAP * Math.max(0, col.size() - 1);
            double y = TOP + (height - total) / 2;
            for (Node n : col) {
                double slot = Math.max(n.h, MIN_SLOT);
                n.y = y + (slot - n.h) / 2;
                y += slot + GAP;
            }
        }
        // link ends: stacked on each side in the order of the other end, each side centred on its node
        for (Node n : mineCol) {
            n.outCursor = n.y + (n.h - n.out * s1) / 2;
        }
        for (Node n : refCol) {
            n.inCursor = n.y + (n.h - n.in * s1) / 2;
            n.outCursor = n.y + (n.h - n.out * s2) / 2;
        }
        for (Node n : buyerCol) {
            n.inCursor = n.y;
        }
        Map<Link, double[]> ends = new LinkedHashMap<>();
        for (Link l : links) {
            ends.put(l, new double[2]);
        }
        List<Link> bySource = new ArrayList<>(links);
        bySource.sort(Comparator.comparingInt((Link l) -> l.stage).thenComparingDouble(l -> l.to.centre())
                .thenComparing(l -> l.to.id));
        for (Link l : bySource) {
            double w = l.tonnes * (l.stage == 1 ? s1 : s2);
            ends.get(l)[0] = l.from.outCursor + w / 2;
            l.from.outCursor += w;
        }
        List<Link> byTarget = new ArrayList<>(links);
        byTarget.sort(Comparator.comparingInt((Link l) -> l.stage).thenComparingDouble(l -> l.from.centre())
                .thenComparing(l -> l.from.id));
        for (Link l : byTarget) {
            double w = l.tonnes * (l.stage == 1 ? s1 : s2);
            ends.get(l)[1] = l.to.inCursor + w / 2;
            l.to.inCursor += w;
        }

        selling.sort(Comparator.comparingDouble((Node n) -> -n.surplus).thenComparing(n -> n.id));
        int bars = selling.size() > SURPLUS_BARS ? SURPLUS_BARS : selling.size();
        double surplusTop = TOP + height + 30;
        double svgHeight = selling.isEmpty() ? TOP + height + BOTTOM
                : surplusTop + Math.max(42, (bars + (selling.size() > bars ? 1 : 0)) * SURPLUS_ROW) + BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart sankey\" viewBox=\"0 0 ")
                .append(f(WIDTH)).append(' ').append(f(svgHeight)).append("\" width=\"").append(f(WIDTH))
                .append("\" height=\"").append(f(svgHeight)).append("\" role=\"img\" aria-label=\"")
                .append(esc("Sankey diagram: mines to refineries to buyers" + units.of)).append("\">\n");
        svg.append("<defs><pattern id=\"").append(prefix).append("-hatch\" width=\"6\" height=\"6\" ")
                .append("patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"6\" height=\"6\" fill=\"#fff\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#D55E00\" stroke-width=\"3\"/>")
                .append("</pattern></defs>\n");
        header(svg, X_MINE + NODE_W / 2, "Mines", units.mines, "end");
        header(svg, X_REFINERY + NODE_W / 2, "Refineries", units.refineries, "middle");
        header(svg, X_BUYER + NODE_W / 2, "Buyers", units.buyers, "start");
        double midStage1 = (X_MINE + NODE_W + X_REFINERY) / 2;
        double midStage2 = (X_REFINERY + NODE_W + X_BUYER) / 2;
        svg.append("<text class=\"stage\" x=\"").append(f(midStage1)).append("\" y=\"").append(f(TOP - 8))
                .append("\" text-anchor=\"middle\">").append(esc(units.stage1)).append("</text>\n");
        svg.append("<text class=\"stage\" x=\"").append(f(midStage2)).append("\" y=\"").append(f(TOP - 8))
                .append("\" text-anchor=\"middle\">").append(esc(units.stage2)).append("</text>\n");

        List<String> idleMines = view.element() != null ? List.of()
                : instance.mines().stream().map(Mine::id).filter(id -> !mines.containsKey(id)).toList();
        List<String> idleRefineries = view.element() != null ? List.of() : instance.refineries().stream()
                .map(Refinery::id).filter(id -> !refineries.containsKey(id)).toList();
        if (links.isEmpty() && buyerCol.isEmpty() && selling.isEmpty()) {
            svg.append("<text class=\"empty\" x=\"").append(f(WIDTH / 2)).append("\" y=\"").append(f(TOP + height / 2))
                    .append("\" text-anchor=\"middle\">").append(esc("No flows" + units.of + ".")).append("</text>\n</svg>");
            return new Result(svg.toString(), List.of(), false, false, 0, 0, 0, 0, List.of(), idleMines,
                    idleRefineries);
        }

        // links: widest first so that thin ones stay visible on top
        List<Link> drawOrder = new ArrayList<>(links);
        drawOrder.sort(Comparator.comparingDouble((Link l) -> -l.tonnes * (l.stage == 1 ? s1 : s2))
                .thenComparingInt(l -> l.stage).thenComparing(l -> l.from.id).thenComparing(l -> l.to.id));
        svg.append("<g class=\"links\" fill=\"none\">\n");
        for (Link l : drawOrder) {
            double w = l.tonnes * (l.stage == 1 ? s1 : s2);
            double x0 = l.stage == 1 ? X_MINE + NODE_W : X_REFINERY + NODE_W;
            double x1 = l.stage == 1 ? X_REFINERY : X_BUYER;
            double xm = (x0 + x1) / 2;
            double[] y = ends.get(l);
            String col = colourOf(l.from, colours);
            String detail = l.byElement.size() < 2 ? "" : detail(l.byElement);
            String tip = label(l.from) + " \u2192 " + label(l.to) + ": " + tonnes(l.tonnes) + " t "
                    + (l.stage == 1 ? units.stage1Tonnes : units.stage2Tonnes) + (detail.isEmpty() ? "" : " (" + detail + ")");
            svg.append("<path class=\"lk\" d=\"M").append(f(x0)).append(' ').append(f(y[0])).append(" C")
                    .append(f(xm)).append(' ').append(f(y[0])).append(' ').append(f(xm)).append(' ').append(f(y[1]))
                    .append(' ').append(f(x1)).append(' ').append(f(y[1])).append("\" stroke=\"").append(col)
                    .append("\" stroke-width=\"").append(f(Math.max(w, 1))).append("\"><title>").append(esc(tip))
                    .append("</title></path>\n");
        }
        svg.append("</g>\n");
        List<Row> rows = new ArrayList<>();
        for (Link l : byTarget) {
            rows.add(new Row(l.stage == 1 ? units.stage1Row : units.stage2Row, label(l.from), label(l.to), l.tonnes,
                    l.byElement.size() < 2 ? "" : detail(l.byElement)));
        }
        for (Node r : selling) {
            Map<String, Double> sold = soldByElement.get(r);
            rows.add(new Row(units.surplusRow, r.id, "surplus sales", r.surplus, sold.size() < 2 ? "" : detail(sold)));
        }

        // nodes and labels
        Set<String> countries = new LinkedHashSet<>();
        svg.append("<g class=\"nodes\">\n");
        for (List<Node> col : columns) {
            for (Node n : col) {
                if (n.country != null) {
                    countries.add(n.country);
                }
                String fill = colourOf(n, colours);
                double x = n.column == 0 ? X_MINE : n.column == 1 ? X_REFINERY : X_BUYER;
                String tip = tooltip(n, units);
                boolean buyer = n.column == 2;
                double inPx = buyer ? n.in * s2 : n.h;
                if (!buyer || n.in > 0) {
                    svg.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(n.y)).append("\" width=\"")
                            .append(f(NODE_W)).append("\" height=\"").append(f(Math.max(inPx, 1)))
                            .append("\" fill=\"").append(fill).append("\" stroke=\"#333\" stroke-width=\"0.6\"><title>")
                            .append(esc(tip)).append("</title></rect>\n");
                }
                if (buyer && n.shortfall > 0) {
                    svg.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(n.y + inPx)).append("\" width=\"")
                            .append(f(NODE_W)).append("\" height=\"").append(f(Math.max(n.shortfall * s2, 2)))
                            .append("\" fill=\"url(#").append(prefix)
                            .append("-hatch)\" stroke=\"#D55E00\" stroke-width=\"0.8\"><title>")
                            .append(esc(tip + " (hatched: unmet demand)")).append("</title></rect>\n");
                }
                nodeLabel(svg, n, x);
            }
        }
        svg.append("</g>\n");
        if (!selling.isEmpty()) {
            surplusBars(svg, selling, bars, surplusTop, units);
        }
        svg.append("</svg>");
        double delivered = buyerCol.stream().mapToDouble(n -> n.in).sum();
        double surplus = selling.stream().mapToDouble(n -> n.surplus).sum();
        double shortfall = buyerCol.stream().mapToDouble(n -> n.shortfall).sum();
        return new Result(svg.toString(), List.copyOf(countries), shortfall > 0, surplus > 0, t1, delivered, surplus,
                shortfall, rows, idleMines, idleRefineries);
    }

    /** Whether a flow of {@code element} (null: any) in {@code year} belongs to the view. */
    private static boolean shows(View view, String element, int year) {
        return (view.year() == null || view.year() == year)
                && (element == null || view.element() == null || view.element().equals(element));
    }

    private static Map<String, Double> byElementOrder(Map<String, Double> tonnes, Map<String, Integer> elementRank) {
        Map<String, Double> sorted = new LinkedHashMap<>();
        tonnes.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Double> x) ->
                        elementRank.getOrDefault(x.getKey(), Integer.MAX_VALUE)).thenComparing(Map.Entry::getKey))
                .forEach(x -> sorted.put(x.getKey(), x.getValue()));
        return sorted;
    }

    /**
     * Surplus sales under the diagram: a grey bar per refinery, largest first, on a scale of
     * their own (they are not flows to buyers); beyond {@link #SURPLUS_BARS} refineries the rest
     * share one bar.
     */
    private static void surplusBars(StringBuilder svg, List<Node> selling, int bars, double top, Units units) {
        double total = selling.stream().mapToDouble(n -> n.surplus).sum();
        double rest = selling.stream().skip(bars).mapToDouble(n -> n.surplus).sum();
        double largest = Math.max(selling.get(0).surplus, rest);
        double x0 = X_REFINERY;
        double span = X_BUYER + 120 - X_REFINERY;
        svg.append("<line class=\"rule\" x1=\"20\" y1=\"").append(f(top - 16)).append("\" x2=\"")
                .append(f(WIDTH - 20)).append("\" y2=\"").append(f(top - 16)).append("\"/>\n");
        svg.append("<text class=\"colhead\" x=\"").append(f(X_MINE + NODE_W / 2)).append("\" y=\"").append(f(top + 4))
                .append("\" text-anchor=\"end\">Surplus sales</text>\n");
        svg.append("<text class=\"colunit\" x=\"").append(f(X_MINE + NODE_W / 2)).append("\" y=\"").append(f(top + 19))
                .append("\" text-anchor=\"end\">").append(esc(tonnes(total) + " t " + units.surplus)).append("</text>\n");
        svg.append("<text class=\"colunit\" x=\"").append(f(X_MINE + NODE_W / 2)).append("\" y=\"").append(f(top + 34))
                .append("\" text-anchor=\"end\">not to buyers; own scale</text>\n");
        double y = top - 6;
        for (int i = 0; i <= bars && i < selling.size(); i++) {
            boolean others = i == bars;
            String name = others ? (selling.size() - bars) + " more refineries" : selling.get(i).id;
            double t = others ? rest : selling.get(i).surplus;
            double w = Math.max(1, span * t / largest);
            String tip = name + ": " + tonnes(t) + " t " + units.surplus + " at the surplus price";
            svg.append("<text class=\"nn\" x=\"").append(f(x0 - 8)).append("\" y=\"").append(f(y + SURPLUS_ROW / 2))
                    .append("\" dy=\"0.35em\" text-anchor=\"end\">").append(esc(clip(name, 26))).append("</text>\n");
            svg.append("<rect x=\"").append(f(x0)).append("\" y=\"").append(f(y + 3)).append("\" width=\"").append(f(w))
                    .append("\" height=\"").append(f(SURPLUS_ROW - 6)).append("\" fill=\"").append(SURPLUS_COLOUR)
                    .append("\"><title>").append(esc(tip)).append("</title></rect>\n");
            svg.append("<text class=\"nv\" x=\"").append(f(x0 + w + 6)).append("\" y=\"").append(f(y + SURPLUS_ROW / 2))
                    .append("\" dy=\"0.35em\">").append(esc(tonnes(t))).append("</text>\n");
            y += SURPLUS_ROW;
        }
    }

    /** The words for tonnes in a view of all elements (t REO, oxide) or of one (t of it). */
    private static final class Units {
        final String of;
        final String mines;
        final String refineries;
        final String buyers;
        final String stage1;
        final String stage2;
        final String stage1Tonnes;
        final String stage2Tonnes;
        final String stage1Row;
        final String stage2Row;
        final String surplusRow;
        final String surplus;

        Units(String element) {
            if (element == null) {
                of = "";
                mines = "concentrate shipped, t REO";
                refineries = "t REO in \u2192 t oxide out";
                buyers = "oxide received, t (all elements)";
                stage1 = "concentrate, t REO";
                stage2 = "oxide to buyers, t";
                stage1Tonnes = "REO in concentrate";
                stage2Tonnes = "oxide";
                stage1Row = "concentrate (t REO)";
                stage2Row = "oxide (t)";
                surplusRow = "surplus oxide (t)";
                surplus = "oxide";
            } else {
                of = " of " + element;
                mines = element + " in concentrate shipped, t";
                refineries = "t " + element + " in \u2192 t " + element + " oxide out";
                buyers = element + " oxide received, t";
                stage1 = element + " in concentrate, t";
                stage2 = element + " oxide to buyers, t";
                stage1Tonnes = element + " in concentrate";
                stage2Tonnes = element + " oxide";
                stage1Row = element + " in concentrate (t)";
                stage2Row = element + " oxide (t)";
                surplusRow = "surplus " + element + " oxide (t)";
                surplus = element + " oxide";
            }
        }
    }

    private static Node node(Map<String, Node> nodes, String id, int column, Map<String, String> countryOf,
                             Map<String, Integer> rankOf) {
        return nodes.computeIfAbsent(id, k -> {
            String key = (column == 0 ? "m:" : column == 1 ? "r:" : "b:") + id;
            int rank = rankOf.getOrDefault(key, Integer.MAX_VALUE);
            return new Node(id, column, countryOf.get(key), rank);
        });
    }

    private static void rank(List<Node> col) {
        for (int i = 0; i < col.size(); i++) {
            col.get(i).order = i;
        }
    }

    /** Orders a column by the tonne-weighted mean position of the nodes feeding it. */
    private static void barycentre(List<Node> col, List<Link> links, int stage) {
        Map<Node, double[]> sums = new HashMap<>();
        for (Link l : links) {
            if (l.stage == stage) {
                double[] s = sums.computeIfAbsent(l.to, k -> new double[2]);
                s[0] += l.tonnes * l.from.order;
                s[1] += l.tonnes;
            }
        }
        Comparator<Node> byMean = Comparator.comparingDouble(n -> {
            double[] s = sums.get(n);
            return s == null || s[1] <= 0 ? Double.MAX_VALUE : s[0] / s[1];
        });
        col.sort(byMean.thenComparingInt((Node n) -> n.rank)
                .thenComparing(n -> n.id));
        rank(col);
    }

    private static void sizes(List<Node> col, double s1, double s2) {
        for (Node n : col) {
            double raw = switch (n.column) {
                case 0 -> n.out * s1;
                case 1 -> Math.max(n.in * s1, n.out * s2);
                default -> (n.in + n.shortfall) * s2;
            };
            n.h = Math.max(raw, 2);
        }
    }

    /** Pixels given to a whole stage's tonnes, as large as lets every column fit the height. */
    private static double scale(List<List<Node>> columns, double t1, double t2, double height) {
        double lo = 0;
        double hi = height;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (fits(columns, t1 > 0 ? mid / t1 : 0, t2 > 0 ? mid / t2 : 0, height)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean fits(List<List<Node>> columns, double s1, double s2, double height) {
        for (List<Node> col : columns) {
            sizes(col, s1, s2);
            double total = col.stream().mapToDouble(n -> Math.max(n.h, MIN_SLOT)).sum()
                    + GAP * Math.max(0, col.size() - 1);
            if (total > height) {
                return false;
            }
        }
        return true;
    }

    private static void header(StringBuilder svg, double x, String title, String unit, String anchor) {
        svg.append("<text class=\"colhead\" x=\"").append(f(x)).append("\" y=\"16\" text-anchor=\"").append(anchor)
                .append("\">").append(esc(title)).append("</text>\n");
        svg.append("<text class=\"colunit\" x=\"").append(f(x)).append("\" y=\"31\" text-anchor=\"").append(anchor)
                .append("\">").append(esc(unit)).append("</text>\n");
    }

    /** A node's name, its country's code (colours alone cannot tell a dozen countries apart) and its tonnes. */
    private static void nodeLabel(StringBuilder svg, Node n, double x) {
        double cy = n.centre();
        String name = "<tspan class=\"nn\">" + esc(clip(label(n), 26)) + "</tspan>"
                + (n.country == null ? "" : " <tspan class=\"nc\">" + esc(n.country) + "</tspan>");
        switch (n.column) {
            case 0 -> svg.append("<text class=\"nl\" x=\"").append(f(x - 6)).append("\" y=\"").append(f(cy))
                    .append("\" dy=\"0.35em\" text-anchor=\"end\">").append(name)
                    .append(" <tspan class=\"nv\">").append(esc(tonnes(n.out))).append("</tspan></text>\n");
            case 1 -> {
                boolean two = n.h >= 30;
                svg.append("<text class=\"nl halo\" x=\"").append(f(x + NODE_W + 5)).append("\" y=\"")
                        .append(f(two ? cy - 7 : cy)).append("\" dy=\"0.35em\">").append(name);
                String values = tonnes(n.in) + " \u2192 " + tonnes(n.out + n.surplus) + " t";
                if (two) {
                    svg.append("<tspan class=\"nv\" x=\"").append(f(x + NODE_W + 5)).append("\" dy=\"1.25em\">")
                            .append(esc(values)).append("</tspan>");
                }
                svg.append("</text>\n");
            }
            default -> {
                svg.append("<text class=\"nl\" x=\"").append(f(x + NODE_W + 6)).append("\" y=\"")
                        .append(f(n.shortfall > 0 && n.h >= 30 ? cy - 7 : cy))
                        .append("\" dy=\"0.35em\">").append(name).append(" <tspan class=\"nv\">")
                        .append(esc(tonnes(n.in))).append("</tspan>");
                if (n.shortfall > 0) {
                    svg.append(" <tspan class=\"ns\"");
                    if (n.h >= 30) { // room for a second line
                        svg.append(" x=\"").append(f(x + NODE_W + 6)).append("\" dy=\"1.25em\"");
                    }
                    svg.append('>').append(esc("short " + tonnes(n.shortfall))).append("</tspan>");
                }
                svg.append("</text>\n");
            }
        }
    }

    private static String label(Node n) {
        return n.id;
    }

    private static String tooltip(Node n, Units units) {
        String where = n.country == null ? "" : " (" + n.country + ")";
        return switch (n.column) {
            case 0 -> "mine " + n.id + where + ": " + tonnes(n.out) + " t " + units.stage1Tonnes + " shipped";
            case 1 -> "refinery " + n.id + where + ": " + tonnes(n.in) + " t " + units.stage1Tonnes + " in, "
                    + tonnes(n.out + n.surplus) + " t " + units.surplus + " out"
                    + (n.surplus > 0 ? " (" + tonnes(n.out) + " t to buyers, " + tonnes(n.surplus) + " t sold as surplus)"
                            : "");
            default -> "buyer " + n.id + where + ": " + tonnes(n.in) + " t " + units.stage2Tonnes + " received"
                    + (n.shortfall > 0 ? ", " + tonnes(n.shortfall) + " t short" : "");
        };
    }

    private static String colourOf(Node n, Map<String, String> colours) {
        return n.country == null ? Markup.UNKNOWN : colours.getOrDefault(n.country, Markup.UNKNOWN);
    }

    private static String detail(Map<String, Double> byElement) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : byElement.entrySet()) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(e.getKey()).append(' ').append(tonnes(e.getValue())).append(" t");
        }
        return b.toString();
    }
}

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
import org.lodestone.domain.Country;
import org.lodestone.domain.Element;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.plan.Plan;

/**
 * The Sankey diagram of one scenario (or the probability-weighted expectation) of a plan,
 * summed over the years: mines → refineries in tonnes of REO in concentrate, refineries →
 * buyers in tonnes of oxide (all elements). The two stages have different units, so each has
 * its own scale: within a stage, link widths are proportional to tonnes. Refinery output sold
 * as surplus flows to a grey "surplus sales" node; a buyer's unmet demand is a hatched part
 * of its node.
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
    private static final String SINK = "\u0000surplus";
    private static final String SINK_COLOUR = "#A0A0A0";

    /** What the diagram shows besides the picture: for legends and the table under it. */
    record Result(String svg, List<String> countries, boolean shortfall, boolean surplus, double concentrate,
                  double delivered, double surplusTonnes, double shortfallTonnes, List<Row> rows,
                  List<String> idleMines, List<String> idleRefineries) {}

    /** One link for the table under the diagram. */
    record Row(String stage, String from, String to, double tonnes, String detail) {}

    private static final class Node {
        final String id;
        final int column;
        final String country;
        final int rank; // instance order, for stable ties
        double in;
        double out;
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

        boolean sink() {
            return SINK.equals(id);
        }

        double centre() {
            return y + h / 2;
        }
    }

    private record Link(Node from, Node to, double tonnes, Map<String, Double> byElement, int stage) {}

    private SankeyChart() {}

    /**
     * @param scenario index into the plan's scenarios, or -1 for the expectation over them
     * @param prefix unique prefix for ids inside this SVG (patterns)
     */
    static Result render(Instance instance, Plan plan, int scenario, String prefix) {
        Map<String, String> countryOf = new HashMap<>();
        Map<String, Integer> rankOf = new HashMap<>();
        for (int i = 0; i < instance.mines().size(); i++) {
            Mine m = instance.mines().get(i);
            countryOf.put("m:" + m.id(), m.country());
            rankOf.put("m:" + m.id(), i);
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
        Map<String, String> colour = new HashMap<>();
        for (int i = 0; i < instance.countries().size(); i++) {
            Country c = instance.countries().get(i);
            countryRank.put(c.id(), i);
            colour.put(c.id(), Markup.PALETTE.get(i % Markup.PALETTE.size()));
        }
        Map<String, Integer> elementRank = new HashMap<>();
        for (int i = 0; i < instance.elements().size(); i++) {
            Element e = instance.elements().get(i);
            elementRank.put(e.id(), i);
        }

        // gather, in plan order (deterministic), weighted by probability for the expectation
        Map<String, Node> mines = new LinkedHashMap<>();
        Map<String, Node> refineries = new LinkedHashMap<>();
        Map<String, Node> buyers = new LinkedHashMap<>();
        Map<List<String>, Double> stage1 = new LinkedHashMap<>();
        Map<List<String>, Map<String, Double>> stage2 = new LinkedHashMap<>();
        List<Plan.ScenarioPlan> chosen = scenario < 0 ? plan.scenarios() : List.of(plan.scenarios().get(scenario));
        for (Plan.ScenarioPlan s : chosen) {
            double w = scenario < 0 ? s.probability() : 1;
            if (w <= 0) {
                continue;
            }
            for (Plan.Concentrate c : s.concentrate()) {
                if (c.tonnes() > 1e-6) {
                    stage1.merge(List.of(c.mine(), c.refinery()), w * c.tonnes(), Double::sum);
                }
            }
            for (Plan.Delivery d : s.deliveries()) {
                if (d.tonnes() > 1e-6) {
                    stage2.computeIfAbsent(List.of(d.refinery(), d.buyer()), k -> new LinkedHashMap<>())
                            .merge(d.element(), w * d.tonnes(), Double::sum);
                }
            }
            for (Plan.Surplus q : s.surplus()) {
                if (q.tonnes() > 1e-6) {
                    stage2.computeIfAbsent(List.of(q.refinery(), SINK), k -> new LinkedHashMap<>())
                            .merge(q.element(), w * q.tonnes(), Double::sum);
                }
            }
            for (Plan.Shortfall q : s.shortfalls()) {
                if (q.tonnes() > 1e-6) {
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
            Map<String, Double> sorted = new LinkedHashMap<>();
            e.getValue().entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, Double> x) ->
                            elementRank.getOrDefault(x.getKey(), Integer.MAX_VALUE)).thenComparing(Map.Entry::getKey))
                    .forEach(x -> sorted.put(x.getKey(), x.getValue()));
            links.add(new Link(r, b, t, sorted, 2));
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

        StringBuilder svg = new StringBuilder();
        double svgHeight = TOP + height + BOTTOM;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart sankey\" viewBox=\"0 0 ")
                .append(f(WIDTH)).append(' ').append(f(svgHeight)).append("\" width=\"").append(f(WIDTH))
                .append("\" height=\"").append(f(svgHeight)).append("\" role=\"img\" aria-label=\"")
                .append(esc("Sankey diagram: mines to refineries to buyers")).append("\">\n");
        svg.append("<defs><pattern id=\"").append(prefix).append("-hatch\" width=\"6\" height=\"6\" ")
                .append("patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"6\" height=\"6\" fill=\"#fff\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#D55E00\" stroke-width=\"3\"/>")
                .append("</pattern></defs>\n");
        header(svg, X_MINE + NODE_W / 2, "Mines", "concentrate shipped, t REO", "end");
        header(svg, X_REFINERY + NODE_W / 2, "Refineries", "t REO in \u2192 t oxide out", "middle");
        header(svg, X_BUYER + NODE_W / 2, "Buyers", "oxide received, t (all elements)", "start");
        double midStage1 = (X_MINE + NODE_W + X_REFINERY) / 2;
        double midStage2 = (X_REFINERY + NODE_W + X_BUYER) / 2;
        svg.append("<text class=\"stage\" x=\"").append(f(midStage1)).append("\" y=\"").append(f(TOP - 8))
                .append("\" text-anchor=\"middle\">concentrate, t REO</text>\n");
        svg.append("<text class=\"stage\" x=\"").append(f(midStage2)).append("\" y=\"").append(f(TOP - 8))
                .append("\" text-anchor=\"middle\">oxide, t</text>\n");

        if (links.isEmpty() && buyerCol.isEmpty()) {
            svg.append("<text class=\"empty\" x=\"").append(f(WIDTH / 2)).append("\" y=\"").append(f(TOP + height / 2))
                    .append("\" text-anchor=\"middle\">No flows in this plan.</text>\n</svg>");
            return new Result(svg.toString(), List.of(), false, false, 0, 0, 0, 0, List.of(),
                    instance.mines().stream().map(Mine::id).toList(),
                    instance.refineries().stream().map(Refinery::id).toList());
        }

        // links: widest first so that thin ones stay visible on top
        List<Link> drawOrder = new ArrayList<>(links);
        drawOrder.sort(Comparator.comparingDouble((Link l) -> -l.tonnes * (l.stage == 1 ? s1 : s2))
                .thenComparingInt(l -> l.stage).thenComparing(l -> l.from.id).thenComparing(l -> l.to.id));
        svg.append("<g class=\"links\" fill=\"none\">\n");
        List<Row> rows = new ArrayList<>();
        for (Link l : drawOrder) {
            double w = l.tonnes * (l.stage == 1 ? s1 : s2);
            double x0 = l.stage == 1 ? X_MINE + NODE_W : X_REFINERY + NODE_W;
            double x1 = l.stage == 1 ? X_REFINERY : X_BUYER;
            double xm = (x0 + x1) / 2;
            double[] y = ends.get(l);
            String col = colourOf(l.from, colour);
            String detail = l.byElement.isEmpty() ? "" : detail(l.byElement);
            String tip = (l.stage == 1
                    ? label(l.from) + " \u2192 " + label(l.to) + ": " + tonnes(l.tonnes) + " t REO in concentrate"
                    : label(l.from) + " \u2192 " + label(l.to) + ": " + tonnes(l.tonnes) + " t oxide"
                            + (detail.isEmpty() ? "" : " (" + detail + ")"));
            svg.append("<path class=\"lk\" d=\"M").append(f(x0)).append(' ').append(f(y[0])).append(" C")
                    .append(f(xm)).append(' ').append(f(y[0])).append(' ').append(f(xm)).append(' ').append(f(y[1]))
                    .append(' ').append(f(x1)).append(' ').append(f(y[1])).append("\" stroke=\"").append(col)
                    .append("\" stroke-width=\"").append(f(Math.max(w, 1))).append("\"><title>").append(esc(tip))
                    .append("</title></path>\n");
        }
        svg.append("</g>\n");
        for (Link l : byTarget) {
            rows.add(new Row(l.stage == 1 ? "concentrate (t REO)" : "oxide (t)", label(l.from), label(l.to), l.tonnes,
                    l.byElement.isEmpty() ? "" : detail(l.byElement)));
        }

        // nodes and labels
        Set<String> countries = new LinkedHashSet<>();
        svg.append("<g class=\"nodes\">\n");
        for (List<Node> col : columns) {
            for (Node n : col) {
                if (!n.sink() && n.country != null) {
                    countries.add(n.country);
                }
                String fill = n.sink() ? SINK_COLOUR : colourOf(n, colour);
                double x = n.column == 0 ? X_MINE : n.column == 1 ? X_REFINERY : X_BUYER;
                String tip = tooltip(n);
                boolean buyer = n.column == 2 && !n.sink();
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
        svg.append("</g>\n</svg>");
        double delivered = buyerCol.stream().filter(n -> !n.sink()).mapToDouble(n -> n.in).sum();
        double surplus = buyerCol.stream().filter(Node::sink).mapToDouble(n -> n.in).sum();
        double shortfall = buyerCol.stream().mapToDouble(n -> n.shortfall).sum();
        List<String> idleMines = instance.mines().stream().map(Mine::id).filter(id -> !mines.containsKey(id)).toList();
        List<String> idleRefineries = instance.refineries().stream().map(Refinery::id)
                .filter(id -> !refineries.containsKey(id)).toList();
        return new Result(svg.toString(), List.copyOf(countries), shortfall > 0, surplus > 0, t1, delivered, surplus,
                shortfall, rows, idleMines, idleRefineries);
    }

    private static Node node(Map<String, Node> nodes, String id, int column, Map<String, String> countryOf,
                             Map<String, Integer> rankOf) {
        return nodes.computeIfAbsent(id, k -> {
            String key = (column == 0 ? "m:" : column == 1 ? "r:" : "b:") + id;
            int rank = SINK.equals(id) ? Integer.MAX_VALUE : rankOf.getOrDefault(key, Integer.MAX_VALUE - 1);
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
        col.sort(Comparator.comparing(Node::sink).thenComparing(byMean).thenComparingInt((Node n) -> n.rank)
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

    private static void nodeLabel(StringBuilder svg, Node n, double x) {
        double cy = n.centre();
        String name = esc(clip(label(n), 26));
        switch (n.column) {
            case 0 -> svg.append("<text class=\"nl\" x=\"").append(f(x - 6)).append("\" y=\"").append(f(cy))
                    .append("\" dy=\"0.35em\" text-anchor=\"end\"><tspan class=\"nn\">").append(name)
                    .append("</tspan> <tspan class=\"nv\">").append(esc(tonnes(n.out))).append("</tspan></text>\n");
            case 1 -> {
                boolean two = n.h >= 30;
                svg.append("<text class=\"nl halo\" x=\"").append(f(x + NODE_W + 5)).append("\" y=\"")
                        .append(f(two ? cy - 7 : cy)).append("\" dy=\"0.35em\"><tspan class=\"nn\">").append(name)
                        .append("</tspan>");
                String values = tonnes(n.in) + " \u2192 " + tonnes(n.out) + " t";
                if (two) {
                    svg.append("<tspan class=\"nv\" x=\"").append(f(x + NODE_W + 5)).append("\" dy=\"1.25em\">")
                            .append(esc(values)).append("</tspan>");
                }
                svg.append("</text>\n");
            }
            default -> {
                svg.append("<text class=\"nl\" x=\"").append(f(x + NODE_W + 6)).append("\" y=\"")
                        .append(f(n.shortfall > 0 && n.h >= 30 ? cy - 7 : cy))
                        .append("\" dy=\"0.35em\"><tspan class=\"nn\">").append(name).append("</tspan> <tspan class=\"nv\">")
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
        return n.sink() ? "surplus sales" : n.id;
    }

    private static String tooltip(Node n) {
        String where = n.country == null ? "" : " (" + n.country + ")";
        return switch (n.column) {
            case 0 -> "mine " + n.id + where + ": " + tonnes(n.out) + " t REO shipped";
            case 1 -> "refinery " + n.id + where + ": " + tonnes(n.in) + " t REO in, " + tonnes(n.out)
                    + " t oxide out";
            default -> n.sink() ? "surplus sales: " + tonnes(n.in) + " t oxide sold at the surplus price"
                    : "buyer " + n.id + where + ": " + tonnes(n.in) + " t oxide received"
                    + (n.shortfall > 0 ? ", " + tonnes(n.shortfall) + " t short" : "");
        };
    }

    private static String colourOf(Node n, Map<String, String> colour) {
        return n.country == null ? Markup.UNKNOWN : colour.getOrDefault(n.country, Markup.UNKNOWN);
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

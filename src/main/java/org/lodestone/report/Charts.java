package org.lodestone.report;

import static org.lodestone.report.Markup.clip;
import static org.lodestone.report.Markup.esc;
import static org.lodestone.report.Markup.f;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lodestone.domain.Instance;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.plan.Plan;

/** The SVG charts of {@link HtmlReport} other than the Sankey diagram; each returns one {@code <svg>}. */
final class Charts {
    static final double WIDTH = 1100;

    private Charts() {}

    private static StringBuilder open(double height, String cls, String aria) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ").append(cls).append("\" viewBox=\"0 0 ")
                .append(f(WIDTH)).append(' ').append(f(height)).append("\" width=\"").append(f(WIDTH))
                .append("\" height=\"").append(f(height)).append("\" role=\"img\" aria-label=\"").append(esc(aria))
                .append("\">\n");
        return svg;
    }

    private static void text(StringBuilder svg, String cls, double x, double y, String anchor, String content) {
        svg.append("<text");
        if (cls != null) {
            svg.append(" class=\"").append(cls).append('"');
        }
        svg.append(" x=\"").append(f(x)).append("\" y=\"").append(f(y)).append('"');
        if (anchor != null) {
            svg.append(" text-anchor=\"").append(anchor).append('"');
        }
        svg.append('>').append(esc(content)).append("</text>\n");
    }

    // ---------------------------------------------------------------------------------------
    // build timeline

    static String timeline(Instance instance, Plan plan, String prefix) {
        List<Plan.Build> builds = new ArrayList<>(plan.builds());
        builds.sort(Comparator.comparingInt(Plan.Build::startYear).thenComparingInt(Plan.Build::onlineYear)
                .thenComparing(Plan.Build::facility));
        int first = instance.horizon().start();
        int end = instance.horizon().last() + 1; // exclusive
        Map<Plan.Build, List<LateBuilds.Late>> late = new HashMap<>();
        for (Plan.Build b : builds) {
            first = Math.min(first, b.startYear());
            end = Math.max(end, b.onlineYear() + 1);
            late.put(b, LateBuilds.of(instance, b));
            for (LateBuilds.Late l : late.get(b)) {
                end = Math.max(end, l.year() + 1);
            }
        }
        end = Math.min(end, first + 60);
        double left = 270;
        double right = WIDTH - 30;
        double top = 40;
        double rowH = 44;
        double height = top + Math.max(1, builds.size()) * rowH + 34;
        double perYear = (right - left) / (end - first);
        StringBuilder svg = open(height, "timeline", "Build timeline");
        svg.append("<defs><pattern id=\"").append(prefix).append("-build\" width=\"7\" height=\"7\" ")
                .append("patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"7\" height=\"7\" fill=\"#FBE3B0\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\" stroke=\"#E69F00\" stroke-width=\"3.5\"/>")
                .append("</pattern></defs>\n");
        double bottom = height - 34;
        int horizonEnd = instance.horizon().last() + 1;
        if (horizonEnd < end) {
            double x = left + (horizonEnd - first) * perYear;
            svg.append("<rect class=\"beyond\" x=\"").append(f(x)).append("\" y=\"").append(f(top - 6))
                    .append("\" width=\"").append(f(right - x)).append("\" height=\"").append(f(bottom - top + 12))
                    .append("\"/>\n");
            text(svg, "axis", (x + right) / 2, bottom + 28, "middle", "after the horizon");
        }
        int labelEvery = (int) Math.ceil(38 / perYear); // year labels at least 38 px apart
        for (int y = first; y <= end; y++) {
            double x = left + (y - first) * perYear;
            svg.append("<line class=\"grid\" x1=\"").append(f(x)).append("\" y1=\"").append(f(top - 6))
                    .append("\" x2=\"").append(f(x)).append("\" y2=\"").append(f(bottom + 6)).append("\"/>\n");
            if (y < end && (y - first) % labelEvery == 0) {
                text(svg, "axis", x + perYear / 2, top - 14, "middle", Integer.toString(y));
                text(svg, "axis", x + perYear / 2, bottom + 18, "middle", Integer.toString(y));
            }
        }
        if (builds.isEmpty()) {
            text(svg, "empty", (left + right) / 2, top + rowH / 2 + 5, "middle", "No builds: the plan uses existing capacity only.");
            text(svg, "nn", left - 12, top + rowH / 2 + 5, "end", "(none)");
            return svg.append("</svg>").toString();
        }
        for (int i = 0; i < builds.size(); i++) {
            Plan.Build b = builds.get(i);
            double y = top + i * rowH;
            double barY = y + 10;
            double barH = 22;
            String kind = "facility";
            String country = "";
            for (Mine m : instance.mines()) {
                if (m.id().equals(b.facility())) {
                    kind = "mine";
                    country = m.country();
                }
            }
            for (Refinery r : instance.refineries()) {
                if (r.id().equals(b.facility())) {
                    kind = "refinery";
                    country = r.country();
                }
            }
            String modules = b.modules() + " module" + (b.modules() == 1 ? "" : "s");
            String capacity = "+" + Markup.tonnes(b.capacityAdded()) + " t/yr";
            if (i % 2 == 1) {
                svg.append("<rect class=\"stripe\" x=\"0\" y=\"").append(f(y + 2)).append("\" width=\"")
                        .append(f(WIDTH)).append("\" height=\"").append(f(rowH - 4)).append("\"/>\n");
            }
            text(svg, "nn", left - 12, y + 20, "end", clip(b.facility(), 30));
            text(svg, "nv", left - 12, y + 36, "end",
                    (country.isEmpty() ? "" : country + " \u00B7 ") + kind + " \u00B7 " + modules + " \u00B7 " + capacity);
            double xs = left + (b.startYear() - first) * perYear;
            double xo = left + (Math.min(b.onlineYear(), end) - first) * perYear;
            double xe = left + (Math.max(horizonEnd, Math.min(b.onlineYear(), end)) - first) * perYear;
            List<LateBuilds.Late> lateYears = late.get(b);
            String tip = b.facility() + ": construction " + b.startYear() + "\u2013" + (b.onlineYear() - 1)
                    + ", online from " + b.onlineYear()
                    + (lateYears.isEmpty() ? "" : " (late: " + LateBuilds.describe(lateYears) + ")")
                    + ", " + modules + ", " + capacity;
            if (xo > xs) {
                svg.append("<rect x=\"").append(f(xs)).append("\" y=\"").append(f(barY)).append("\" width=\"")
                        .append(f(xo - xs)).append("\" height=\"").append(f(barH)).append("\" rx=\"3\" fill=\"url(#")
                        .append(prefix).append("-build)\" stroke=\"#B07800\" stroke-width=\"1\"><title>").append(esc(tip))
                        .append("</title></rect>\n");
                if (xo - xs >= 92) {
                    svg.append("<text class=\"barlabel dark halo\" x=\"").append(f((xs + xo) / 2)).append("\" y=\"")
                            .append(f(barY + barH / 2)).append("\" dy=\"0.35em\" text-anchor=\"middle\">")
                            .append(esc("construction")).append("</text>\n");
                }
            }
            if (xe > xo) {
                svg.append("<rect x=\"").append(f(xo)).append("\" y=\"").append(f(barY)).append("\" width=\"")
                        .append(f(xe - xo)).append("\" height=\"").append(f(barH))
                        .append("\" rx=\"3\" fill=\"#0072B2\"><title>").append(esc(tip)).append("</title></rect>\n");
                String label = "online " + b.onlineYear() + " \u00B7 " + capacity;
                if (xe - xo >= 7.2 * label.length()) {
                    svg.append("<text class=\"barlabel light\" x=\"").append(f(xo + 8)).append("\" y=\"")
                            .append(f(barY + barH / 2)).append("\" dy=\"0.35em\">").append(esc(label)).append("</text>\n");
                } else if (xe - xo >= 30) {
                    svg.append("<text class=\"barlabel light\" x=\"").append(f(xo + 6)).append("\" y=\"")
                            .append(f(barY + barH / 2)).append("\" dy=\"0.35em\">").append(esc("online"))
                            .append("</text>\n");
                }
            }
            if (b.onlineYear() >= end) {
                text(svg, "nv", right - 4, barY + barH / 2 + 4, "end", "online " + b.onlineYear() + " (after the chart)");
            }
            // where a scenario delays the build: a dashed line at the year it comes online there, and
            // one label for all of them under the bar's right end, so that labels never overlap
            if (!lateYears.isEmpty()) {
                svg.append("<text class=\"nv\" style=\"fill:#B33A12\" x=\"").append(f(right - 4)).append("\" y=\"")
                        .append(f(barY + barH + 11)).append("\" text-anchor=\"end\">")
                        .append(esc("late: " + LateBuilds.describe(lateYears))).append("</text>\n");
            }
            for (Map.Entry<Integer, List<String>> delayed : LateBuilds.byYear(lateYears).entrySet()) {
                int year = delayed.getKey();
                int years = year - b.onlineYear();
                double x = left + (Math.min(year, end) - first) * perYear;
                svg.append("<line x1=\"").append(f(x)).append("\" y1=\"").append(f(barY - 6)).append("\" x2=\"")
                        .append(f(x)).append("\" y2=\"").append(f(barY + barH + 2)).append("\" stroke=\"#B33A12\" ")
                        .append("stroke-width=\"3\" stroke-dasharray=\"4 3\"><title>").append(esc(b.facility()
                                + ": online " + year + " in " + String.join(", ", delayed.getValue()) + " (" + years
                                + (years == 1 ? " year" : " years") + " late)")).append("</title></line>\n");
            }
        }
        return svg.append("</svg>").toString();
    }

    // ---------------------------------------------------------------------------------------
    // horizontal bars (cost breakdown)

    /** One bar; {@code total} bars are drawn below a rule. */
    /**
     * One bar: {@code value} places it (a subtracted part to the left of zero), {@code shown} is
     * the amount written beside it (a subtracted part as the positive amount, its label saying so).
     */
    record Bar(String label, double value, String colour, String tip, boolean total, double shown) {
        Bar(String label, double value, String colour, String tip, boolean total) {
            this(label, value, colour, tip, total, value);
        }
    }

    static String bars(List<Bar> bars, String aria) {
        double lo = 0;
        double hi = 0;
        for (Bar b : bars) {
            lo = Math.min(lo, b.value());
            hi = Math.max(hi, b.value());
        }
        double[] ticks = Markup.ticks(lo, hi, 6);
        double dHi = Math.max(hi, ticks[ticks.length - 1]);
        double dLo = lo < 0 ? lo - 0.02 * (dHi - lo) : 0; // revenue bars: no empty stretch left of them
        double labelRight = 190;
        double left = labelRight + 20 + (lo < 0 ? 64 : 0);
        double right = WIDTH - 96;
        double top = 30;
        double rowH = 27;
        int totals = (int) bars.stream().filter(Bar::total).count();
        double height = top + bars.size() * rowH + (totals > 0 ? 10 : 0) + 16;
        StringBuilder svg = open(height, "bars", aria);
        double span = dHi - dLo == 0 ? 1 : dHi - dLo;
        java.util.function.DoubleUnaryOperator x = v -> left + (v - dLo) / span * (right - left);
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        double gridBottom = height - 12;
        for (double t : ticks) {
            if (t < dLo - 1e-9 || t > dHi + 1e-9) {
                continue;
            }
            double tx = x.applyAsDouble(t);
            svg.append("<line class=\"").append(t == 0 ? "zero" : "grid").append("\" x1=\"").append(f(tx))
                    .append("\" y1=\"").append(f(top - 6)).append("\" x2=\"").append(f(tx)).append("\" y2=\"")
                    .append(f(gridBottom)).append("\"/>\n");
            text(svg, "axis", tx, top - 12, "middle", Markup.tick(t, step, true, ticks));
        }
        double y = top;
        boolean ruled = false;
        for (Bar b : bars) {
            if (b.total() && !ruled) {
                svg.append("<line class=\"rule\" x1=\"20\" y1=\"").append(f(y + 4)).append("\" x2=\"")
                        .append(f(WIDTH - 20)).append("\" y2=\"").append(f(y + 4)).append("\"/>\n");
                y += 10;
                ruled = true;
            }
            double x0 = x.applyAsDouble(Math.min(0, b.value()));
            double x1 = x.applyAsDouble(Math.max(0, b.value()));
            double cy = y + rowH / 2;
            text(svg, b.total() ? "nn strong" : "nn", labelRight, cy + 4.5, "end", clip(b.label(), 30));
            svg.append("<rect x=\"").append(f(x0)).append("\" y=\"").append(f(cy - 8)).append("\" width=\"")
                    .append(f(Math.max(x1 - x0, 1))).append("\" height=\"16\" rx=\"2\" fill=\"").append(b.colour())
                    .append("\"><title>").append(esc(b.tip())).append("</title></rect>\n");
            String value = Markup.money(b.shown());
            if (b.value() < 0) {
                text(svg, b.total() ? "nv strong" : "nv", x0 - 6, cy + 4.5, "end", value);
            } else {
                text(svg, b.total() ? "nv strong" : "nv", x1 + 6, cy + 4.5, "start", value);
            }
            y += rowH;
        }
        return svg.append("</svg>").toString();
    }

    // ---------------------------------------------------------------------------------------
    // line charts (sweep, Pareto frontier)

    /**
     * One line of an {@link #xy} chart. {@code base}, when given, makes it a band filled down
     * to those values (a stacked part); {@code labels} name the points (null entries for none);
     * {@code namedTips} starts each marker's tip with the series' name, for lines told apart by colour only.
     */
    record Series(String name, String colour, double[] x, double[] y, double[] base, String[] labels,
                  boolean markers, double stroke, boolean namedTips) {
        /** A series whose markers' tips do not repeat its name (one series, or points labelled). */
        Series(String name, String colour, double[] x, double[] y, double[] base, String[] labels, boolean markers,
               double stroke) {
            this(name, colour, x, y, base, labels, markers, stroke, false);
        }
    }

    /**
     * An axis: its title, how its values read (money in USD, calendar years, or plain numbers),
     * and whether it spans just the values drawn ({@code tight}) rather than widening to round
     * ticks, which can reach back to zero and squash the values into a strip.
     */
    record Axis(String title, boolean money, boolean years, boolean tight) {
        Axis(String title, boolean money) {
            this(title, money, false, false);
        }

        /** An axis of calendar years: whole years for ticks, written without a thousands separator. */
        static Axis years(String title) {
            return new Axis(title, false, true, false);
        }

        /** This axis spanning the values drawn (and a margin), its ticks inside. */
        Axis fitted() {
            return new Axis(title, money, years, true);
        }

        double[] ticks(double lo, double hi, int target) {
            if (!years) {
                return Markup.ticks(lo, hi, target);
            }
            int first = (int) Math.floor(lo);
            int last = (int) Math.ceil(hi);
            int step = Math.max(1, (int) Math.ceil((last - first) / (double) target));
            double[] ticks = new double[(last - first + step - 1) / step + 1];
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = first + i * step;
            }
            return ticks;
        }

        String tick(double v, double step, double[] all) {
            return years ? Long.toString(Math.round(v)) : Markup.tick(v, step, money, all);
        }

        String value(double v) {
            return years ? Long.toString(Math.round(v)) : fmt(v, money);
        }
    }

    /** A point to ring: the one the reader should find first (e.g. the plan that was solved). */
    record Mark(double x, double y, String colour, String tip) {}

    static String xy(List<Series> series, Axis xAxis, Axis yAxis, String aria, boolean yFromZero) {
        return xy(series, xAxis, yAxis, aria, yFromZero, List.of());
    }

    static String xy(List<Series> series, Axis xAxis, Axis yAxis, String aria, boolean yFromZero, List<Mark> marks) {
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = yFromZero ? 0 : Double.POSITIVE_INFINITY;
        double yHi = yFromZero ? 0 : Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    xLo = Math.min(xLo, s.x()[i]);
                    xHi = Math.max(xHi, s.x()[i]);
                    yLo = Math.min(yLo, s.y()[i]);
                    yHi = Math.max(yHi, s.y()[i]);
                    if (s.base() != null && Double.isFinite(s.base()[i])) {
                        yLo = Math.min(yLo, s.base()[i]);
                        yHi = Math.max(yHi, s.base()[i]);
                    }
                }
            }
        }
        double width = WIDTH;
        double height = 460;
        boolean named = series.size() > 1;
        double left = 96;
        double right = width - (named ? 170 : 40);
        double top = 24;
        double bottom = height - 62;
        StringBuilder svg = open(height, "xy", aria);
        if (!(xHi >= xLo)) {
            text(svg, "empty", width / 2, height / 2, "middle", "No points to draw.");
            return svg.append("</svg>").toString();
        }
        if (xHi == xLo) {
            double pad = xLo == 0 || xAxis.years() ? 1 : Math.abs(xLo) * 0.1;
            xLo -= pad;
            xHi += pad;
        }
        if (yHi == yLo) {
            double pad = yLo == 0 ? 1 : Math.abs(yLo) * 0.05;
            yLo -= pad;
            yHi += pad;
        } else if (!yFromZero) {
            double pad = (yHi - yLo) * 0.06;
            yLo -= pad;
            yHi += pad;
        }
        if (xAxis.tight() && xHi > xLo) {
            double pad = (xHi - xLo) * 0.04;
            xLo -= pad;
            xHi += pad;
        }
        double[] xt = xAxis.ticks(xLo, xHi, 8);
        double[] yt = yAxis.ticks(yLo, yHi, 6);
        double x0 = xAxis.tight() ? xLo : xt[0];
        double x1 = xAxis.tight() ? xHi : xt[xt.length - 1];
        double y0 = yAxis.tight() ? yLo : yt[0];
        double y1 = yAxis.tight() ? yHi : yt[yt.length - 1];
        double xStep = xt.length > 1 ? xt[1] - xt[0] : 1;
        double yStep = yt.length > 1 ? yt[1] - yt[0] : 1;
        xt = within(xt, x0, x1);
        yt = within(yt, y0, y1);
        double xs = x1 - x0 == 0 ? 1 : x1 - x0;
        double ys = y1 - y0 == 0 ? 1 : y1 - y0;
        java.util.function.DoubleUnaryOperator px = v -> left + (v - x0) / xs * (right - left);
        java.util.function.DoubleUnaryOperator py = v -> bottom - (v - y0) / ys * (bottom - top);
        for (double t : yt) {
            double ty = py.applyAsDouble(t);
            svg.append("<line class=\"").append(t == 0 ? "zero" : "grid").append("\" x1=\"").append(f(left))
                    .append("\" y1=\"").append(f(ty)).append("\" x2=\"").append(f(right)).append("\" y2=\"")
                    .append(f(ty)).append("\"/>\n");
            text(svg, "axis", left - 8, ty + 4, "end", yAxis.tick(t, yStep, yt));
        }
        for (double t : xt) {
            double tx = px.applyAsDouble(t);
            svg.append("<line class=\"grid\" x1=\"").append(f(tx)).append("\" y1=\"").append(f(top))
                    .append("\" x2=\"").append(f(tx)).append("\" y2=\"").append(f(bottom)).append("\"/>\n");
            text(svg, "axis", tx, bottom + 18, "middle", xAxis.tick(t, xStep, xt));
        }
        svg.append("<rect class=\"frame\" x=\"").append(f(left)).append("\" y=\"").append(f(top)).append("\" width=\"")
                .append(f(right - left)).append("\" height=\"").append(f(bottom - top)).append("\"/>\n");
        text(svg, "axtitle", (left + right) / 2, height - 16, "middle", xAxis.title());
        svg.append("<text class=\"axtitle\" transform=\"translate(18 ").append(f((top + bottom) / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yAxis.title())).append("</text>\n");

        // bands first, then lines, then markers and labels on top
        for (Series s : series) {
            if (s.base() == null) {
                continue;
            }
            for (List<Integer> run : runs(s)) {
                StringBuilder d = new StringBuilder();
                for (int i : run) {
                    d.append(d.isEmpty() ? "M" : " L").append(f(px.applyAsDouble(s.x()[i]))).append(' ')
                            .append(f(py.applyAsDouble(s.y()[i])));
                }
                for (int j = run.size() - 1; j >= 0; j--) {
                    int i = run.get(j);
                    d.append(" L").append(f(px.applyAsDouble(s.x()[i]))).append(' ')
                            .append(f(py.applyAsDouble(s.base()[i])));
                }
                svg.append("<path class=\"band\" d=\"").append(d).append(" Z\" fill=\"").append(s.colour())
                        .append("\"/>\n");
            }
        }
        List<double[]> ends = new ArrayList<>();
        List<Series> endSeries = new ArrayList<>();
        for (Series s : series) {
            List<List<Integer>> runs = runs(s);
            for (List<Integer> run : runs) {
                if (run.size() < 2) {
                    continue;
                }
                StringBuilder d = new StringBuilder();
                for (int i : run) {
                    d.append(d.isEmpty() ? "M" : " L").append(f(px.applyAsDouble(s.x()[i]))).append(' ')
                            .append(f(py.applyAsDouble(s.y()[i])));
                }
                svg.append("<path class=\"line\" d=\"").append(d).append("\" stroke=\"").append(s.colour())
                        .append("\" stroke-width=\"").append(f(s.stroke())).append("\"/>\n");
            }
            if (!runs.isEmpty() && named) {
                List<Integer> last = runs.get(runs.size() - 1);
                int i = last.get(last.size() - 1);
                ends.add(new double[] {px.applyAsDouble(s.x()[i]), py.applyAsDouble(s.y()[i])});
                endSeries.add(s);
            }
        }
        for (Series s : series) {
            if (!s.markers()) {
                continue;
            }
            int shown = 0;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                    continue;
                }
                double cx = px.applyAsDouble(s.x()[i]);
                double cy = py.applyAsDouble(s.y()[i]);
                String label = s.labels() == null ? null : s.labels()[i];
                String tip = (s.namedTips() ? s.name() + ": " : "") + (label == null ? "" : label + ": ") + xAxis.title() + " " + xAxis.value(s.x()[i])
                        + ", " + yAxis.title() + " " + yAxis.value(s.y()[i]);
                svg.append("<circle class=\"pt\" cx=\"").append(f(cx)).append("\" cy=\"").append(f(cy))
                        .append("\" r=\"5\" fill=\"").append(s.colour()).append("\"><title>").append(esc(tip))
                        .append("</title></circle>\n");
                if (label != null && !label.isEmpty()) {
                    boolean above = shown % 2 == 0;
                    String text = clip(label, 48);
                    // a label that would run past the right edge is written to the left of its point
                    boolean leftOfPoint = cx + 7 + 6.6 * text.length() > right;
                    svg.append("<text class=\"ptlabel halo\" x=\"").append(f(leftOfPoint ? cx - 7 : cx + 7))
                            .append("\" y=\"").append(f(above ? cy - 9 : cy + 18)).append('"')
                            .append(leftOfPoint ? " text-anchor=\"end\"" : "").append('>')
                            .append(esc(text)).append("</text>\n");
                    shown++;
                }
            }
        }
        for (Mark m : marks) {
            svg.append("<circle class=\"mark\" cx=\"").append(f(px.applyAsDouble(m.x()))).append("\" cy=\"")
                    .append(f(py.applyAsDouble(m.y()))).append("\" r=\"10\" stroke=\"").append(m.colour())
                    .append("\"><title>").append(esc(m.tip())).append("</title></circle>\n");
        }
        // series names at the right end of their lines, pushed apart so that they do not overlap
        Integer[] order = new Integer[ends.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> ends.get(i)[1]).thenComparingInt(i -> i));
        double[] ly = new double[order.length];
        double prev = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < order.length; k++) {
            ly[k] = Math.max(ends.get(order[k])[1], prev + 14);
            prev = ly[k];
        }
        double overflow = order.length == 0 ? 0 : ly[order.length - 1] - (height - 8);
        if (overflow > 0) {
            for (int k = 0; k < order.length; k++) {
                ly[k] -= overflow;
            }
        }
        for (int k = 0; k < order.length; k++) {
            Series s = endSeries.get(order[k]);
            svg.append("<text class=\"serieslabel\" x=\"").append(f(right + 8)).append("\" y=\"").append(f(ly[k] + 4))
                    .append("\" fill=\"").append(darker(s.colour())).append("\">").append(esc(clip(s.name(), 22)))
                    .append("</text>\n");
        }
        return svg.append("</svg>").toString();
    }

    /** The ticks between {@code lo} and {@code hi} (a tight axis's ends are not ticks). */
    private static double[] within(double[] ticks, double lo, double hi) {
        double eps = (hi - lo) * 1e-9;
        return java.util.Arrays.stream(ticks).filter(t -> t >= lo - eps && t <= hi + eps).toArray();
    }

    private static List<List<Integer>> runs(Series s) {
        List<List<Integer>> runs = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (int i = 0; i < s.x().length; i++) {
            boolean ok = Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])
                    && (s.base() == null || Double.isFinite(s.base()[i]));
            if (ok) {
                run.add(i);
            } else if (!run.isEmpty()) {
                runs.add(run);
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    static String fmt(double v, boolean money) {
        return money ? Markup.moneyFull(v) + " USD" : Markup.number(v);
    }

    /** The colour at 70 % brightness, for text drawn in a series' colour. */
    static String darker(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        int r = (int) (((rgb >> 16) & 0xFF) * 0.7);
        int g = (int) (((rgb >> 8) & 0xFF) * 0.7);
        int b = (int) ((rgb & 0xFF) * 0.7);
        return String.format(Locale.ROOT, "#%02X%02X%02X", r, g, b);
    }
}

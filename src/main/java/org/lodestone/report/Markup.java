package org.lodestone.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.lodestone.domain.Country;
import org.lodestone.domain.Instance;

/**
 * Escaping, number formatting and colours shared by {@link HtmlReport} and its charts. Every
 * number goes through {@link Locale#ROOT} so that the same data give the same bytes anywhere.
 */
final class Markup {
    private Markup() {}

    /**
     * Colours for countries and scenarios, most distinct first: Okabe &amp; Ito's colour-blind-safe
     * six, then Paul Tol's indigo, olive, wine and green, d3's brown, Okabe &amp; Ito's yellow and
     * four more. Any two differ by at least 12.7 in CIEDE2000 (the first twelve by 16), so
     * sixteen countries side by side stay apart; colour-blind readers can tell the first six,
     * and labels name the rest.
     */
    static final List<String> PALETTE = List.of(
            "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#332288", "#999933",
            "#882255", "#8C564B", "#117733", "#F0E442", "#AA4499", "#66A61E", "#EE6677", "#17BECF");

    /**
     * A colour per country that has a mine, refinery or buyer, in the instance's order of
     * countries: the same in every diagram of a report, and the palette spent only on countries
     * that can appear. Countries beyond the palette's sixteen reuse its colours.
     */
    static Map<String, String> countryColours(Instance instance) {
        Set<String> used = new HashSet<>();
        instance.mines().forEach(m -> used.add(m.country()));
        instance.refineries().forEach(r -> used.add(r.country()));
        instance.buyers().forEach(b -> used.add(b.country()));
        Map<String, String> colours = new LinkedHashMap<>();
        for (Country c : instance.countries()) {
            if (used.contains(c.id())) {
                colours.put(c.id(), PALETTE.get(colours.size() % PALETTE.size()));
            }
        }
        return colours;
    }

    /** Colour of things whose country is not known. */
    static final String UNKNOWN = "#BBBBBB";

    /**
     * Text for HTML/XML content and attribute values: the five markup characters become
     * references, and characters XML 1.0 does not allow (controls, lone surrogates, U+FFFE/F)
     * become U+FFFD, so that the page stays well-formed whatever ids an instance uses.
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** {@code text} cut to {@code max} characters (by code point) with an ellipsis. */
    static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    /** A coordinate: one decimal, no trailing ".0", never "-0". */
    static String f(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long tenths = Math.round(v * 10);
        if (tenths == 0) {
            return "0";
        }
        String sign = tenths < 0 ? "-" : "";
        long a = Math.abs(tenths);
        return a % 10 == 0 ? sign + (a / 10) : sign + (a / 10) + "." + (a % 10);
    }

    /** Whole dollars with thousands separators: {@code 7,839,052,754}. */
    static String moneyFull(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return clean(String.format(Locale.ROOT, "%,.0f", v));
    }

    /** Money in short form for labels: {@code 7.84 bn}, {@code 170 M}, {@code 12.5 k}. */
    static String money(double v) {
        if (!Double.isFinite(v)) {
            return "-"; // a failed solve has no number, as in the tables
        }
        double a = Math.abs(v);
        String s;
        if (a >= 1e12) {
            s = String.format(Locale.ROOT, "%,.2f tn", v / 1e12);
        } else if (a >= 1e9) {
            s = String.format(Locale.ROOT, "%.2f bn", v / 1e9);
        } else if (a >= 1e6) {
            s = String.format(Locale.ROOT, a >= 1e8 ? "%.0f M" : "%.1f M", v / 1e6);
        } else if (a >= 1e3) {
            s = String.format(Locale.ROOT, a >= 1e5 ? "%.0f k" : "%.1f k", v / 1e3);
        } else {
            s = String.format(Locale.ROOT, "%.0f", v);
        }
        return clean(s);
    }

    /** Tonnes for labels: whole tonnes from 100 t, one decimal below. */
    static String tonnes(double v) {
        boolean whole = Math.abs(v) >= 100 || Math.abs(v - Math.rint(v)) < 0.05;
        return clean(String.format(Locale.ROOT, whole ? "%,.0f" : "%,.1f", v));
    }

    /** A plain number (a swept value, risk-tonnes) with up to 4 significant decimals. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "-" : v > 0 ? "\u221E" : "-\u221E";
        }
        double a = Math.abs(v);
        String s;
        if (a >= 1e5 || a == Math.rint(a) && a >= 1) {
            s = String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 100) {
            s = String.format(Locale.ROOT, "%,.1f", v);
        } else if (a >= 1) {
            s = String.format(Locale.ROOT, "%.2f", v);
        } else {
            s = String.format(Locale.ROOT, "%.4g", v);
            if (s.contains("e")) {
                return clean(s);
            }
        }
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return clean(s);
    }

    /** Number formatted for an axis of ticks {@code step} apart. */
    static String tick(double v, double step, boolean money, double[] all) {
        if (money) {
            double largest = 0;
            for (double t : all) {
                largest = Math.max(largest, Math.abs(t));
            }
            return moneyTick(v, step, largest);
        }
        if (Math.abs(v) < step * 1e-9) {
            return "0";
        }
        int decimals = step >= 1 ? 0 : (int) Math.min(8, Math.ceil(-Math.log10(step) - 1e-9));
        return clean(String.format(Locale.ROOT, "%,." + decimals + "f", v));
    }

    /**
     * Money on an axis: one unit (bn, M, k) for all ticks, chosen by the largest, with as few
     * decimals as the step needs.
     */
    static String moneyTick(double v, double step, double largest) {
        if (Math.abs(v) < step * 1e-9) {
            return "0";
        }
        double unit = largest >= 1e9 ? 1e9 : largest >= 1e6 ? 1e6 : largest >= 1e3 ? 1e3 : 1;
        String suffix = unit == 1e9 ? " bn" : unit == 1e6 ? " M" : unit == 1e3 ? " k" : "";
        double scaled = step / unit;
        int decimals = 0;
        while (decimals < 4 && Math.abs(scaled * Math.pow(10, decimals) - Math.rint(scaled * Math.pow(10, decimals)))
                > 1e-6) {
            decimals++;
        }
        return clean(String.format(Locale.ROOT, "%,." + decimals + "f", v / unit) + suffix);
    }

    private static String clean(String s) {
        // "-0" and friends read badly
        return s.matches("-0(\\.0+)?( .*)?") ? s.substring(1) : s;
    }

    /**
     * Tick values spanning [lo, hi] about {@code target} apart in count, at steps of 1, 2, 2.5 or
     * 5 times a power of ten; the first and last tick enclose the range.
     */
    static double[] ticks(double lo, double hi, int target) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / Math.max(1, target));
        double first = Math.floor(lo / step + 1e-9) * step;
        double last = Math.ceil(hi / step - 1e-9) * step;
        List<Double> out = new ArrayList<>();
        for (int i = 0; first + i * step <= last + step * 1e-6 && i < 1000; i++) {
            double t = first + i * step;
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / power;
        double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
        return nice * power;
    }
}

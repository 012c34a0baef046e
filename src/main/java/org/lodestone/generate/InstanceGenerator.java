package org.lodestone.generate;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.lodestone.validate.InstanceValidator;

/**
 * Random but realistic-looking instances of any size (model.md §1), for benchmarks and tests.
 *
 * <p>Figures are drawn around the public ones of {@code shared/data/rare-earth-facts.md}: prices
 * (NdPr 60–100 k USD/t, Dy ~300 k, Tb ~1 M, La/Ce 1–2 k), ore baskets by ore type, capacities by
 * country, capex per tonne of yearly capacity. Every feature of the model appears when the sizes
 * allow it: the three series forms, mandates, country-share caps, substitutes, expansions with
 * bankability, signed and optional contracts, freight routes, tariffs, export controls of both
 * stages, and scenarios with capacity, cost and demand factors and export controls of their own.
 *
 * <p>Demand is set from the supply the existing mines and refineries can reach (a max-flow through
 * ore-type acceptance and the instance's concentrate export controls, year by year): each element's
 * total demand averages 60–85 % of what that flow separates, growing over the horizon, so an
 * instance is neither all shortfall nor trivially covered, and late years or hard scenarios make
 * builds and contracts worth considering.
 *
 * <p>The output depends only on the {@link GeneratorSpec}: one {@link SplittableRandom} seeded with
 * {@code seed}, drawn in a fixed order, and insertion-ordered JSON objects; {@link #toJson} prints
 * the tree the same way byte for byte.
 */
public final class InstanceGenerator {
    /** First planning year of every generated instance. */
    public static final int START = 2026;
    /** Largest count of any one kind the generator accepts (a guard against typos, not a model limit). */
    public static final int MAX_COUNT = 100_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private InstanceGenerator() {}

    /** The size of an instance to generate, and the seed of its random draws. */
    public record GeneratorSpec(int years, int mines, int refineries, int buyers, int elements, int scenarios,
                                long seed) {
        public GeneratorSpec {
            List<String> problems = problems(years, mines, refineries, buyers, elements, scenarios);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }

        /** The sizes of {@code lodestone generate} without options. */
        public static GeneratorSpec defaults() {
            return new GeneratorSpec(10, 10, 5, 4, 6, 2, 1);
        }

        /** What is wrong with these sizes, one message per problem, each starting with the size's name. */
        public static List<String> problems(int years, int mines, int refineries, int buyers, int elements,
                                            int scenarios) {
            List<String> problems = new ArrayList<>();
            if (years < 1 || years > InstanceValidator.MAX_YEARS) {
                problems.add("years must be between 1 and " + InstanceValidator.MAX_YEARS + ", got " + years);
            }
            count(problems, "mines", mines);
            count(problems, "refineries", refineries);
            count(problems, "buyers", buyers);
            count(problems, "elements", elements);
            count(problems, "scenarios", scenarios);
            return problems;
        }

        private static void count(List<String> problems, String name, int n) {
            if (n < 1 || n > MAX_COUNT) {
                problems.add(name + " must be between 1 and " + MAX_COUNT + ", got " + n);
            }
        }

        /** The instance name, e.g. {@code gen-y10-m60-r30-b20-e8-s4-seed1}. */
        public String name() {
            return "gen-y" + years + "-m" + mines + "-r" + refineries + "-b" + buyers + "-e" + elements
                    + "-s" + scenarios + "-seed" + seed;
        }

        /** {@link #name()} with {@code .json}. */
        public String fileName() {
            return name() + ".json";
        }
    }

    /** The instance document for {@code spec}, fields in the order of model.md §1. */
    public static ObjectNode generate(GeneratorSpec spec) {
        return new Draw(spec).instance();
    }

    /** {@link #generate} printed by {@link #toJson}. */
    public static String generateJson(GeneratorSpec spec) {
        return toJson(generate(spec));
    }

    /**
     * Pretty-prints a JSON tree: two-space indentation, one field per line, arrays of plain values
     * on one line, numbers in plain notation, a final newline. The same tree always gives the same
     * characters (no platform line separator, no locale).
     */
    public static String toJson(JsonNode node) {
        StringBuilder out = new StringBuilder();
        print(out, node, 0);
        return out.append('\n').toString();
    }

    private static void print(StringBuilder out, JsonNode node, int depth) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                indent(out, depth + 1).append(quote(e.getKey())).append(": ");
                print(out, e.getValue(), depth + 1);
                out.append(++i < node.size() ? ",\n" : "\n");
            }
            indent(out, depth).append('}');
        } else if (node.isArray()) {
            boolean flat = true;
            for (JsonNode item : node) {
                flat &= item.isValueNode();
            }
            if (node.isEmpty()) {
                out.append("[]");
            } else if (flat) {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    print(out, node.get(i), depth);
                }
                out.append(']');
            } else {
                out.append("[\n");
                for (int i = 0; i < node.size(); i++) {
                    indent(out, depth + 1);
                    print(out, node.get(i), depth + 1);
                    out.append(i + 1 < node.size() ? ",\n" : "\n");
                }
                indent(out, depth).append(']');
            }
        } else if (node.isTextual()) {
            out.append(quote(node.textValue()));
        } else if (node.isNumber()) {
            out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString()
                    : node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.append(node.asText()); // true, false, null
        }
    }

    private static StringBuilder indent(StringBuilder out, int depth) {
        return out.append("  ".repeat(depth));
    }

    private static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    // ================================================================ catalogs

    /**
     * A country the generator may use, in the order they join as instances grow. Weights say how
     * likely a mine, a refinery or a buyer is to sit there; capacities are t REO per year.
     */
    private record CountryKind(String id, String name, double risk, List<String> tags, double mineWeight,
                               double refineryWeight, double buyerWeight, double mineCapLo, double mineCapHi,
                               List<String> oreTypes) {
        boolean feoc() {
            return tags.contains("feoc");
        }

        boolean partner() {
            return tags.contains("partner");
        }
    }

    private static final List<String> NONE = List.of();

    private static final List<CountryKind> COUNTRIES = List.of(
            new CountryKind("CN", "China", 0.70, List.of("feoc"), 3, 4, 2, 15000, 60000,
                    List.of("bastnaesite", "ionic-clay")),
            new CountryKind("AU", "Australia", 0.05, List.of("partner"), 2, 1, 0, 5000, 25000,
                    List.of("monazite", "standard")),
            new CountryKind("US", "United States", 0.06, List.of("partner"), 1.5, 1.5, 2, 8000, 45000,
                    List.of("bastnaesite", "monazite")),
            new CountryKind("JP", "Japan", 0.04, List.of("partner"), 0, 0.8, 2, 0, 0, NONE),
            new CountryKind("MY", "Malaysia", 0.20, List.of("partner"), 0.3, 1.5, 0.3, 200, 2000,
                    List.of("monazite", "ionic-clay")),
            new CountryKind("MM", "Myanmar", 0.90, NONE, 1.5, 0, 0, 5000, 30000, List.of("ionic-clay")),
            new CountryKind("VN", "Vietnam", 0.40, NONE, 1, 0.8, 0.3, 1000, 8000,
                    List.of("ionic-clay", "bastnaesite")),
            new CountryKind("BR", "Brazil", 0.30, NONE, 1, 0.3, 0.2, 2000, 10000, List.of("ionic-clay", "monazite")),
            new CountryKind("KR", "South Korea", 0.06, List.of("partner"), 0, 0.5, 1.2, 0, 0, NONE),
            new CountryKind("FR", "France", 0.05, List.of("partner", "eu"), 0, 1, 1, 0, 0, NONE),
            new CountryKind("EE", "Estonia", 0.08, List.of("partner", "eu"), 0, 1, 0.2, 0, 0, NONE),
            new CountryKind("MW", "Malawi", 0.45, NONE, 0.8, 0, 0, 2000, 9000, List.of("standard", "monazite")),
            new CountryKind("IN", "India", 0.30, NONE, 0.7, 0.7, 1, 1000, 5000, List.of("monazite")),
            new CountryKind("CA", "Canada", 0.04, List.of("partner"), 0.7, 0.5, 0.5, 2000, 8000,
                    List.of("standard", "monazite")),
            new CountryKind("DE", "Germany", 0.04, List.of("partner", "eu"), 0, 0.2, 1.5, 0, 0, NONE),
            new CountryKind("GL", "Greenland", 0.15, List.of("partner"), 0.5, 0, 0, 2000, 10000,
                    List.of("eudialyte")),
            new CountryKind("TH", "Thailand", 0.25, NONE, 0.7, 0.2, 0.2, 2000, 13000,
                    List.of("ionic-clay", "monazite")),
            new CountryKind("NG", "Nigeria", 0.60, NONE, 0.5, 0, 0, 2000, 13000, List.of("monazite")),
            new CountryKind("MG", "Madagascar", 0.50, NONE, 0.4, 0, 0, 1000, 4000, List.of("ionic-clay")),
            new CountryKind("RU", "Russia", 0.80, List.of("feoc"), 0.5, 0.3, 0.3, 1000, 3000,
                    List.of("standard")));

    /** A real element: price range (USD/t), surplus price as a share of price, yearly demand growth. */
    private record ElementKind(String id, String name, double priceLo, double priceHi, double surplusLo,
                               double surplusHi, double growthLo, double growthHi, boolean exportLicensed) {}

    private static final List<ElementKind> ELEMENTS = List.of(
            new ElementKind("NdPr", "neodymium-praseodymium oxide", 60000, 100000, 0.25, 0.45, 0.03, 0.07, false),
            new ElementKind("Dy", "dysprosium oxide", 250000, 380000, 0.20, 0.40, 0.02, 0.06, true),
            new ElementKind("Tb", "terbium oxide", 800000, 1300000, 0.20, 0.40, 0.02, 0.06, true),
            new ElementKind("La", "lanthanum oxide", 1000, 2000, 0.40, 0.80, 0.00, 0.02, false),
            new ElementKind("Ce", "cerium oxide", 1000, 2000, 0.40, 0.80, 0.00, 0.02, false),
            new ElementKind("Sm", "samarium oxide", 3000, 12000, 0.20, 0.50, 0.01, 0.04, true));

    /** Share of each real element in the REO of an ore type: {lo, hi} in the order of ELEMENTS. */
    private static final Map<String, double[][]> BASKETS = new LinkedHashMap<>();

    static {
        BASKETS.put("bastnaesite", new double[][] {{0.14, 0.19}, {0.0005, 0.002}, {0.0001, 0.0004},
                {0.28, 0.34}, {0.46, 0.51}, {0.004, 0.01}});
        BASKETS.put("monazite", new double[][] {{0.19, 0.26}, {0.003, 0.008}, {0.0005, 0.0015},
                {0.20, 0.25}, {0.40, 0.46}, {0.02, 0.035}});
        BASKETS.put("ionic-clay", new double[][] {{0.18, 0.30}, {0.02, 0.07}, {0.004, 0.012},
                {0.08, 0.30}, {0.01, 0.08}, {0.02, 0.05}});
        BASKETS.put("eudialyte", new double[][] {{0.12, 0.18}, {0.03, 0.06}, {0.005, 0.01},
                {0.12, 0.18}, {0.25, 0.35}, {0.015, 0.03}});
        BASKETS.put("standard", new double[][] {{0.15, 0.22}, {0.001, 0.004}, {0.0002, 0.001},
                {0.22, 0.30}, {0.40, 0.48}, {0.01, 0.02}});
    }

    /** Freight routes that exist in the real trade, with a typical cost in USD/t. */
    private static final Object[][] ROUTES = {
            {"AU", "MY", 110}, {"MM", "CN", 40}, {"VN", "CN", 60}, {"CN", "JP", 90}, {"CN", "KR", 80},
            {"AU", "CN", 160}, {"AU", "JP", 170}, {"MY", "JP", 140}, {"MY", "CN", 100}, {"US", "CA", 70},
            {"US", "JP", 260}, {"AU", "US", 280}, {"EE", "FR", 90}, {"EE", "DE", 70}, {"FR", "DE", 60},
            {"BR", "US", 220}, {"MW", "CN", 320}, {"GL", "EE", 180}, {"GL", "CA", 150}, {"IN", "JP", 190},
            {"TH", "CN", 80}, {"TH", "MY", 50}, {"VN", "JP", 120}, {"KR", "JP", 60}, {"VN", "KR", 110}};

    /** Tariffs on oxide: from, to, low and high rate. */
    private static final Object[][] TARIFFS = {
            {"CN", "US", 0.25, 0.25}, {"US", "CN", 0.10, 0.34}, {"CN", "IN", 0.05, 0.10},
            {"CN", "FR", 0.03, 0.065}, {"CN", "DE", 0.03, 0.065}, {"CN", "EE", 0.03, 0.065},
            {"CN", "KR", 0.02, 0.05}, {"RU", "US", 0.35, 0.35}, {"VN", "US", 0.05, 0.20},
            {"MY", "US", 0.00, 0.05}, {"CN", "CA", 0.05, 0.25}};

    private enum BuyerKind {
        DEFENSE("defense"), MAGNETS("magnets"), EV("ev"), WIND("wind"), CATALYSTS("catalysts"),
        ELECTRONICS("electronics");

        final String label;

        BuyerKind(String label) {
            this.label = label;
        }

        List<String> wants() {
            return switch (this) {
                case DEFENSE -> List.of("NdPr", "Dy", "Tb", "Sm");
                case MAGNETS, EV, WIND -> List.of("NdPr", "Dy", "Tb");
                case CATALYSTS -> List.of("La", "Ce");
                case ELECTRONICS -> List.of("NdPr", "Tb", "La", "Ce");
            };
        }
    }

    private enum Form { CONSTANT, ARRAY, OBJECT }

    private enum Shock { CAPACITY, COST, DEMAND, EXPORT }

    // ================================================================ drawing

    /** One generation: the random stream and what has been drawn so far. */
    private static final class Draw {
        final GeneratorSpec spec;
        final SplittableRandom rng;
        final int years;
        final int last;
        /** Series forms still owed so that each appears at least once. */
        final List<Form> owedForms = new ArrayList<>();

        final List<CountryKind> countries = new ArrayList<>();
        final Map<String, CountryKind> countryById = new LinkedHashMap<>();
        final List<Elem> elements = new ArrayList<>();
        final List<Facility> mines = new ArrayList<>();
        final List<Facility> refineries = new ArrayList<>();
        final List<ObjectNode> buyers = new ArrayList<>();
        final List<String> buyerIds = new ArrayList<>();
        final Map<String, Integer> idCounts = new LinkedHashMap<>();
        /** Export controls of the instance, for the reachable-supply estimate. */
        final List<Control> controls = new ArrayList<>();

        Draw(GeneratorSpec spec) {
            this.spec = spec;
            this.rng = new SplittableRandom(spec.seed());
            this.years = spec.years();
            this.last = START + years - 1;
            List<Form> forms = new ArrayList<>(List.of(Form.values()));
            while (!forms.isEmpty()) {
                owedForms.add(forms.remove(rng.nextInt(forms.size())));
            }
        }

        // ------------------------------------------------------------ random helpers

        double u(double lo, double hi) {
            return lo + rng.nextDouble() * (hi - lo);
        }

        int between(int lo, int hi) {
            return hi <= lo ? lo : lo + rng.nextInt(hi - lo + 1);
        }

        boolean chance(double p) {
            return rng.nextDouble() < p;
        }

        <T> T pick(List<T> list) {
            return list.get(rng.nextInt(list.size()));
        }

        int weighted(double[] weights) {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double x = rng.nextDouble() * total;
            for (int i = 0; i < weights.length; i++) {
                x -= weights[i];
                if (x < 0 && weights[i] > 0) {
                    return i;
                }
            }
            for (int i = weights.length - 1; i >= 0; i--) {
                if (weights[i] > 0) {
                    return i;
                }
            }
            return 0;
        }

        String newId(String stem) {
            int n = idCounts.merge(stem, 1, Integer::sum);
            return stem + "-" + n;
        }

        /** A year in [START + lo, START + hi], clipped to the horizon. */
        int yearIn(int lo, int hi) {
            return START + between(Math.max(0, lo), Math.max(0, Math.min(hi, years - 1)));
        }

        // ------------------------------------------------------------ numbers and series

        /** v rounded to a multiple of step (step ≥ 1) or to the decimals of step (step < 1). */
        static double quant(double v, double step) {
            if (step >= 1) {
                return Math.round(v / step) * step;
            }
            int decimals = (int) Math.round(-Math.log10(step));
            return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
        }

        /** The step for a quantity of this size: about four significant digits, tonnes and dollars whole. */
        static double stepFor(double v) {
            double a = Math.abs(v);
            if (a >= 1e8) {
                return 100000;
            } else if (a >= 1e6) {
                return 1000;
            } else if (a >= 1e4) {
                return 10;
            } else if (a >= 100) {
                return 1;
            } else if (a >= 1) {
                return 0.1;
            }
            return 0.001;
        }

        static JsonNode num(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return LongNode.valueOf((long) v);
            }
            return DecimalNode.valueOf(BigDecimal.valueOf(v).stripTrailingZeros());
        }

        static double growth(double rate, int t) {
            return Math.pow(1 + rate, Math.max(-5, Math.min(20, t)));
        }

        record Series(JsonNode node, double[] values) {}

        Form nextForm() {
            if (!owedForms.isEmpty()) {
                return owedForms.remove(0);
            }
            double x = rng.nextDouble();
            return x < 0.35 ? Form.CONSTANT : x < 0.7 ? Form.ARRAY : Form.OBJECT;
        }

        /**
         * A series around {@code base} with a yearly trend and noise, in a random form; values are
         * quantised with {@code step} and kept at least {@code floor}.
         */
        Series series(double base, double trend, double noise, double step, double floor) {
            Form form = nextForm();
            double[] values = new double[years];
            switch (form) {
                case CONSTANT -> {
                    double v = Math.max(floor, quant(base, step));
                    Arrays.fill(values, v);
                    return new Series(num(v), values);
                }
                case ARRAY -> {
                    ArrayNode a = NODES.arrayNode();
                    for (int t = 0; t < years; t++) {
                        values[t] = Math.max(floor, quant(base * growth(trend, t) * (1 + noise * u(-1, 1)), step));
                        a.add(num(values[t]));
                    }
                    return new Series(a, values);
                }
                default -> {
                    ObjectNode o = NODES.objectNode();
                    List<Integer> keys = new ArrayList<>();
                    keys.add(START - (chance(0.3) ? between(1, 3) : 0));
                    int steps = between(1, Math.min(3, years - 1));
                    Set<Integer> later = new java.util.TreeSet<>();
                    while (later.size() < steps) {
                        later.add(START + between(1, years - 1));
                    }
                    keys.addAll(later);
                    if (chance(0.15)) {
                        keys.add(Math.max(last, keys.get(keys.size() - 1)) + between(1, 5)); // ignored
                    }
                    double[] at = new double[keys.size()];
                    for (int k = 0; k < keys.size(); k++) {
                        int t = keys.get(k) - START;
                        at[k] = Math.max(floor, quant(base * growth(trend, t) * (1 + noise * u(-1, 1)), step));
                        o.set(Integer.toString(keys.get(k)), num(at[k]));
                    }
                    for (int t = 0; t < years; t++) {
                        int k = 0;
                        while (k + 1 < keys.size() && keys.get(k + 1) <= START + t) {
                            k++;
                        }
                        values[t] = at[k];
                    }
                    return new Series(o, values);
                }
            }
        }

        /** A series of given values per year (already quantised), written in {@code form} exactly. */
        Series exactSeries(double[] values, Form form) {
            boolean constant = Arrays.stream(values).allMatch(v -> v == values[0]);
            if (form == Form.CONSTANT && constant) {
                return new Series(num(values[0]), values.clone());
            }
            if (form == Form.ARRAY) {
                ArrayNode a = NODES.arrayNode();
                for (double v : values) {
                    a.add(num(v));
                }
                return new Series(a, values.clone());
            }
            ObjectNode o = NODES.objectNode();
            int first = START - (chance(0.3) ? 1 : 0);
            o.set(Integer.toString(first), num(values[0]));
            for (int t = 1; t < years; t++) {
                if (values[t] != values[t - 1]) {
                    o.set(Integer.toString(START + t), num(values[t]));
                }
            }
            return new Series(o, values.clone());
        }

        // ------------------------------------------------------------ the instance

        ObjectNode instance() {
            chooseCountries();
            ArrayNode elementNodes = elements();
            ArrayNode mineNodes = mines();
            ArrayNode refineryNodes = refineries();
            ObjectNode lanes = lanes();
            ArrayNode tariffs = tariffs();
            ArrayNode exportControls = exportControls();
            double[][][] flow = reach();
            ArrayNode buyerNodes = buyers(flow);
            ArrayNode contracts = contracts();
            ArrayNode scenarios = spec.scenarios() > 1 ? scenarios() : null;

            ObjectNode root = NODES.objectNode();
            root.put("schema", "lodestone/1");
            root.put("name", spec.name());
            root.put("description", String.format(Locale.ROOT,
                    "Generated by lodestone generate --years %d --mines %d --refineries %d --buyers %d "
                            + "--elements %d --scenarios %d --seed %d. Random but realistic-looking: figures "
                            + "are drawn around public ones and are not a forecast.",
                    spec.years(), spec.mines(), spec.refineries(), spec.buyers(), spec.elements(),
                    spec.scenarios(), spec.seed()));
            ArrayNode sources = root.putArray("sources");
            sources.addObject().put("what", "ranges of prices, capacities, ore baskets, capex and risks, "
                    + "widened and drawn at random").put("ref", "shared/data/rare-earth-facts.md");
            sources.addObject().put("what", "demand: 60-85 % of the supply existing facilities can reach, "
                    + "growing over the horizon").put("ref", "org.lodestone.generate.InstanceGenerator");
            ObjectNode horizon = root.putObject("horizon");
            horizon.put("start", START);
            horizon.put("years", years);
            root.set("discountRate", num(quant(u(0.03, 0.10), 0.001)));
            if (chance(0.75)) {
                root.set("riskWeight", num(quant(u(20, 300), 0.1)));
            }
            if (chance(0.35)) {
                double budget = u(0.7, 1.0) * risk(flow);
                root.set("riskBudget", num(quant(budget, stepFor(budget))));
            }
            root.set("elements", elementNodes);
            ArrayNode countryNodes = root.putArray("countries");
            for (CountryKind c : countries) {
                ObjectNode n = countryNodes.addObject();
                n.put("id", c.id());
                n.put("name", c.name());
                n.set("risk", num(quant(Math.max(0, Math.min(1, c.risk() + u(-0.03, 0.03))), 0.01)));
                if (!c.tags().isEmpty() || chance(0.3)) {
                    ArrayNode tags = n.putArray("tags");
                    c.tags().forEach(tags::add);
                }
            }
            root.set("mines", mineNodes);
            root.set("refineries", refineryNodes);
            root.set("buyers", buyerNodes);
            root.set("lanes", lanes);
            root.set("tariffs", tariffs);
            root.set("exportControls", exportControls);
            root.set("contracts", contracts);
            if (scenarios != null) {
                root.set("scenarios", scenarios);
            }
            return root;
        }

        /** Risk-tonnes of the estimated flow over the horizon (model.md §4). */
        double risk(double[][][] flow) {
            double risk = 0;
            for (double[][] x : flow) {
                for (int m = 0; m < mines.size(); m++) {
                    for (int r = 0; r < refineries.size(); r++) {
                        risk += x[m][r] * (mines.get(m).country.risk() + refineries.get(r).country.risk());
                    }
                }
            }
            return risk;
        }

        /** The first countries of the catalog; their number grows with the square root of the size. */
        void chooseCountries() {
            int total = spec.mines() + spec.refineries() + spec.buyers();
            int n = (int) Math.min(COUNTRIES.size(), 4 + Math.round(Math.sqrt(total / 2.0)));
            for (CountryKind c : COUNTRIES.subList(0, n)) {
                countries.add(c);
                countryById.put(c.id(), c);
            }
        }

        // ------------------------------------------------------------ elements

        /** An element of the instance: its id, price per year, catalog entry (null for extras). */
        record Elem(String id, double[] price, ElementKind kind, double growthRate) {}

        ArrayNode elements() {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < spec.elements(); i++) {
                ElementKind kind = i < ELEMENTS.size() ? ELEMENTS.get(i) : null;
                String id = kind != null ? kind.id() : "E" + (i + 1);
                double base = kind != null ? u(kind.priceLo(), kind.priceHi())
                        : Math.exp(u(Math.log(5000), Math.log(150000)));
                ObjectNode n = out.addObject();
                n.put("id", id);
                n.put("name", kind != null ? kind.name() : "element " + (i + 1) + " oxide");
                Series price = series(base, u(-0.01, 0.04), 0.08, stepFor(base), 1);
                n.set("price", price.node());
                double surplusShare = kind != null ? u(kind.surplusLo(), kind.surplusHi()) : u(0.2, 0.4);
                if (chance(0.8)) {
                    double s = base * surplusShare;
                    n.set("surplusPrice", series(s, u(-0.01, 0.03), 0.1, stepFor(s), 0).node());
                }
                if (chance(0.35)) {
                    double max = Arrays.stream(price.values()).max().orElse(base);
                    double penalty = u(4, 10) * max;
                    n.set("shortfallPenalty", num(quant(penalty, stepFor(penalty))));
                }
                double growthRate = kind != null ? u(kind.growthLo(), kind.growthHi()) : u(0, 0.04);
                elements.add(new Elem(id, price.values(), kind, growthRate));
            }
            return out;
        }

        double meanPrice(int e) {
            return Arrays.stream(elements.get(e).price()).average().orElse(0);
        }

        int elementIndex(String id) {
            for (int e = 0; e < elements.size(); e++) {
                if (elements.get(e).id().equals(id)) {
                    return e;
                }
            }
            return -1;
        }

        // ------------------------------------------------------------ facilities

        /** A mine or refinery as drawn: what the demand, contracts and scenarios need to know. */
        static final class Facility {
            String id;
            CountryKind country;
            String oreType;              // mines
            Set<String> accepts;         // refineries; null = every ore type
            double[] capacity;
            double[] cost;
            double[] basket;             // mines, per element
            double[] recovery;           // refineries, per element
            boolean greenfield;
            double moduleSize;
            int maxModules;
            int leadTime;
            int firstStart;              // earliest start year within the horizon
            double offtake;              // requiresOfftake
            ObjectNode node;

            boolean hasCapacity() {
                return capacity != null && Arrays.stream(capacity).anyMatch(v -> v > 0);
            }

            double meanCapacity() {
                return capacity == null ? 0 : Arrays.stream(capacity).average().orElse(0);
            }

            double meanCost() {
                return Arrays.stream(cost).average().orElse(0);
            }
        }

        double[] weights(java.util.function.ToDoubleFunction<CountryKind> weight) {
            double[] w = new double[countries.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weight.applyAsDouble(countries.get(i));
            }
            return w;
        }

        ArrayNode mines() {
            ArrayNode out = NODES.arrayNode();
            double[] w = weights(CountryKind::mineWeight);
            for (int i = 0; i < spec.mines(); i++) {
                // a partner mine first, then a Chinese one, then as the world's mining is spread
                CountryKind c = i == 0 ? countryById.get("AU") : i == 1 ? countryById.get("CN")
                        : countries.get(weighted(w));
                Facility f = new Facility();
                f.country = c;
                f.id = newId(c.id().toLowerCase(Locale.ROOT) + "-mine");
                f.oreType = pick(c.oreTypes());
                f.greenfield = i >= 2 && chance(0.2);
                ObjectNode n = out.addObject();
                f.node = n;
                n.put("id", f.id);
                n.put("country", c.id());
                if (!f.oreType.equals("standard")) {
                    n.put("oreType", f.oreType);
                }
                if (f.greenfield) {
                    f.capacity = new double[years];
                } else {
                    Series cap = series(u(c.mineCapLo(), c.mineCapHi()), u(-0.02, 0.06), 0.06, 10, 0);
                    f.capacity = cap.values();
                    n.set("capacity", cap.node());
                }
                boolean cheap = c.feoc() || c.id().equals("MM");
                Series cost = series(cheap ? u(3000, 6000) : u(5500, 12000), u(0, 0.04), 0.05, 10, 0);
                f.cost = cost.values();
                n.set("cost", cost.node());
                f.basket = basket(f.oreType);
                ObjectNode b = n.putObject("basket");
                for (int e = 0; e < elements.size(); e++) {
                    if (f.basket[e] > 0) {
                        b.set(elements.get(e).id(), num(f.basket[e]));
                    }
                }
                if (f.greenfield || chance(0.3)) {
                    n.set("expansion", expansion(f, true));
                }
                mines.add(f);
            }
            return out;
        }

        /** Shares of each element in the REO of an ore type, adding up to at most 0.95. */
        double[] basket(String oreType) {
            double[][] ranges = BASKETS.get(oreType);
            double[] raw = new double[elements.size()];
            double sum = 0;
            for (int e = 0; e < raw.length; e++) {
                if (e < ELEMENTS.size()) {
                    double[] r = ranges[e];
                    // traces are sometimes left out of an assay (missing = 0)
                    raw[e] = r[1] < 0.002 && chance(0.25) ? 0 : u(r[0], r[1]);
                } else {
                    raw[e] = u(0.001, 0.02);
                }
                sum += raw[e];
            }
            double scale = sum > 0.95 ? 0.95 / sum : 1;
            for (int e = 0; e < raw.length; e++) {
                // round down so that the rounded shares still add up to at most 0.95
                raw[e] = BigDecimal.valueOf(raw[e] * scale).setScale(5, RoundingMode.FLOOR).doubleValue();
            }
            return raw;
        }

        ArrayNode refineries() {
            ArrayNode out = NODES.arrayNode();
            double[] w = weights(CountryKind::refineryWeight);
            Set<String> oreTypes = new LinkedHashSet<>();
            for (Facility m : mines) {
                oreTypes.add(m.oreType);
            }
            List<String> oreTypeList = new ArrayList<>(oreTypes);
            // draw sizes first: refining capacity is set to 0.8–1.1 × the mines' own
            int n = spec.refineries();
            CountryKind[] where = new CountryKind[n];
            boolean[] greenfield = new boolean[n];
            double[] size = new double[n];
            double rawTotal = 0;
            for (int i = 0; i < n; i++) {
                where[i] = i == 0 ? countryById.get("US") : i == 1 ? countryById.get("CN")
                        : countries.get(weighted(w));
                greenfield[i] = i >= 2 && chance(0.15);
                size[i] = where[i].feoc() ? u(20000, 80000) : u(2000, 15000);
                if (!greenfield[i]) {
                    rawTotal += size[i];
                }
            }
            double mineTotal = mines.stream().mapToDouble(Facility::meanCapacity).sum();
            double scale = rawTotal > 0 && mineTotal > 0 ? u(0.8, 1.1) * mineTotal / rawTotal : 1;
            for (int i = 0; i < n; i++) {
                CountryKind c = where[i];
                Facility f = new Facility();
                f.country = c;
                f.id = newId(c.id().toLowerCase(Locale.ROOT) + "-refinery");
                f.greenfield = greenfield[i];
                ObjectNode node = out.addObject();
                f.node = node;
                node.put("id", f.id);
                node.put("country", c.id());
                if (!chance(c.feoc() ? 0.7 : 0.25)) {
                    // the ores mined at home, the first partner mine's ore at the first plant, others at random
                    f.accepts = new LinkedHashSet<>();
                    for (String t : oreTypeList) {
                        boolean domestic = false;
                        for (Facility m : mines) {
                            domestic |= m.country == c && m.oreType.equals(t);
                        }
                        if (domestic || (i == 0 && mines.get(0).oreType.equals(t)) || chance(0.4)) {
                            f.accepts.add(t);
                        }
                    }
                    if (f.accepts.isEmpty()) {
                        f.accepts.add(pick(oreTypeList));
                    }
                    node.putArray("accepts"); // filled in below, once every ore type has a taker
                }
                if (f.greenfield) {
                    f.capacity = new double[years];
                } else {
                    Series cap = series(size[i] * scale, u(-0.01, 0.05), 0.05, 10, 0);
                    f.capacity = cap.values();
                    node.set("capacity", cap.node());
                }
                Series cost = series(c.feoc() ? u(1500, 3500) : u(3000, 9000), u(0, 0.04), 0.05, 10, 0);
                f.cost = cost.values();
                node.set("cost", cost.node());
                f.recovery = new double[elements.size()];
                ObjectNode recovery = recovery(f);
                if (recovery != null) {
                    node.set("recovery", recovery);
                }
                if (f.greenfield || chance(0.3)) {
                    node.set("expansion", expansion(f, false));
                }
                refineries.add(f);
            }
            // every ore type mined must be accepted somewhere
            for (String t : oreTypeList) {
                if (refineries.stream().noneMatch(r -> r.accepts == null || r.accepts.contains(t))) {
                    pick(refineries).accepts.add(t);
                }
            }
            for (Facility r : refineries) {
                if (r.accepts != null) {
                    ArrayNode a = (ArrayNode) r.node.get("accepts");
                    r.accepts.forEach(a::add);
                }
            }
            // at least one project, and at least one that needs an offtake to be financed
            List<Facility> all = facilities();
            if (all.stream().noneMatch(f -> f.node.has("expansion"))) {
                Facility f = refineries.get(refineries.size() - 1);
                f.node.set("expansion", expansion(f, false)); // the last field of a refinery
            }
            if (all.stream().noneMatch(f -> f.offtake > 0)) {
                Facility f = all.stream().filter(x -> x.node.has("expansion")).findFirst().orElseThrow();
                f.offtake = quant(u(0.2, 0.6), 0.01);
                ((ObjectNode) f.node.get("expansion")).set("requiresOfftake", num(f.offtake)); // its last field
            }
            return out;
        }

        /** Recovery in one of four forms: absent (1), "*" only, "*" with heavy elements lower, one element. */
        ObjectNode recovery(Facility f) {
            double x = rng.nextDouble();
            if (x < 0.15) {
                Arrays.fill(f.recovery, 1);
                return null;
            }
            ObjectNode o = NODES.objectNode();
            if (x < 0.85) {
                double all = quant(u(0.85, 0.97), 0.001);
                o.set("*", num(all));
                Arrays.fill(f.recovery, all);
                if (x >= 0.5) {
                    for (int e = 0; e < elements.size(); e++) {
                        ElementKind k = elements.get(e).kind();
                        if ((k != null && k.exportLicensed()) || (k == null && chance(0.3))) {
                            f.recovery[e] = quant(all * u(0.6, 0.9), 0.001);
                            o.set(elements.get(e).id(), num(f.recovery[e]));
                        }
                    }
                }
            } else {
                Arrays.fill(f.recovery, 1);
                f.recovery[0] = quant(u(0.88, 0.98), 0.001);
                o.set(elements.get(0).id(), num(f.recovery[0]));
            }
            return o;
        }

        /** A buildable project: modules, lead time, start window, capex and opex, bankability. */
        ObjectNode expansion(Facility f, boolean mine) {
            ObjectNode o = NODES.objectNode();
            f.moduleSize = quant(mine ? u(2000, 8000) : u(2000, 7000), 100);
            f.maxModules = between(1, f.greenfield ? 3 : 2);
            int maxLead = Math.max(0, (years - 1) / 2);
            f.leadTime = Math.min(maxLead, mine ? between(2, 5) : between(1, 3));
            o.set("moduleSize", num(f.moduleSize));
            if (f.maxModules > 1 || chance(0.3)) {
                o.put("maxModules", f.maxModules);
            }
            o.put("leadTime", f.leadTime);
            Integer earliest = null;
            double x = rng.nextDouble();
            if (x < 0.3) {
                earliest = START - 1; // before the horizon: cut to the start year
            } else if (x < 0.55 && years > 2) {
                earliest = START + between(1, Math.min(2, years - 2));
            }
            f.firstStart = earliest == null ? START : Math.max(START, earliest);
            if (earliest != null) {
                o.put("earliestStart", earliest);
            }
            int latest = Math.max(f.firstStart, last - f.leadTime);
            if (chance(0.4)) {
                o.put("latestStart", latest);
            }
            double perTonne = mine ? u(20000, 60000) : u(15000, 45000);
            double perModule = quant(perTonne * f.moduleSize, 100000);
            if (chance(0.85)) {
                o.set("capexFixed", num(quant(u(2e7, 2e8), 100000)));
            }
            o.set("capexPerModule", num(perModule));
            if (chance(0.8)) {
                o.set("fixedOpexPerYear", num(quant(perModule * u(0.02, 0.06), 10000)));
            }
            if (chance(0.5)) {
                f.offtake = quant(u(0.2, 0.6), 0.01);
                o.set("requiresOfftake", num(f.offtake));
            }
            return o;
        }

        List<Facility> facilities() {
            List<Facility> all = new ArrayList<>(mines);
            all.addAll(refineries);
            return all;
        }

        // ------------------------------------------------------------ trade

        ObjectNode lanes() {
            ObjectNode o = NODES.objectNode();
            o.set("default", num(quant(u(250, 450), 1)));
            o.set("domestic", num(quant(u(20, 80), 1)));
            ArrayNode routes = o.putArray("routes");
            for (Object[] r : ROUTES) {
                if (countryById.containsKey((String) r[0]) && countryById.containsKey((String) r[1]) && chance(0.75)) {
                    route(routes, (String) r[0], (String) r[1], (Integer) r[2] * u(0.85, 1.15));
                }
            }
            if (routes.isEmpty()) {
                route(routes, countries.get(0).id(), countries.get(1).id(), u(100, 250));
            }
            return o;
        }

        static void route(ArrayNode routes, String a, String b, double cost) {
            ObjectNode r = routes.addObject();
            r.putArray("between").add(a).add(b);
            r.set("cost", num(quant(cost, 1)));
        }

        ArrayNode tariffs() {
            ArrayNode out = NODES.arrayNode();
            for (Object[] t : TARIFFS) {
                String from = (String) t[0];
                String to = (String) t[1];
                boolean always = out.isEmpty() && from.equals("CN") && to.equals("US");
                if (countryById.containsKey(from) && countryById.containsKey(to) && (always || chance(0.6))) {
                    tariff(out, from, to, u((Double) t[2], (Double) t[3]));
                    if (chance(0.2)) {
                        tariff(out, from, to, u(0.02, 0.1)); // a second measure on the same trade: rates add up
                    }
                }
            }
            return out;
        }

        static void tariff(ArrayNode out, String from, String to, double rate) {
            ObjectNode o = out.addObject();
            o.put("from", from);
            o.put("to", to);
            o.set("rate", num(quant(rate, 0.001)));
        }

        /** An export control of the instance as the demand estimate reads it; elements null = all. */
        record Control(String country, boolean concentrate, boolean oxide, Set<String> elements, int from, int to,
                       Set<String> allowed) {
            boolean blocks(int year, String dest) {
                return year >= from && year <= to && !dest.equals(country) && !allowed.contains(dest);
            }

            boolean blocksConcentrate(int year, String origin, String dest) {
                return concentrate && origin.equals(country) && blocks(year, dest);
            }

            boolean blocksOxide(int year, String origin, String element, String dest) {
                return oxide && origin.equals(country) && (elements == null || elements.contains(element))
                        && blocks(year, dest);
            }
        }

        List<String> buyerCountries() {
            List<String> out = new ArrayList<>();
            for (CountryKind c : countries) {
                if (c.buyerWeight() > 0) {
                    out.add(c.id());
                }
            }
            return out;
        }

        /** Some of {@code candidates}, each with probability p. */
        List<String> someOf(List<String> candidates, double p) {
            List<String> out = new ArrayList<>();
            for (String c : candidates) {
                if (chance(p)) {
                    out.add(c);
                }
            }
            return out;
        }

        /**
         * China's licensing of heavy rare-earth oxide, a raw-ore export ban of a mining country (as
         * Malaysia's since 2024 and Vietnam's from 2026), sometimes a control on both stages.
         */
        ArrayNode exportControls() {
            ArrayNode out = NODES.arrayNode();
            // oxide: China on the licensed elements
            ObjectNode cn = out.addObject();
            cn.put("country", "CN");
            cn.put("stage", "oxide");
            ArrayNode els = cn.putArray("elements");
            for (Elem e : elements) {
                if (e.kind() != null && e.kind().exportLicensed()) {
                    els.add(e.id());
                }
            }
            int from = chance(0.5) ? START - 1 : START;
            if (els.isEmpty()) {
                els.add(elements.get(elements.size() - 1).id());
                from = START + years / 2;
            }
            cn.put("fromYear", from);
            int to = last;
            if (chance(0.3)) {
                to = Math.max(from, START) + between(1, years);
                cn.put("toYear", to);
            }
            Set<String> heavy = new LinkedHashSet<>();
            els.forEach(e -> heavy.add(e.textValue()));
            List<String> licensed = new ArrayList<>(buyerCountries());
            licensed.remove("CN");
            List<String> allowed = someOf(licensed, 0.35);
            if (!allowed.isEmpty()) {
                ArrayNode a = cn.putArray("allowedDestinations");
                allowed.forEach(a::add);
            }
            controls.add(new Control("CN", false, true, heavy, from, to, new LinkedHashSet<>(allowed)));
            // concentrate: a mining country keeping its ore for its own refineries
            List<String> restrictive = List.of("MY", "VN", "MM", "IN", "TH", "NG", "MG", "RU", "BR", "MW");
            List<String> candidates = new ArrayList<>();
            for (Facility m : mines) {
                String c = m.country.id();
                if (restrictive.contains(c) && !candidates.contains(c)) {
                    candidates.add(c);
                }
            }
            // without one, China keeps its concentrate (it imports ore, it does not export it)
            String banned = candidates.isEmpty() ? "CN" : pick(candidates);
            ObjectNode ban = out.addObject();
            ban.put("country", banned);
            ban.put("stage", "concentrate");
            int banFrom = chance(0.4) ? START - 2 : START + between(0, Math.max(0, years / 2));
            ban.put("fromYear", banFrom);
            Set<String> banAllowed = new LinkedHashSet<>();
            List<String> refiners = new ArrayList<>();
            for (Facility r : refineries) {
                String c = r.country.id();
                if (!c.equals(banned) && !refiners.contains(c) && (banned.equals("CN") || r.country.partner())) {
                    refiners.add(c);
                }
            }
            if (chance(0.4)) {
                banAllowed.addAll(someOf(refiners, 0.5));
            }
            if (!banAllowed.isEmpty()) {
                ArrayNode a = ban.putArray("allowedDestinations");
                banAllowed.forEach(a::add);
            }
            controls.add(new Control(banned, true, false, null, banFrom, last, banAllowed));
            // sometimes both stages (stage left out): a producer favouring one buyer
            if (chance(0.4)) {
                List<String> producers = new ArrayList<>();
                for (String c : List.of("MM", "VN", "RU", "MY", "IN")) {
                    if (countryById.containsKey(c) && !c.equals(banned)) {
                        producers.add(c);
                    }
                }
                if (!producers.isEmpty()) {
                    String c = pick(producers);
                    ObjectNode both = out.addObject();
                    both.put("country", c);
                    Set<String> bothElements = null;
                    if (chance(0.5)) {
                        bothElements = Set.of(elements.get(0).id());
                        both.putArray("elements").add(elements.get(0).id());
                    }
                    int bothFrom = START + between(1, Math.max(1, years - 1));
                    both.put("fromYear", bothFrom);
                    both.putArray("allowedDestinations").add("CN");
                    controls.add(new Control(c, true, true, bothElements, bothFrom, last, Set.of("CN")));
                }
            }
            return out;
        }

        // ------------------------------------------------------------ reachable supply

        /**
         * Concentrate shipments x[t][m][r] of a maximum flow per year through existing capacity,
         * ore-type acceptance and the concentrate export controls. The flow between partner
         * countries is maximised first, so that buyers under a mandate find their share.
         */
        double[][][] reach() {
            int nm = mines.size();
            int nr = refineries.size();
            double[][][] x = new double[years][][];
            for (int t = 0; t < years; t++) {
                int year = START + t;
                boolean[][] allowed = new boolean[nm][nr];
                boolean[][] compliant = new boolean[nm][nr];
                double[] capM = new double[nm];
                double[] capR = new double[nr];
                for (int m = 0; m < nm; m++) {
                    capM[m] = mines.get(m).capacity[t];
                }
                for (int r = 0; r < nr; r++) {
                    Facility ref = refineries.get(r);
                    capR[r] = ref.capacity[t];
                    for (int m = 0; m < nm; m++) {
                        Facility mine = mines.get(m);
                        boolean accepts = ref.accepts == null || ref.accepts.contains(mine.oreType);
                        boolean banned = false;
                        for (Control c : controls) {
                            banned |= c.blocksConcentrate(year, mine.country.id(), ref.country.id());
                        }
                        allowed[m][r] = accepts && !banned;
                        compliant[m][r] = allowed[m][r] && !mine.country.feoc() && !ref.country.feoc();
                    }
                }
                x[t] = MaxFlow.transport(capM, capR, compliant, allowed);
            }
            return x;
        }

        // ------------------------------------------------------------ buyers

        /** What a buyer may receive: countries excluded at the mining and at the refining stage. */
        record Access(Set<String> notMinedIn, Set<String> notRefinedIn) {}

        /**
         * Buyers with a kind (defense, magnets, ...), a country and the elements that kind uses.
         * Demand follows the supply a buyer can reach: each year's estimated oxide, by mining and
         * refining country, is shared among the buyers that may receive it (mandates and oxide
         * export controls decide), a country-share cap trims what one country can give, and the
         * buyer's demand is 60–85 % of its share on average, growing over the horizon. A buyer whose
         * mandate keeps supply from it asks for a fifth of what it loses on top: demand that only
         * new compliant capacity can meet.
         */
        ArrayNode buyers(double[][][] flow) {
            int nb = spec.buyers();
            int ne = elements.size();
            int nc = countries.size();
            List<String> places = buyerCountries();
            double[] w = new double[places.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = countryById.get(places.get(i)).buyerWeight();
            }
            BuyerKind[] kinds = new BuyerKind[nb];
            String[] where = new String[nb];
            boolean[][] wants = new boolean[nb][ne];
            double[][] weight = new double[nb][ne];
            ObjectNode[] mandates = new ObjectNode[nb];
            Access[] access = new Access[nb];
            double[] sigma = new double[nb];
            double[] kindWeights = {0.5, 3, 2, 1, 1.5, 1.5};
            boolean anyMandate = false;
            boolean anyCap = false;
            for (int b = 0; b < nb; b++) {
                kinds[b] = b == 0 ? BuyerKind.DEFENSE : b <= 2 ? BuyerKind.MAGNETS
                        : BuyerKind.values()[weighted(kindWeights)];
                where[b] = b == 0 ? "US" : b == 1 ? "JP" : b == 2 ? "CN" : places.get(weighted(w));
                double size = u(0.5, 2);
                for (String id : kinds[b].wants()) {
                    int e = elementIndex(id);
                    if (e >= 0) {
                        wants[b][e] = true;
                    }
                }
                for (int e = ELEMENTS.size(); e < ne; e++) {
                    wants[b][e] = chance(0.4);
                }
                boolean any = false;
                for (boolean x : wants[b]) {
                    any |= x;
                }
                if (!any) {
                    wants[b][0] = true;
                }
                for (int e = 0; e < ne; e++) {
                    weight[b][e] = size * u(0.7, 1.3);
                }
                boolean defense = kinds[b] == BuyerKind.DEFENSE;
                Set<String> notMined = new LinkedHashSet<>();
                Set<String> notRefined = new LinkedHashSet<>();
                if (defense || (b > 2 && chance(0.25)) || (b == nb - 1 && !anyMandate)) {
                    mandates[b] = mandate(defense, notMined, notRefined);
                    anyMandate = true;
                }
                sigma[b] = 1;
                if (b == 1 || (b > 2 && !where[b].equals("CN") && chance(0.25)) || (b == nb - 1 && !anyCap)) {
                    sigma[b] = countryById.get(where[b]).tags().contains("eu") ? 0.65 : quant(u(0.5, 0.8), 0.01);
                    anyCap = true;
                }
                access[b] = new Access(notMined, notRefined);
            }
            // every element finds a buyer, one without a mandate or cap if there is one
            List<Integer> open = new ArrayList<>();
            for (int b = 0; b < nb; b++) {
                if (mandates[b] == null && sigma[b] == 1) {
                    open.add(b);
                }
            }
            for (int e = 0; e < ne; e++) {
                boolean wanted = false;
                for (int b = 0; b < nb; b++) {
                    wanted |= wants[b][e];
                }
                if (!wanted) {
                    wants[open.isEmpty() ? rng.nextInt(nb) : pick(open)][e] = true;
                }
            }
            // what each buyer can receive, mean over years: under its cap, without the cap, free of
            // mandate and cap
            double[][] share = new double[nb][ne];
            double[][] uncapped = new double[nb][ne];
            double[][] free = new double[nb][ne];
            int[] countryIndex = new int[mines.size() + refineries.size()];
            List<Facility> all = facilities();
            for (int f = 0; f < all.size(); f++) {
                countryIndex[f] = countries.indexOf(all.get(f).country);
            }
            for (int t = 0; t < years; t++) {
                int year = START + t;
                for (int e = 0; e < ne; e++) {
                    double[][] pool = new double[nc][nc]; // [mining country][refining country]
                    for (int m = 0; m < mines.size(); m++) {
                        for (int r = 0; r < refineries.size(); r++) {
                            double x = flow[t][m][r];
                            if (x > 0) {
                                pool[countryIndex[m]][countryIndex[mines.size() + r]]
                                        += x * mines.get(m).basket[e] * refineries.get(r).recovery[e];
                            }
                        }
                    }
                    double[][] byMine = new double[nb][nc];
                    double[][] byRefinery = new double[nb][nc];
                    double[] byAny = new double[nb];
                    for (int cm = 0; cm < nc; cm++) {
                        for (int cr = 0; cr < nc; cr++) {
                            if (pool[cm][cr] <= 0) {
                                continue;
                            }
                            String mined = countries.get(cm).id();
                            String refined = countries.get(cr).id();
                            double total = 0;
                            double totalFree = 0;
                            double[] claim = new double[nb];
                            double[] claimFree = new double[nb];
                            for (int b = 0; b < nb; b++) {
                                boolean blocked = false;
                                for (Control c : controls) {
                                    blocked |= c.blocksOxide(year, refined, elements.get(e).id(), where[b]);
                                }
                                if (wants[b][e] && !blocked) {
                                    claimFree[b] = weight[b][e];
                                    totalFree += claimFree[b];
                                    if (!access[b].notMinedIn().contains(mined)
                                            && !access[b].notRefinedIn().contains(refined)) {
                                        claim[b] = weight[b][e];
                                        total += claim[b];
                                    }
                                }
                            }
                            for (int b = 0; b < nb; b++) {
                                if (claim[b] > 0) {
                                    byMine[b][cm] += pool[cm][cr] * claim[b] / total;
                                    byRefinery[b][cr] += pool[cm][cr] * claim[b] / total;
                                }
                                if (claimFree[b] > 0) {
                                    byAny[b] += pool[cm][cr] * claimFree[b] / totalFree;
                                }
                            }
                        }
                    }
                    for (int b = 0; b < nb; b++) {
                        share[b][e] += Math.min(capped(byMine[b], sigma[b]), capped(byRefinery[b], sigma[b])) / years;
                        uncapped[b][e] += Arrays.stream(byMine[b]).sum() / years;
                        free[b][e] += byAny[b] / years;
                    }
                }
            }
            for (int b = 0; b < nb; b++) {
                // a cap that would leave the buyer nothing at all (one supplying country) is dropped
                if (sigma[b] < 1 && Arrays.stream(share[b]).sum() <= 0 && Arrays.stream(uncapped[b]).sum() > 0) {
                    sigma[b] = 1;
                    share[b] = uncapped[b];
                }
            }
            double[][][] demand = new double[nb][ne][];
            for (int e = 0; e < ne; e++) {
                double level = u(0.6, 0.85);
                double rate = elements.get(e).growthRate();
                double norm = 0;
                for (int t = 0; t < years; t++) {
                    norm += growth(rate, t);
                }
                norm /= years;
                for (int b = 0; b < nb; b++) {
                    double extra = mandates[b] == null ? 0 : 0.2 * Math.max(0, free[b][e] - share[b][e]);
                    double reachable = share[b][e] + extra;
                    if (!wants[b][e] || reachable <= 0) {
                        continue;
                    }
                    double base = reachable * level;
                    double step = stepFor(base);
                    double[] d = new double[years];
                    for (int t = 0; t < years; t++) {
                        d[t] = Math.max(0, quant(base * growth(rate, t) / norm * (1 + 0.04 * u(-1, 1)), step));
                    }
                    demand[b][e] = d;
                }
            }
            ArrayNode out = NODES.arrayNode();
            boolean anySubstitute = false;
            for (int b = 0; b < nb; b++) {
                ObjectNode n = out.addObject();
                String id = newId(where[b].toLowerCase(Locale.ROOT) + "-" + kinds[b].label);
                n.put("id", id);
                n.put("country", where[b]);
                ObjectNode d = n.putObject("demand");
                List<Integer> demanded = new ArrayList<>();
                for (int e = 0; e < ne; e++) {
                    if (demand[b][e] != null) {
                        demanded.add(e);
                        d.set(elements.get(e).id(), demandSeries(demand[b][e]).node());
                    }
                }
                if (demanded.isEmpty()) { // nothing reaches this buyer: a token demand, met by shortfall
                    int e = 0;
                    while (!wants[b][e]) {
                        e++;
                    }
                    demanded.add(e);
                    d.set(elements.get(e).id(), num(elements.get(e).price()[0] > 1e5 ? 1 : 100));
                }
                boolean defense = kinds[b] == BuyerKind.DEFENSE;
                if (defense || chance(0.15)) {
                    ObjectNode p = n.putObject("shortfallPenalty");
                    for (int e : demanded) {
                        if (defense || chance(0.5)) {
                            double max = Arrays.stream(elements.get(e).price()).max().orElse(1);
                            double v = (defense ? u(15, 30) : u(3, 8)) * max;
                            p.set(elements.get(e).id(), num(quant(v, stepFor(v))));
                        }
                    }
                    if (p.isEmpty()) {
                        n.remove("shortfallPenalty");
                    }
                }
                if (mandates[b] != null) {
                    n.set("mandate", mandates[b]);
                }
                if (sigma[b] < 1) {
                    n.set("maxCountryShare", num(sigma[b]));
                }
                if (chance(0.5) || (b == nb - 1 && !anySubstitute)) {
                    n.set("substitutes", substitutes(demanded));
                    anySubstitute = true;
                }
                buyers.add(n);
                buyerIds.add(id);
            }
            return out;
        }

        /**
         * The most a buyer can receive when no country may give more than sigma of it, given what
         * each country could give: the largest D with Σ_c min(a_c, σ D) ≥ D.
         */
        static double capped(double[] byCountry, double sigma) {
            double total = Arrays.stream(byCountry).sum();
            if (sigma >= 1 || total <= 0) {
                return total;
            }
            double lo = 0;
            double hi = total;
            for (int i = 0; i < 60; i++) {
                double mid = (lo + hi) / 2;
                double got = 0;
                for (double a : byCountry) {
                    got += Math.min(a, sigma * mid);
                }
                if (got >= mid) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** A buyer's demand: the yearly figures, their mean, or the level of a few periods. */
        Series demandSeries(double[] perYear) {
            Form form = nextForm();
            if (form == Form.ARRAY) {
                return exactSeries(perYear, Form.ARRAY);
            }
            double mean = Arrays.stream(perYear).average().orElse(0);
            if (form == Form.CONSTANT) {
                double[] values = new double[years];
                Arrays.fill(values, quant(mean, stepFor(mean)));
                return exactSeries(values, Form.CONSTANT);
            }
            double[] steps = new double[years];
            int cuts = between(1, Math.min(3, years));
            int per = Math.max(1, years / cuts);
            for (int t0 = 0; t0 < years; t0 += per) {
                int t1 = Math.min(years, t0 + per);
                double level = 0;
                for (int t = t0; t < t1; t++) {
                    level += perYear[t];
                }
                Arrays.fill(steps, t0, t1, quant(level / (t1 - t0), stepFor(mean)));
            }
            return exactSeries(steps, Form.OBJECT);
        }

        /** No tonne mined or separated in a "feoc" country (DFARS-like), phased in. */
        ObjectNode mandate(boolean defense, Set<String> notMined, Set<String> notRefined) {
            ObjectNode m = NODES.objectNode();
            Set<String> excluded = new LinkedHashSet<>();
            for (String c : List.of("MM", "RU")) {
                if (countryById.containsKey(c) && chance(0.5)) {
                    excluded.add(c);
                }
            }
            if (!excluded.isEmpty()) {
                ArrayNode a = m.putArray("excludeCountries");
                excluded.forEach(a::add);
            }
            m.putArray("excludeTags").add("feoc");
            for (CountryKind c : countries) {
                if (c.feoc()) {
                    excluded.add(c.id());
                }
            }
            boolean mining = true;
            boolean refining = true;
            if (!defense) {
                double x = rng.nextDouble();
                if (x < 0.35) {
                    m.putArray("stages").add("refining");
                    mining = false;
                } else if (x < 0.55) {
                    m.putArray("stages").add("mining");
                    refining = false;
                } else if (x < 0.7) {
                    m.putArray("stages").add("mining").add("refining");
                }
            }
            if (mining) {
                notMined.addAll(excluded);
            }
            if (refining) {
                notRefined.addAll(excluded);
            }
            double x = rng.nextDouble();
            if (x < 0.5) {
                ObjectNode phase = m.putObject("minShare");
                phase.set(Integer.toString(START - (chance(0.3) ? 1 : 0)), num(chance(0.5) ? 0 : 0.5));
                phase.set(Integer.toString(START + 1), num(quant(u(0.5, 0.8), 0.05)));
                phase.set(Integer.toString(START + 2), num(1));
            } else if (x < 0.7) {
                ArrayNode ramp = m.putArray("minShare");
                for (int t = 0; t < years; t++) {
                    ramp.add(num(Math.min(1, quant(0.3 + 0.25 * t, 0.05))));
                }
            } else if (x < 0.85) {
                m.set("minShare", num(quant(u(0.5, 0.9), 0.05)));
            } // else minShare 1 by default
            return m;
        }

        /** Reduced-Nd or heavy-free magnet designs: part of the demand avoided at a cost above the price. */
        ArrayNode substitutes(List<Integer> demanded) {
            ArrayNode out = NODES.arrayNode();
            int e = demanded.get(rng.nextInt(demanded.size()));
            int count = chance(0.3) ? 2 : 1;
            for (int i = 0; i < count; i++) {
                ObjectNode s = out.addObject();
                s.put("element", elements.get(e).id());
                s.set("maxShare", num(quant(i == 0 ? u(0.1, 0.3) : u(0.1, 0.2), 0.01)));
                double cost = meanPrice(e) * (i == 0 ? u(1.2, 2) : u(2, 3));
                s.set("cost", num(quant(cost, stepFor(cost))));
                if (chance(0.7)) {
                    s.put("fromYear", START + between(1, 3));
                }
            }
            return out;
        }

        // ------------------------------------------------------------ contracts

        ArrayNode contracts() {
            ArrayNode out = NODES.arrayNode();
            int[] next = {1};
            // bankability: an offtake that makes a build with requiresOfftake possible
            for (Facility f : facilities()) {
                if (f.offtake > 0) {
                    ObjectNode k = contract(out, next, f, "optional");
                    int online = f.firstStart + f.leadTime;
                    if (online > START && online <= last) {
                        k.put("fromYear", online);
                    }
                    int modules = between(1, f.maxModules);
                    double min = Math.ceil(f.offtake * f.moduleSize * modules / 10) * 10;
                    k.set("minPerYear", num(min));
                    if (chance(0.7)) {
                        k.set("maxPerYear", num(quant(min * u(1.2, 2.5), 10)));
                    }
                    k.set("price", num(quant(f.meanCost() * u(0.9, 1.1), 10)));
                    if (chance(0.7)) {
                        k.set("signingCost", num(quant(u(1e6, 1.5e7), 10000)));
                    }
                }
            }
            List<Facility> producing = new ArrayList<>();
            for (Facility f : facilities()) {
                if (f.hasCapacity()) {
                    producing.add(f);
                }
            }
            int total = mines.size() + refineries.size();
            // signed: take-or-pay already in force (some began before the horizon)
            int signed = Math.max(1, (int) Math.round(total * 0.15));
            for (int i = 0; i < signed && !producing.isEmpty(); i++) {
                Facility f = pick(producing);
                ObjectNode k = contract(out, next, f, "signed");
                int from = START;
                if (chance(0.4)) {
                    from = START - between(1, 3);
                    k.put("fromYear", from);
                } else if (chance(0.2) && years > 1) {
                    from = START + between(1, years - 1);
                    k.put("fromYear", from);
                }
                if (chance(0.6)) {
                    k.put("toYear", Math.max(from, START) + between(1, Math.max(1, years - 1)));
                }
                double min = quant(f.meanCapacity() * u(0.1, 0.35), 10);
                k.set("minPerYear", num(min));
                if (chance(0.8)) {
                    k.set("maxPerYear", num(quant(min * u(1.5, 3), 10)));
                }
                k.set("price", num(quant(f.meanCost() * u(0.95, 1.25), 10)));
                if (chance(0.3)) {
                    k.set("signingCost", num(quant(u(1e6, 1e7), 10000))); // sunk
                }
            }
            // optional: supply deals on offer, cheaper than spot for a commitment
            int optional = Math.max(1, (int) Math.round(total * 0.12));
            for (int i = 0; i < optional && !producing.isEmpty(); i++) {
                Facility f = pick(producing);
                ObjectNode k = contract(out, next, f, "optional");
                int from = START;
                if (chance(0.4) && years > 1) {
                    from = START + between(1, years - 1);
                    k.put("fromYear", from);
                }
                if (chance(0.4)) {
                    k.put("toYear", from + between(0, Math.max(0, years - 1)));
                }
                double cap = f.meanCapacity();
                double min = 0;
                if (chance(0.7)) {
                    min = quant(cap * u(0.05, 0.2), 10);
                    k.set("minPerYear", num(min));
                }
                k.set("maxPerYear", num(Math.max(min, quant(cap * u(0.2, 0.5), 10))));
                k.set("price", num(quant(f.meanCost() * u(0.8, 0.95), 10)));
                k.set("signingCost", num(quant(u(5e5, 1e7), 10000)));
            }
            return out;
        }

        ObjectNode contract(ArrayNode out, int[] next, Facility f, String status) {
            ObjectNode k = out.addObject();
            k.put("id", "k" + next[0]++);
            k.put("facility", f.id);
            k.put("status", status);
            return k;
        }

        // ------------------------------------------------------------ scenarios

        /**
         * "central" without factors, then shocks: each kind (capacity, cost, demand, export) is
         * given to at least one scenario, more at random. Probabilities are whole thousandths
         * (millionths beyond 100 scenarios), the last one taking what the others leave.
         */
        ArrayNode scenarios() {
            int n = spec.scenarios();
            int others = n - 1;
            List<Set<Shock>> shocks = new ArrayList<>();
            for (int i = 0; i < others; i++) {
                shocks.add(new java.util.TreeSet<>());
            }
            for (Shock s : Shock.values()) {
                shocks.get(s.ordinal() % others).add(s);
            }
            for (Set<Shock> set : shocks) {
                for (Shock s : Shock.values()) {
                    if (chance(0.2)) {
                        set.add(s);
                    }
                }
                if (set.isEmpty()) {
                    set.add(Shock.values()[rng.nextInt(Shock.values().length)]);
                }
            }
            long unit = n <= 100 ? 1000 : 1_000_000;
            long[] p = new long[n];
            p[0] = Math.round(u(0.4, 0.6) * unit);
            double[] w = new double[others];
            double wSum = 0;
            for (int i = 0; i < others; i++) {
                w[i] = u(0.5, 1.5);
                wSum += w[i];
            }
            long left = unit - p[0];
            long used = 0;
            for (int i = 0; i < others; i++) {
                if (i == others - 1) {
                    p[i + 1] = left - used;
                } else {
                    p[i + 1] = Math.max(1, (long) Math.floor(left * w[i] / wSum));
                    used += p[i + 1];
                }
            }
            ArrayNode out = NODES.arrayNode();
            ObjectNode central = out.addObject();
            central.put("id", "central");
            central.set("probability", num((double) p[0] / unit));
            for (int i = 0; i < others; i++) {
                Set<Shock> set = shocks.get(i);
                ObjectNode s = out.addObject();
                s.put("id", "s" + (i + 2) + "-" + label(set.iterator().next()));
                s.set("probability", num((double) p[i + 1] / unit));
                if (set.contains(Shock.CAPACITY)) {
                    s.set("capacityFactors", capacityFactors());
                }
                if (set.contains(Shock.COST)) {
                    s.set("costFactors", costFactors());
                }
                if (set.contains(Shock.DEMAND)) {
                    s.set("demandFactors", demandFactors());
                }
                if (set.contains(Shock.EXPORT)) {
                    s.set("exportControls", scenarioExportControls());
                }
            }
            return out;
        }

        static String label(Shock s) {
            return switch (s) {
                case CAPACITY -> "supply-disruption";
                case COST -> "price-flood";
                case DEMAND -> "demand-surge";
                case EXPORT -> "export-ban";
            };
        }

        /** fromYear (and sometimes toYear) of a factor, within the horizon. */
        void window(ObjectNode o, double pFrom, double pTo) {
            int from = START;
            if (chance(pFrom)) {
                from = yearIn(0, years - 1);
                o.put("fromYear", from);
            }
            if (chance(pTo)) {
                o.put("toYear", from + between(0, 2));
            }
        }

        ArrayNode capacityFactors() {
            ArrayNode out = NODES.arrayNode();
            int count = between(1, 2);
            for (int i = 0; i < count; i++) {
                ObjectNode f = out.addObject();
                double x = rng.nextDouble();
                if (x < 0.45) { // an outage at one facility
                    List<Facility> producing = facilities().stream().filter(Facility::hasCapacity).toList();
                    f.put("facility", pick(producing.isEmpty() ? facilities() : producing).id);
                    f.set("factor", num(chance(0.6) ? 0 : quant(u(0.3, 0.7), 0.01)));
                    window(f, 0.7, 0.5);
                } else if (x < 0.8) { // unrest in a risky producing country
                    List<String> risky = new ArrayList<>();
                    for (Facility m : facilities()) {
                        if (m.country.risk() >= 0.3 && !risky.contains(m.country.id())) {
                            risky.add(m.country.id());
                        }
                    }
                    f.put("country", risky.isEmpty() ? "CN" : pick(risky));
                    f.set("factor", num(quant(u(0.2, 0.6), 0.01)));
                    window(f, 0.5, 0.3);
                } else { // everywhere: energy or weather, or a faster ramp-up
                    f.set("factor", num(quant(chance(0.6) ? u(0.85, 0.97) : u(1.05, 1.2), 0.001)));
                    window(f, 0.3, 0.5);
                }
            }
            return out;
        }

        ArrayNode costFactors() {
            ArrayNode out = NODES.arrayNode();
            int count = between(1, 2);
            for (int i = 0; i < count; i++) {
                ObjectNode f = out.addObject();
                double x = rng.nextDouble();
                if (x < 0.5) { // a price flood: Chinese concentrate and tolling below cost
                    f.put("country", "CN");
                    f.set("factor", num(quant(u(0.6, 0.85), 0.001)));
                    window(f, 0.4, 0.3);
                } else if (x < 0.8) { // input-cost inflation everywhere
                    f.set("factor", num(quant(u(1.1, 1.3), 0.001)));
                    window(f, 0.6, 0.2);
                } else {
                    f.put("facility", pick(facilities()).id);
                    f.set("factor", num(quant(u(1.15, 1.5), 0.001)));
                    window(f, 0.3, 0.3);
                }
            }
            return out;
        }

        ArrayNode demandFactors() {
            ArrayNode out = NODES.arrayNode();
            int count = between(1, 2);
            for (int i = 0; i < count; i++) {
                ObjectNode f = out.addObject();
                double x = rng.nextDouble();
                if (x < 0.4) { // an EV or wind boom on one element
                    f.put("element", elements.get(chance(0.6) ? 0 : rng.nextInt(elements.size())).id());
                    f.set("factor", num(quant(u(1.1, 1.4), 0.001)));
                    window(f, 0.7, 0.2);
                } else if (x < 0.65) { // one buyer scales down
                    f.put("buyer", pick(buyerIds));
                    f.set("factor", num(quant(u(0.7, 0.95), 0.001)));
                    window(f, 0.4, 0.3);
                } else if (x < 0.85) { // one buyer's programme on one element
                    int b = rng.nextInt(buyers.size());
                    List<String> els = new ArrayList<>();
                    for (Map.Entry<String, JsonNode> d : buyers.get(b).get("demand").properties()) {
                        els.add(d.getKey());
                    }
                    f.put("buyer", buyerIds.get(b));
                    f.put("element", pick(els));
                    f.set("factor", num(quant(u(1.1, 1.5), 0.001)));
                    window(f, 0.5, 0.3);
                } else { // the whole market
                    f.set("factor", num(quant(u(0.85, 1.15), 0.001)));
                    window(f, 0.5, 0.3);
                }
            }
            return out;
        }

        ArrayNode scenarioExportControls() {
            ArrayNode out = NODES.arrayNode();
            ObjectNode c = out.addObject();
            if (chance(0.75)) { // China stops exports
                c.put("country", "CN");
                if (chance(0.5)) {
                    c.put("stage", "oxide");
                    if (chance(0.5)) {
                        c.putArray("elements").add(elements.get(0).id());
                    }
                } // else both stages, every element
                window(c, 0.8, 0.3);
                if (chance(0.3)) {
                    List<String> dests = buyerCountries();
                    dests.remove("CN");
                    List<String> allowed = someOf(dests, 0.3);
                    if (!allowed.isEmpty()) {
                        ArrayNode a = c.putArray("allowedDestinations");
                        allowed.forEach(a::add);
                    }
                }
            } else { // another mining country bans raw-ore exports
                List<String> miners = new ArrayList<>();
                for (Facility m : mines) {
                    if (!miners.contains(m.country.id())) {
                        miners.add(m.country.id());
                    }
                }
                c.put("country", pick(miners));
                c.put("stage", "concentrate");
                window(c, 0.6, 0.3);
            }
            return out;
        }
    }

    // ================================================================ max-flow

    /** Max-flow of concentrate from mines to refineries (Dinic), for the reachable-supply estimate. */
    static final class MaxFlow {
        private static final double EPS = 1e-9;
        private final int[] head;
        private final List<int[]> edges = new ArrayList<>(); // {to, next}
        private final List<double[]> cap = new ArrayList<>();
        private int[] level;
        private int[] it;

        private MaxFlow(int nodes) {
            head = new int[nodes];
            Arrays.fill(head, -1);
        }

        private int add(int from, int to, double c) {
            edges.add(new int[] {to, head[from]});
            cap.add(new double[] {c});
            head[from] = edges.size() - 1;
            edges.add(new int[] {from, head[to]});
            cap.add(new double[] {0});
            head[to] = edges.size() - 1;
            return edges.size() - 2;
        }

        /**
         * The shipments x[m][r] of a maximum flow over the {@code allowed} pairs that first
         * maximises the flow over the {@code first} pairs (augmenting paths never lower what
         * already reaches the sink through a refinery, so the first phase's refineries keep it).
         */
        static double[][] transport(double[] capM, double[] capR, boolean[][] first, boolean[][] allowed) {
            int nm = capM.length;
            int nr = capR.length;
            int source = nm + nr;
            int sink = source + 1;
            MaxFlow g = new MaxFlow(nm + nr + 2);
            for (int m = 0; m < nm; m++) {
                g.add(source, m, capM[m]);
            }
            for (int r = 0; r < nr; r++) {
                g.add(nm + r, sink, capR[r]);
            }
            int[][] edge = new int[nm][nr];
            for (int m = 0; m < nm; m++) {
                for (int r = 0; r < nr; r++) {
                    edge[m][r] = allowed[m][r] ? g.add(m, nm + r, first[m][r] ? Double.POSITIVE_INFINITY : 0) : -1;
                }
            }
            g.run(source, sink);
            for (int m = 0; m < nm; m++) {
                for (int r = 0; r < nr; r++) {
                    if (edge[m][r] >= 0 && !first[m][r]) {
                        g.cap.get(edge[m][r])[0] = Double.POSITIVE_INFINITY;
                    }
                }
            }
            g.run(source, sink);
            double[][] x = new double[nm][nr];
            for (int m = 0; m < nm; m++) {
                for (int r = 0; r < nr; r++) {
                    if (edge[m][r] >= 0) {
                        x[m][r] = g.cap.get(edge[m][r] ^ 1)[0]; // flow = residual of the reverse edge
                    }
                }
            }
            return x;
        }

        private void run(int s, int t) {
            while (bfs(s, t)) {
                it = head.clone();
                while (dfs(s, t, Double.POSITIVE_INFINITY) > EPS) {
                    // augment until blocked
                }
            }
        }

        private boolean bfs(int s, int t) {
            level = new int[head.length];
            Arrays.fill(level, -1);
            int[] queue = new int[head.length];
            int qh = 0;
            int qt = 0;
            queue[qt++] = s;
            level[s] = 0;
            while (qh < qt) {
                int v = queue[qh++];
                for (int e = head[v]; e >= 0; e = edges.get(e)[1]) {
                    int w = edges.get(e)[0];
                    if (level[w] < 0 && cap.get(e)[0] > EPS) {
                        level[w] = level[v] + 1;
                        queue[qt++] = w;
                    }
                }
            }
            return level[t] >= 0;
        }

        private double dfs(int v, int t, double pushed) {
            if (v == t) {
                return pushed;
            }
            for (; it[v] >= 0; it[v] = edges.get(it[v])[1]) {
                int e = it[v];
                int w = edges.get(e)[0];
                if (level[w] == level[v] + 1 && cap.get(e)[0] > EPS) {
                    double d = dfs(w, t, Math.min(pushed, cap.get(e)[0]));
                    if (d > EPS) {
                        cap.get(e)[0] -= d;
                        cap.get(e ^ 1)[0] += d;
                        return d;
                    }
                }
            }
            return 0;
        }
    }
}

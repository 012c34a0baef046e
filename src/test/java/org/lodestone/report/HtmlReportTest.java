package org.lodestone.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.TestInstances;
import org.lodestone.cli.LodestoneCommand;
import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.domain.YearRange;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The HTML report: well-formed, complete, escaped, deterministic, self-contained, and drawn by a browser. */
public class HtmlReportTest {
    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    /** Two countries, two mines, two refineries (one built), two buyers, two scenarios. */
    static Instance instance(String mineId) {
        return TestInstances.instance("fixture & co", 2026, 4)
                .riskWeight(10)
                .element("NdPr", 80000, 30000)
                .element("Dy", 300000, 100000)
                .country("AU", 0.05)
                .country("CN", 0.6, "feoc")
                .mine(mineId, "AU", 1000, 9000, Map.of("NdPr", 0.2, "Dy", 0.01))
                .mine("bayan-obo", "CN", 5000, 4000, Map.of("NdPr", 0.2))
                .refinery("kuantan", "AU", 2000, 12000)
                .refinery("baotou", "CN", 5000, 6000)
                .buyer("ev-makers", "AU", "NdPr", 300)
                .buyer("jp-electronics", "CN", "NdPr", 200)
                .contract(new Contract("offtake", "kuantan", false, new YearRange(2026, 2029), 100,
                        Double.POSITIVE_INFINITY, 10000, 1e6))
                .scenario(TestInstances.scenario("base", 0.75))
                .scenario(TestInstances.scenario("cutoff", 0.25))
                .build();
    }

    static Plan plan(String mineId) {
        PlanBuilder b = PlanBuilder.plan("fixture & co")
                .build("kuantan", 2026, 2028, 2, 4000)
                .contract("offtake", true)
                .scenario("base", 0.75)
                .concentrate(mineId, "kuantan", 2026, 100)
                .concentrate("bayan-obo", "kuantan", 2026, 300)
                .concentrate("bayan-obo", "baotou", 2027, 500)
                .deliver(mineId, "kuantan", "ev-makers", "NdPr", 2026, 20)
                .deliver("bayan-obo", "kuantan", "ev-makers", "NdPr", 2026, 60)
                .deliver("bayan-obo", "baotou", "jp-electronics", "NdPr", 2027, 100)
                .surplus("kuantan", "Dy", 2026, 1)
                .shortfall("jp-electronics", "NdPr", 2026, 200)
                .scenario("cutoff", 0.25)
                .concentrate(mineId, "kuantan", 2026, 100)
                .deliver(mineId, "kuantan", "ev-makers", "NdPr", 2026, 20)
                .shortfall("ev-makers", "NdPr", 2027, 300);
        Plan.Costs costs = Plan.Costs.of(Map.of(CostPart.CAPEX, 3e8, CostPart.FIXED_OPEX, 1e7, CostPart.SIGNING, 1e6,
                CostPart.MINING, 2e7, CostPart.REFINING, 3e7, CostPart.CONTRACTS, 4e6, CostPart.FREIGHT, 1e6,
                CostPart.SHORTFALL, 5e8, CostPart.SURPLUS_REVENUE, 2.5e7));
        return b.plan(costs, 1234.5, costs.net() + 10 * 1234.5);
    }

    static HtmlReport fullReport(String mineId) {
        List<HtmlReport.SweepPoint> sweep = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            Map<String, Double> parts = new LinkedHashMap<>();
            parts.put("mining", 1e8 + i * 1e7);
            parts.put("shortfall", 5e8 - i * 5e7);
            parts.put("surplusRevenue", -2e7);
            double objective = parts.values().stream().mapToDouble(Double::doubleValue).sum();
            sweep.add(new HtmlReport.SweepPoint(i * 0.25, i == 2 ? Double.NaN : objective, parts));
        }
        Table table = new Table("Scenario costs", "scenario", "USD").row(mineId, 1.5e9).row("cutoff", 2.25e9);
        return new HtmlReport("Report of " + mineId)
                .addPlan(instance(mineId), plan(mineId))
                .addSweep("/buyers/0/mandate/minShare", sweep)
                .addPareto(List.of(new HtmlReport.ParetoPoint(500, 9e8, "riskWeight 0"),
                        new HtmlReport.ParetoPoint(300, 9.5e8, mineId), new HtmlReport.ParetoPoint(100, 1.2e9)))
                .addStress(List.of(new HtmlReport.StressRow("CN", 4.2e9, 1200),
                        new HtmlReport.StressRow(mineId, 1e7, 0), new HtmlReport.StressRow("AU", -1e6, 0)))
                .addTable(table);
    }

    /** {@code html} parsed as XML (external entities off): throws unless well-formed. Used by AnalysisReportTest too. */
    public static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setExpandEntityReferences(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document doc, String tag) {
        NodeList list = doc.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }

    /** The text of the {@code nth} (from 0) svg of class "chart {@code kind}". */
    static String svg(Document doc, String kind, int nth) {
        NodeList svgs = doc.getElementsByTagName("svg");
        int seen = 0;
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            if (svg.getAttribute("class").equals("chart " + kind) && seen++ == nth) {
                return svg.getTextContent();
            }
        }
        throw new AssertionError("no svg " + nth + " of class chart " + kind);
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @Test
    void wellFormedWithEverySection() throws Exception {
        String html = fullReport("mt-weld").render();
        Document doc = parse(html); // throws unless well-formed
        assertEquals("html", doc.getDocumentElement().getTagName());
        assertTrue(html.startsWith("<!DOCTYPE html>\n"), html.substring(0, 40));
        assertEquals(List.of("Flows", "Builds and contracts", "Costs", "Risk by country",
                "Sweep of /buyers/0/mandate/minShare",
                "Pareto frontier: cost and risk", "Stress test by country", "Scenario costs"), texts(doc, "h2"));
        assertEquals(List.of("Report of mt-weld"), texts(doc, "h1"));
        NodeList svgs = doc.getElementsByTagName("svg");
        // Sankey: (expected + 2 scenarios) × (all elements, NdPr, Dy) × (all years + 4); timeline; costs; sweep and
        // its change; Pareto, and again without its costliest point
        assertEquals(45 + 6, svgs.getLength());
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            if (!classes.contains(svg.getAttribute("class"))) {
                classes.add(svg.getAttribute("class"));
            }
            assertTrue(svg.getAttribute("viewBox").matches("0 0 [0-9.]+ [0-9.]+"), svg.getAttribute("viewBox"));
            assertEquals("http://www.w3.org/2000/svg", svg.getAttribute("xmlns"));
        }
        assertEquals(List.of("chart sankey", "chart timeline", "chart bars", "chart xy"), classes);
        // the header: instance, status, objective
        String header = texts(doc, "header").get(0);
        assertAll(
                () -> assertTrue(header.contains("fixture & co"), header),
                () -> assertTrue(header.contains("OPTIMAL"), header),
                () -> assertTrue(header.contains("objective"), header));
        // every section is linked from the navigation
        NodeList links = doc.getElementsByTagName("a");
        assertEquals(8, links.getLength());
        for (int i = 0; i < links.getLength(); i++) {
            String href = ((Element) links.item(i)).getAttribute("href");
            assertTrue(html.contains("<section id=\"" + href.substring(1) + "\">"), href);
        }
    }

    @Test
    void sankeyShowsEveryNodeWithItsTonnesAndUnits() throws Exception {
        String html = new HtmlReport("t").addPlan(instance("mt-weld"), plan("mt-weld")).render();
        Document doc = parse(html);
        String sankey = svg(doc, "sankey", 0);
        assertAll(
                () -> assertTrue(sankey.contains("mt-weld"), sankey),
                () -> assertTrue(sankey.contains("bayan-obo"), sankey),
                () -> assertTrue(sankey.contains("kuantan"), sankey),
                () -> assertTrue(sankey.contains("baotou"), sankey),
                () -> assertTrue(sankey.contains("ev-makers"), sankey),
                () -> assertTrue(sankey.contains("jp-electronics"), sankey),
                () -> assertTrue(sankey.contains("Surplus sales"), sankey),
                () -> assertTrue(sankey.contains("t REO"), sankey),
                () -> assertTrue(sankey.contains("oxide"), sankey),
                // expected: mt-weld 100 t in both scenarios, bayan-obo 0.75 × 800 = 600 t
                () -> assertTrue(sankey.contains("mt-weld AU 100"), sankey),
                () -> assertTrue(sankey.contains("bayan-obo CN 600"), sankey),
                // jp-electronics: 0.75 × 200 t short
                () -> assertTrue(sankey.contains("short 150"), sankey));
        assertTrue(html.contains("<b>AU</b>") && html.contains("<b>CN</b>"), "country legend");
    }

    @Test
    void sankeyLinkWidthsAreProportionalToTonnes() {
        // scenario "base": into kuantan 100 t from mt-weld and 300 t from bayan-obo; 500 t bayan-obo → baotou
        Instance instance = instance("mt-weld");
        String base = SankeyChart.render(instance, plan("mt-weld"), SankeyChart.View.all(0),
                Markup.countryColours(instance), "x").svg();
        Map<String, Double> widths = new LinkedHashMap<>();
        Matcher m = Pattern.compile("stroke-width=\"([0-9.]+)\"><title>([^:]+):").matcher(base);
        while (m.find()) {
            widths.put(m.group(2), Double.parseDouble(m.group(1)));
        }
        double a = widths.get("mt-weld \u2192 kuantan");
        double b = widths.get("bayan-obo \u2192 kuantan");
        double c = widths.get("bayan-obo \u2192 baotou");
        assertEquals(3.0, b / a, 0.02, widths.toString());
        assertEquals(5.0, c / a, 0.03, widths.toString());
        // second stage, oxide: 80 t kuantan → ev-makers, 100 t baotou → jp-electronics
        assertEquals(100.0 / 80, widths.get("baotou \u2192 jp-electronics") / widths.get("kuantan \u2192 ev-makers"),
                0.02, widths.toString());
    }

    // ---------------------------------------------------------------- flows: element, year, surplus, colours

    /** The picker of the flows: its groups' option labels, each panel's caption, and the CSS rules that show them. */
    record Picker(List<List<String>> options, List<List<String>> classes, Map<String, String> captions,
                  List<String> rules) {
        /** Captions of the panels shown when option {@code chosen[g]} of each group is checked. */
        List<String> shown(int[] chosen) {
            List<String> checked = new ArrayList<>();
            for (int g = 0; g < chosen.length; g++) {
                checked.add(classes.get(g).get(chosen[g]));
            }
            List<String> out = new ArrayList<>();
            Pattern rule = Pattern.compile("\\.picker > ((?:input\\.p\\d+o\\d+:checked ~ )*)div\\.(v[0-9x-]+)\\{display:block\\}");
            for (String r : rules) {
                Matcher m = rule.matcher(r);
                if (!m.matches()) {
                    continue;
                }
                boolean all = true;
                for (String condition : m.group(1).split(" ~ ")) {
                    if (!condition.isBlank()) {
                        all &= checked.contains(condition.replace("input.", "").replace(":checked", "").trim());
                    }
                }
                if (all && captions.containsKey(m.group(2))) {
                    out.add(captions.get(m.group(2)));
                }
            }
            return out;
        }
    }

    static Picker picker(String html) throws Exception {
        Document doc = parse(html);
        Element picker = null;
        NodeList divs = doc.getElementsByTagName("div");
        for (int i = 0; i < divs.getLength() && picker == null; i++) {
            if (((Element) divs.item(i)).getAttribute("class").equals("picker")) {
                picker = (Element) divs.item(i);
            }
        }
        assertTrue(picker != null, "no picker");
        List<List<String>> options = new ArrayList<>();
        List<List<String>> classes = new ArrayList<>();
        Map<String, String> captions = new LinkedHashMap<>();
        String group = null;
        NodeList children = picker.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (!(children.item(i) instanceof Element child)) {
                continue;
            }
            String cls = child.getAttribute("class");
            switch (child.getTagName()) {
                case "input" -> {
                    String[] both = cls.split(" "); // "p1 p1o2": the group, then the option
                    if (!both[0].equals(group)) {
                        group = both[0];
                        options.add(new ArrayList<>());
                        classes.add(new ArrayList<>());
                    }
                    classes.get(classes.size() - 1).add(both[1]);
                }
                case "label" -> options.get(options.size() - 1).add(child.getTextContent());
                case "div" -> captions.put(cls.replace("panel ", ""),
                        ((Element) child.getElementsByTagName("p").item(0)).getTextContent());
                default -> { }
            }
        }
        List<String> rules = List.of(texts(doc, "style").get(0).split("\n"));
        return new Picker(options, classes, captions, rules);
    }

    /** Every choice of scenario, element and year shows exactly one diagram: the one it names. */
    static void everyChoiceShowsItsView(Picker picker, boolean singleYearsForScenarios) {
        int[] chosen = new int[picker.options().size()];
        int combinations = 0;
        while (true) {
            List<String> shown = picker.shown(chosen);
            String choice = java.util.Arrays.toString(chosen);
            assertEquals(1, shown.size(), choice + " shows " + shown);
            String caption = shown.get(0);
            List<String> head = List.of(caption.substring(0, caption.indexOf(": ")).split(", "));
            String scenario = picker.options().get(0).get(chosen[0]);
            String element = picker.options().get(1).get(chosen[1]);
            String year = picker.options().get(2).get(chosen[2]);
            boolean expected = scenario.equals("Expected");
            assertEquals(expected ? "Expected over the scenarios (weighted by probability)" : "Scenario " + scenario,
                    head.get(0), choice);
            assertEquals(!element.equals("all elements"), head.contains(element), choice + ": " + caption);
            boolean single = !year.equals("all years") && (expected || singleYearsForScenarios);
            assertEquals(single, head.contains(year), choice + ": " + caption);
            assertEquals(!single, head.stream().noneMatch(h -> h.matches("20\\d\\d")), choice + ": " + caption);
            combinations++;
            int g = chosen.length - 1;
            while (g >= 0 && ++chosen[g] == picker.options().get(g).size()) {
                chosen[g--] = 0;
            }
            if (g < 0) {
                break;
            }
        }
        assertEquals(picker.options().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b), combinations);
    }

    /** Issue 12 point 5: scenario, element and year are picked with radio buttons and CSS, without a script. */
    @Test
    void flowsPickAScenarioAnElementAndAYear() throws Exception {
        String html = new HtmlReport("t").addPlan(instance("mt-weld"), plan("mt-weld")).render();
        Picker picker = picker(html);
        assertEquals(List.of(List.of("Expected", "base (p = 0.75)", "cutoff (p = 0.25)"),
                List.of("all elements", "NdPr", "Dy"), List.of("all years", "2026", "2027", "2028", "2029")),
                picker.options());
        everyChoiceShowsItsView(picker, true);
        assertFalse(html.contains("<script"), "no script");
        // at first: the expectation, all elements, all years
        assertEquals(1, picker.shown(new int[3]).size());
        assertTrue(picker.shown(new int[3]).get(0).startsWith("Expected over the scenarios (weighted by probability): "));
    }

    /** A long horizon would need too many diagrams: single years for the expectation only, and it says so. */
    @Test
    void manyViewsDrawSingleYearsForTheExpectationOnly() throws Exception {
        Instance base = instance("mt-weld");
        Instance longer = new Instance(base.name(), base.description(), base.sources(),
                new org.lodestone.domain.Horizon(2026, 40), base.discountRate(), base.riskWeight(), base.riskBudget(),
                base.elements(), base.countries(), base.mines(), base.refineries(), base.buyers(), base.lanes(),
                base.tariffs(), base.exportControls(), base.contracts(), base.scenarios(), base.stockpiles(),
                base.riskAversion(), base.disruptions());
        String html = new HtmlReport("t").addPlan(longer, plan("mt-weld")).render();
        Picker picker = picker(html);
        assertTrue(3 * 3 * 41 > HtmlReport.MAX_FLOW_VIEWS);
        everyChoiceShowsItsView(picker, false);
        assertEquals(3 * 41 + 2 * 3, picker.captions().size(), "diagrams drawn");
        assertTrue(html.contains("Single years are drawn for the expected flows"), "said so");
        assertTrue(html.contains(".picker > input.p0o1:checked ~ input.p2 + label{opacity:.4}"), "years greyed out");
    }

    /** One element: the tonnes of it in the concentrate (by the mine's basket), its deliveries, its surplus. */
    @Test
    void anElementsViewShowsThatElementOnly() {
        Instance instance = instance("mt-weld");
        // base: mt-weld holds 1 % Dy: 100 t of concentrate carry 1 t Dy; bayan-obo holds none; kuantan sells 1 t Dy
        SankeyChart.Result dy = SankeyChart.render(instance, plan("mt-weld"), new SankeyChart.View(0, "Dy", null),
                Markup.countryColours(instance), "x");
        assertAll(
                () -> assertEquals(1.0, dy.concentrate(), 1e-9),
                () -> assertEquals(0.0, dy.delivered(), 1e-9),
                () -> assertEquals(1.0, dy.surplusTonnes(), 1e-9),
                () -> assertTrue(dy.svg().contains("mt-weld \u2192 kuantan: 1 t Dy in concentrate"), dy.svg()),
                () -> assertFalse(dy.svg().contains("bayan-obo"), dy.svg()),
                () -> assertTrue(dy.svg().contains("Dy oxide received, t"), dy.svg()));
        // base in 2027: bayan-obo → baotou 500 t, baotou → jp-electronics 100 t NdPr, nothing of 2026
        SankeyChart.Result y2027 = SankeyChart.render(instance, plan("mt-weld"), new SankeyChart.View(0, null, 2027),
                Markup.countryColours(instance), "x");
        assertAll(
                () -> assertEquals(500.0, y2027.concentrate(), 1e-9),
                () -> assertEquals(100.0, y2027.delivered(), 1e-9),
                () -> assertEquals(0.0, y2027.shortfallTonnes(), 1e-9),
                () -> assertFalse(y2027.svg().contains("kuantan"), y2027.svg()));
    }

    /**
     * Surplus sales sit under the diagram, not in the buyer column: however much is sold off, the
     * buyers fill the column's height.
     */
    @Test
    void surplusIsDrawnApartFromTheBuyers() {
        Instance instance = instance("mt-weld");
        Plan plan = PlanBuilder.plan("fixture & co").scenario("base", 1)
                .concentrate("bayan-obo", "baotou", 2026, 5000)
                .deliver("bayan-obo", "baotou", "jp-electronics", "NdPr", 2026, 100)
                .deliver("bayan-obo", "baotou", "ev-makers", "NdPr", 2026, 50)
                .surplus("baotou", "NdPr", 2026, 850)
                .plan(Plan.Costs.ZERO, 0, 0);
        String svg = SankeyChart.render(instance, plan, SankeyChart.View.all(0), Markup.countryColours(instance), "x")
                .svg();
        double buyers = 0;
        Matcher rect = Pattern.compile("<rect x=\"830\" y=\"[0-9.]+\" width=\"14\" height=\"([0-9.]+)\"").matcher(svg);
        while (rect.find()) {
            buyers += Double.parseDouble(rect.group(1));
        }
        // the diagram is 360 px high; on main the surplus took 85 % of it and buyers 15 %
        assertTrue(buyers > 0.8 * 360, "buyers take " + buyers + " px: " + svg);
        assertTrue(svg.contains("<title>baotou: 850 t oxide at the surplus price</title>"), svg);
        assertFalse(svg.contains("<rect x=\"830\" y=\"[0-9.]+\" width=\"14\" height=\"[0-9.]+\" fill=\"#A0A0A0\""));
    }

    /** The instance of issue 12: each country its own colour, clearly apart (CIE76 distance in Lab at least 20). */
    @Test
    void everyCountryHasAColourClearlyApartFromTheOthers() throws Exception {
        Instance instance = org.lodestone.io.InstanceReader.read(Path.of("instances/indo-pacific-2026.json"), List.of());
        Plan plan = org.lodestone.io.PlanJson.read(Path.of("src/test/resources/golden/solve-indo-pacific-2026/plan.json"));
        String html = new HtmlReport("t").addPlan(instance, plan).render();
        Map<String, String> legend = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<li><span class=\"sw\" style=\"background:(#[0-9A-F]{6})\"></span><b>([A-Z]+)</b>")
                .matcher(section(html, "Flows"));
        while (m.find()) {
            legend.put(m.group(2), m.group(1));
        }
        // the real instance's nine countries with a mine, refinery or buyer that the plan uses
        assertTrue(legend.size() >= 9 && legend.containsKey("CN") && legend.containsKey("MW"), legend.toString());
        List<String> countries = new ArrayList<>(legend.keySet());
        for (int i = 0; i < countries.size(); i++) {
            for (int j = i + 1; j < countries.size(); j++) {
                String a = countries.get(i);
                String b = countries.get(j);
                double distance = lab(legend.get(a), legend.get(b));
                assertTrue(distance >= 20, a + " " + legend.get(a) + " and " + b + " " + legend.get(b) + ": " + distance);
            }
        }
        // any sixteen countries (the old instance's China and Brazil, Myanmar and Thailand shared or
        // nearly shared colours) get colours at least this far apart
        for (int i = 0; i < Markup.PALETTE.size(); i++) {
            for (int j = i + 1; j < Markup.PALETTE.size(); j++) {
                assertTrue(lab(Markup.PALETTE.get(i), Markup.PALETTE.get(j)) >= 20,
                        Markup.PALETTE.get(i) + " and " + Markup.PALETTE.get(j));
            }
        }
    }

    /** CIE76 colour difference: the distance of two sRGB colours in CIELAB (D65). */
    static double lab(String a, String b) {
        double[] p = lab(a);
        double[] q = lab(b);
        return Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
    }

    private static double[] lab(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        double x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
        double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        double z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
        java.util.function.DoubleUnaryOperator f = t -> t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
        return new double[] {116 * f.applyAsDouble(y) - 16, 500 * (f.applyAsDouble(x) - f.applyAsDouble(y)),
                200 * (f.applyAsDouble(y) - f.applyAsDouble(z))};
    }

    @Test
    void hostileIdsAreEscaped() throws Exception {
        String nasty = HOSTILE + "\"'&\u0001";
        String html = fullReport(nasty).render();
        parse(html); // still well-formed, control character and all
        assertAll(
                () -> assertFalse(html.contains("<script"), "raw script tag"),
                () -> assertFalse(html.contains("alert(1)</script>"), "raw end tag"),
                () -> assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped id"),
                () -> assertFalse(html.contains("\u0001"), "control character"));
        // ids never reach attribute names, element ids or CSS
        Matcher ids = Pattern.compile(" id=\"([^\"]*)\"").matcher(html);
        while (ids.find()) {
            assertTrue(ids.group(1).matches("[a-z0-9-]+"), ids.group(1));
        }
    }

    @Test
    void sameInputSameBytes() {
        String first = fullReport("mt-weld").render();
        String second = fullReport("mt-weld").render();
        assertEquals(first, second);
        HtmlReport report = fullReport("mt-weld");
        assertEquals(report.render(), report.render());
    }

    @Test
    void selfContainedWithoutScriptsOrExternalReferences() {
        String html = fullReport("mt-weld").render();
        Matcher urls = Pattern.compile("https?://[^\"'\\s<>)]*").matcher(html);
        while (urls.find()) {
            assertEquals("http://www.w3.org/2000/svg", urls.group());
        }
        assertAll(
                () -> assertFalse(html.contains("<script"), "script"),
                () -> assertFalse(html.contains("<link"), "link"),
                () -> assertFalse(html.contains("@import"), "@import"),
                () -> assertFalse(html.contains("@font-face"), "web font"),
                () -> assertFalse(html.contains(" src="), "src attribute"),
                () -> assertFalse(Pattern.compile("url\\((?!#)").matcher(html).find(), "url() other than #id"));
    }

    /**
     * Surplus revenue is shown as the plan file has it, the positive amount earned, named as
     * subtracted (issue 12, point 9); its bar alone points left of zero, so the bars add up.
     */
    @Test
    void costsAddUpWithSurplusRevenueEarnedAndSubtracted() throws Exception {
        String html = new HtmlReport("t").addPlan(instance("mt-weld"), plan("mt-weld")).render();
        Document doc = parse(html);
        String bars = svg(doc, "bars", 0);
        assertAll(
                () -> assertTrue(bars.contains("surplus revenue (subtracted)"), bars),
                () -> assertTrue(bars.lines().anyMatch(l -> l.strip().equals("25.0 M")), bars),
                () -> assertFalse(bars.contains("-25.0 M"), bars),
                () -> assertTrue(bars.contains("surplus revenue (subtracted): 25,000,000 USD"), "tip: " + bars),
                () -> assertTrue(html.contains("<td>surplus revenue (subtracted)</td><td class=\"num\">25,000,000</td>"),
                        html),
                () -> assertTrue(bars.contains("shortfall"), bars),
                () -> assertTrue(bars.contains("risk \u00D7 weight"), bars),
                () -> assertFalse(bars.contains("tariffs"), "zero parts are left out: " + bars),
                () -> assertTrue(bars.contains("objective"), bars));
        // the table under the chart has whole dollars: objective = 866,000,000 − 25,000,000 + 12,345
        assertTrue(html.contains("<td>objective</td><td class=\"num\">841,012,345</td>"), html);
    }

    /** Issue 12's frontier: 46.8 bn at no risk, then 8.24 and 7.83 bn. */
    static final List<HtmlReport.ParetoPoint> FRONTIER = List.of(new HtmlReport.ParetoPoint(0, 46.84e9, "point 1"),
            new HtmlReport.ParetoPoint(96_715.3, 8.24e9, "point 2"), new HtmlReport.ParetoPoint(193_430.6, 7.83e9, "point 3"));

    /** Issue 12 point 4: the axes span the points, not zero to a round number; the least-cost plan is ringed. */
    @Test
    void paretoSpansThePointsAndRingsTheLeastCostPlan() throws Exception {
        String html = new HtmlReport("t").addPareto(FRONTIER).render();
        Document doc = parse(html);
        String first = ((Element) doc.getElementsByTagName("svg").item(0)).toString();
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertAll(
                // no cost tick at 0: the lowest is within reach of the cheapest point
                () -> assertFalse(svg.contains("text-anchor=\"end\">0</text>"), svg),
                () -> assertTrue(svg.contains("text-anchor=\"end\">10 bn</text>"), svg),
                () -> assertTrue(svg.contains("<circle class=\"mark\""), svg),
                () -> assertTrue(svg.contains("<title>least cost: 7,830,000,000 USD at 193,431 risk-tonnes</title>"), svg),
                () -> assertTrue(svg.contains(">point 3: least cost</text>"), svg));
        // point 1 flattens the others: they are drawn again without it, on their own axis
        assertEquals(2, doc.getElementsByTagName("svg").getLength(), first);
        String zoom = html.substring(html.lastIndexOf("<svg"), html.lastIndexOf("</svg>"));
        assertFalse(zoom.contains("point 1"), zoom);
        assertTrue(zoom.contains(">point 2</text>") && zoom.contains("<circle class=\"mark\""), zoom);
        assertTrue(html.contains("The same frontier without point 1, whose cost flattens the others above"), html);
    }

    /** Given the instance's riskWeight, the point a weighted solve prefers is ringed too. */
    @Test
    void paretoRingsThePointAWeightedSolvePrefers() throws Exception {
        // cost + 1e6 × risk: 1.4e9, 1.25e9 (mt-weld), 1.3e9
        String html = new HtmlReport("t").addPareto(List.of(new HtmlReport.ParetoPoint(500, 9e8, "riskWeight 0"),
                new HtmlReport.ParetoPoint(300, 9.5e8, "mt-weld"), new HtmlReport.ParetoPoint(100, 1.2e9)), 1e6).render();
        parse(html);
        assertAll(
                () -> assertTrue(html.contains(">mt-weld: best at riskWeight 1,000,000</text>"), html),
                () -> assertTrue(html.contains(">riskWeight 0: least cost</text>"), html),
                () -> assertTrue(html.contains("stroke=\"#E69F00\"><title>best at riskWeight 1,000,000: 950,000,000 USD"),
                        html),
                () -> assertTrue(html.contains("in orange: the point a solve at the instance's riskWeight of 1,000,000 USD"),
                        html));
    }

    /** Where the risk-tonnes sit (worked out in TextSummaryTest): CN 585, AU 21.25 of 606.25. */
    @Test
    void riskByCountryShowsWhereTheRiskTonnesSit() throws Exception {
        String html = new HtmlReport("t").addPlan(instance("mt-weld"), plan("mt-weld")).render();
        parse(html);
        String risk = section(html, "Risk by country");
        assertAll(
                () -> assertTrue(risk.contains("the countries add up to the plan's 606 expected risk-tonnes, priced at "
                        + "10 USD each"), risk),
                () -> assertTrue(risk.indexOf("<b>CN</b>") < risk.indexOf("<b>AU</b>"), "largest first: " + risk),
                () -> assertTrue(risk.contains("<td class=\"num\">0.6</td><td class=\"num\">600</td>"
                        + "<td class=\"num\">375</td>"), risk),
                () -> assertTrue(risk.contains("title=\"CN: 0.6 \u00D7 (600 + 375) t = 585 risk-tonnes\""), risk),
                () -> assertTrue(risk.contains("<td class=\"num\">96.5 %</td>"), risk),
                () -> assertTrue(risk.contains("<td class=\"num\">3.5 %</td>"), risk));
    }

    @Test
    void timelineShowsConstructionThenOnline() throws Exception {
        String html = new HtmlReport("t").addPlan(instance("mt-weld"), plan("mt-weld")).render();
        String timeline = svg(parse(html), "timeline", 0);
        assertAll(
                () -> assertTrue(timeline.contains("kuantan"), timeline),
                () -> assertTrue(timeline.contains("2 modules"), timeline),
                () -> assertTrue(timeline.contains("+4,000 t/yr"), timeline),
                () -> assertTrue(timeline.contains("construction 2026\u20132027, online from 2028"), timeline),
                () -> assertTrue(timeline.contains("2029"), timeline));
    }

    @Test
    void sweepSkipsPointsWithoutAPlan() throws Exception {
        String html = fullReport("mt-weld").render();
        Document doc = parse(html);
        String sweep = svg(doc, "xy", 0);
        String stack = html.substring(html.indexOf("<h2>Sweep of"), html.indexOf("<p class=\"note\">The change against"));
        assertEquals(4, count(stack, "<circle "), "one marker per point with a plan");
        assertTrue(html.contains("1 value has no plan"), html);
        assertTrue(sweep.contains("mining (spot)") && sweep.contains("surplus revenue"), sweep);
    }

    /**
     * Wide tables scroll inside their section rather than widening the page; numbers are
     * right-aligned and rounded alike down a column.
     */
    @Test
    void tablesScrollInsideTheirCardAndAlignNumbers() throws Exception {
        String html = fullReport("mt-weld").render();
        Document doc = parse(html);
        NodeList tables = doc.getElementsByTagName("table");
        assertTrue(tables.getLength() >= 5, "tables: " + tables.getLength());
        for (int i = 0; i < tables.getLength(); i++) {
            Element parent = (Element) tables.item(i).getParentNode();
            assertEquals("scroll", parent.getAttribute("class"), "table " + i + " is in a scrolling box");
        }
        assertTrue(html.contains(".scroll{overflow-x:auto"), "the box scrolls sideways");
        Table stress = new Table("Stress", "country", "increase", "shortfall")
                .row("CN", 5_813_873_609.2, 9_323.5).row("MM", -0.3, 0.0001278).row("AU", -6.294e-05, -6.294e-05);
        String section = section(new HtmlReport("t").addTable(stress).render(), "Stress");
        assertTrue(section.contains("<th>country</th><th class=\"num\">increase</th><th class=\"num\">shortfall</th>"),
                section);
        assertTrue(section.contains("<tr><td>MM</td><td class=\"num\">0</td><td class=\"num\">0</td></tr>"), section);
        assertFalse(section.contains("e-05") || section.contains("0.0001") || section.contains("-0<"), section);
    }

    /**
     * Issue 12 point 6: the stack starts at zero, so a second panel shows the change against the
     * first value. fullReport's sweep: objective 580 M − 40 M per step, mining +10 M, shortfall
     * −50 M, surplus revenue constant; no plan at 0.5.
     */
    @Test
    void sweepShowsTheChangeAgainstTheFirstValue() throws Exception {
        String html = fullReport("mt-weld").render();
        Document doc = parse(html);
        String change = svg(doc, "xy", 1);
        assertAll(
                () -> assertTrue(html.contains("The change against <code>/buyers/0/mandate/minShare = 0</code> (objective "
                        + "580,000,000 USD)"), html),
                () -> assertTrue(change.contains("-6.9 %") && change.contains("-20.7 %") && change.contains("-27.6 %"),
                        change),
                () -> assertTrue(change.contains("mining (spot)") && change.contains("shortfall"), change),
                () -> assertFalse(change.contains("surplus revenue"), "a part that does not move: " + change),
                () -> assertTrue(change.contains("change since 0 (USD)"), change));
    }

    /** The sweep's table of values shows surplus revenue as earned, as every other output does; only the stack draws it below zero. */
    @Test
    void sweepValuesShowSurplusRevenueEarned() {
        String html = fullReport("mt-weld").render();
        String table = html.substring(html.indexOf("<h2>Sweep of"));
        table = table.substring(table.indexOf("<table"), table.indexOf("</table>"));
        assertTrue(table.contains("<th class=\"num\">surplus revenue (subtracted)</th>"), table);
        assertTrue(table.contains("<td class=\"num\">20,000,000</td>"), table);
        assertFalse(table.contains("-20,000,000"), table);
    }

    /** A rise of 2.4 % fills the change panel: its last point is near the top, where the stack shows a flat line. */
    @Test
    void aSmallRiseFillsTheChangePanel() {
        List<HtmlReport.SweepPoint> points = new ArrayList<>();
        for (int i = 0; i <= 2; i++) {
            points.add(new HtmlReport.SweepPoint(i, 1e9 * (1 + 0.012 * i), Map.of("mining", 1e9 * (1 + 0.012 * i))));
        }
        String html = new HtmlReport("t").addSweep("/riskWeight", points).render();
        String change = html.substring(html.lastIndexOf("<svg"), html.lastIndexOf("</svg>"));
        Matcher cy = Pattern.compile("<circle class=\"pt\" cx=\"[0-9.]+\" cy=\"([0-9.]+)\"").matcher(change);
        List<Double> ys = new ArrayList<>();
        while (cy.find()) {
            ys.add(Double.parseDouble(cy.group(1)));
        }
        assertEquals(3, ys.size(), change);
        // the plot spans y 24 (top) to 398 (bottom): the rise covers most of it
        assertTrue(ys.get(0) - ys.get(2) > 250, ys.toString());
        assertTrue(change.contains("+2.4 %"), change);
    }

    @Test
    void aPlanWithoutSolutionStillRenders() throws Exception {
        Plan infeasible = new Plan("fixture & co", Plan.Status.INFEASIBLE, null, null, null, PlanBuilder.SOLVER,
                Plan.Costs.ZERO, 0, List.of(), List.of(), List.of());
        String html = new HtmlReport("t").addPlan(instance("mt-weld"), infeasible).render();
        Document doc = parse(html);
        assertEquals(0, doc.getElementsByTagName("svg").getLength());
        assertTrue(html.contains("INFEASIBLE"), html);
    }

    @Test
    void writeReplacesTheFileWhole() throws Exception {
        Path file = tmp.resolve("report.html");
        Files.writeString(file, "old");
        HtmlReport report = fullReport("mt-weld");
        report.write(file);
        assertEquals(report.render(), Files.readString(file));
        try (var listing = Files.list(tmp)) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
    }

    @Test
    void solveWritesTheReport() throws Exception {
        Path report = tmp.resolve("plan.html");
        Path again = tmp.resolve("again.html");
        String instance = Path.of(HtmlReportTest.class.getResource("/conformance/t08_hedge_build.json").toURI())
                .toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LodestoneCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("solve", instance, "--no-timings", "--report", report.toString());
        assertEquals(0, exit, err.toString());
        assertTrue(err.toString().contains("Report written to " + report), err.toString());
        String html = Files.readString(report);
        Document doc = parse(html);
        assertTrue(texts(doc, "h2").containsAll(List.of("Flows", "Builds and contracts", "Costs")), html);
        assertTrue(texts(doc, "header").get(0).contains("OPTIMAL"), html);
        // the same solve gives the same bytes
        int exit2 = LodestoneCommand.commandLine(new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true))
                .execute("solve", instance, "--no-timings", "--report", again.toString());
        assertEquals(0, exit2);
        assertEquals(html, Files.readString(again));
    }

    // ---------------------------------------------------------------- model version 2

    static String version2Report() {
        return new HtmlReport("v2").addPlan(ModelV2Fixture.instance(), ModelV2Fixture.plan()).render();
    }

    /** The text of the section under heading {@code h2}, markup included. */
    static String section(String html, String h2) {
        int start = html.indexOf("<h2>" + h2 + "</h2>");
        assertTrue(start >= 0, "no section " + h2);
        return html.substring(start, html.indexOf("</section>", start));
    }

    @Test
    void stockpilesGetASectionWithALinePerScenario() throws Exception {
        String html = version2Report();
        Document doc = parse(html);
        assertEquals(List.of("Flows", "Builds and contracts", "Stockpiles", "Costs", "Risk by country"),
                texts(doc, "h2"));
        String stock = section(html, "Stockpiles");
        assertAll(
                () -> assertEquals(1, count(stock, "class=\"chart xy\""), stock),
                () -> assertTrue(stock.contains("ev-makers NdPr: capacity <b>500 t</b>, initial <b>200 t</b>, "
                        + "at least <b>100 t</b> at the end; expected <b>100 t</b> filled and <b>125 t</b> released"),
                        stock),
                // one line per scenario and the capacity, named at their ends
                () -> assertTrue(stock.contains(">base</text>") && stock.contains(">cutoff</text>")
                        && stock.contains(">capacity</text>"), stock),
                // the years read as years, from the initial level at the end of 2025
                () -> assertTrue(stock.contains(">2025</text>") && stock.contains(">2029</text>")
                        && !stock.contains("2,02"), stock),
                // each marker's tip names its scenario: cutoff is empty at the end of 2027
                () -> assertTrue(stock.contains("<title>cutoff: year 2027, stock at year end (t) 0</title>"), stock),
                () -> assertTrue(stock.contains("<title>base: year 2025, stock at year end (t) 200</title>"), stock),
                // the values: 2026 base 250, cutoff 150, expected 225; 2029: 200, 100, 175
                () -> assertTrue(stock.contains("<tr><td>2026</td><td class=\"num\">250</td><td class=\"num\">150"
                        + "</td><td class=\"num\">225</td></tr>"), stock),
                () -> assertTrue(stock.contains("<tr><td>2029</td><td class=\"num\">200</td><td class=\"num\">100"
                        + "</td><td class=\"num\">175</td></tr>"), stock),
                // the stockpile selector: the pattern of the flows' scenario selector
                () -> assertTrue(stock.contains("<div class=\"tabs\">") && stock.contains("ev-reserve</label>"), stock));
    }

    @Test
    void delayedBuildsAreMarkedWithTheirOnlineYearPerScenario() throws Exception {
        String html = version2Report();
        String builds = section(html, "Builds and contracts");
        String timeline = svg(parse(html), "timeline", 0);
        assertAll(
                () -> assertTrue(timeline.contains("kuantan: online 2030 in cutoff (2 years late)"), timeline),
                () -> assertTrue(timeline.contains("online from 2028 (late: cutoff: 2030)"), timeline),
                () -> assertTrue(timeline.contains("2030"), "the chart reaches the delayed year: " + timeline),
                () -> assertTrue(builds.contains("stroke-dasharray"), builds),
                () -> assertTrue(builds.contains("<h3>Builds late in some scenarios</h3>"), builds),
                () -> assertTrue(builds.contains("<tr><td>kuantan</td><td class=\"num\">2028</td>"
                        + "<td class=\"num\">2030</td><td>cutoff</td></tr>"), builds));
    }

    @Test
    void cvarAndTheRiskPremiumAreInTheCosts() throws Exception {
        String html = version2Report();
        String costs = section(html, "Costs");
        String header = texts(parse(html), "header").get(0);
        assertAll(
                () -> assertTrue(costs.contains("CVaR at alpha 0.9, the expected cost of the worst 10 % of probability, "
                        + "is <b>2,500,000,000 USD</b>; with weight 0.3"), costs),
                () -> assertTrue(costs.contains("= <b>30,000,000 USD</b>"), costs),
                () -> assertTrue(costs.contains("<td>risk premium</td><td class=\"num\">30,000,000</td>"), costs),
                () -> assertTrue(costs.contains("<td>holding</td><td class=\"num\">120,000</td>"), costs),
                // the premium is priced risk: drawn in the risk colour
                () -> assertTrue(costs.contains("fill=\"#E69F00\"><title>risk premium: 30,000,000 USD"), costs),
                () -> assertTrue(header.contains("CVaR") && header.contains("2.50 bn USD")
                        && header.contains("worst 10 % \u00B7 weight 0.3 \u00B7 premium 30.0 M USD"), header));
    }

    @Test
    void indexedAndContingentContractsSayHowTheyArePriced() {
        String builds = section(version2Report(), "Builds and contracts");
        assertTrue(builds.contains("<td class=\"nothold\">not held, owed only as delivered</td>"), builds);
        assertTrue(builds.contains("0.2 \u00D7 NdPr price, floor 12,000, cap 20,000"), builds);
    }

    @Test
    void version2ReportsAreWellFormedSelfContainedAndDeterministic() throws Exception {
        String html = version2Report();
        parse(html);
        assertEquals(html, version2Report());
        assertFalse(html.contains("<script") || html.contains(" src=") || html.contains("<link"), "self-contained");
        assertFalse(html.contains("NaN") || html.contains("Infinity"), "every number written");
    }

    /** None of it in a version-1 report (whose bytes the golden files pin down). */
    @Test
    void version1ReportsHaveNoneOfIt() {
        String html = new HtmlReport("t").addPlan(instance("mt-weld"), plan("mt-weld")).render();
        assertAll(
                () -> assertFalse(html.contains("Stockpiles"), "stockpiles"),
                () -> assertFalse(html.contains("CVaR"), "CVaR"),
                () -> assertFalse(html.contains("stroke-dasharray"), "late builds"),
                () -> assertFalse(html.contains("Builds late") || html.contains("(late:"), "late builds"));
    }

    /** Headless Chromium (Debian's /usr/bin/chromium) renders the page; its DOM holds the drawn charts. */
    @Test
    void chromiumRendersTheCharts() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": browser check skipped");
        Path file = tmp.resolve("report.html");
        fullReport(HOSTILE).write(file);
        Path profile = Files.createDirectories(tmp.resolve("profile"));
        Path dom = tmp.resolve("dom.html");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile, "--dump-dom", file.toUri().toString())
                .redirectOutput(dom.toFile())
                .redirectError(tmp.resolve("chromium.log").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        String rendered = Files.readString(dom);
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("chromium.log")));
        assertAll(
                () -> assertEquals(51, count(rendered, "<svg"), "svg elements"),
                () -> assertEquals(45, count(rendered, "class=\"chart sankey\""), "Sankey diagrams"),
                () -> assertTrue(rendered.contains("class=\"chart timeline\""), "timeline"),
                () -> assertTrue(rendered.contains("class=\"chart bars\""), "cost bars"),
                () -> assertEquals(4, count(rendered, "class=\"chart xy\""), "sweep and Pareto charts"),
                () -> assertTrue(count(rendered, "<path class=\"lk\"") >= 5, "Sankey links"),
                () -> assertTrue(count(rendered, "<circle") >= 7, "sweep and Pareto points"),
                () -> assertTrue(rendered.contains("<h2>Stress test by country</h2>"), "stress table"),
                // the browser parsed the hostile id as text, not as a script element
                () -> assertFalse(rendered.contains("<script"), "script element in the rendered DOM"),
                () -> assertTrue(rendered.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped id"));
    }
}

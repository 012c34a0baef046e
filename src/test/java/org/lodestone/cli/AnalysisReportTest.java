package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lodestone.cli.CliTest.conformance;
import static org.lodestone.cli.CliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.report.HtmlReportTest;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code --report FILE.html} of compare, sweep, pareto and stress: a well-formed page with each command's section. */
class AnalysisReportTest {
    private static final String MIN_SHARE = "/buyers/0/mandate/minShare";

    @TempDir
    Path tmp;

    /** The report, parsed as XML by HtmlReportTest's parser: throws unless well-formed. */
    private static Document parse(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        Document doc = HtmlReportTest.parse(Files.readString(file));
        assertEquals("html", doc.getDocumentElement().getTagName());
        return doc;
    }

    /** Section headings, in order. */
    private static List<String> headings(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList list = doc.getElementsByTagName("h2");
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }

    /** The section whose heading starts with {@code prefix}. */
    private static Element section(Document doc, String prefix) {
        NodeList list = doc.getElementsByTagName("section");
        for (int i = 0; i < list.getLength(); i++) {
            Element s = (Element) list.item(i);
            if (s.getElementsByTagName("h2").item(0).getTextContent().startsWith(prefix)) {
                return s;
            }
        }
        throw new AssertionError("no section \"" + prefix + "\" in " + headings(doc));
    }

    /** Point markers ({@code <circle class="pt">}) in the section's charts. */
    private static int points(Element section) {
        NodeList svgs = section.getElementsByTagName("svg");
        assertTrue(svgs.getLength() > 0, "no <svg> in the section");
        NodeList circles = ((Element) svgs.item(0)).getElementsByTagName("circle");
        int n = 0;
        for (int i = 0; i < circles.getLength(); i++) {
            n += "pt".equals(((Element) circles.item(i)).getAttribute("class")) ? 1 : 0;
        }
        return n;
    }

    private static MipSolver neverSolves() {
        return (model, options, control) -> new SolveResult(SolveResult.Termination.NO_SOLUTION, null, null, null, 1,
                "SCIP", "test", 1, "no solution found within the time limit");
    }

    @Test
    void compareReportHasBothPlansAndTheComparison() throws Exception {
        Path report = tmp.resolve("compare.html");
        CliTest.Run r = run("compare", conformance("t05_mandate.json"), "--set", MIN_SHARE + "=0",
                "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().endsWith("Report written to " + report + System.lineSeparator()), r.err());
        Document doc = parse(report);
        List<String> headings = headings(doc);
        assertAll(
                () -> assertTrue(headings.stream().anyMatch(h -> h.startsWith("Objective and costs")), headings::toString),
                () -> assertTrue(headings.stream().anyMatch(h -> h.startsWith("Sourcing by stage")), headings::toString),
                () -> assertTrue(headings.contains("Flows \u2014 baseline"), headings::toString),
                () -> assertTrue(headings.contains("Flows \u2014 variant"), headings::toString),
                () -> assertTrue(headings.contains("Costs \u2014 variant"), headings::toString),
                () -> assertTrue(section(doc, "Objective and costs").getTextContent().contains("-18,000,000")));
    }

    @Test
    void reportNoticeGoesToStderrWhenStdoutIsCsvOrJson() throws Exception {
        Path report = tmp.resolve("compare.html");
        CliTest.Run csv = run("compare", conformance("t05_mandate.json"), "--set", MIN_SHARE + "=0",
                "--format", "csv", "--report", report.toString());
        assertEquals(0, csv.exit(), csv.err());
        assertFalse(csv.out().contains("Report written"), csv.out());
        assertTrue(csv.out().startsWith("section,item,baseline,variant,change"), csv.out());
        assertTrue(csv.err().contains("Report written to " + report), csv.err());
        parse(report);
        Path sweep = tmp.resolve("sweep.html");
        CliTest.Run json = run("sweep", conformance("t05_mandate.json"), "--param", MIN_SHARE, "--values", "0,1",
                "--format", "json", "--report", sweep.toString());
        assertEquals(0, json.exit(), json.err());
        assertEquals(2, new ObjectMapper().readTree(json.out()).get("rows").size(), json.out());
        assertTrue(json.err().contains("Report written to " + sweep), json.err());
        parse(sweep);
    }

    @Test
    void sweepReportDrawsOnePointPerValue() throws Exception {
        Path report = tmp.resolve("sweep.html");
        CliTest.Run r = run("sweep", conformance("t05_mandate.json"), "--param", MIN_SHARE, "--values", "0,0.5,1",
                "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("Report written to " + report), r.err());
        Document doc = parse(report);
        Element sweep = section(doc, "Sweep of " + MIN_SHARE);
        assertEquals(3, points(sweep), "one point per value");
        String text = sweep.getTextContent();
        assertTrue(text.contains("15,000,000") && text.contains("45,000,000"), text); // the objective at 0 and 1
        assertTrue(text.contains("mining (spot)"), "the cost parts are stacked: " + text);
        assertTrue(headings(doc).stream().anyMatch(h -> h.startsWith("Sweep of " + MIN_SHARE + " on ")),
                "the table: " + headings(doc));
    }

    @Test
    void noPlanNoReportAndAnOldFileIsLeftAsItWas() throws Exception {
        Path report = tmp.resolve("sweep.html");
        Files.writeString(report, "old");
        CliTest.Run r = run(neverSolves(), "sweep", conformance("t05_mandate.json"), "--param", MIN_SHARE,
                "--values", "0,1", "--report", report.toString());
        assertEquals(1, r.exit(), r.err());
        assertFalse(r.out().contains("Report written"), r.out());
        assertTrue(r.err().contains("was not written"), r.err());
        assertEquals("old", Files.readString(report));
        Path compare = tmp.resolve("compare.html");
        CliTest.Run c = run(neverSolves(), "compare", conformance("t05_mandate.json"), "--set", MIN_SHARE + "=0",
                "--report", compare.toString());
        assertEquals(1, c.exit(), c.err());
        assertFalse(Files.exists(compare));
        r.assertNoStackTrace();
        c.assertNoStackTrace();
    }

    @Test
    void aSweepWithOneFailedSolveStillWritesTheReport() throws Exception {
        MipSolver real = MipSolver.create();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        MipSolver second = (model, options, control) -> calls.incrementAndGet() == 2
                ? neverSolves().solve(model, options, control) : real.solve(model, options, control);
        Path report = tmp.resolve("sweep.html");
        CliTest.Run r = run(second, "sweep", conformance("t05_mandate.json"), "--param", MIN_SHARE,
                "--values", "0,0.5,1", "--report", report.toString());
        assertEquals(1, r.exit(), r.err());
        Element sweep = section(parse(report), "Sweep of " + MIN_SHARE);
        assertEquals(2, points(sweep), "no point for the value without a plan");
        assertTrue(sweep.getTextContent().contains("no plan"), sweep.getTextContent());
    }

    @Test
    void paretoReportDrawsTheFrontier() throws Exception {
        Path instance = tmp.resolve("trade-off.json");
        Files.writeString(instance, org.lodestone.analysis.TradeOffInstance.JSON);
        Path report = tmp.resolve("pareto.html");
        CliTest.Run r = run("pareto", instance.toString(), "--points", "3", "--gap", "0", "--report",
                report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("Report written to " + report), r.err());
        Document doc = parse(report);
        Element frontier = section(doc, "Pareto frontier");
        assertEquals(3, points(frontier));
        String text = frontier.getTextContent();
        assertTrue(text.contains("point 1") && text.contains("point 2") && text.contains("point 3"), text);
        assertTrue(headings(doc).stream().anyMatch(h -> h.startsWith("Cost-risk frontier of")), headings(doc)::toString);
    }

    @Test
    void stressReportListsTheCountries() throws Exception {
        Path plan = tmp.resolve("t08-plan.json");
        CliTest.Run solved = run("solve", conformance("t08_hedge_build.json"), "-o", plan.toString(), "--no-marginals");
        assertEquals(0, solved.exit(), solved.err());
        Path report = tmp.resolve("stress.html");
        CliTest.Run r = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--report",
                report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("Report written to " + report), r.err());
        Document doc = parse(report);
        Element stress = section(doc, "Stress test by country");
        NodeList names = stress.getElementsByTagName("td");
        List<String> countries = new ArrayList<>();
        for (int i = 0; i < names.getLength(); i++) {
            Element td = (Element) names.item(i);
            if ("name".equals(td.getAttribute("class"))) {
                countries.add(td.getTextContent());
            }
        }
        assertEquals(List.of("AU", "CN"), countries, "AU first: the most dangerous cut");
        assertNotNull(section(doc, "Countries cut off"));
        Path quiet = tmp.resolve("stress-quiet.html");
        CliTest.Run q = run("stress", conformance("t08_hedge_build.json"), plan.toString(), "--quiet",
                "--format", "csv", "--report", quiet.toString());
        assertEquals(0, q.exit(), q.err());
        assertFalse(q.out().contains("Report written"), q.out());
        assertTrue(q.err().contains("Report written to " + quiet), q.err());
        parse(quiet);
    }

    @Test
    void anUnwritableReportIsBadInputWithoutAStackTrace() throws Exception {
        Path report = tmp.resolve("no-such-dir").resolve("sweep.html");
        CliTest.Run r = run("sweep", conformance("t05_mandate.json"), "--param", MIN_SHARE, "--values", "0",
                "--report", report.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("--report: the folder " + report.getParent() + " does not exist\n", r.err());
        assertEquals("", r.out(), "refused before solving");
        r.assertNoStackTrace();
    }
}

package org.lodestone.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.lodestone.report.HtmlReport;
import org.lodestone.report.Table;
import org.lodestone.saa.Estimate;
import org.lodestone.plan.FirstStage;
import org.lodestone.saa.FutureCost;
import org.lodestone.saa.Judgement;
import org.lodestone.saa.Saa;
import org.lodestone.saa.SampleSolution;

/** How saa and evaluate print their findings: text and markdown for people, JSON and CSV for scripts, HTML. */
final class FuturesOutput {
    private FuturesOutput() {}

    /** The lines of a judgement: expected objective and cash with intervals, CVaR, futures. */
    static List<String> judgementLines(Judgement j) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "expected objective  %s USD   95 %% CI %s", money(j.objective().mean()),
                interval(j.objective())));
        lines.add(String.format(Locale.ROOT, "expected cash       %s USD   95 %% CI %s", money(j.cash().mean()),
                interval(j.cash())));
        lines.add(String.format(Locale.ROOT, "CVaR %.0f %%           %s USD   (mean objective of the worst %.0f %% of "
                + "futures)", 100 * j.alpha(), money(j.cvar()), 100 * (1 - j.alpha())));
        long disrupted = j.rows().stream().filter(r -> r.events() > 0).count();
        lines.add(String.format(Locale.ROOT, "futures             %,d judged of %,d, %,d unsolved; %,d with a "
                + "disruption", j.rows().size(), j.planned(), j.unsolved(), disrupted));
        return lines;
    }

    static String money(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.0f", v) : "n/a";
    }

    static String interval(Estimate e) {
        return Double.isFinite(e.halfWidth()) ? "[" + money(e.low()) + ", " + money(e.high()) + "] (±"
                + String.format(Locale.ROOT, "%.2f %%", 100 * e.halfWidth() / Math.abs(e.mean())) + ")" : "n/a";
    }

    static Table shortfallTable(Judgement j) {
        Table t = new Table("Shortfall risk by buyer and element (tonnes over the horizon)", "buyer", "element",
                "probability", "expected t", "when short t");
        for (Judgement.ShortfallRisk r : j.shortfalls()) {
            t.row(r.buyer(), r.element(), r.probability(), r.expectedTonnes(), r.whenShort());
        }
        return t.decimals("probability", 3);
    }

    static Table futuresTable(List<String[]> keys, Map<Integer, Judgement> byCandidate) {
        List<String> columns = new ArrayList<>(List.of("candidate", "sample", "events", "status", "objective", "cash",
                "shortfall t"));
        keys.forEach(k -> columns.add("shortfall " + k[0] + " " + k[1]));
        Table t = new Table("One row per future judged", columns.toArray(String[]::new));
        byCandidate.forEach((c, j) -> {
            for (FutureCost f : j.rows()) {
                List<Object> row = new ArrayList<>(List.of(c + 1, f.sample() + 1, f.events(), f.status(), f.objective(),
                        f.cash(), f.solved() ? f.totalShortfall() : Double.NaN));
                for (int i = 0; i < keys.size(); i++) {
                    row.add(f.solved() ? f.shortfall()[i] : Double.NaN);
                }
                t.row(row.toArray());
            }
        });
        return t;
    }

    /** The candidates side by side; their first stages in a last column, or (text) listed under the table. */
    static Table candidatesTable(Saa.Result r, boolean withStages) {
        List<String> columns = new ArrayList<>(List.of("candidate", "proposed by", "expected objective", "± 95 %",
                "CVaR", "P(any shortfall)"));
        if (withStages) {
            columns.add("first stage");
        }
        Table t = new Table("Candidate first stages, each judged on the same futures", columns.toArray(String[]::new));
        for (int c = 0; c < r.candidates().size(); c++) {
            Saa.Candidate cand = r.candidates().get(c);
            Judgement j = cand.judgement();
            long anyShort = j.rows().stream().filter(f -> f.solved() && f.totalShortfall() > 1e-6).count();
            List<Object> row = new ArrayList<>(List.of((c + 1) + (c == r.recommended() ? " *" : ""),
                    replications(cand.replications()), j.objective().mean(), j.objective().halfWidth(), j.cvar(),
                    j.rows().isEmpty() ? Double.NaN : (double) anyShort / (j.rows().size() - j.unsolved())));
            if (withStages) {
                row.add(cand.stage().describe());
            }
            t.row(row.toArray());
        }
        return t.decimals("P(any shortfall)", 3);
    }

    static String replications(List<Integer> rs) {
        return String.join(", ", rs.stream().map(x -> "#" + (x + 1)).toList());
    }

    /** Everything as one JSON document. */
    static String json(Object document) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> judgementJson(Judgement j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("firstStage", stageJson(j.stage()));
        m.put("futures", j.rows().size());
        m.put("planned", j.planned());
        m.put("unsolved", j.unsolved());
        m.put("expectedObjective", estimateJson(j.objective()));
        m.put("expectedCash", estimateJson(j.cash()));
        m.put("alpha", j.alpha());
        m.put("cvar", finite(j.cvar()));
        List<Map<String, Object>> shortfalls = new ArrayList<>();
        for (Judgement.ShortfallRisk r : j.shortfalls()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("buyer", r.buyer());
            s.put("element", r.element());
            s.put("probability", finite(r.probability()));
            s.put("expectedTonnes", finite(r.expectedTonnes()));
            s.put("tonnesWhenShort", finite(r.whenShort()));
            shortfalls.add(s);
        }
        m.put("shortfalls", shortfalls);
        return m;
    }

    static Map<String, Object> stageJson(FirstStage stage) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> builds = new ArrayList<>();
        for (FirstStage.Build b : stage.builds()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("facility", b.facility());
            x.put("startYear", b.startYear());
            x.put("modules", b.modules());
            builds.add(x);
        }
        m.put("builds", builds);
        m.put("contractsHeld", stage.held());
        return m;
    }

    static Map<String, Object> estimateJson(Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", finite(e.mean()));
        m.put("stdDev", finite(e.stdDev()));
        m.put("n", e.n());
        m.put("low95", finite(e.low()));
        m.put("high95", finite(e.high()));
        return m;
    }

    static Map<String, Object> replicationJson(SampleSolution s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replication", s.replication() + 1);
        m.put("status", s.status());
        m.put("objective", finite(s.objective()));
        m.put("bound", finite(s.bound()));
        if (!s.message().isEmpty()) {
            m.put("message", s.message());
        }
        return m;
    }

    /** JSON has no NaN: a missing number is null. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static HtmlReport judgementReport(HtmlReport report, Judgement j) {
        double[] costs = j.rows().stream().filter(FutureCost::solved).mapToDouble(FutureCost::objective).toArray();
        return report.addCostHistogram(costs, j.objective().mean(), j.cvar(), j.alpha())
                .addShortfallRisks(j.shortfalls().stream().map(r -> new HtmlReport.ShortfallRiskRow(r.buyer(),
                        r.element(), r.probability(), r.expectedTonnes(), r.whenShort())).toList());
    }

    static void println(PrintWriter out, List<String> lines, String indent) {
        lines.forEach(line -> out.println(indent + line));
    }
}

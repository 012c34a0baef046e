package org.lodestone.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.lodestone.report.HtmlReport;
import org.lodestone.report.Table;
import org.lodestone.saa.Futures;
import org.lodestone.saa.Judgement;
import org.lodestone.saa.Saa;

@Command(name = "saa", mixinStandardHelpOptions = true,
        description = {"Choose builds and contracts by sample-average approximation: M replications each solve a "
                + "sample of N futures drawn from the instance's disruption model; every distinct first stage they "
                + "propose is judged on the same K fresh futures; the one with the lowest expected objective is "
                + "recommended, with a 95 %% confidence interval, its CVaR, its shortfall risks, and an estimate of "
                + "its optimality gap (Mak, Morton & Wood 1999).",
                "Exit 0 everything solved, 1 some solve failed, 2 bad input, 130 interrupted (what finished is "
                        + "reported)."})
final class SaaCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance file with a disruption model.")
    Path instanceFile;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "20",
            description = "Futures per replication (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--replications", paramLabel = "M", defaultValue = "5",
            description = "Independent samples solved (default ${DEFAULT-VALUE}).")
    int replications;

    @Option(names = "--evaluate", paramLabel = "K", defaultValue = "1000",
            description = "Fresh futures each candidate is judged on (default ${DEFAULT-VALUE}).")
    int evaluate;

    @Mixin
    FuturesOptions options;

    @Override
    public Integer call() throws Exception {
        options.check(spec.commandLine(), SolverOptions.rule(samples >= 1, "--samples", ">= 1", samples),
                SolverOptions.rule(replications >= 1, "--replications", ">= 1", replications),
                SolverOptions.rule(evaluate >= 2, "--evaluate", ">= 2", evaluate));
        CommandLine cl = spec.commandLine();
        return FuturesRun.run(cl, options, instanceFile, (futures, alpha, engine, cancel) -> {
            long started = System.nanoTime();
            Saa.Result r = Saa.run(futures, new Saa.Settings(samples, replications, evaluate, options.seed,
                    options.spec(), alpha), engine, options.progress(cl.getErr()), cancel);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<Integer, Judgement> judged = new LinkedHashMap<>();
            for (int c = 0; c < r.candidates().size(); c++) {
                judged.put(c, r.candidates().get(c).judgement());
            }
            Table rows = FuturesOutput.futuresTable(futures.demandKeys(), judged);
            print(cl.getOut(), futures, r, seconds, rows);
            FuturesRun.parquet(cl, options, engine, rows);
            if (options.report != null && r.best() != null) {
                HtmlReport report = new HtmlReport("Lodestone sample-average approximation on "
                        + futures.instance().name()).addFacts("What was run and what it recommends",
                        summary(futures, r, seconds));
                FuturesOutput.judgementReport(report, r.best().judgement())
                        .addTable(FuturesOutput.candidatesTable(r, true))
                        .addTable(FuturesOutput.shortfallTable(r.best().judgement()));
                AnalysisOptions.writeReport(cl, report, options.report);
            } else if (options.report != null) {
                AnalysisOptions.noReport(cl, options.report);
            }
            return r.complete() ? ExitCodes.OK : ExitCodes.NO_PLAN;
        });
    }

    private List<String> summary(Futures futures, Saa.Result r, double seconds) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "\"%s\" (%d-%d): %d replication%s of %d futures, %d candidate%s judged "
                        + "on %,d fresh futures (seed %d; %s; %s; %.1f s)", futures.instance().name(),
                futures.instance().horizon().start(), futures.instance().horizon().last(), replications,
                replications == 1 ? "" : "s", samples, r.candidates().size(), r.candidates().size() == 1 ? "" : "s",
                evaluate, options.seed, r.engine(), options.solving.backend.displayName(), seconds));
        if (r.best() == null) {
            lines.add("no replication found a plan: nothing to recommend");
            return lines;
        }
        lines.add("recommended: " + r.best().stage().describe() + " (proposed by replication"
                + (r.best().replications().size() == 1 ? " " : "s ") + FuturesOutput.replications(r.best().replications())
                + ")");
        lines.addAll(FuturesOutput.judgementLines(r.best().judgement()));
        lines.add(String.format(Locale.ROOT, "lower estimate      %s USD   95 %% CI %s (mean of the replications' "
                + "bounds)", FuturesOutput.money(r.lower().mean()), FuturesOutput.interval(r.lower())));
        double mean = r.best().judgement().objective().mean();
        lines.add(String.format(Locale.ROOT, "optimality gap      %s USD (%.2f %%), 95 %% upper limit %s USD%s",
                FuturesOutput.money(r.gap().estimate()), 100 * r.gap().estimate() / Math.abs(mean),
                FuturesOutput.money(r.gap().upper95()), Double.isFinite(r.gap().upper95())
                        ? String.format(Locale.ROOT, " (%.2f %%)", 100 * r.gap().upper95() / Math.abs(mean))
                        : " (needs 2 replications)"));
        return lines;
    }

    private void print(PrintWriter out, Futures futures, Saa.Result r, double seconds, Table rows) {
        switch (options.format) {
            case JSON -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("instance", futures.instance().name());
                doc.put("samples", samples);
                doc.put("replications", replications);
                doc.put("evaluate", evaluate);
                doc.put("seed", options.seed);
                doc.put("engine", r.engine());
                doc.put("complete", r.complete());
                doc.put("replicationResults", r.replications().stream().filter(java.util.Objects::nonNull)
                        .map(FuturesOutput::replicationJson).toList());
                doc.put("lowerEstimate", FuturesOutput.estimateJson(r.lower()));
                Map<String, Object> gap = new LinkedHashMap<>();
                gap.put("estimate", FuturesOutput.finite(r.gap().estimate()));
                gap.put("upper95", FuturesOutput.finite(r.gap().upper95()));
                doc.put("optimalityGap", gap);
                doc.put("recommended", r.recommended() + 1);
                List<Map<String, Object>> candidates = new ArrayList<>();
                for (Saa.Candidate c : r.candidates()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("proposedBy", c.replications().stream().map(x -> x + 1).toList());
                    m.putAll(FuturesOutput.judgementJson(c.judgement()));
                    candidates.add(m);
                }
                doc.put("candidates", candidates);
                out.print(FuturesOutput.json(doc));
            }
            case CSV -> out.print(rows.render(Table.Format.CSV));
            default -> {
                out.println("Sample-average approximation");
                FuturesOutput.println(out, summary(futures, r, seconds), "  ");
                out.println();
                out.print(FuturesOutput.candidatesTable(r, false).render(options.format));
                for (int c = 0; c < r.candidates().size(); c++) {
                    out.println("  candidate " + (c + 1) + (c == r.recommended() ? " (recommended)" : "") + ": "
                            + r.candidates().get(c).stage().describe());
                }
                if (r.best() != null) {
                    out.println();
                    out.print(FuturesOutput.shortfallTable(r.best().judgement()).render(options.format));
                }
            }
        }
        out.flush();
    }
}

package org.lodestone.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.lodestone.io.PlanJson;
import org.lodestone.report.HtmlReport;
import org.lodestone.report.Table;
import org.lodestone.plan.FirstStage;
import org.lodestone.saa.Futures;
import org.lodestone.saa.Judgement;
import org.lodestone.saa.Saa;
import org.lodestone.validate.InvalidInputException;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Judge a plan out of sample: keep its builds and held contracts, draw K futures from the "
                + "instance's disruption model (samples 1..K of the seed, as `lodestone sample` writes them), "
                + "re-optimise the operations for each, and report the expected cost with its 95 %% confidence "
                + "interval, the CVaR, and per buyer and element the probability and expected size of a shortfall.",
                "Operations adapt to each future from its first year (with hindsight); builds and contracts, "
                        + "which are what is judged, do not.",
                "Exit 0 every future solved, 1 some could not be, 2 bad input, 130 interrupted (the futures "
                        + "judged so far are reported)."})
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance file with a disruption model.")
    Path instanceFile;

    @Parameters(index = "1", paramLabel = "PLAN", description = "Plan file of that instance (lodestone solve -o).")
    Path planFile;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "1000",
            description = "How many futures to judge the plan on (default ${DEFAULT-VALUE}).")
    int samples;

    @Mixin
    FuturesOptions options;

    @Override
    public Integer call() throws Exception {
        options.check(spec.commandLine(), SolverOptions.rule(samples >= 2, "--samples", ">= 2", samples));
        CommandLine cl = spec.commandLine();
        return FuturesRun.run(cl, options, instanceFile, (futures, alpha, engine, cancel) -> {
            FirstStage stage;
            try {
                stage = FirstStage.of(PlanJson.read(planFile).requireFor(futures.instance(),
                        message -> new InvalidInputException("instance", message)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("", planFile + ": " + e.getMessage());
            }
            long started = System.nanoTime();
            Judgement j = Saa.evaluate(futures, stage, samples, options.seed, options.spec(), alpha, engine,
                    options.progress(cl.getErr()), cancel);
            double seconds = (System.nanoTime() - started) / 1e9;
            Table rows = FuturesOutput.futuresTable(futures.demandKeys(), Map.of(0, j));
            print(cl.getOut(), futures, j, engine.description(), seconds, rows);
            FuturesRun.parquet(cl, options, engine, rows);
            if (options.report != null) {
                HtmlReport report = new HtmlReport("Lodestone evaluation of " + planFile + " on "
                        + futures.instance().name())
                        .addFacts("What was judged", header(futures, j, engine.description(), seconds));
                FuturesOutput.judgementReport(report, j).addTable(FuturesOutput.shortfallTable(j));
                AnalysisOptions.writeReport(cl, report, options.report);
            }
            return j.complete() ? ExitCodes.OK : ExitCodes.NO_PLAN;
        });
    }

    private java.util.List<String> header(Futures futures, Judgement j, String engine, double seconds) {
        return java.util.List.of(
                String.format(Locale.ROOT, "plan %s on \"%s\" (%d-%d): %s", planFile, futures.instance().name(),
                        futures.instance().horizon().start(), futures.instance().horizon().last(),
                        j.stage().describe()),
                String.format(Locale.ROOT, "%,d futures of seed %d from %d disruption events; %s, %s; %.1f s",
                        samples, options.seed, futures.instance().disruptions().size(), engine,
                        options.solving.backend.displayName(), seconds));
    }

    private void print(PrintWriter out, Futures futures, Judgement j, String engine, double seconds, Table rows) {
        switch (options.format) {
            case JSON -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("instance", futures.instance().name());
                doc.put("plan", planFile.toString());
                doc.put("seed", options.seed);
                doc.put("engine", engine);
                doc.put("evaluation", FuturesOutput.judgementJson(j));
                out.print(FuturesOutput.json(doc));
            }
            case CSV -> out.print(rows.render(Table.Format.CSV));
            default -> {
                out.println("Out-of-sample evaluation");
                FuturesOutput.println(out, header(futures, j, engine, seconds), "  ");
                out.println();
                FuturesOutput.println(out, FuturesOutput.judgementLines(j), "  ");
                out.println();
                out.print(FuturesOutput.shortfallTable(j).render(options.format));
            }
        }
        out.flush();
    }
}

package org.lodestone.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.lodestone.analysis.Settings;
import org.lodestone.analysis.Stress;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.Plan;
import org.lodestone.report.HtmlReport;
import org.lodestone.report.Table;
import org.lodestone.validate.InvalidInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Stress a plan: keep its builds and contracts, cut off each country that hosts a "
                + "mine or refinery in turn (capacity factor 0 in every scenario and year), re-optimise "
                + "the flows, and rank the countries by how much the expected objective rises.",
                "Exit 0 every cut solved, 1 a solve failed, 2 bad input or a plan of another instance."})
final class StressCommand implements Callable<Integer> {
    /** Shortfalls named per country in the table. */
    static final int TOP_SHORTFALLS = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    LodestoneCommand root;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance file (.json, .yaml or .yml).")
    Path instanceFile;

    @Parameters(index = "1", paramLabel = "PLAN", description = "Plan file of that instance (lodestone solve -o).")
    Path planFile;

    @Mixin
    AnalysisOptions common;

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings(spec.commandLine(), root.solver());
        return common.interruptible(spec.commandLine(), settings, () -> analyse(settings));
    }

    private int analyse(Settings settings) throws Exception {
        JsonNode tree = InstanceReader.readTree(instanceFile, List.of());
        Instance instance;
        try {
            instance = InstanceReader.toInstance(tree);
        } catch (InvalidInputException e) {
            throw e.withoutSet(); // stress takes no --set
        }
        Plan plan = PlanJson.read(planFile)
                .requireFor(instance, message -> new InvalidInputException("instance", message));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Stress.Result result;
        try {
            result = Stress.run(tree, plan, settings);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("", planFile + ": " + e.getMessage());
        } catch (Stress.BaselineFailed e) {
            err.println("lodestone: " + e.getMessage());
            err.flush();
            if (common.report != null) {
                AnalysisOptions.noReport(spec.commandLine(), common.report);
            }
            return ExitCodes.NO_PLAN;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean human = AnalysisOptions.human(common.format);
        if (human && !common.quiet) {
            header(out, instance, plan, result, seconds);
        }
        Table table = table(instance, result);
        out.print(table.render(common.format));
        if (human && !common.quiet) {
            out.println();
            out.println("increase: expected objective with the country cut off minus the baseline (the plan's builds");
            out.println("and contracts kept, flows re-optimised without a cut), in USD expected over scenarios and");
            out.println("discounted to " + instance.horizon().start() + "; shortfall: expected tonnes over the horizon.");
        }
        out.flush();
        if (common.report != null) {
            // the uncut baseline was re-optimised (else Stress.run throws BaselineFailed): there is a plan
            AnalysisOptions.writeReport(spec.commandLine(), report(instance, result, table), common.report);
        }
        if (!result.complete()) {
            for (Stress.CountryCut cut : result.cuts()) {
                if (!cut.solved()) {
                    err.println("lodestone: cutting off " + cut.country() + " could not be re-optimised: "
                            + cut.status() + (cut.message().isEmpty() ? "" : " (" + cut.message() + ")"));
                }
            }
            err.flush();
            return ExitCodes.NO_PLAN;
        }
        return ExitCodes.OK;
    }

    private void header(PrintWriter out, Instance instance, Plan plan, Stress.Result result, double seconds) {
        long held = plan.contracts().stream().filter(Plan.ContractChoice::held).count();
        out.printf(Locale.ROOT, "Stress test of %s on \"%s\" (%d-%d, %d scenario%s): each country hosting a "
                        + "facility cut off%n", planFile, instance.name(), instance.horizon().start(),
                instance.horizon().last(), instance.scenarios().size(), instance.scenarios().size() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  kept      %d build%s, %d contract%s held; flows re-optimised (%s, %d countr%s, "
                        + "%.2f s)%n", plan.builds().size(), plan.builds().size() == 1 ? "" : "s", held,
                held == 1 ? "" : "s", common.solving.backend.displayName(), result.cuts().size(),
                result.cuts().size() == 1 ? "y" : "ies", seconds);
        out.printf(Locale.ROOT, "  baseline  objective %,.0f USD, expected shortfall %,.1f t%n", result.baseline(),
                result.baselineShortfall());
        out.println();
    }

    /** The HTML report: cost increase and shortfall per country cut off, then the table. */
    HtmlReport report(Instance instance, Stress.Result result, Table table) {
        List<HtmlReport.StressRow> rows = result.cuts().stream()
                .map(c -> new HtmlReport.StressRow(c.country(), c.increase(), c.shortfall())).toList();
        return new HtmlReport("Lodestone stress test of " + planFile + " on " + instance.name())
                .addStress(rows)
                .addTable(table);
    }

    /** One row per country, most dangerous first. */
    static Table table(Instance instance, Stress.Result result) {
        Table table = new Table("Countries cut off, most dangerous first (USD expected and discounted; "
                + "shortfall in expected t over the horizon)",
                "country", "facilities", "increase", "objective", "shortfall", "top shortfalls", "status");
        for (Stress.CountryCut cut : result.cuts()) {
            table.row(cut.country(), cut.facilities().size(), cut.increase(), cut.objective(), cut.shortfall(),
                    top(cut.shortfallByBuyerElement()), cut.status());
        }
        return table;
    }

    /** The largest shortfalls: a short line for people, every one of them (buyer, element, tonnes) for scripts. */
    static Table.Rich top(Map<Stress.BuyerElement, Double> shortfalls) {
        String shown = shortfalls.entrySet().stream().limit(TOP_SHORTFALLS)
                .map(e -> String.format(Locale.ROOT, "%s %,.0f t", e.getKey(), e.getValue()))
                .collect(Collectors.joining("; "));
        List<ShortfallEntry> all = shortfalls.entrySet().stream()
                .map(e -> new ShortfallEntry(e.getKey().buyer(), e.getKey().element(), e.getValue())).toList();
        return new Table.Rich(shortfalls.size() > TOP_SHORTFALLS
                ? shown + "; +" + (shortfalls.size() - TOP_SHORTFALLS) + " more" : shown, all);
    }

    /** One shortfall of a cut, as JSON output lists it. */
    record ShortfallEntry(String buyer, String element, double tonnes) {}
}

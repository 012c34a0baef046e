package org.lodestone.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lodestone.analysis.Figures;
import org.lodestone.analysis.Pareto;
import org.lodestone.analysis.Settings;
import org.lodestone.domain.CostPart;
import org.lodestone.io.InstanceReader;
import org.lodestone.io.PlanJson;
import org.lodestone.report.HtmlReport;
import org.lodestone.report.Table;
import org.lodestone.validate.InvalidInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pareto", mixinStandardHelpOptions = true,
        description = {"The cost-risk frontier: N plans from the cheapest (no risk budget) to the least risky, "
                + "by the epsilon-constraint method on expected risk (riskBudget), all with riskWeight 0.",
                "Point 1 is the min-risk end, point N the min-cost end; the budgets in between are evenly spaced."})
final class ParetoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    LodestoneCommand root;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance file (.json, .yaml or .yml).")
    Path instanceFile;

    @Option(names = "--points", paramLabel = "N", defaultValue = "5",
            description = "Points on the frontier, both ends included (2 to " + Pareto.MAX_POINTS
                    + "; default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write each point's plan here as pareto-<point>.json (the directory is created).")
    Path outputDir;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Change one value of the instance first.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--no-service-floor", description = "The unconstrained frontier: without it every point "
            + "serves demand as well as a least-cost plan does (expected shortfall at most that of the least-cost "
            + "plans); with it the least-risk end is the plan that buys nothing.")
    boolean noServiceFloor;

    @Mixin
    AnalysisOptions common;

    @Override
    public Integer call() throws Exception {
        if (points < 2 || points > Pareto.MAX_POINTS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--points must be between 2 and " + Pareto.MAX_POINTS + ", got " + points);
        }
        new OutputFiles().folder("--output-dir", outputDir).require();
        Settings settings = common.settings(spec.commandLine(), root.solver());
        return common.interruptible(spec.commandLine(), settings, () -> analyse(settings));
    }

    private int analyse(Settings settings) throws Exception {
        if (outputDir != null) {
            try {
                Files.createDirectories(outputDir);
            } catch (IOException e) {
                throw new InvalidInputException("", "cannot create the directory " + outputDir);
            }
        }
        Pareto.Result result = Pareto.run(InstanceReader.readTree(instanceFile, overrides), points, settings,
                !noServiceFloor);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cells table = table(result, instanceFile.toString());
        out.print(table.table(common.format).render(common.format));
        boolean human = AnalysisOptions.human(common.format);
        if (human) {
            out.println();
            out.println(result.dominated().isEmpty() ? "Dominated points: none"
                    : "Dominated points: " + String.join(", ", result.dominated().stream()
                            .map(d -> d.point() + " (by " + d.by() + ")").toList()));
        }
        out.flush();
        for (Pareto.Dominated d : result.dominated()) {
            err.printf(Locale.ROOT, "lodestone: warning: point %d is dominated by point %d "
                    + "(try a smaller --gap or a longer --time-limit)%n", d.point(), d.by());
        }
        if (outputDir != null) {
            int width = String.valueOf(points).length();
            for (Pareto.Point p : result.points()) {
                if (p.hasPlan()) {
                    Path file = outputDir.resolve(String.format(Locale.ROOT, "pareto-%0" + width + "d.json", p.number()));
                    try {
                        PlanJson.write(p.plan(), file);
                    } catch (IOException e) {
                        throw new InvalidInputException("", "cannot write " + file + ": " + e.getMessage());
                    }
                }
            }
            if (human) {
                out.println("Plans written to " + outputDir);
            }
        }
        out.flush();
        if (common.report != null) {
            if (result.points().stream().anyMatch(Pareto.Point::hasPlan)) {
                AnalysisOptions.writeReport(spec.commandLine(), report(result, table, instanceFile.toString()),
                        common.report);
            } else {
                AnalysisOptions.noReport(spec.commandLine(), common.report);
            }
        }
        if (!result.complete()) {
            err.println("lodestone: some solves found no plan; the frontier is incomplete");
            err.flush();
            return ExitCodes.NO_PLAN;
        }
        return ExitCodes.OK;
    }

    /** The HTML report: the frontier (the points with a plan, labelled "point i"), then the table. */
    static HtmlReport report(Pareto.Result result, Cells table, String instance) {
        List<HtmlReport.ParetoPoint> frontier = result.points().stream().filter(Pareto.Point::hasPlan)
                .map(p -> new HtmlReport.ParetoPoint(p.risk(), p.cost(), "point " + p.number())).toList();
        // ring the point the instance's own riskWeight prefers: the plan `solve` would give
        double riskWeight = result.points().isEmpty() ? 0 : result.points().get(0).instance().riskWeight();
        return new HtmlReport("Lodestone cost-risk frontier of " + instance)
                .addPareto(frontier, riskWeight)
                .addTable(table.table(Table.Format.MARKDOWN));
    }

    /** Columns: point, riskBudget (blank at the min-cost end), risk, objective (= cost), each cost part. */
    static Cells table(Pareto.Result result, String instance) {
        List<String> columns = new ArrayList<>(List.of("point", "status", "riskBudget", "risk", "objective"));
        List<String> parts = Figures.COST_PARTS.subList(0, Figures.COST_PARTS.size() - 1); // riskCost is 0
        columns.addAll(parts);
        columns.add("shortfallTonnes");
        Cells t = new Cells("Cost-risk frontier of " + instance + String.format(Locale.ROOT,
                " (riskWeight 0; risk: expected risk-tonnes, from %s to %s; money: expected, discounted USD, "
                        + CostPart.SUBTRACTED + "%s)",
                fmt(result.minRisk()), fmt(result.maxRisk()), result.serviceFloor() == null ? ""
                        : "; every point's expected shortfall at most " + fmt(result.serviceFloor()) + " t, the least "
                        + "any least-cost plan has"), columns.toArray(String[]::new));
        for (Pareto.Point p : result.points()) {
            List<Object> row = new ArrayList<>();
            row.add(Cells.num(p.number(), 0));
            row.add(p.plan().status().name());
            row.add(p.riskBudget() == null ? null : Cells.tonnes(p.riskBudget()));
            row.add(Cells.tonnes(p.risk()));
            row.add(Cells.money(p.cost()));
            double[] values = Figures.costParts(p.instance(), p.plan());
            for (int i = 0; i < parts.size(); i++) {
                row.add(Cells.money(values[i]));
            }
            row.add(Cells.tonnes(Figures.shortfallTonnes(p.plan())));
            t.row(row.toArray());
        }
        return t;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,.1f", v);
    }
}

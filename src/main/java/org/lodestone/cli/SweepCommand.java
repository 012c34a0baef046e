package org.lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lodestone.analysis.Figures;
import org.lodestone.analysis.Settings;
import org.lodestone.analysis.Sweep;
import org.lodestone.domain.CostPart;
import org.lodestone.io.InstanceReader;
import org.lodestone.report.HtmlReport;
import org.lodestone.report.Table;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Solve an instance once per value of one parameter and tabulate objective, cost parts, "
                + "risk and shortfall per value.",
                "e.g. lodestone sweep instances/quickstart.json --param /buyers/0/mandate/minShare --range 0:1:0.1"})
final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    LodestoneCommand root;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "Instance file (.json, .yaml or .yml).")
    Path instanceFile;

    @Option(names = "--param", required = true, paramLabel = "PATH",
            description = "JSON Pointer of the value to sweep, set as --set would, e.g. /riskWeight.")
    String path;

    static final class Values {
        @Option(names = "--values", paramLabel = "V1,V2,...", description = "The values, e.g. 0,0.5,1.")
        String list;

        @Option(names = "--range", paramLabel = "FROM:TO:STEP",
                description = "FROM, FROM+STEP, ... up to and including TO, e.g. 0:1:0.1.")
        String range;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Values values;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Change one value of the instance first.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    AnalysisOptions common;

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings(spec.commandLine(), root.solver());
        return common.interruptible(spec.commandLine(), settings, () -> analyse(settings));
    }

    private int analyse(Settings settings) throws Exception {
        List<BigDecimal> list = values.list != null ? Sweep.parseValues(values.list) : Sweep.parseRange(values.range);
        JsonNode tree = InstanceReader.readTree(instanceFile, overrides);
        seriesNote(tree, path).ifPresent(note -> {
            spec.commandLine().getErr().println("lodestone: note: " + note);
            spec.commandLine().getErr().flush();
        });
        Sweep.Result result = Sweep.run(tree, path, list, settings);
        PrintWriter out = spec.commandLine().getOut();
        Cells table = table(result, instanceFile.toString());
        out.print(table.table(common.format).render(common.format));
        out.flush();
        long failed = result.points().stream().filter(p -> !p.plan().status().hasSolution()).count();
        if (failed > 0) {
            spec.commandLine().getErr().printf(Locale.ROOT, "lodestone: %d of %d solves found no plan%n", failed,
                    result.points().size());
            spec.commandLine().getErr().flush();
        }
        if (common.report != null) {
            if (failed < result.points().size()) {
                AnalysisOptions.writeReport(spec.commandLine(), report(result, table, instanceFile.toString()),
                        common.report);
            } else {
                AnalysisOptions.noReport(spec.commandLine(), common.report);
            }
        }
        return failed > 0 ? ExitCodes.NO_PLAN : ExitCodes.OK;
    }

    /**
     * When the swept value is a series written per year, each sweep value replaces the whole
     * series: say so, and name the pointer of one year, which is usually what was meant.
     */
    static Optional<String> seriesNote(JsonNode tree, String path) {
        JsonNode node;
        try {
            node = tree.at(path);
        } catch (IllegalArgumentException notAPointer) {
            return Optional.empty(); // Sweep.run names the bad pointer
        }
        String example;
        if (node.isObject() && node.size() > 0) {
            List<String> years = new ArrayList<>();
            node.fieldNames().forEachRemaining(years::add);
            example = path + "/" + years.get(years.size() - 1);
        } else if (node.isArray() && node.size() > 0) {
            example = path + "/0 (the first year)";
        } else {
            return Optional.empty();
        }
        return Optional.of(path + " is a series (" + node + "); each value replaces the whole series with the "
                + "same value every year. To sweep one year's value, use " + example);
    }

    /** The HTML report: the objective against the value, stacked by cost part, then the table. */
    static HtmlReport report(Sweep.Result result, Cells table, String instance) {
        List<HtmlReport.SweepPoint> points = new ArrayList<>();
        for (Sweep.Point p : result.points()) {
            points.add(p.plan().status().hasSolution()
                    ? new HtmlReport.SweepPoint(p.value(), Figures.objective(p.plan()), HtmlReport.costParts(
                            p.plan().costs(), p.instance().riskWeight() * p.plan().risk()))
                    : new HtmlReport.SweepPoint(p.value(), Double.NaN));
        }
        return new HtmlReport("Lodestone sweep of " + result.path() + " on " + instance)
                .addSweep(result.path(), points)
                .addTable(table.table(Table.Format.MARKDOWN));
    }

    /** Columns: value, status, objective, each part of {@link Figures#COST_PARTS}, risk, shortfallTonnes. */
    static Cells table(Sweep.Result result, String instance) {
        List<String> columns = new ArrayList<>(List.of("value", "status", "objective"));
        columns.addAll(Figures.COST_PARTS);
        columns.add("risk");
        columns.add("shortfallTonnes");
        Cells t = new Cells("Sweep of " + result.path() + " on " + instance
                + " (money: expected, discounted USD, " + CostPart.SUBTRACTED
                + "; risk: expected risk-tonnes; shortfall: expected t)",
                columns.toArray(String[]::new));
        int decimals = 0;
        for (Sweep.Point p : result.points()) {
            decimals = Math.max(decimals, decimals(p.value()));
        }
        for (Sweep.Point p : result.points()) {
            List<Object> row = new ArrayList<>();
            row.add(Cells.num(p.value(), decimals));
            row.add(p.plan().status().name());
            row.add(Cells.money(Figures.objective(p.plan())));
            for (double part : Figures.costParts(p.instance(), p.plan())) {
                row.add(Cells.money(part));
            }
            row.add(Cells.tonnes(Figures.risk(p.plan())));
            row.add(Cells.tonnes(Figures.shortfallTonnes(p.plan())));
            t.row(row.toArray());
        }
        return t;
    }

    /** Digits after the point that show a value exactly (at most 6). */
    private static int decimals(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return Math.min(6, Math.max(0, d.scale()));
    }
}

package org.lodestone.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import org.lodestone.analysis.Comparison;
import org.lodestone.analysis.Settings;
import org.lodestone.analysis.Solved;
import org.lodestone.analysis.Variants;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.Plan;
import org.lodestone.report.HtmlReport;
import org.lodestone.report.Table;
import org.lodestone.validate.InvalidInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Solve two instances and show their plans side by side: the instance against itself "
                + "with --set changes (e.g. the cost of a mandate: --set /buyers/0/mandate/minShare=0), "
                + "or two instance files.",
                "Shows objective, cost parts, risk and shortfall; builds and contracts that differ; "
                        + "shortfalls by buyer and element; tonnes mined and refined per country."})
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    LodestoneCommand root;

    @Parameters(index = "0", paramLabel = "INSTANCE", description = "The baseline instance (.json, .yaml or .yml).")
    Path baselineFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "INSTANCE_B",
            description = "The variant instance; without it, the variant is INSTANCE with the --set changes.")
    Path variantFile;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Change one value of the variant (JSON Pointer), e.g. /buyers/0/mandate/minShare=0.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    AnalysisOptions common;

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings(spec.commandLine(), root.solver());
        return common.interruptible(spec.commandLine(), settings, () -> analyse(settings));
    }

    private int analyse(Settings settings) throws Exception {
        if (variantFile != null && !overrides.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --set changes or a second instance, not both");
        }
        if (variantFile == null && overrides.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "nothing to compare: give --set PATH=VALUE changes or a second instance");
        }
        // with two files, each problem says which file it is in
        String inBaseline = variantFile == null ? "" : " (in " + baselineFile + ")";
        JsonNode tree;
        Instance baseline;
        try {
            tree = InstanceReader.readTree(baselineFile);
            baseline = InstanceReader.toInstance(tree);
        } catch (InvalidInputException e) {
            // --set changes the variant only
            throw Variants.withSuffix(e, inBaseline).withoutSet();
        }
        InstanceWarnings.print(spec.commandLine().getErr(), baseline);
        Instance variant;
        String variantName;
        if (variantFile == null) {
            JsonNode changed = InstanceReader.override(tree.deepCopy(), overrides);
            try {
                variant = InstanceReader.toInstance(changed);
            } catch (InvalidInputException e) {
                throw Variants.withSuffix(e, " (in the variant, after --set)");
            }
            variantName = "with --set " + String.join(" --set ", overrides);
        } else {
            try {
                variant = InstanceReader.read(variantFile, List.of());
            } catch (InvalidInputException e) {
                throw Variants.withSuffix(e, " (in " + variantFile + ")").withoutSet();
            }
            variantName = variantFile.toString();
        }
        Comparison.Result result = Comparison.run(baseline, variant, settings);
        String title = String.format(Locale.ROOT, "Compare: baseline %s (%s) vs variant %s (%s)", baselineFile,
                status(result.baseline()), variantName, status(result.variant()));
        PrintWriter out = spec.commandLine().getOut();
        if (AnalysisOptions.human(common.format)) {
            boolean markdown = common.format == Table.Format.MARKDOWN;
            out.print(markdown ? "## " + title + "\n\n" : title + "\n\n");
            List<Cells> sections = sections(result);
            for (int i = 0; i < sections.size(); i++) {
                Cells section = sections.get(i);
                // an empty section is only its title, e.g. "Builds: the same in both"
                out.print(section.isEmpty() ? (markdown ? "### " : "") + section.title() + "\n"
                        : section.table(common.format).render(common.format));
                if (i + 1 < sections.size()) {
                    out.println();
                }
            }
        } else {
            out.print(flat(result, title).table(common.format).render(common.format));
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (Solved side : List.of(result.baseline(), result.variant())) {
            if (!side.hasPlan()) {
                err.println("lodestone: no plan for the " + side.label() + ": " + side.plan().status());
            }
        }
        err.flush();
        if (common.report != null) {
            if (result.baseline().hasPlan() || result.variant().hasPlan()) {
                AnalysisOptions.writeReport(spec.commandLine(), report(result, title), common.report);
            } else {
                AnalysisOptions.noReport(spec.commandLine(), common.report);
            }
        }
        return result.complete() ? ExitCodes.OK : ExitCodes.NO_PLAN;
    }

    /** The HTML report: the comparison tables as printed for people, then both plans. */
    static HtmlReport report(Comparison.Result result, String title) {
        HtmlReport report = new HtmlReport(title);
        for (Cells section : sections(result)) {
            report.addTable(section.table(Table.Format.MARKDOWN));
        }
        report.addPlan("baseline", result.baseline().instance(), result.baseline().plan());
        report.addPlan("variant", result.variant().instance(), result.variant().plan());
        return report;
    }

    private static String status(Solved side) {
        return side.plan().status().name();
    }

    /** For people: one table per section. */
    static List<Cells> sections(Comparison.Result r) {
        List<Cells> tables = new ArrayList<>();
        Cells costs = new Cells("Objective and costs (expected, discounted USD; "
                + CostPart.SUBTRACTED + "; cash = every part but shortfall and "
                + CostPart.RISK_PREMIUM.key() + ", without the risk charge)",
                "item", "baseline", "variant", "change");
        Cells figures = new Cells("Risk and shortfall (expected)", "item", "baseline", "variant", "change");
        for (Comparison.Line line : r.summary()) {
            boolean money = !line.item().equals("risk") && !line.item().equals("shortfallTonnes");
            if (money) {
                costs.row(line.item(), Cells.money(line.baseline()), Cells.money(line.variant()),
                        Cells.money(line.change()));
            } else {
                String item = line.item().equals("risk") ? "risk (risk-tonnes)" : "shortfall (t)";
                figures.row(item, Cells.tonnes(line.baseline()), Cells.tonnes(line.variant()),
                        Cells.tonnes(line.change()));
            }
        }
        tables.add(costs);
        tables.add(figures);
        if (!r.complete()) {
            return tables;
        }
        Cells builds = new Cells(r.builds().isEmpty() ? "Builds: the same in both" : "Builds that differ",
                "facility", "baseline", "variant");
        r.builds().forEach(b -> builds.row(b.facility(), build(b.baseline()), build(b.variant())));
        tables.add(builds);
        Cells contracts = new Cells(r.contracts().isEmpty() ? "Contracts: the same held in both"
                : "Contracts held in one and not the other", "contract", "baseline", "variant");
        r.contracts().forEach(c -> contracts.row(c.id(), held(c.baselineHeld()), held(c.variantHeld())));
        tables.add(contracts);
        Cells shortfalls = new Cells(r.shortfalls().isEmpty() ? "Shortfalls: none in either"
                : "Shortfalls by buyer and element (expected t over the horizon)",
                "buyer", "element", "baseline", "variant", "change");
        r.shortfalls().forEach(q -> shortfalls.row(q.buyer(), q.element(), Cells.tonnes(q.baseline()),
                Cells.tonnes(q.variant()), Cells.tonnes(q.change())));
        tables.add(shortfalls);
        Cells sourcing = new Cells("Sourcing by stage and country (expected t REO over the horizon)",
                "stage", "country", "baseline", "variant", "change");
        r.sourcing().forEach(s -> sourcing.row(s.stage().label(), s.country(), Cells.tonnes(s.baseline()),
                Cells.tonnes(s.variant()), Cells.tonnes(s.change())));
        tables.add(sourcing);
        return tables;
    }

    /**
     * For scripts: one long table, columns section, item, baseline, variant, change. Sections:
     * status, cost (objective and each part, USD), figure (risk, shortfallTonnes), build (item =
     * facility; "start 2026, 1 module" or "none"), contract ("held" or "not held"), shortfall
     * (item = "buyer element", t), mined and refined (item = country, t REO).
     */
    static Cells flat(Comparison.Result r, String title) {
        Cells t = new Cells(title, "section", "item", "baseline", "variant", "change");
        t.row("status", "status", r.baseline().plan().status().name(), r.variant().plan().status().name(), null);
        for (Comparison.Line line : r.summary()) {
            boolean money = !line.item().equals("risk") && !line.item().equals("shortfallTonnes");
            t.row(money ? "cost" : "figure", line.item(), Cells.num(line.baseline(), 1),
                    Cells.num(line.variant(), 1), Cells.num(line.change(), 1));
        }
        r.builds().forEach(b -> t.row("build", b.facility(), build(b.baseline()), build(b.variant()), null));
        r.contracts().forEach(c -> t.row("contract", c.id(), held(c.baselineHeld()), held(c.variantHeld()), null));
        r.shortfalls().forEach(q -> t.row("shortfall", q.buyer() + " " + q.element(), Cells.num(q.baseline(), 1),
                Cells.num(q.variant(), 1), Cells.num(q.change(), 1)));
        r.sourcing().forEach(s -> t.row(s.stage().label(), s.country(), Cells.num(s.baseline(), 1),
                Cells.num(s.variant(), 1), Cells.num(s.change(), 1)));
        return t;
    }

    private static String build(Plan.Build b) {
        return b == null ? "none" : String.format(Locale.ROOT, "start %d, %d module%s", b.startYear(), b.modules(),
                b.modules() == 1 ? "" : "s");
    }

    private static String held(boolean held) {
        return held ? "held" : "not held";
    }
}

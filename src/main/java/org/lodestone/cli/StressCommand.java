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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Stress a plan: keep its builds and contracts, cut off each country that hosts a "
                + "mine or refinery in turn (capacity factor 0 in every scenario and year), re-optimise "
                + "the flows, and rank the countries by how much the expected objective rises.",
                "--defection export-ban --to US: instead, each country stops exporting to the US only (an "
                        + "export control of the country allowing every other destination, in every scenario "
                        + "and year; --stage and --elements narrow it as an export control's stage and "
                        + "elements do). --first-stage replanned: the builds and contracts are chosen again "
                        + "under each defection, knowing it from the start, instead of kept.",
                "e.g. lodestone stress instances/indo-pacific-2026.json plan.json --defection export-ban --to US "
                        + "--first-stage replanned",
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

    @Option(names = "--defection", paramLabel = "KIND", defaultValue = "offline",
            description = "offline (default): each country's mines and refineries have capacity 0; export-ban: "
                    + "each country stops exporting to the country --to names and trades as before with the rest.")
    String defection;

    @Option(names = "--to", paramLabel = "COUNTRY",
            description = "With --defection export-ban: the destination that is no longer served (a country id "
                    + "of the instance, e.g. US; any case).")
    String to;

    @Option(names = "--stage", paramLabel = "STAGE",
            description = "With export-ban: what stops, concentrate, oxide or both (default both).")
    String stage;

    @Option(names = "--elements", paramLabel = "E", split = ",",
            description = "With export-ban: the oxides the ban covers, e.g. Dy,Tb (default every element; "
                    + "concentrate is stopped whatever its elements).")
    List<String> elements;

    @Option(names = "--first-stage", paramLabel = "MODE", defaultValue = "frozen",
            description = "frozen (default): the plan's builds and contracts are kept, only the flows re-optimised; "
                    + "replanned: builds and optional contracts are chosen again under each defection (a full "
                    + "solve each), and the table shows what changed.")
    String firstStage;

    @Option(names = "--countries", paramLabel = "C", split = ",",
            description = "Only these countries defect, e.g. CN,AU (default: every country hosting a mine or "
                    + "refinery, but the destination of an export ban).")
    List<String> countries;

    @Mixin
    AnalysisOptions common;

    @Override
    public Integer call() throws Exception {
        String kind = defection.toLowerCase(Locale.ROOT);
        String mode = firstStage.toLowerCase(Locale.ROOT).replace("-", "");
        String why = !List.of("offline", "export-ban").contains(kind)
                ? "--defection must be offline or export-ban (got " + defection + ")"
                : !List.of("frozen", "replanned").contains(mode)
                ? "--first-stage must be frozen or replanned (got " + firstStage + ")"
                : kind.equals("export-ban") && to == null ? "--defection export-ban needs --to COUNTRY, e.g. --to US"
                : kind.equals("offline") && (to != null || stage != null || elements != null)
                ? "--to, --stage and --elements go with --defection export-ban"
                : stage != null && !List.of("concentrate", "oxide", "both").contains(stage.toLowerCase(Locale.ROOT))
                ? "--stage must be concentrate, oxide or both (got " + stage + ")" : null;
        if (why != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), why);
        }
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
        Stress.Options options = options(instance);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Stress.Result result;
        try {
            result = Stress.run(tree, plan, settings, options);
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
            header(out, instance, plan, result, options, seconds);
        }
        Table table = table(instance, result, options);
        out.print(table.render(common.format));
        if (human && !common.quiet) {
            out.println();
            footer(out, instance, options);
        }
        out.flush();
        if (common.report != null) {
            // the uncut baseline was re-optimised (else Stress.run throws BaselineFailed): there is a plan
            AnalysisOptions.writeReport(spec.commandLine(), report(instance, result, table), common.report);
        }
        if (!result.complete()) {
            for (Stress.CountryCut cut : result.cuts()) {
                if (!cut.solved()) {
                    err.println("lodestone: " + (options.defection().offline() ? "cutting off " + cut.country()
                            : cut.country() + " stopping exports to " + options.defection().to())
                            + " could not be re-optimised: "
                            + cut.status() + (cut.message().isEmpty() ? "" : " (" + cut.message() + ")"));
                }
            }
            err.flush();
            return ExitCodes.NO_PLAN;
        }
        return ExitCodes.OK;
    }

    /**
     * The options of the analysis: the ids named on the command line resolved against the
     * instance (exactly, else ignoring case), or exit 2 naming the option.
     */
    private Stress.Options options(Instance instance) throws InvalidInputException {
        List<String> countryIds = instance.countries().stream().map(c -> c.id()).toList();
        Stress.Defection d = Stress.Defection.OFFLINE;
        if (to != null) {
            List<String> covered = null;
            if (elements != null) {
                covered = new java.util.ArrayList<>();
                for (String e : elements) {
                    covered.add(resolve("--elements", e, instance.elements().stream().map(x -> x.id()).toList(),
                            "element"));
                }
            }
            d = Stress.Defection.exportBan(resolve("--to", to, countryIds, "country"),
                    stage == null ? "both" : stage.toLowerCase(Locale.ROOT), covered);
        }
        List<String> chosen = new java.util.ArrayList<>();
        if (countries != null) {
            List<String> hosts = Stress.hostCountries(instance);
            for (String c : countries) {
                String id = resolve("--countries", c, countryIds, "country");
                if (!hosts.contains(id)) {
                    throw new InvalidInputException("--countries", "\"" + id + "\" hosts no mine or refinery; "
                            + "countries that do: " + String.join(", ", hosts));
                }
                if (id.equals(d.to())) {
                    throw new InvalidInputException("--countries", "\"" + id + "\" is the destination of the ban, "
                            + "and a country cannot stop exporting to itself");
                }
                chosen.add(id);
            }
        }
        Stress.FirstStage first = firstStage.toLowerCase(Locale.ROOT).replace("-", "").equals("replanned")
                ? Stress.FirstStage.REPLANNED : Stress.FirstStage.FROZEN;
        return new Stress.Options(d, first, chosen);
    }

    /** The id of {@code ids} that {@code given} names: itself, or the one equal to it but for case. */
    private static String resolve(String option, String given, List<String> ids, String what)
            throws InvalidInputException {
        if (ids.contains(given)) {
            return given;
        }
        List<String> like = ids.stream().filter(id -> id.equalsIgnoreCase(given)).toList();
        if (like.size() == 1) {
            return like.get(0);
        }
        throw new InvalidInputException(option, "no " + what + " \"" + given + "\" in the instance; its "
                + what.replace("country", "countrie") + "s: " + String.join(", ", ids));
    }

    /** "cut off", "stops exporting concentrate and oxide to US", "stops exporting oxide of Dy, Tb to US". */
    static String what(Stress.Defection d) {
        if (d.offline()) {
            return "cut off";
        }
        String oxide = d.elements() == null ? "oxide" : "oxide of " + String.join(", ", d.elements());
        String goods = switch (d.stage()) {
            case "concentrate" -> "concentrate";
            case "oxide" -> oxide;
            default -> "concentrate and " + oxide;
        };
        return "stops exporting " + goods + " to " + d.to();
    }

    private void header(PrintWriter out, Instance instance, Plan plan, Stress.Result result, Stress.Options options,
                        double seconds) {
        long held = plan.contracts().stream().filter(Plan.ContractChoice::held).count();
        String who = options.countries().isEmpty() ? "each country hosting a facility"
                : "each of " + String.join(", ", options.countries());
        out.printf(Locale.ROOT, "Stress test of %s on \"%s\" (%d-%d, %d scenario%s): %s %s%n", planFile,
                instance.name(), instance.horizon().start(), instance.horizon().last(), instance.scenarios().size(),
                instance.scenarios().size() == 1 ? "" : "s", who, what(options.defection()));
        String first = String.format(Locale.ROOT, "%d build%s, %d contract%s held", plan.builds().size(),
                plan.builds().size() == 1 ? "" : "s", held, held == 1 ? "" : "s");
        String run = String.format(Locale.ROOT, "%s, %d countr%s, %.2f s", common.solving.backend.displayName(),
                result.cuts().size(), result.cuts().size() == 1 ? "y" : "ies", seconds);
        if (options.firstStage() == Stress.FirstStage.FROZEN) {
            out.printf(Locale.ROOT, "  kept      %s; flows re-optimised (%s)%n", first, run);
        } else {
            out.printf(Locale.ROOT, "  replanned builds and contracts chosen again under each defection, flows "
                    + "re-optimised (the plan: %s; %s)%n", first, run);
        }
        out.printf(Locale.ROOT, "  baseline  objective %,.0f USD, expected shortfall %,.1f t%n", result.baseline(),
                result.baselineShortfall());
        out.println();
    }

    /** What increase and shortfall mean, wrapped as the tables are. */
    private static void footer(PrintWriter out, Instance instance, Stress.Options options) {
        Stress.Defection d = options.defection();
        boolean replanned = options.firstStage() == Stress.FirstStage.REPLANNED;
        StringBuilder text = new StringBuilder("increase: expected objective with the country ")
                .append(d.offline() ? "cut off" : "no longer exporting to " + d.to())
                .append(replanned ? ", builds and contracts re-planned," : "")
                .append(" minus the baseline (the plan's builds and contracts kept, flows re-optimised without a "
                        + "cut), in USD expected over scenarios and discounted to ")
                .append(instance.horizon().start()).append("; shortfall: expected tonnes over the horizon.");
        if (!d.offline()) {
            text.append(" The ban is an export control of the country in every scenario and year, allowing every "
                    + "destination but ").append(d.to()).append("; its other controls still hold.");
        }
        if (replanned) {
            text.append(" Re-planned, the builds and optional contracts are chosen knowing the defection from ")
                    .append(instance.horizon().start()).append(": it costs no more than with the plan's builds and contracts kept "
                            + "(up to the solver's gap); \"first stage\" lists what changed (+ started or held, "
                            + "- dropped).");
        }
        for (String line : wrap(text.toString(), FOOTER_WIDTH)) {
            out.println(line);
        }
    }

    /** The footer's width: the longest line of its first wording, kept as it was. */
    private static final int FOOTER_WIDTH = 94;

    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The HTML report: cost increase and shortfall per country cut off, then the table. */
    HtmlReport report(Instance instance, Stress.Result result, Table table) {
        List<HtmlReport.StressRow> rows = result.cuts().stream()
                .map(c -> new HtmlReport.StressRow(c.country(), c.increase(), c.shortfall())).toList();
        return new HtmlReport("Lodestone stress test of " + planFile + " on " + instance.name())
                .addStress(rows)
                .addTable(table);
    }

    /** One row per country, most dangerous first (the default stress test). */
    static Table table(Instance instance, Stress.Result result) {
        return table(instance, result, Stress.Options.DEFAULT);
    }

    /** One row per country, most dangerous first; re-planned, with what changed in the first stage. */
    static Table table(Instance instance, Stress.Result result, Stress.Options options) {
        Stress.Defection d = options.defection();
        boolean replanned = options.firstStage() == Stress.FirstStage.REPLANNED;
        String title = (d.offline() ? "Countries cut off" : "Countries that stop exporting to " + d.to())
                + (replanned ? ", builds and contracts re-planned" : "")
                + ", most dangerous first (USD expected and discounted; shortfall in expected t over the horizon)";
        List<String> columns = new java.util.ArrayList<>(List.of("country", "facilities", "increase", "objective",
                "shortfall", "top shortfalls"));
        if (replanned) {
            columns.add("first stage");
        }
        columns.add("status");
        Table table = new Table(title, columns.toArray(String[]::new));
        for (Stress.CountryCut cut : result.cuts()) {
            List<Object> cells = new java.util.ArrayList<>(List.of(cut.country(), cut.facilities().size(),
                    cut.increase(), cut.objective(), cut.shortfall(), top(cut.shortfallByBuyerElement())));
            if (replanned) {
                cells.add(new Table.Rich(!cut.solved() ? "" : cut.changes().isEmpty() ? "as planned"
                        : String.join("; ", cut.changes()), cut.changes()));
            }
            cells.add(cut.status());
            table.row(cells.toArray());
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

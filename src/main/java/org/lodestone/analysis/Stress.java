package org.lodestone.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lodestone.domain.Contract;
import org.lodestone.domain.Country;
import org.lodestone.domain.Facility;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.model.SourcingModel;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;
import org.lodestone.validate.InvalidInputException;

/**
 * Dependency stress test of a plan: how much each country's facilities, or its exports to one
 * destination, are worth to it.
 *
 * <p>Each country that hosts at least one mine or refinery defects in turn, in every scenario and
 * every year ({@link Defection}): it goes offline (a capacity factor 0 on the country, the
 * default) or it stops exporting to one destination (an export control of the country allowing
 * every other destination, instance reference §6.11 and Rule 3). Then either the plan's first-stage
 * decisions (builds and held contracts) are kept and only the flows re-optimised (the model with
 * every integer fixed, i.e. a linear program: {@link FirstStage#FROZEN}, the default), or the
 * first stage is chosen again as well, knowing the defection ({@link FirstStage#REPLANNED}: a full
 * solve). Each defection is compared with the <em>baseline</em>: the plan's first stage
 * re-optimised without any defection (equal to the plan's objective when the plan is optimal).
 * Money is expected over scenarios and discounted to the start year, like the objective; shortfall
 * tonnes are expected over scenarios and summed over the horizon.
 */
public final class Stress {
    private Stress() {}

    /** A buyer's demand for one element; reads "buyer element". */
    public record BuyerElement(String buyer, String element) implements Comparable<BuyerElement> {
        @Override
        public int compareTo(BuyerElement other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return buyer + " " + element;
        }
    }

    /** What the plan's first stage does under a defection. */
    public enum FirstStage {
        /** The plan's builds and held contracts are kept; only the flows are re-optimised. */
        FROZEN,
        /** Builds and optional contracts are chosen again, knowing the defection from the start. */
        REPLANNED
    }

    /**
     * What each country does in the stress test.
     *
     * @param to null: the country goes offline (capacity 0 in every scenario and year); else the
     *     id of the one destination country it stops exporting to
     * @param stage with {@code to}: "concentrate", "oxide" or "both", as an export control's
     *     {@code stage}; null when offline
     * @param elements with {@code to}: the oxides the oxide control covers (an export control's
     *     {@code elements}); null for every element, and always null when offline
     */
    public record Defection(String to, String stage, List<String> elements) {
        /** Each country offline: today's N−1 cut. */
        public static final Defection OFFLINE = new Defection(null, null, null);

        public Defection {
            if (to == null && (stage != null || elements != null)) {
                throw new IllegalArgumentException("an offline country has no stage or elements");
            }
            if (to != null && !List.of("concentrate", "oxide", "both").contains(stage)) {
                throw new IllegalArgumentException("stage must be concentrate, oxide or both, got " + stage);
            }
            elements = elements == null ? null : List.copyOf(elements);
        }

        /** The country stops exporting {@code stage} ({@code elements}: null for all) to {@code to}. */
        public static Defection exportBan(String to, String stage, List<String> elements) {
            return new Defection(java.util.Objects.requireNonNull(to), stage, elements);
        }

        public boolean offline() {
            return to == null;
        }

        /** The instance tree with {@code country} defecting; {@code tree} is not changed. */
        public JsonNode apply(JsonNode tree, String country) {
            return offline() ? cutOff(tree, country) : Stress.exportBan(tree, country, to, stage, elements);
        }

        /** For progress lines: "AU cut off", "AU stops exporting to US". */
        String label(String country) {
            return offline() ? country + " cut off" : country + " stops exporting to " + to;
        }
    }

    /**
     * How to stress a plan.
     *
     * @param defection what each country does
     * @param firstStage whether the plan's first stage is kept or chosen again
     * @param countries the countries that defect, in this order before ranking; empty: every
     *     country hosting a facility (but the destination of an export ban)
     */
    public record Options(Defection defection, FirstStage firstStage, List<String> countries) {
        /** Each country hosting a facility offline, the plan's first stage kept. */
        public static final Options DEFAULT = new Options(Defection.OFFLINE, FirstStage.FROZEN, List.of());

        public Options {
            java.util.Objects.requireNonNull(defection);
            java.util.Objects.requireNonNull(firstStage);
            countries = List.copyOf(countries);
        }
    }

    /**
     * One country cut off.
     *
     * @param country the country's id
     * @param objective expected objective with the country cut (USD); NaN when the solve failed
     * @param increase {@code objective − baseline} (USD, ≥ 0 up to solver tolerance); NaN when the solve failed
     * @param shortfallByBuyerElement expected shortfall tonnes over the horizon with the country cut, by
     *     buyer and element, largest first; entries above
     *     1e-6 t only; empty when the solve failed
     * @param shortfall total expected shortfall tonnes (sum of the map); NaN when the solve failed
     * @param facilities ids of the mines and refineries in the country, in instance order
     * @param status the solver's termination: OPTIMAL or FEASIBLE when solved, else INFEASIBLE,
     *     NO_SOLUTION or ERROR
     * @param message the solver's message when the solve failed, else empty
     * @param changes re-planned only: how the first stage chosen under the defection differs from
     *     the plan's ("+white-mesa 2027" a build started, "-eneabba" a build dropped, "+nolans-offtake"
     *     a contract held, "-x" one no longer held), builds first, each in instance order; empty
     *     when it is the plan's, when the first stage was kept, and when the solve failed
     */
    public record CountryCut(String country, double objective, double increase,
                             Map<BuyerElement, Double> shortfallByBuyerElement, double shortfall,
                             List<String> facilities, String status, String message, List<String> changes) {
        public CountryCut {
            shortfallByBuyerElement = Collections.unmodifiableMap(new LinkedHashMap<>(shortfallByBuyerElement));
            facilities = List.copyOf(facilities);
            changes = List.copyOf(changes);
        }

        public CountryCut(String country, double objective, double increase,
                          Map<BuyerElement, Double> shortfallByBuyerElement, double shortfall,
                          List<String> facilities, String status, String message) {
            this(country, objective, increase, shortfallByBuyerElement, shortfall, facilities, status, message,
                    List.of());
        }

        /** Whether the re-optimisation found flows (OPTIMAL or FEASIBLE). */
        public boolean solved() {
            return "OPTIMAL".equals(status) || "FEASIBLE".equals(status);
        }
    }

    /**
     * The stress test of one plan.
     *
     * @param baseline expected objective of the plan's first stage re-optimised without any cut (USD)
     * @param cuts one entry per country that defected, the most dangerous dependency (largest
     *     increase) first; ties by country id; failed solves last
     * @param baselineShortfall total expected shortfall tonnes of the baseline (NaN when not known)
     */
    public record Result(double baseline, List<CountryCut> cuts, double baselineShortfall) {
        public Result {
            cuts = List.copyOf(cuts);
        }

        public Result(double baseline, List<CountryCut> cuts) {
            this(baseline, cuts, Double.NaN);
        }

        /** Whether every cut was solved. */
        public boolean complete() {
            return cuts.stream().allMatch(CountryCut::solved);
        }
    }

    /** The plan's baseline could not be re-optimised: nothing to compare the cuts with. */
    public static final class BaselineFailed extends RuntimeException {
        public BaselineFailed(String message) {
            super(message);
        }
    }

    /**
     * A re-optimisation of one model: solved or not ({@code result}), or thrown ({@code error}
     * set, {@code result} null).
     */
    private record Reoptimised(SolveResult result, double objective, Map<BuyerElement, Double> shortfalls, double total,
                               String error, Plan plan) {
        static Reoptimised thrown(RuntimeException e) {
            return new Reoptimised(null, Double.NaN, Map.of(), Double.NaN, String.valueOf(e), null);
        }
    }

    /**
     * Runs the stress test.
     *
     * @param tree the instance tree (any --set already applied); not changed
     * @param options solver, time limit and gap of each solve (each solve uses {@code options.threads()}
     *     solver threads)
     * @param parallel how many country solves run at once (≥ 1); the result does not depend on it
     * @throws InvalidInputException when the tree is not a valid instance
     * @throws IllegalArgumentException when the plan does not belong to the instance or has no solution
     *     (its name, builds or contracts do not fit)
     * @throws BaselineFailed when the uncut baseline cannot be re-optimised
     */
    public static Result run(JsonNode tree, Plan plan, MipSolver solver, SolveOptions options, int parallel)
            throws InvalidInputException {
        return run(tree, plan, new Settings(solver, options, parallel, Progress.NONE));
    }

    /**
     * Runs the stress test with {@code settings}: its solver, options (one solver thread per
     * solve), parallel solves, and progress (the baseline is solve 1, then one per country).
     * Every solve re-optimises the plan's first stage on its own, without warm starts.
     */
    public static Result run(JsonNode tree, Plan plan, Settings settings) throws InvalidInputException {
        return run(tree, plan, settings, Options.DEFAULT);
    }

    /**
     * Runs the stress test of {@code options} with {@code settings} (see
     * {@link #run(JsonNode, Plan, Settings)}). Re-planned, each defection is a full solve of the
     * instance with the defection, compared with the same baseline as when the first stage is kept.
     *
     * @throws IllegalArgumentException also when a country of {@code options} hosts no facility, or
     *     an export ban names a destination or element the instance does not have
     */
    public static Result run(JsonNode tree, Plan plan, Settings settings, Options options)
            throws InvalidInputException {
        Instance instance = InstanceReader.toInstance(tree);
        check(instance, plan);
        List<String> countries = countries(instance, options);
        int total = countries.size() + 1;
        Consumer<SourcingModel> fixed = model -> Marginals.fixFirstStage(model, plan);
        Batch.Job baseline = new Batch.Job("the plan's flows re-optimised, nothing cut off", instance, fixed);
        Reoptimised base = Batch.solve(List.of(baseline), settings, 1, total, false, (job, o) -> read(o)).get(0);
        if (!base.result().hasSolution()) {
            throw new BaselineFailed("could not re-optimise the plan's flows without a cut: "
                    + base.result().termination() + " (" + base.result().message() + ")");
        }
        boolean replanned = options.firstStage() == FirstStage.REPLANNED;
        List<Batch.Job> jobs = new ArrayList<>();
        for (String country : countries) {
            jobs.add(new Batch.Job(options.defection().label(country),
                    InstanceReader.toInstance(options.defection().apply(tree, country)), replanned ? null : fixed));
        }
        List<Reoptimised> solved = Batch.solve(jobs, settings, 2, total, false, new Batch.Keep<>() {
            @Override
            public Reoptimised solved(Batch.Job job, Planner.Outcome outcome) {
                return read(outcome);
            }

            @Override
            public Reoptimised failed(Batch.Job job, RuntimeException e) {
                return Reoptimised.thrown(e);
            }
        });
        List<CountryCut> cuts = new ArrayList<>();
        for (int i = 0; i < countries.size(); i++) {
            cuts.add(cut(instance, countries.get(i), solved.get(i), base.objective(), replanned ? plan : null));
        }
        cuts.sort(Comparator.comparing((CountryCut c) -> !c.solved())
                .thenComparing(c -> c.solved() ? -c.increase() : 0)
                .thenComparing(CountryCut::country));
        return new Result(base.objective(), cuts, base.total());
    }

    /**
     * The countries that defect: those of {@code options}, or every country hosting a facility;
     * an export ban's destination never (a country's controls never stop trade inside it).
     */
    static List<String> countries(Instance instance, Options options) {
        List<String> hosts = hostCountries(instance);
        Defection d = options.defection();
        if (!d.offline()) {
            Set<String> known = new HashSet<>();
            instance.countries().forEach(c -> known.add(c.id()));
            if (!known.contains(d.to())) {
                throw new IllegalArgumentException("no country \"" + d.to() + "\" in the instance");
            }
            Set<String> elements = new HashSet<>();
            instance.elements().forEach(e -> elements.add(e.id()));
            for (String e : d.elements() == null ? List.<String>of() : d.elements()) {
                if (!elements.contains(e)) {
                    throw new IllegalArgumentException("no element \"" + e + "\" in the instance");
                }
            }
        }
        if (options.countries().isEmpty()) {
            return hosts.stream().filter(c -> d.offline() || !c.equals(d.to())).toList();
        }
        List<String> chosen = new ArrayList<>();
        for (String c : options.countries()) {
            if (!hosts.contains(c)) {
                throw new IllegalArgumentException("\"" + c + "\" hosts no mine or refinery of the instance"
                        + " (countries that do: " + String.join(", ", hosts) + ")");
            }
            if (!d.offline() && c.equals(d.to())) {
                throw new IllegalArgumentException("\"" + c + "\" cannot stop exporting to itself");
            }
            if (!chosen.contains(c)) {
                chosen.add(c);
            }
        }
        return chosen;
    }

    /** Countries hosting at least one mine or refinery, in the instance's order of countries. */
    public static List<String> hostCountries(Instance instance) {
        Set<String> hosts = new HashSet<>();
        instance.mines().forEach(m -> hosts.add(m.country()));
        instance.refineries().forEach(r -> hosts.add(r.country()));
        return instance.countries().stream().map(Country::id).filter(hosts::contains).toList();
    }

    /**
     * The instance tree with {@code country} no longer exporting to {@code to}: an export control
     * of {@code country} added at the top level (so in every scenario and every year) with the
     * given {@code stage} and {@code elements} (null: every element) whose
     * {@code allowedDestinations} are every other country of the instance (instance reference
     * §6.11, Rule 3). The country's other controls still hold.
     */
    public static JsonNode exportBan(JsonNode tree, String country, String to, String stage, List<String> elements) {
        ObjectNode control = JsonNodeFactory.instance.objectNode().put("country", country).put("stage", stage);
        if (elements != null) {
            elements.forEach(control.putArray("elements")::add);
        }
        var allowed = control.putArray("allowedDestinations");
        for (JsonNode c : tree.path("countries")) {
            String id = c.path("id").asText();
            if (!id.equals(to) && !id.equals(country)) {
                allowed.add(id);
            }
        }
        return edited(tree, List.of(append(tree, "", "exportControls", control)),
                "stop " + country + "'s exports to " + to);
    }

    /**
     * The instance tree with {@code country} cut off: nothing can be mined or refined there in any
     * scenario or year, as {@code --set} would write it. Without reveal years that is a capacity
     * factor 0 on the country added to every scenario (over the whole horizon); an instance without
     * scenarios gets its single base scenario written out, with the cut.
     *
     * <p>With reveal years a scenario may not carry a factor before its reveal year (instance
     * reference V20), although a cut that every scenario shares tells none of them apart. The same
     * cut is then written as the instance reference allows: the capacity of every mine and
     * refinery of the country set to 0, and every build there delayed past the last year in every
     * scenario (build delays may act before a reveal year, §7.8). Both give every facility of the
     * country capacity 0 in every scenario and year, and a contingent contract on one owes
     * nothing (Rule 8), so the plans and optima are the same.
     */
    public static JsonNode cutOff(JsonNode tree, String country) {
        JsonNode scenarios = tree.get("scenarios");
        boolean revealYears = scenarios != null && scenarios.isArray()
                && java.util.stream.StreamSupport.stream(scenarios.spliterator(), false)
                        .anyMatch(s -> s.has("revealYear"));
        List<String> edits = new ArrayList<>();
        if (revealYears) {
            for (String list : new String[] {"mines", "refineries"}) {
                JsonNode facilities = tree.get(list);
                for (int i = 0; facilities != null && i < facilities.size(); i++) {
                    if (country.equals(facilities.get(i).path("country").asText(null))) {
                        edits.add("/" + list + "/" + i + "/capacity=0");
                    }
                }
            }
            int years = tree.path("horizon").path("years").asInt(1);
            ObjectNode late = JsonNodeFactory.instance.objectNode().put("country", country).put("years", years);
            for (int s = 0; s < scenarios.size(); s++) {
                edits.add(append(scenarios.get(s), "/scenarios/" + s, "buildDelays", late));
            }
        } else {
            ObjectNode cut = JsonNodeFactory.instance.objectNode().put("country", country).put("factor", 0);
            if (scenarios == null) {
                ObjectNode base = JsonNodeFactory.instance.objectNode().put("id", "base").put("probability", 1);
                base.putArray("capacityFactors").add(cut);
                edits.add("/scenarios=" + JsonNodeFactory.instance.arrayNode().add(base));
            } else {
                for (int s = 0; s < scenarios.size(); s++) {
                    edits.add(append(scenarios.get(s), "/scenarios/" + s, "capacityFactors", cut));
                }
            }
        }
        return edited(tree, edits, "cut off " + country);
    }

    /** The edit that appends {@code entry} to the list {@code field} of {@code node} (at {@code at}), made if absent. */
    private static String append(JsonNode node, String at, String field, JsonNode entry) {
        return node.has(field) ? at + "/" + field + "/-=" + entry
                : at + "/" + field + "=" + JsonNodeFactory.instance.arrayNode().add(entry);
    }

    private static JsonNode edited(JsonNode tree, List<String> edits, String what) {
        try {
            return InstanceReader.override(tree.deepCopy(), edits);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private static CountryCut cut(Instance instance, String country, Reoptimised o, double baseline, Plan planned) {
        if (o.error() != null) {
            return failed(instance, country, "ERROR", o.error());
        }
        if (!o.result().hasSolution()) {
            return failed(instance, country, o.result().termination().name(), o.result().message());
        }
        return new CountryCut(country, o.objective(), o.objective() - baseline, o.shortfalls(), o.total(),
                facilities(instance, country), o.result().termination().name(), "",
                planned == null ? List.of() : changes(instance, planned, o.plan()));
    }

    /** How {@code replanned}'s first stage differs from {@code plan}'s (see {@link CountryCut#changes()}). */
    static List<String> changes(Instance instance, Plan plan, Plan replanned) {
        Map<String, Plan.Build> before = new HashMap<>();
        plan.builds().forEach(b -> before.put(b.facility(), b));
        Map<String, Plan.Build> after = new HashMap<>();
        replanned.builds().forEach(b -> after.put(b.facility(), b));
        List<String> changes = new ArrayList<>();
        List<String> facilities = new ArrayList<>();
        instance.mines().forEach(m -> facilities.add(m.id()));
        instance.refineries().forEach(r -> facilities.add(r.id()));
        for (String f : facilities) {
            Plan.Build a = before.get(f);
            Plan.Build b = after.get(f);
            if (b != null && (a == null || a.startYear() != b.startYear() || a.modules() != b.modules())) {
                changes.add("+" + f + " " + b.startYear() + (b.modules() == 1 ? "" : " x" + b.modules()));
            } else if (a != null && b == null) {
                changes.add("-" + f);
            }
        }
        Set<String> heldBefore = new HashSet<>();
        plan.contracts().stream().filter(Plan.ContractChoice::held).forEach(c -> heldBefore.add(c.id()));
        Set<String> heldAfter = new HashSet<>();
        replanned.contracts().stream().filter(Plan.ContractChoice::held).forEach(c -> heldAfter.add(c.id()));
        for (Contract k : instance.contracts()) {
            if (heldAfter.contains(k.id()) && !heldBefore.contains(k.id())) {
                changes.add("+" + k.id());
            } else if (heldBefore.contains(k.id()) && !heldAfter.contains(k.id())) {
                changes.add("-" + k.id());
            }
        }
        return changes;
    }

    private static CountryCut failed(Instance instance, String country, String status, String message) {
        return new CountryCut(country, Double.NaN, Double.NaN, Map.of(), Double.NaN, facilities(instance, country),
                status, message == null ? "" : message);
    }

    private static List<String> facilities(Instance instance, String country) {
        List<String> ids = new ArrayList<>();
        instance.mines().stream().filter(m -> m.country().equals(country)).map(Facility::id).forEach(ids::add);
        instance.refineries().stream().filter(r -> r.country().equals(country)).map(Facility::id).forEach(ids::add);
        return ids;
    }

    /** The objective and the expected shortfall read off the raw solution of a re-optimised model. */
    private static Reoptimised read(Planner.Outcome solved) {
        SolveResult result = solved.result();
        if (!result.hasSolution() || result.objective() == null) {
            return new Reoptimised(result, Double.NaN, Map.of(), Double.NaN, null, null);
        }
        Instance instance = solved.model().instance();
        double[] x = result.values();
        Map<BuyerElement, Double> byKey = new LinkedHashMap<>();
        for (SourcingModel.Shortfall q : solved.model().shortfalls()) {
            double tonnes = x[q.column()];
            if (tonnes <= 0) {
                continue;
            }
            BuyerElement key = new BuyerElement(instance.buyers().get(q.buyer()).id(),
                    instance.elements().get(q.element()).id());
            byKey.merge(key, instance.scenarios().get(q.scenario()).probability() * tonnes, Double::sum);
        }
        Map<BuyerElement, Double> sorted = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<BuyerElement, Double> e : byKey.entrySet().stream()
                .sorted(Map.Entry.<BuyerElement, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList()) {
            if (e.getValue() > 1e-6) {
                sorted.put(e.getKey(), e.getValue());
                total += e.getValue();
            }
        }
        return new Reoptimised(result, result.objective(), sorted, total, null, solved.plan());
    }

    /**
     * The plan must be a solved plan of this instance whose builds and contracts the model can
     * represent; otherwise an {@link IllegalArgumentException} says what does not fit.
     */
    static void check(Instance instance, Plan plan) {
        plan.requireFor(instance);
        if (!plan.status().hasSolution()) {
            throw new IllegalArgumentException("the plan has status " + plan.status() + ": no decisions to stress");
        }
        Set<String> contracts = new HashSet<>();
        instance.contracts().stream().map(Contract::id).forEach(contracts::add);
        for (Plan.ContractChoice c : plan.contracts()) {
            if (!contracts.contains(c.id())) {
                throw new IllegalArgumentException("the plan holds contract \"" + c.id()
                        + "\", which the instance does not have");
            }
        }
        // builds: SourcingModel.fixFirstStage says whether each can be represented (IllegalArgumentException)
    }
}

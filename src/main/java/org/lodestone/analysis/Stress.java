package org.lodestone.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
 * Dependency stress test of a plan: how much each country's facilities are worth to it.
 *
 * <p>The plan's first-stage decisions (builds and held contracts) are kept fixed. For each country
 * that hosts at least one mine or refinery, that country is cut off — a capacity factor 0 on the
 * country in every scenario and every year — and the flows are re-optimised (the model with every
 * integer fixed, i.e. a linear program). Each cut is compared with the <em>baseline</em>: the same
 * fixed first stage re-optimised without any cut (equal to the plan's objective when the plan is
 * optimal). Money is expected over scenarios and discounted to the start year, like the
 * objective; shortfall tonnes are expected over scenarios and summed over the horizon.
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
     */
    public record CountryCut(String country, double objective, double increase,
                             Map<BuyerElement, Double> shortfallByBuyerElement, double shortfall,
                             List<String> facilities, String status, String message) {
        public CountryCut {
            shortfallByBuyerElement = Collections.unmodifiableMap(new LinkedHashMap<>(shortfallByBuyerElement));
            facilities = List.copyOf(facilities);
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
     * @param cuts one entry per country hosting a facility, the most dangerous dependency (largest
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
                               String error) {
        static Reoptimised thrown(RuntimeException e) {
            return new Reoptimised(null, Double.NaN, Map.of(), Double.NaN, String.valueOf(e));
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
        Instance instance = InstanceReader.toInstance(tree);
        check(instance, plan);
        List<String> countries = hostCountries(instance);
        int total = countries.size() + 1;
        Consumer<SourcingModel> fixed = model -> Marginals.fixFirstStage(model, plan);
        Batch.Job baseline = new Batch.Job("the plan's flows re-optimised, nothing cut off", instance, fixed);
        Reoptimised base = Batch.solve(List.of(baseline), settings, 1, total, false, (job, o) -> read(o)).get(0);
        if (!base.result().hasSolution()) {
            throw new BaselineFailed("could not re-optimise the plan's flows without a cut: "
                    + base.result().termination() + " (" + base.result().message() + ")");
        }
        List<Batch.Job> jobs = new ArrayList<>();
        for (String country : countries) {
            jobs.add(new Batch.Job(country + " cut off", InstanceReader.toInstance(cutOff(tree, country)), fixed));
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
            cuts.add(cut(instance, countries.get(i), solved.get(i), base.objective()));
        }
        cuts.sort(Comparator.comparing((CountryCut c) -> !c.solved())
                .thenComparing(c -> c.solved() ? -c.increase() : 0)
                .thenComparing(CountryCut::country));
        return new Result(base.objective(), cuts, base.total());
    }

    /** Countries hosting at least one mine or refinery, in the instance's order of countries. */
    public static List<String> hostCountries(Instance instance) {
        Set<String> hosts = new HashSet<>();
        instance.mines().forEach(m -> hosts.add(m.country()));
        instance.refineries().forEach(r -> hosts.add(r.country()));
        return instance.countries().stream().map(Country::id).filter(hosts::contains).toList();
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

    private static CountryCut cut(Instance instance, String country, Reoptimised o, double baseline) {
        if (o.error() != null) {
            return failed(instance, country, "ERROR", o.error());
        }
        if (!o.result().hasSolution()) {
            return failed(instance, country, o.result().termination().name(), o.result().message());
        }
        return new CountryCut(country, o.objective(), o.objective() - baseline, o.shortfalls(), o.total(),
                facilities(instance, country), o.result().termination().name(), "");
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
            return new Reoptimised(result, Double.NaN, Map.of(), Double.NaN, null);
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
        return new Reoptimised(result, result.objective(), sorted, total, null);
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

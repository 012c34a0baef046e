package org.lodestone.saa;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lodestone.domain.Country;
import org.lodestone.domain.Disruption;
import org.lodestone.domain.Element;
import org.lodestone.domain.Horizon;
import org.lodestone.domain.Instance;

/**
 * Futures drawn from an instance's disruption model (models/instance-reference.md, "Disruption
 * model and sampled scenarios"): each event, in each year it is not already running, starts with
 * its annual probability and then runs its number of years (cut at the horizon); a sampled
 * scenario carries the effects of the events over their running years and is revealed in the
 * first year any event runs (never, i.e. the year after the horizon, when none does).
 *
 * <p>Sample {@code k} (0-based; scenario id {@code sample-(k+1)}) depends only on the seed and k:
 * its draws come from a generator seeded with a hash of both, so any sample can be drawn alone,
 * on any machine, in any order, with the same result.
 */
public final class Sampler {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Instance instance;
    private final long seed;

    public Sampler(Instance instance, long seed) {
        this.instance = instance;
        this.seed = seed;
    }

    /** The scenario id of sample k (0-based). */
    public static String id(long k) {
        return "sample-" + (k + 1);
    }

    /** One event's run: it starts in {@code from} and runs to {@code to}, both within the horizon. */
    public record Run(Disruption disruption, int from, int to) {
        /** The event's id. */
        public String event() {
            return disruption.id();
        }
    }

    /** The runs of every event in sample k, in event order, then by year. */
    public List<Run> runs(long k) {
        SplittableRandom random = new SplittableRandom(mix(seed, k));
        Horizon horizon = instance.horizon();
        List<Run> runs = new ArrayList<>();
        for (Disruption event : instance.disruptions()) {
            int year = horizon.start();
            while (year <= horizon.last()) {
                // one draw per year the event is not running, always, so that the draws of later
                // years do not depend on earlier outcomes' lengths more than the rule says
                if (random.nextDouble() < event.annualProbability()) {
                    int to = Math.min(horizon.last(), year + event.years() - 1);
                    runs.add(new Run(event, year, to));
                    year = to + 1;
                } else {
                    year++;
                }
            }
        }
        return runs;
    }

    /** Sample k as a scenario of the instance file's form, with the given probability. */
    public ObjectNode scenario(long k, double probability) {
        List<Run> runs = runs(k);
        ObjectNode scenario = JSON.objectNode().put("id", id(k)).put("probability", probability);
        int reveal = instance.horizon().start() + instance.horizon().years();
        ArrayNode capacity = JSON.arrayNode();
        ArrayNode cost = JSON.arrayNode();
        ArrayNode prices = JSON.arrayNode();
        ArrayNode controls = JSON.arrayNode();
        for (Run run : runs) {
            Disruption event = run.disruption();
            reveal = Math.min(reveal, run.from());
            event.capacityFactor().ifPresent(f -> capacity.add(facilityFactor(event, f, run)));
            event.costFactor().ifPresent(f -> cost.add(facilityFactor(event, f, run)));
            for (Element element : instance.elements()) {
                Double factor = event.priceFactors().get(element.id());
                if (factor != null) {
                    prices.add(years(JSON.objectNode().put("element", element.id()).put("factor", factor), run));
                }
            }
            event.exportControl().ifPresent(c -> controls.add(exportControl(event, c, run)));
        }
        scenario.put("revealYear", reveal);
        putIfAny(scenario, "capacityFactors", capacity);
        putIfAny(scenario, "costFactors", cost);
        putIfAny(scenario, "priceFactors", prices);
        putIfAny(scenario, "exportControls", controls);
        return scenario;
    }

    /** Samples first … first+n−1 as the scenarios of an instance, each with probability 1/n. */
    public ArrayNode scenarios(long first, int n) {
        ArrayNode scenarios = JSON.arrayNode();
        for (long k = first; k < first + n; k++) {
            scenarios.add(scenario(k, 1.0 / n));
        }
        return scenarios;
    }

    /**
     * The instance file {@code tree} with its listed scenarios replaced by samples first …
     * first+n−1 (a copy; {@code tree} is not changed). The disruption model stays in the file.
     */
    public JsonNode sampled(JsonNode tree, long first, int n) {
        ObjectNode copy = ((ObjectNode) tree).deepCopy();
        copy.set("scenarios", scenarios(first, n));
        return copy;
    }

    private static ObjectNode facilityFactor(Disruption event, double factor, Run run) {
        ObjectNode entry = JSON.objectNode();
        event.country().ifPresent(c -> entry.put("country", c));
        event.facility().ifPresent(f -> entry.put("facility", f));
        return years(entry.put("factor", factor), run);
    }

    private ObjectNode exportControl(Disruption event, Disruption.Control control, Run run) {
        ObjectNode entry = JSON.objectNode().put("country", event.country().orElseThrow())
                .put("stage", control.stage().name().toLowerCase(java.util.Locale.ROOT));
        control.elements().ifPresent(set -> {
            ArrayNode elements = entry.putArray("elements");
            instance.elements().stream().map(Element::id).filter(set::contains).forEach(elements::add);
        });
        years(entry, run);
        if (!control.allowedDestinations().isEmpty()) {
            ArrayNode allowed = entry.putArray("allowedDestinations");
            instance.countries().stream().map(Country::id).filter(control.allowedDestinations()::contains)
                    .forEach(allowed::add);
        }
        return entry;
    }

    private static ObjectNode years(ObjectNode entry, Run run) {
        return entry.put("fromYear", run.from()).put("toYear", run.to());
    }

    private static void putIfAny(ObjectNode scenario, String field, ArrayNode entries) {
        if (!entries.isEmpty()) {
            scenario.set(field, entries);
        }
    }

    /** SplitMix64's finaliser over seed and index: well-spread, independent generator seeds per sample. */
    static long mix(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + (k + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

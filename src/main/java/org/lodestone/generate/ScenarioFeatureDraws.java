package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;
import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What model version 2 adds to the scenarios {@link ScenarioDraws} drew: build delays, market
 * price factors that follow the scenario's shocks, and reveal years. Each reads the scenarios as
 * written and adds its field at their end, drawing from its feature's own stream; the first
 * scenario ("central") has no shock and gets none of them but its reveal year.
 */
final class ScenarioFeatureDraws {
    /** The lists of a scenario that must not apply before its reveal year (instance-reference.md Rule 13). */
    private static final List<String> HIDDEN_UNTIL_REVEALED =
            List.of("capacityFactors", "costFactors", "demandFactors", "exportControls", "priceFactors");

    private final Generation generation;
    private final ArrayNode scenarios;

    ScenarioFeatureDraws(Generation generation, ArrayNode scenarios) {
        this.generation = generation;
        this.scenarios = scenarios;
    }

    /**
     * Build delays (§7.8) in about half the shocked scenarios, at least one: a project 1–3 years
     * late (half of them), every project of one country 1–2 years late (three in ten: permits,
     * unrest), or every project a year late (the rest: equipment shortage).
     */
    void buildDelays() {
        RandomDraws random = generation.random(Feature.BUILD_DELAYS);
        List<DrawnFacility> projects = generation.projects();
        boolean any = false;
        for (int s = 1; s < scenarios.size(); s++) {
            if (!random.chanceOrLastResort(0.5, s == scenarios.size() - 1, any)) {
                continue;
            }
            ObjectNode delay = ((ObjectNode) scenarios.get(s)).putArray("buildDelays").addObject();
            double kind = random.fraction();
            if (kind < 0.5) {
                delay.put("facility", random.pick(projects).id);
                delay.put("years", random.between(1, 3));
            } else if (kind < 0.8) {
                delay.put("country", random.pick(projects).country.id());
                delay.put("years", random.between(1, 2));
            } else {
                delay.put("years", 1);
            }
            any = true;
        }
    }

    /**
     * Market prices (§7.6) that move with the shocks: a Chinese cost factor below 1 (a price
     * flood) brings NdPr or every price down to 50–80 % over the same years; a Chinese export
     * control raises the controlled elements to 130–200 % (every element to 120–160 % when it
     * controls all of them). A scenario without either moves one price to 80–130 % a quarter of
     * the time; at least one scenario has a price factor.
     */
    void priceFactors() {
        RandomDraws random = generation.random(Feature.PRICE_FACTORS);
        String ndpr = generation.elements.get(0).id();
        boolean any = false;
        for (int s = 1; s < scenarios.size(); s++) {
            ObjectNode scenario = (ObjectNode) scenarios.get(s);
            ArrayNode factors = scenario.arrayNode();
            for (JsonNode cost : list(scenario, "costFactors")) {
                if (cost.path("country").asText().equals("CN") && cost.get("factor").doubleValue() < 1) {
                    ObjectNode factor = factors.addObject();
                    if (random.chance(0.6)) {
                        factor.put("element", ndpr);
                    }
                    factor.set("factor", jsonNumber(quantise(random.uniform(0.5, 0.8), 0.01)));
                    sameYears(cost, factor);
                }
            }
            for (JsonNode control : list(scenario, "exportControls")) {
                if (!control.get("country").asText().equals("CN")) {
                    continue;
                }
                if (control.has("elements")) {
                    for (JsonNode element : control.get("elements")) {
                        ObjectNode factor = factors.addObject();
                        factor.put("element", element.asText());
                        factor.set("factor", jsonNumber(quantise(random.uniform(1.3, 2.0), 0.01)));
                        sameYears(control, factor);
                    }
                } else {
                    ObjectNode factor = factors.addObject();
                    factor.set("factor", jsonNumber(quantise(random.uniform(1.2, 1.6), 0.01)));
                    sameYears(control, factor);
                }
            }
            if (factors.isEmpty() && random.chanceOrLastResort(0.25, s == scenarios.size() - 1, any)) {
                ObjectNode factor = factors.addObject();
                factor.put("element", random.pick(generation.elements).id());
                factor.set("factor", jsonNumber(quantise(random.uniform(0.8, 1.3), 0.01)));
                int from = START + random.between(0, generation.years - 1);
                factor.put("fromYear", from);
                if (random.chance(0.5)) {
                    factor.put("toYear", from + random.between(0, 2));
                }
            }
            if (!factors.isEmpty()) {
                scenario.set("priceFactors", factors);
                any = true;
            }
        }
    }

    /**
     * Reveal years (Rule 13), on every scenario as the rule asks. Central never happens, so it is
     * never told apart: revealed after the last year. A shocked scenario is revealed in the first
     * year one of its shocks applies, a year earlier three times in ten (a warning); if its shocks
     * start with the horizon, its reveal year is drawn 1–2 years in and the shocks that would
     * apply before it are moved to start then, their length kept. Call after the other scenario
     * features: price factors must not apply before the reveal year either.
     */
    void revealYears() {
        RandomDraws random = generation.random(Feature.REVEAL_YEARS);
        int never = START + generation.years;
        ((ObjectNode) scenarios.get(0)).put("revealYear", never);
        for (int s = 1; s < scenarios.size(); s++) {
            ObjectNode scenario = (ObjectNode) scenarios.get(s);
            int first = never;
            for (String name : HIDDEN_UNTIL_REVEALED) {
                for (JsonNode entry : list(scenario, name)) {
                    if (start(entry) <= end(entry)) {
                        first = Math.min(first, start(entry));
                    }
                }
            }
            int reveal = first;
            if (first > START && first < never) {
                reveal = Math.max(START, first - (random.chance(0.3) ? 1 : 0));
            } else if (first == START && generation.years > 1) {
                reveal = START + random.between(1, Math.min(2, generation.years - 1));
                for (String name : HIDDEN_UNTIL_REVEALED) {
                    for (JsonNode entry : list(scenario, name)) {
                        if (start(entry) < reveal && start(entry) <= end(entry)) {
                            postpone((ObjectNode) entry, reveal);
                        }
                    }
                }
            }
            scenario.put("revealYear", reveal);
        }
    }

    /** Moves an entry to start in {@code year}, its toYear (when written) as many years later. */
    private static void postpone(ObjectNode entry, int year) {
        int shift = year - start(entry);
        JsonNode to = entry.remove("toYear"); // put back after fromYear, where a reader looks for it
        entry.put("fromYear", year);
        if (to != null) {
            entry.put("toYear", to.intValue() + shift);
        }
    }

    /** The first year of an entry's range cut to the horizon. */
    private static int start(JsonNode entry) {
        return Math.max(START, entry.path("fromYear").asInt(START));
    }

    /** The last year of an entry's range cut to the horizon. */
    private int end(JsonNode entry) {
        return Math.min(generation.lastYear, entry.path("toYear").asInt(generation.lastYear));
    }

    private static void sameYears(JsonNode from, ObjectNode to) {
        for (String field : List.of("fromYear", "toYear")) {
            if (from.has(field)) {
                to.put(field, from.get(field).intValue());
            }
        }
    }

    /** The entries of one list of a scenario, none when it has no such list. */
    private static List<JsonNode> list(JsonNode scenario, String name) {
        List<JsonNode> entries = new ArrayList<>();
        scenario.path(name).forEach(entries::add);
        return entries;
    }
}

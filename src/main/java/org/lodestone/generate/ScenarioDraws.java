package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;
import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scenarios: "central" without factors, then shocks. Each kind of shock is given to at least one
 * scenario, more at random; a shock is what a scenario changes, each written by its own method.
 */
final class ScenarioDraws {
    /** What a scenario changes, in the order a scenario lists them. */
    enum Shock {
        CAPACITY("supply-disruption"), COST("price-flood"), DEMAND("demand-surge"), EXPORT("export-ban");

        /** Names the scenario whose first shock this is: s2-supply-disruption. */
        final String label;

        Shock(String label) {
            this.label = label;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Generation generation;
    private final RandomDraws random;

    ScenarioDraws(Generation generation) {
        this.generation = generation;
        this.random = generation.random;
    }

    /**
     * The scenarios, at least two. Probabilities are whole thousandths (millionths beyond 100
     * scenarios), the last one taking what the others leave.
     */
    ArrayNode scenarios() {
        int count = generation.spec.scenarios();
        int shocked = count - 1;
        List<Set<Shock>> shocks = drawShocks(shocked);
        long unit = count <= 100 ? 1000 : 1_000_000;
        long[] probability = new long[count];
        probability[0] = Math.round(random.uniform(0.4, 0.6) * unit);
        double[] weights = new double[shocked];
        double weightSum = 0;
        for (int i = 0; i < shocked; i++) {
            weights[i] = random.uniform(0.5, 1.5);
            weightSum += weights[i];
        }
        long left = unit - probability[0];
        long given = 0;
        for (int i = 0; i < shocked; i++) {
            if (i == shocked - 1) {
                probability[i + 1] = left - given;
            } else {
                probability[i + 1] = Math.max(1, (long) Math.floor(left * weights[i] / weightSum));
                given += probability[i + 1];
            }
        }
        ArrayNode out = NODES.arrayNode();
        ObjectNode central = out.addObject();
        central.put("id", "central");
        central.set("probability", jsonNumber((double) probability[0] / unit));
        for (int i = 0; i < shocked; i++) {
            Set<Shock> scenarioShocks = shocks.get(i);
            ObjectNode scenario = out.addObject();
            scenario.put("id", "s" + (i + 2) + "-" + scenarioShocks.iterator().next().label);
            scenario.set("probability", jsonNumber((double) probability[i + 1] / unit));
            if (scenarioShocks.contains(Shock.CAPACITY)) {
                scenario.set("capacityFactors", oneOrTwoFactors(this::capacityFactor));
            }
            if (scenarioShocks.contains(Shock.COST)) {
                scenario.set("costFactors", oneOrTwoFactors(this::costFactor));
            }
            if (scenarioShocks.contains(Shock.DEMAND)) {
                scenario.set("demandFactors", oneOrTwoFactors(this::demandFactor));
            }
            if (scenarioShocks.contains(Shock.EXPORT)) {
                scenario.set("exportControls", exportControls());
            }
        }
        return out;
    }

    /** The shocks of each scenario but central: every kind somewhere, each also at random, none empty. */
    private List<Set<Shock>> drawShocks(int shocked) {
        List<Set<Shock>> shocks = new ArrayList<>();
        for (int i = 0; i < shocked; i++) {
            shocks.add(new TreeSet<>());
        }
        for (Shock shock : Shock.values()) {
            shocks.get(shock.ordinal() % shocked).add(shock);
        }
        for (Set<Shock> scenarioShocks : shocks) {
            for (Shock shock : Shock.values()) {
                if (random.chance(0.2)) {
                    scenarioShocks.add(shock);
                }
            }
            if (scenarioShocks.isEmpty()) {
                scenarioShocks.add(Shock.values()[random.index(Shock.values().length)]);
            }
        }
        return shocks;
    }

    /** fromYear (and sometimes toYear) of a factor or control, within the horizon. */
    private void window(ObjectNode node, double fromProbability, double toProbability) {
        int from = START;
        if (random.chance(fromProbability)) {
            from = generation.yearIn(0, generation.years - 1);
            node.put("fromYear", from);
        }
        if (random.chance(toProbability)) {
            node.put("toYear", from + random.between(0, 2));
        }
    }

    /** Writes one factor into {@code factor}; {@code kind}, uniform in [0, 1), picks what kind of factor. */
    private interface FactorDraw {
        void draw(ObjectNode factor, double kind);
    }

    /** One or two factors of a scenario (capacity, cost, demand), each drawn by {@code factorDraw}. */
    private ArrayNode oneOrTwoFactors(FactorDraw factorDraw) {
        ArrayNode out = NODES.arrayNode();
        int count = random.between(1, 2);
        for (int i = 0; i < count; i++) {
            factorDraw.draw(out.addObject(), random.fraction());
        }
        return out;
    }

    private void capacityFactor(ObjectNode factor, double kind) {
        if (kind < 0.45) { // an outage at one facility
            List<DrawnFacility> producing =
                    generation.facilities().stream().filter(DrawnFacility::hasCapacity).toList();
            factor.put("facility", random.pick(producing.isEmpty() ? generation.facilities() : producing).id);
            factor.set("factor", jsonNumber(random.chance(0.6) ? 0 : quantise(random.uniform(0.3, 0.7), 0.01)));
            window(factor, 0.7, 0.5);
        } else if (kind < 0.8) { // unrest in a risky producing country
            List<String> risky = new ArrayList<>();
            for (DrawnFacility facility : generation.facilities()) {
                if (facility.country.risk() >= 0.3 && !risky.contains(facility.country.id())) {
                    risky.add(facility.country.id());
                }
            }
            factor.put("country", risky.isEmpty() ? "CN" : random.pick(risky));
            factor.set("factor", jsonNumber(quantise(random.uniform(0.2, 0.6), 0.01)));
            window(factor, 0.5, 0.3);
        } else { // everywhere: energy or weather, or a faster ramp-up
            factor.set("factor", jsonNumber(quantise(
                    random.chance(0.6) ? random.uniform(0.85, 0.97) : random.uniform(1.05, 1.2), 0.001)));
            window(factor, 0.3, 0.5);
        }
    }

    private void costFactor(ObjectNode factor, double kind) {
        if (kind < 0.5) { // a price flood: Chinese concentrate and tolling below cost
            factor.put("country", "CN");
            factor.set("factor", jsonNumber(quantise(random.uniform(0.6, 0.85), 0.001)));
            window(factor, 0.4, 0.3);
        } else if (kind < 0.8) { // input-cost inflation everywhere
            factor.set("factor", jsonNumber(quantise(random.uniform(1.1, 1.3), 0.001)));
            window(factor, 0.6, 0.2);
        } else {
            factor.put("facility", random.pick(generation.facilities()).id);
            factor.set("factor", jsonNumber(quantise(random.uniform(1.15, 1.5), 0.001)));
            window(factor, 0.3, 0.3);
        }
    }

    private void demandFactor(ObjectNode factor, double kind) {
        List<DrawnElement> elements = generation.elements;
        if (kind < 0.4) { // an EV or wind boom on one element
            factor.put("element", elements.get(random.chance(0.6) ? 0 : random.index(elements.size())).id());
            factor.set("factor", jsonNumber(quantise(random.uniform(1.1, 1.4), 0.001)));
            window(factor, 0.7, 0.2);
        } else if (kind < 0.65) { // one buyer scales down
            factor.put("buyer", random.pick(generation.buyerIds));
            factor.set("factor", jsonNumber(quantise(random.uniform(0.7, 0.95), 0.001)));
            window(factor, 0.4, 0.3);
        } else if (kind < 0.85) { // one buyer's programme on one element
            int buyer = random.index(generation.buyerNodes.size());
            List<String> demanded = new ArrayList<>();
            for (Map.Entry<String, JsonNode> demand : generation.buyerNodes.get(buyer).get("demand").properties()) {
                demanded.add(demand.getKey());
            }
            factor.put("buyer", generation.buyerIds.get(buyer));
            factor.put("element", random.pick(demanded));
            factor.set("factor", jsonNumber(quantise(random.uniform(1.1, 1.5), 0.001)));
            window(factor, 0.5, 0.3);
        } else { // the whole market
            factor.set("factor", jsonNumber(quantise(random.uniform(0.85, 1.15), 0.001)));
            window(factor, 0.5, 0.3);
        }
    }

    /**
     * Three times in ten, lets a Chinese export control through to some buyer countries (each
     * with probability 0.3): {@code allowedDestinations}, when any is drawn.
     */
    static void allowSomeBuyerCountries(Generation generation, RandomDraws random, ObjectNode control) {
        if (random.chance(0.3)) {
            List<String> destinations = generation.buyerCountries();
            destinations.remove("CN");
            List<String> allowed = random.someOf(destinations, 0.3);
            if (!allowed.isEmpty()) {
                ArrayNode allowedNode = control.putArray("allowedDestinations");
                allowed.forEach(allowedNode::add);
            }
        }
    }

    private ArrayNode exportControls() {
        ArrayNode out = NODES.arrayNode();
        ObjectNode control = out.addObject();
        if (random.chance(0.75)) { // China stops exports
            control.put("country", "CN");
            if (random.chance(0.5)) {
                control.put("stage", "oxide");
                if (random.chance(0.5)) {
                    control.putArray("elements").add(generation.elements.get(0).id());
                }
            } // else both stages, every element
            window(control, 0.8, 0.3);
            allowSomeBuyerCountries(generation, random, control);
        } else { // another mining country bans raw-ore exports
            List<String> miningCountries = new ArrayList<>();
            for (DrawnFacility mine : generation.mines) {
                if (!miningCountries.contains(mine.country.id())) {
                    miningCountries.add(mine.country.id());
                }
            }
            control.put("country", random.pick(miningCountries));
            control.put("stage", "concentrate");
            window(control, 0.6, 0.3);
        }
        return out;
    }
}

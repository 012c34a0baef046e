package org.lodestone.generate;

import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;
import static org.lodestone.generate.Quantities.stepFor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Map;

/**
 * Stockpiles (instance-reference.md Rule 12): a defense buyer's strategic reserve of each element it demands
 * (each with probability 0.6, at least one per defense buyer), other buyers' safety stock of one
 * element a quarter of the time. Sizes are in years of the buyer's mean demand of that element;
 * the first buyer is always a defense buyer, so every instance has a stockpile. From the
 * {@link Feature#STOCKPILES} stream.
 */
final class StockpileDraws {
    private final Generation generation;
    private final RandomDraws random;

    StockpileDraws(Generation generation) {
        this.generation = generation;
        this.random = generation.random(Feature.STOCKPILES);
    }

    ArrayNode stockpiles() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (DrawnBuyer drawn : generation.buyers) {
            String buyer = drawn.id;
            Map<String, double[]> demand = drawn.demand;
            if (drawn.defense()) {
                boolean any = false;
                int e = 0;
                for (Map.Entry<String, double[]> element : demand.entrySet()) {
                    e++;
                    if (random.chanceOrLastResort(0.6, e == demand.size(), any)) {
                        stockpile(out.addObject(), buyer, element.getKey(), element.getValue(), true);
                        any = true;
                    }
                }
            } else if (random.chance(0.25)) {
                String element = random.pick(demand.keySet().stream().toList());
                stockpile(out.addObject(), buyer, element, demand.get(element), false);
            }
        }
        return out;
    }

    /**
     * A reserve holds 0.5–2 years of mean demand (safety stock 0.1–0.4), starts 10–60 % full,
     * and must end with 50–100 % of its initial level six times in ten; it costs 2–6 % of the
     * element's mean price per tonne-year (storage, insurance, capital tied up); half of them
     * fill at most 20–50 % and release at most 25–60 % of their capacity a year.
     */
    private void stockpile(ObjectNode node, String buyer, String element, double[] demand, boolean reserve) {
        double meanDemand = Arrays.stream(demand).average().orElse(0);
        double capacity = meanDemand * (reserve ? random.uniform(0.5, 2) : random.uniform(0.1, 0.4));
        double step = stepFor(capacity);
        capacity = quantise(capacity, step);
        // each figure rounded with the capacity's step, so that initial ≤ capacity and minFinal ≤ initial stay true
        double initial = quantise(capacity * random.uniform(0.1, 0.6), step);
        node.put("id", buyer + "-" + element + (reserve ? "-reserve" : "-stock"));
        node.put("buyer", buyer);
        node.put("element", element);
        node.set("capacity", jsonNumber(capacity));
        node.set("initial", jsonNumber(initial));
        if (random.chance(0.6)) {
            node.set("minFinal", jsonNumber(quantise(initial * random.uniform(0.5, 1), step)));
        }
        double price = generation.elements.get(generation.elementIndex(element)).meanPrice();
        double holding = price * random.uniform(0.02, 0.06);
        node.set("holdingCost", jsonNumber(quantise(holding, stepFor(holding))));
        if (random.chance(0.5)) {
            node.set("maxFill", jsonNumber(quantise(capacity * random.uniform(0.2, 0.5), step)));
        }
        if (random.chance(0.5)) {
            node.set("maxRelease", jsonNumber(quantise(capacity * random.uniform(0.25, 0.6), step)));
        }
    }
}

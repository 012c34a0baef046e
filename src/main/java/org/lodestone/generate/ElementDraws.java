package org.lodestone.generate;

import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;
import static org.lodestone.generate.Quantities.stepFor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

import org.lodestone.generate.Catalog.ElementKind;
import org.lodestone.generate.SeriesDraws.Series;

/** The elements: the real six of the catalogue in order, then E7, E8, ... with prices drawn log-uniformly. */
final class ElementDraws {
    private final Generation generation;
    private final RandomDraws random;
    private final SeriesDraws series;

    ElementDraws(Generation generation) {
        this.generation = generation;
        this.random = generation.random;
        this.series = generation.series;
    }

    ArrayNode elements() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < generation.spec.elements(); i++) {
            ElementKind kind = i < Catalog.ELEMENTS.size() ? Catalog.ELEMENTS.get(i) : null;
            String id = kind != null ? kind.id() : "E" + (i + 1);
            double basePrice = kind != null ? random.uniform(kind.priceLow(), kind.priceHigh())
                    : Math.exp(random.uniform(Math.log(5000), Math.log(150000)));
            ObjectNode node = out.addObject();
            node.put("id", id);
            node.put("name", kind != null ? kind.name() : "element " + (i + 1) + " oxide");
            Series price = series.around(basePrice, random.uniform(-0.01, 0.04), 0.08, stepFor(basePrice), 1);
            node.set("price", price.node());
            double surplusShare = kind != null ? random.uniform(kind.surplusShareLow(), kind.surplusShareHigh())
                    : random.uniform(0.2, 0.4);
            if (random.chance(0.8)) {
                double surplusPrice = basePrice * surplusShare;
                node.set("surplusPrice", series.around(surplusPrice, random.uniform(-0.01, 0.03), 0.1,
                        stepFor(surplusPrice), 0).node());
            }
            if (random.chance(0.35)) {
                double penalty = random.uniform(4, 10) * Arrays.stream(price.values()).max().orElse(basePrice);
                node.set("shortfallPenalty", jsonNumber(quantise(penalty, stepFor(penalty))));
            }
            double growthRate = kind != null ? random.uniform(kind.growthLow(), kind.growthHigh())
                    : random.uniform(0, 0.04);
            generation.elements.add(new DrawnElement(id, price.values(), kind, growthRate));
        }
        return out;
    }
}

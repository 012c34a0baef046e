package org.lodestone.generate;

import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lodestone.generate.Catalog.CountryKind;

/**
 * The countries as written: the ones {@link Generation} chose from the catalogue, each with its
 * risk moved a little and its tags (an empty tag list sometimes written out).
 */
final class CountryDraws {
    private final Generation generation;
    private final RandomDraws random;

    CountryDraws(Generation generation) {
        this.generation = generation;
        this.random = generation.random;
    }

    ArrayNode countries() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (CountryKind country : generation.countries) {
            ObjectNode node = out.addObject();
            node.put("id", country.id());
            node.put("name", country.name());
            node.set("risk", jsonNumber(quantise(Math.max(0, Math.min(1, country.risk() + random.uniform(-0.03, 0.03))),
                    0.01)));
            if (!country.tags().isEmpty() || random.chance(0.3)) {
                ArrayNode tags = node.putArray("tags");
                country.tags().forEach(tags::add);
            }
        }
        return out;
    }
}

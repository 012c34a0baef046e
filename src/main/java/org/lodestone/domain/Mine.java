package org.lodestone.domain;

import java.util.Map;
import java.util.Optional;

/**
 * @param basket share of each element in the mine's REO; elements not listed are 0
 */
public record Mine(String id, String country, String oreType, Series capacity, Series cost,
                   Map<String, Double> basket, Optional<Expansion> expansion) implements Facility {
    public Mine {
        basket = Map.copyOf(basket);
    }

    public double share(String element) {
        return basket.getOrDefault(element, 0.0);
    }
}

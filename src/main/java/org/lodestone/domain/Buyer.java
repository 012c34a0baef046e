package org.lodestone.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A demand segment.
 *
 * @param shortfallPenalty buyer-level overrides of the element's penalty (USD/t)
 * @param maxCountryShare σ; empty when no cap is written
 */
public record Buyer(String id, String country, Map<String, Series> demand, Map<String, Double> shortfallPenalty,
                    Optional<Mandate> mandate, Optional<Double> maxCountryShare, List<Substitute> substitutes) {
    public Buyer {
        demand = Map.copyOf(demand);
        shortfallPenalty = Map.copyOf(shortfallPenalty);
        substitutes = List.copyOf(substitutes);
    }
}

package org.lodestone.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A separation plant.
 *
 * @param accepts ore types it can process; empty Optional means every ore type
 * @param recovery per-element recovery as written (without the {@code "*"} entry)
 * @param defaultRecovery the {@code "*"} entry, or 1
 */
public record Refinery(String id, String country, Optional<List<String>> accepts, Series capacity, Series cost,
                       Map<String, Double> recovery, double defaultRecovery,
                       Optional<Expansion> expansion) implements Facility {
    public Refinery {
        accepts = accepts.map(List::copyOf);
        recovery = Map.copyOf(recovery);
    }

    public boolean accepts(String oreType) {
        return accepts.map(list -> list.contains(oreType)).orElse(true);
    }

    public double recovery(String element) {
        return recovery.getOrDefault(element, defaultRecovery);
    }
}

package org.lodestone.domain;

import java.util.Optional;
import java.util.Set;

/**
 * @param elements oxide elements restricted; empty Optional means all elements
 */
public record ExportControl(String country, Stage stage, Optional<Set<String>> elements, YearRange years,
                            Set<String> allowedDestinations) {
    public ExportControl {
        elements = elements.map(Set::copyOf);
        allowedDestinations = Set.copyOf(allowedDestinations);
    }

    public enum Stage {
        CONCENTRATE, OXIDE, BOTH;

        public boolean concentrate() {
            return this != OXIDE;
        }

        public boolean oxide() {
            return this != CONCENTRATE;
        }
    }
}

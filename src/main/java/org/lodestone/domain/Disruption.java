package org.lodestone.domain;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An event of the disruption model (instance-reference.md §11), from which scenarios can be sampled. It
 * starts in a year with {@code annualProbability} and then runs {@code years} years, applying its
 * effects to the facilities it names (a country: every facility there; neither: all).
 *
 * @param priceFactors factor on the market price of each element listed, while it runs
 * @param exportControl an export control of the event's country while it runs
 */
public record Disruption(String id, Optional<String> country, Optional<String> facility, double annualProbability,
                         int years, Optional<Double> capacityFactor, Optional<Double> costFactor,
                         Map<String, Double> priceFactors, Optional<Control> exportControl) {
    public Disruption {
        priceFactors = Map.copyOf(priceFactors);
    }

    /**
     * What an export control of the event restricts; defaults applied.
     *
     * @param elements oxide elements restricted; empty Optional means all elements
     */
    public record Control(ExportControl.Stage stage, Optional<Set<String>> elements, Set<String> allowedDestinations) {
        public Control {
            elements = elements.map(Set::copyOf);
            allowedDestinations = Set.copyOf(allowedDestinations);
        }

        /** The export control this gives in {@code country} over {@code years}. */
        public ExportControl in(String country, YearRange years) {
            return new ExportControl(country, stage, elements, years, allowedDestinations);
        }
    }
}

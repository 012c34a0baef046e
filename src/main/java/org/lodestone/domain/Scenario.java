package org.lodestone.domain;

import java.util.List;
import java.util.Optional;

/**
 * A second-stage scenario.
 *
 * @param buildDelays extra years before builds come online in this scenario (instance-reference.md §7.8)
 * @param priceFactors factors on the market prices of elements (§7.6)
 * @param revealYear the year from which this scenario can be told apart from the others (Rule 13);
 *     empty when no scenario of the instance sets one (all revealed at the start, version 1)
 */
public record Scenario(String id, double probability, List<FacilityFactor> capacityFactors,
                       List<FacilityFactor> costFactors, List<DemandFactor> demandFactors,
                       List<ExportControl> exportControls, List<BuildDelay> buildDelays,
                       List<PriceFactor> priceFactors, Optional<Integer> revealYear) {
    public Scenario {
        capacityFactors = List.copyOf(capacityFactors);
        costFactors = List.copyOf(costFactors);
        demandFactors = List.copyOf(demandFactors);
        exportControls = List.copyOf(exportControls);
        buildDelays = List.copyOf(buildDelays);
        priceFactors = List.copyOf(priceFactors);
    }

    /** A version-1 scenario: no delays, market prices as written, revealed at the start. */
    public Scenario(String id, double probability, List<FacilityFactor> capacityFactors,
                    List<FacilityFactor> costFactors, List<DemandFactor> demandFactors,
                    List<ExportControl> exportControls) {
        this(id, probability, capacityFactors, costFactors, demandFactors, exportControls, List.of(), List.of(),
                Optional.empty());
    }

    /** D(s, f): the years by which builds of {@code facility} come online late, over all matching entries. */
    public int delay(Facility facility) {
        return buildDelays.stream().filter(d -> d.matches(facility)).mapToInt(BuildDelay::years).sum();
    }

    /** The product of the price factors that match {@code element} and are active in {@code year}. */
    public double priceFactor(String element, int year) {
        double product = 1;
        for (PriceFactor f : priceFactors) {
            if (f.element().map(element::equals).orElse(true) && f.years().contains(year)) {
                product *= f.factor();
            }
        }
        return product;
    }

    /** Matches one country's facilities, one facility, or (neither) all facilities. */
    public record FacilityFactor(Optional<String> country, Optional<String> facility, double factor,
                                 YearRange years) {}

    /** Matches the buyers and elements it names (either empty = all). */
    public record DemandFactor(Optional<String> buyer, Optional<String> element, double factor,
                               YearRange years) {}

    /** Builds of one country's facilities, of one facility, or (neither) of all come online {@code years} late. */
    public record BuildDelay(Optional<String> country, Optional<String> facility, int years) {
        public boolean matches(Facility f) {
            return country.map(f.country()::equals).orElse(true) && facility.map(f.id()::equals).orElse(true);
        }
    }

    /** Multiplies the market price of one element (empty = every element) while active. */
    public record PriceFactor(Optional<String> element, double factor, YearRange years) {}
}

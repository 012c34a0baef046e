package org.lodestone.domain;

import java.util.List;
import java.util.Optional;

public record Scenario(String id, double probability, List<FacilityFactor> capacityFactors,
                       List<FacilityFactor> costFactors, List<DemandFactor> demandFactors,
                       List<ExportControl> exportControls) {
    public Scenario {
        capacityFactors = List.copyOf(capacityFactors);
        costFactors = List.copyOf(costFactors);
        demandFactors = List.copyOf(demandFactors);
        exportControls = List.copyOf(exportControls);
    }

    /** Matches one country's facilities, one facility, or (neither) all facilities. */
    public record FacilityFactor(Optional<String> country, Optional<String> facility, double factor,
                                 YearRange years) {}

    /** Matches the buyers and elements it names (either empty = all). */
    public record DemandFactor(Optional<String> buyer, Optional<String> element, double factor,
                               YearRange years) {}
}

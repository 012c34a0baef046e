package org.lodestone.domain;

import java.util.Set;

/**
 * Mandated sourcing: compliant tonnes ≥ minShare × delivered tonnes, per year and element.
 *
 * @param mining whether the mining stage is checked
 * @param refining whether the refining stage is checked
 */
public record Mandate(Set<String> excludeCountries, Set<String> excludeTags, boolean mining, boolean refining,
                      Series minShare) {
    public Mandate {
        excludeCountries = Set.copyOf(excludeCountries);
        excludeTags = Set.copyOf(excludeTags);
    }

    /** Whether a stage that happened in {@code country} is allowed by this mandate. */
    public boolean allows(Country country) {
        return !excludeCountries.contains(country.id())
                && country.tags().stream().noneMatch(excludeTags::contains);
    }

    /**
     * M(b, y) of instance-reference.md Rule 6: the largest minShare in year index {@code t} or any later year, the
     * share that tonnes put into stock in t must meet so that stock cannot carry non-compliant oxide
     * past a tightening.
     */
    public double strictestShareFrom(int t) {
        double strictest = 0;
        for (int later = t; later < minShare.length(); later++) {
            strictest = Math.max(strictest, minShare.at(later));
        }
        return strictest;
    }
}

package org.lodestone.generate;

import java.util.Set;

/**
 * An export control of the instance as the reachable-supply estimate reads it: which stages it
 * stops, on which elements (null = all), in which years, and where it still lets goods go.
 */
record ExportRule(String country, boolean concentrate, boolean oxide, Set<String> elements, int fromYear,
                  int toYear, Set<String> allowedDestinations) {
    private boolean blocks(int year, String destination) {
        return year >= fromYear && year <= toYear && !destination.equals(country)
                && !allowedDestinations.contains(destination);
    }

    boolean blocksConcentrate(int year, String origin, String destination) {
        return concentrate && origin.equals(country) && blocks(year, destination);
    }

    boolean blocksOxide(int year, String origin, String element, String destination) {
        return oxide && origin.equals(country) && (elements == null || elements.contains(element))
                && blocks(year, destination);
    }
}

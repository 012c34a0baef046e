package org.lodestone.domain;

/**
 * A buildable project on a mine or refinery; defaults already applied. The start window
 * [earliestStart, latestStart] is as written and may reach outside the horizon.
 */
public record Expansion(double moduleSize, int maxModules, int leadTime, int earliestStart, int latestStart,
                        double capexFixed, double capexPerModule, double fixedOpexPerYear,
                        double requiresOfftake) {
    public boolean canStartIn(int year) {
        return year >= earliestStart && year <= latestStart;
    }
}

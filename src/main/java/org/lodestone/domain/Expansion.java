package org.lodestone.domain;

import java.util.List;

/**
 * A buildable project on a mine or refinery; defaults already applied. The start window
 * [earliestStart, latestStart] is as written and may reach outside the horizon.
 *
 * @param rampUp share of the nameplate capacity a build gives in its first, second, … year online
 *     (instance-reference.md Rule 10); the last value holds. [1] (the default) is version 1: full capacity at once.
 */
public record Expansion(double moduleSize, int maxModules, int leadTime, int earliestStart, int latestStart,
                        double capexFixed, double capexPerModule, double fixedOpexPerYear,
                        double requiresOfftake, List<Double> rampUp) {
    /** The default ramp-up: full capacity from the first year online. */
    public static final List<Double> NO_RAMP_UP = List.of(1.0);

    public Expansion {
        rampUp = List.copyOf(rampUp);
    }

    /** A version-1 expansion: full capacity from the first year online. */
    public Expansion(double moduleSize, int maxModules, int leadTime, int earliestStart, int latestStart,
                     double capexFixed, double capexPerModule, double fixedOpexPerYear, double requiresOfftake) {
        this(moduleSize, maxModules, leadTime, earliestStart, latestStart, capexFixed, capexPerModule,
                fixedOpexPerYear, requiresOfftake, NO_RAMP_UP);
    }

    public boolean canStartIn(int year) {
        return year >= earliestStart && year <= latestStart;
    }

    /**
     * Share of the nameplate capacity that a build gives {@code yearsOnline} years after its
     * online year (0 in that year itself): 0 before it is online, then rampUp[min(k, len − 1)].
     */
    public double rampUpShare(int yearsOnline) {
        return yearsOnline < 0 ? 0 : rampUp.get(Math.min(yearsOnline, rampUp.size() - 1));
    }

    /** Whether the ramp-up holds back any capacity (some share below 1), unlike version 1. */
    public boolean rampsUp() {
        return rampUp.stream().anyMatch(share -> share < 1);
    }
}

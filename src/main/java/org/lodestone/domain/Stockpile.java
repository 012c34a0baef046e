package org.lodestone.domain;

import java.util.Optional;

/**
 * A store of separated oxide of one element for one buyer (instance-reference.md Rule 12); defaults applied.
 *
 * @param maxFill largest tonnes put into stock per year; empty when unbounded
 * @param maxRelease largest tonnes taken out per year; empty when unbounded
 */
public record Stockpile(String id, String buyer, String element, double capacity, double initial,
                        double minFinal, double holdingCost, Optional<Double> maxFill,
                        Optional<Double> maxRelease) {}

package org.lodestone.domain;

/**
 * Offtake, take-or-pay.
 *
 * @param maxPerYear {@link Double#POSITIVE_INFINITY} when unbounded
 */
public record Contract(String id, String facility, boolean signed, YearRange window, double minPerYear,
                       double maxPerYear, double price, double signingCost) {}

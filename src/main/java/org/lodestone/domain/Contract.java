package org.lodestone.domain;

import java.util.Optional;

/**
 * Offtake, take-or-pay.
 *
 * @param maxPerYear {@link Double#POSITIVE_INFINITY} when unbounded
 * @param price the fixed price per tonne; {@link Double#NaN} when the contract is priced by
 *     {@code priceIndex} instead (instance-reference.md Rule 9: exactly one of the two is written)
 * @param priceIndex the market index the price follows, when it is not fixed
 * @param contingent whether the minimum is owed only as far as the facility can deliver (Rule 8)
 */
public record Contract(String id, String facility, boolean signed, YearRange window, double minPerYear,
                       double maxPerYear, double price, double signingCost, Optional<PriceIndex> priceIndex,
                       boolean contingent) {
    /** A version-1 contract: a fixed price, the minimum owed in every year of the window. */
    public Contract(String id, String facility, boolean signed, YearRange window, double minPerYear,
                    double maxPerYear, double price, double signingCost) {
        this(id, facility, signed, window, minPerYear, maxPerYear, price, signingCost, Optional.empty(), false);
    }

    /**
     * The price per tonne when the market price of the index's element is {@code marketPrice}
     * (ignored for a fixed price).
     */
    public double price(double marketPrice) {
        return priceIndex.map(index -> index.price(marketPrice)).orElse(price);
    }

    /**
     * A price that follows the market: clamp(share × market price of {@code element}, floor, cap).
     *
     * @param cap empty when there is no upper clamp
     */
    public record PriceIndex(String element, double share, double floor, Optional<Double> cap) {
        public double price(double marketPrice) {
            double indexed = Math.max(floor, share * marketPrice);
            return cap.map(c -> Math.min(c, indexed)).orElse(indexed);
        }
    }
}

package org.lodestone.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.lodestone.generate.Catalog.BuyerKind;

/** A buyer as drawn before its demand is set, and what of the reachable supply it can receive. */
final class DrawnBuyer {
    final BuyerKind kind;
    /** The country id. */
    final String country;
    /** Per element: whether the buyer uses it. */
    final boolean[] wants;
    /** Per element: the buyer's claim on the supply it can reach, relative to other buyers'. */
    final double[] claimWeight;
    /** The mandate as written, null for none. */
    ObjectNode mandate;
    /** Countries the mandate keeps out, at the mining and at the refining stage. */
    final Set<String> notMinedIn = new LinkedHashSet<>();
    final Set<String> notRefinedIn = new LinkedHashSet<>();
    /** The most one country may give of its supply; 1 for no cap. */
    double maxCountryShare = 1;

    /** Per element, mean tonnes a year it can receive under its mandate and cap (set by {@link ReachableSupply}). */
    double[] reachable;
    /** The same without the cap. */
    double[] reachableUncapped;
    /** The same without the mandate and the cap. */
    double[] reachableUnrestricted;

    /** The id, once written. */
    String id;
    /** Each element of its demand as written, with its value in each year (set when written). */
    final Map<String, double[]> demand = new LinkedHashMap<>();

    DrawnBuyer(BuyerKind kind, String country, int elements) {
        this.kind = kind;
        this.country = country;
        this.wants = new boolean[elements];
        this.claimWeight = new double[elements];
    }

    boolean defense() {
        return kind == BuyerKind.DEFENSE;
    }
}

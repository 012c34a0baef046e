package org.lodestone.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Set;

import org.lodestone.generate.Catalog.CountryKind;

/** A mine or refinery as drawn: what the demand, contracts and scenarios need to know of it. */
final class DrawnFacility {
    String id;
    CountryKind country;
    /** Mines only. */
    String oreType;
    /** Refineries only; null = every ore type. */
    Set<String> accepts;
    /** Existing capacity per year, 0 for a greenfield project. */
    double[] capacity;
    double[] cost;
    /** Mines only: the share of each element in the REO. */
    double[] basket;
    /** Refineries only: the recovery of each element. */
    double[] recovery;
    boolean greenfield;
    /** Of its expansion, if it has one. */
    double moduleSize;
    int maxModules;
    int leadTime;
    /** The earliest start year of its expansion within the horizon. */
    int earliestStart;
    /** The expansion's requiresOfftake, 0 for none. */
    double requiredOfftake;
    /** The facility as written; later draws add its expansion. */
    ObjectNode node;

    boolean hasCapacity() {
        return capacity != null && Arrays.stream(capacity).anyMatch(v -> v > 0);
    }

    double meanCapacity() {
        return capacity == null ? 0 : Arrays.stream(capacity).average().orElse(0);
    }

    double meanCost() {
        return Arrays.stream(cost).average().orElse(0);
    }
}

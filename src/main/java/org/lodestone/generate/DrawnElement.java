package org.lodestone.generate;

import java.util.Arrays;

import org.lodestone.generate.Catalog.ElementKind;

/** An element as drawn: its id, price per year, catalogue entry (null beyond the real six), demand growth rate. */
record DrawnElement(String id, double[] price, ElementKind kind, double growthRate) {
    double meanPrice() {
        return Arrays.stream(price).average().orElse(0);
    }

    double maxPrice() {
        return Arrays.stream(price).max().orElse(1);
    }
}

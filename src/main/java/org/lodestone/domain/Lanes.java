package org.lodestone.domain;

import java.util.List;

/** Freight in USD per tonne between countries. */
public record Lanes(double defaultCost, double domestic, List<Route> routes) {
    public Lanes {
        routes = List.copyOf(routes);
    }

    public static Lanes none() {
        return new Lanes(0, 0, List.of());
    }

    /** A route applies in both directions. */
    public record Route(String a, String b, double cost) {}
}

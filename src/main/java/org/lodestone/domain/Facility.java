package org.lodestone.domain;

import java.util.Optional;

/** A mine or a refinery: the two share one id namespace, contracts and scenario factors. */
public sealed interface Facility permits Mine, Refinery {
    String id();

    String country();

    /** Existing capacity (t REO per year). */
    Series capacity();

    /** Spot cost (USD per t REO). */
    Series cost();

    Optional<Expansion> expansion();
}

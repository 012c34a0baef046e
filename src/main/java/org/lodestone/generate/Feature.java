package org.lodestone.generate;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A feature of model version 2 (the (v2) fields of instance-reference.md) that the generator writes only when asked for. Each
 * draws from a random stream of its own ({@link RandomDraws#forFeature}), so that turning one on
 * leaves every version-1 draw and every other feature's draws as they were: an instance with and
 * without stockpiles differs only by its stockpiles.
 */
public enum Feature {
    /** {@code expansion.rampUp}: builds reach their nameplate capacity over a few years (Rule 10). */
    RAMP_UP("ramp-up"),
    /** {@code scenarios[].buildDelays}: builds come online late in some scenarios (§7.8). */
    BUILD_DELAYS("build-delays"),
    /** {@code scenarios[].priceFactors}: market prices move with the scenario's shocks (§7.6). */
    PRICE_FACTORS("price-factors"),
    /** {@code contracts[].priceIndex}: contract prices follow the market, with a floor (Rule 9). */
    INDEXED_CONTRACTS("indexed-contracts"),
    /** {@code contracts[].contingent}: offtakes owed only as far as the plant delivers (Rule 8). */
    CONTINGENT_CONTRACTS("contingent-contracts"),
    /** {@code stockpiles}: strategic reserves and safety stocks of buyers (Rule 12). */
    STOCKPILES("stockpiles"),
    /** {@code scenarios[].revealYear}: a scenario is known only from the year its shocks begin (Rule 13). */
    REVEAL_YEARS("reveal-years"),
    /** {@code riskAversion}: CVaR of the scenario costs in the objective (§10.6). */
    RISK_AVERSION("risk-aversion"),
    /** {@code disruptions}: the events scenarios can be sampled from (§11). */
    DISRUPTIONS("disruptions");

    private final String key;

    Feature(String key) {
        this.key = key;
    }

    /** The name on the command line and in generated instance names: {@code ramp-up}. */
    public String key() {
        return key;
    }

    /** The feature named {@code key}, if there is one. */
    public static Optional<Feature> ofKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    /** Every key, comma-separated, for help texts and messages. */
    public static String keys() {
        return Arrays.stream(values()).map(Feature::key).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return key;
    }
}

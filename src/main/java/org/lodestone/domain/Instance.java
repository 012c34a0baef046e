package org.lodestone.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A valid instance of the model (version 1 or 2) with every default resolved. Without written
 * scenarios, {@link #scenarios()} holds the single scenario "base" of probability 1.
 *
 * @param stockpiles stores of oxide for buyers (instance-reference.md Rule 12)
 * @param riskAversion CVaR in the objective (§10.6); empty for a risk-neutral objective
 * @param disruptions the disruption model scenarios can be sampled from (§11); no part of a solve
 */
public record Instance(String name, Optional<String> description, List<Source> sources, Horizon horizon,
                       double discountRate, double riskWeight, Optional<Double> riskBudget,
                       List<Element> elements, List<Country> countries, List<Mine> mines,
                       List<Refinery> refineries, List<Buyer> buyers, Lanes lanes, List<Tariff> tariffs,
                       List<ExportControl> exportControls, List<Contract> contracts,
                       List<Scenario> scenarios, List<Stockpile> stockpiles, Optional<RiskAversion> riskAversion,
                       List<Disruption> disruptions) {
    public Instance {
        sources = List.copyOf(sources);
        elements = List.copyOf(elements);
        countries = List.copyOf(countries);
        mines = List.copyOf(mines);
        refineries = List.copyOf(refineries);
        buyers = List.copyOf(buyers);
        tariffs = List.copyOf(tariffs);
        exportControls = List.copyOf(exportControls);
        contracts = List.copyOf(contracts);
        scenarios = List.copyOf(scenarios);
        stockpiles = List.copyOf(stockpiles);
        disruptions = List.copyOf(disruptions);
    }

    /** An instance without stockpiles, risk aversion or disruption model (all of version 1). */
    public Instance(String name, Optional<String> description, List<Source> sources, Horizon horizon,
                    double discountRate, double riskWeight, Optional<Double> riskBudget,
                    List<Element> elements, List<Country> countries, List<Mine> mines,
                    List<Refinery> refineries, List<Buyer> buyers, Lanes lanes, List<Tariff> tariffs,
                    List<ExportControl> exportControls, List<Contract> contracts, List<Scenario> scenarios) {
        this(name, description, sources, horizon, discountRate, riskWeight, riskBudget, elements, countries, mines,
                refineries, buyers, lanes, tariffs, exportControls, contracts, scenarios, List.of(),
                Optional.empty(), List.of());
    }

    /**
     * The features of model version 2 that give this instance another meaning than version 1
     * would, each named with where it is first used: {@code "rampUp (mines[0].expansion)"}. A
     * version-2 field that keeps the version-1 meaning (a ramp-up of [1], a delay of 0 years, a price
     * factor of 1, every revealYear at the start, risk aversion with alpha or weight 0, contingent
     * false) is not listed, and neither are {@code disruptions}, which play no part in a solve. Empty
     * for every version-1 instance.
     */
    public List<String> modelVersion2Features() {
        List<String> features = new ArrayList<>();
        Predicate<Facility> rampsUp = f -> f.expansion().map(Expansion::rampsUp).orElse(false);
        add(features, "rampUp", first("mines", mines, rampsUp).or(() -> first("refineries", refineries, rampsUp))
                .map(where -> where + ".expansion"));
        add(features, "buildDelays", first("scenarios", scenarios,
                s -> s.buildDelays().stream().anyMatch(d -> d.years() > 0)));
        add(features, "priceFactors", first("scenarios", scenarios,
                s -> s.priceFactors().stream().anyMatch(f -> f.factor() != 1)));
        add(features, "priceIndex", first("contracts", contracts, k -> k.priceIndex().isPresent()));
        add(features, "contingent", first("contracts", contracts, Contract::contingent));
        if (!stockpiles.isEmpty()) {
            features.add("stockpiles");
        }
        add(features, "revealYear", first("scenarios", scenarios,
                s -> s.revealYear().map(y -> y > horizon.start()).orElse(false)));
        if (riskAversion.map(RiskAversion::changesObjective).orElse(false)) {
            features.add("riskAversion");
        }
        return features;
    }

    private static void add(List<String> features, String feature, Optional<String> where) {
        where.ifPresent(w -> features.add(feature + " (" + w + ")"));
    }

    /** The path of the first entry of {@code list} that {@code uses} the feature, as in "scenarios[1]". */
    private static <T> Optional<String> first(String list, List<T> entries, Predicate<? super T> uses) {
        for (int i = 0; i < entries.size(); i++) {
            if (uses.test(entries.get(i))) {
                return Optional.of(list + "[" + i + "]");
            }
        }
        return Optional.empty();
    }
}

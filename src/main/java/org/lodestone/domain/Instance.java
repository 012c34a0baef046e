package org.lodestone.domain;

import java.util.List;
import java.util.Optional;

/**
 * A valid instance of model v1 with every default resolved. Without written scenarios,
 * {@link #scenarios()} holds the single scenario "base" of probability 1.
 */
public record Instance(String name, Optional<String> description, List<Source> sources, Horizon horizon,
                       double discountRate, double riskWeight, Optional<Double> riskBudget,
                       List<Element> elements, List<Country> countries, List<Mine> mines,
                       List<Refinery> refineries, List<Buyer> buyers, Lanes lanes, List<Tariff> tariffs,
                       List<ExportControl> exportControls, List<Contract> contracts,
                       List<Scenario> scenarios) {
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
    }
}

package org.lodestone;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Country;
import org.lodestone.domain.Element;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.ExportControl;
import org.lodestone.domain.Horizon;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Lanes;
import org.lodestone.domain.Mandate;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Series;
import org.lodestone.domain.Substitute;
import org.lodestone.domain.Tariff;
import org.lodestone.domain.YearRange;

/**
 * Small instances written in Java for tests, with the defaults of instance-reference.md §6 filled in the way
 * the instance reader resolves them. Shorthands cover the common cases; the full records can be
 * passed for anything else.
 */
public final class TestInstances {
    private TestInstances() {}

    /**
     * {@code --set} edits ({@code /a/b=JSON}, the last token {@code -} appending) that turn the valid
     * {@code instances/base.json} (3 years from 2026) into a valid instance using every field of
     * version 2 (the (v2) fields of instance-reference.md), so that each rule of version 2 can be broken by one more edit.
     */
    public static final List<String> VERSION_2_EDITS = List.of(
            "/schema=\"lodestone/2\"",
            "/mines/0/expansion/rampUp=[0.5, 1]",
            "/refineries/0/expansion/rampUp=[0.25, 0.75, 1]",
            "/contracts/-={\"id\": \"k3\", \"facility\": \"r1\", \"status\": \"optional\", \"minPerYear\": 200,"
                    + " \"priceIndex\": {\"element\": \"NdPr\", \"share\": 0.02, \"floor\": 1500, \"cap\": 2500},"
                    + " \"contingent\": true}",
            "/scenarios/0/probability=0.5",
            "/scenarios/0/revealYear=2029",
            "/scenarios/1/revealYear=2026",
            "/scenarios/1/buildDelays=[{\"country\": \"AU\", \"years\": 1}, {\"facility\": \"r1\", \"years\": 2}]",
            "/scenarios/1/priceFactors=[{\"factor\": 0.9}, {\"element\": \"NdPr\", \"factor\": 0.5, \"fromYear\": 2027}]",
            "/scenarios/-={\"id\": \"flood\", \"probability\": 0.25, \"revealYear\": 2028,"
                    + " \"costFactors\": [{\"country\": \"CN\", \"factor\": 0.6, \"fromYear\": 2028}],"
                    + " \"priceFactors\": [{\"element\": \"NdPr\", \"factor\": 0.5, \"fromYear\": 2028}]}",
            "/stockpiles=[{\"id\": \"reserve\", \"buyer\": \"b1\", \"element\": \"NdPr\", \"capacity\": 1000,"
                    + " \"initial\": 200, \"minFinal\": 100, \"holdingCost\": 500, \"maxFill\": 300, \"maxRelease\": 250},"
                    + " {\"id\": \"dy-stock\", \"buyer\": \"b1\", \"element\": \"Dy\", \"capacity\": 50}]",
            "/riskAversion={\"alpha\": 0.8, \"weight\": 0.3}",
            "/disruptions=[{\"id\": \"cn-ban\", \"country\": \"CN\", \"annualProbability\": 0.1, \"years\": 2,"
                    + " \"capacityFactor\": 0, \"costFactor\": 1.5, \"priceFactors\": {\"NdPr\": 1.8, \"Dy\": 2},"
                    + " \"exportControl\": {\"stage\": \"oxide\", \"elements\": [\"Dy\"], \"allowedDestinations\": [\"AU\"]}},"
                    + " {\"id\": \"m1-flood\", \"facility\": \"m1\", \"annualProbability\": 0.05, \"capacityFactor\": 0.5}]");

    public static Builder instance(String name, int start, int years) {
        return new Builder(name, start, years);
    }

    public static final class Builder {
        private final String name;
        private final Horizon horizon;
        private double discountRate;
        private double riskWeight;
        private Optional<Double> riskBudget = Optional.empty();
        private final List<Element> elements = new ArrayList<>();
        private final List<Country> countries = new ArrayList<>();
        private final List<Mine> mines = new ArrayList<>();
        private final List<Refinery> refineries = new ArrayList<>();
        private final List<Buyer> buyers = new ArrayList<>();
        private Lanes lanes = Lanes.none();
        private final List<Tariff> tariffs = new ArrayList<>();
        private final List<ExportControl> exportControls = new ArrayList<>();
        private final List<Contract> contracts = new ArrayList<>();
        private final List<Scenario> scenarios = new ArrayList<>();

        private Builder(String name, int start, int years) {
            this.name = name;
            this.horizon = new Horizon(start, years);
        }

        /** The same value every year. */
        public Series s(double value) {
            return Series.constant(value, horizon.years());
        }

        /** The whole horizon, as a year range with defaults resolved. */
        public YearRange all() {
            return new YearRange(horizon.start(), horizon.last());
        }

        public Builder discountRate(double rate) {
            discountRate = rate;
            return this;
        }

        public Builder riskWeight(double weight) {
            riskWeight = weight;
            return this;
        }

        public Builder riskBudget(double budget) {
            riskBudget = Optional.of(budget);
            return this;
        }

        /** An element with a constant price, no surplus price, penalty 10 × price. */
        public Builder element(String id, double price) {
            return element(id, price, 0);
        }

        public Builder element(String id, double price, double surplusPrice) {
            return element(new Element(id, id, s(price), s(surplusPrice), 10 * price));
        }

        public Builder element(Element e) {
            elements.add(e);
            return this;
        }

        public Builder country(String id, double risk, String... tags) {
            countries.add(new Country(id, id, risk, Set.of(tags)));
            return this;
        }

        /** A "standard" ore mine without expansion. */
        public Builder mine(String id, String country, double capacity, double cost, Map<String, Double> basket) {
            return mine(new Mine(id, country, "standard", s(capacity), s(cost), basket, Optional.empty()));
        }

        public Builder mine(Mine m) {
            mines.add(m);
            return this;
        }

        /** A refinery accepting every ore type, recovery 1, without expansion. */
        public Builder refinery(String id, String country, double capacity, double cost) {
            return refinery(new Refinery(id, country, Optional.empty(), s(capacity), s(cost), Map.of(), 1.0,
                    Optional.empty()));
        }

        public Builder refinery(Refinery r) {
            refineries.add(r);
            return this;
        }

        /** A buyer of one element, constant demand, no mandate, cap or substitutes. */
        public Builder buyer(String id, String country, String element, double demand) {
            return buyer(new Buyer(id, country, Map.of(element, s(demand)), Map.of(), Optional.empty(),
                    Optional.empty(), List.of()));
        }

        public Builder buyer(Buyer b) {
            buyers.add(b);
            return this;
        }

        public Builder lanes(double defaultCost, double domestic, Lanes.Route... routes) {
            lanes = new Lanes(defaultCost, domestic, List.of(routes));
            return this;
        }

        public Builder tariff(String from, String to, double rate) {
            tariffs.add(new Tariff(from, to, rate));
            return this;
        }

        public Builder exportControl(ExportControl c) {
            exportControls.add(c);
            return this;
        }

        public Builder contract(Contract k) {
            contracts.add(k);
            return this;
        }

        public Builder scenario(Scenario sc) {
            scenarios.add(sc);
            return this;
        }

        /** Without scenarios, the single scenario "base" of probability 1. */
        public Instance build() {
            List<Scenario> sc = scenarios.isEmpty() ? List.of(TestInstances.scenario("base", 1.0)) : scenarios;
            return new Instance(name, Optional.empty(), List.of(), horizon, discountRate, riskWeight, riskBudget,
                    elements, countries, mines, refineries, buyers, lanes, tariffs, exportControls, contracts, sc);
        }
    }

    /** A scenario without factors or export controls. */
    public static Scenario scenario(String id, double probability) {
        return new Scenario(id, probability, List.of(), List.of(), List.of(), List.of());
    }

    /** An expansion with start window = the given years, no capex, no opex, no offtake need. */
    public static Expansion expansion(double moduleSize, int maxModules, int leadTime, int earliestStart,
                                      int latestStart) {
        return new Expansion(moduleSize, maxModules, leadTime, earliestStart, latestStart, 0, 0, 0, 0);
    }

    /** A mandate on both stages with a constant minimum share. */
    public static Mandate mandate(Series minShare, Set<String> excludeCountries, Set<String> excludeTags) {
        return new Mandate(excludeCountries, excludeTags, true, true, minShare);
    }

    public static Substitute substitute(String element, double maxShare, double cost, int fromYear) {
        return new Substitute(element, maxShare, cost, fromYear);
    }
}

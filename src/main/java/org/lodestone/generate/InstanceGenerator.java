package org.lodestone.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.lodestone.validate.InstanceValidator;

/**
 * Random but realistic-looking instances of any size (instance-reference.md §6, and its version-2 fields when asked
 * for), for benchmarks and tests.
 *
 * <p>Figures are drawn around the public ones of the real instance (docs/sources.md): prices
 * (NdPr 60–100 k USD/t, Dy ~300 k, Tb ~1 M, La/Ce 1–2 k), ore baskets by ore type, capacities by
 * country, capex per tonne of yearly capacity. Every feature of the model appears when the sizes
 * allow it: the three series forms, mandates, country-share caps, substitutes, expansions with
 * bankability, signed and optional contracts, freight routes, tariffs, export controls of both
 * stages, and scenarios with capacity, cost and demand factors and export controls of their own.
 *
 * <p>Demand is set from the supply the existing mines and refineries can reach (a max-flow through
 * ore-type acceptance and the instance's concentrate export controls, year by year): each element's
 * total demand averages 60–85 % of what that flow separates, growing over the horizon, so an
 * instance is neither all shortfall nor trivially covered, and late years or hard scenarios make
 * builds and contracts worth considering.
 *
 * <p>The output depends only on the {@link GeneratorSpec}: one {@link SplittableRandom} seeded with
 * {@code seed}, drawn in a fixed order, and insertion-ordered JSON objects; {@link #toJson} prints
 * the tree the same way byte for byte. The files of {@code instances/generated/} are checked
 * against this (InstanceGeneratorTest).
 *
 * <p><b>Model version 2.</b> The {@link Feature}s of version 2 are written only when the spec
 * asks for them, each drawn from a stream of its own ({@link RandomDraws#forFeature}) after every
 * version-1 draw: without them an instance is byte for byte what it was before version 2 (schema
 * {@code lodestone/1}); with any of them the schema is {@code lodestone/2}.
 *
 * <p><b>Where things are.</b> {@link #generate} calls the parts below in the order of their draws,
 * then puts their JSON together in the order of instance-reference.md §2. Each part writes one piece of the
 * instance and records in {@link Generation} what later parts read.
 * <ul>
 *   <li>{@link Catalog}: countries, elements, ore baskets, routes, tariffs, buyer kinds (no randomness)
 *   <li>{@link RandomDraws}, {@link SeriesDraws}, {@link Quantities}: the random streams, yearly
 *       series in their three forms, rounding and JSON numbers
 *   <li>{@link ElementDraws}: elements, prices, surplus prices, penalties
 *   <li>{@link FacilityDraws}: mines and refineries, baskets, recoveries, expansion projects, ramp-ups
 *   <li>{@link TradeDraws}: freight lanes, tariffs, the instance's export controls
 *   <li>{@link ReachableSupply} with {@link MaxFlow}: the supply existing facilities can deliver to
 *       each buyer, which sizes demand and the risk budget (no randomness)
 *   <li>{@link BuyerDraws}: buyers, demand, mandates, caps, penalties, substitutes
 *   <li>{@link ContractDraws}: offtakes, signed and optional contracts; indexed prices, contingency
 *   <li>{@link ScenarioDraws}: scenarios and their shocks (capacity, cost, demand, export controls)
 *   <li>{@link ScenarioFeatureDraws}: build delays, price factors and reveal years of those scenarios
 *   <li>{@link ObjectiveDraws}: discount rate, risk weight, risk budget; CVaR risk aversion
 *   <li>{@link CountryDraws}: the countries' risks and tags
 *   <li>{@link StockpileDraws}: buyers' reserves and safety stocks
 *   <li>{@link DisruptionDraws}: the disruption model scenarios can be sampled from
 *   <li>{@link JsonPrinter}: the byte-stable printer
 * </ul>
 *
 * <p><b>Adding a feature.</b> Its draw goes in the part that writes the JSON it belongs to, or in
 * a new part called from {@link #generate}. Every draw from the main stream moves it for all later
 * ones, so a new feature is a {@link Feature} with a stream of its own and draws only when asked
 * for: without its option the instances stay byte for byte what they were.
 */
public final class InstanceGenerator {
    /** First planning year of every generated instance. */
    public static final int START = 2026;
    /** Largest count of any one kind the generator accepts (a guard against typos, not a model limit). */
    public static final int MAX_COUNT = 100_000;

    private InstanceGenerator() {}

    /**
     * The size of an instance to generate, the seed of its random draws, and the features of model
     * version 2 to write (none: a version-1 instance).
     */
    public record GeneratorSpec(int years, int mines, int refineries, int buyers, int elements, int scenarios,
                                long seed, Set<Feature> features) {
        public GeneratorSpec {
            List<String> problems = problems(years, mines, refineries, buyers, elements, scenarios);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            features = features.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(features));
        }

        /** A version-1 instance of these sizes. */
        public GeneratorSpec(int years, int mines, int refineries, int buyers, int elements, int scenarios,
                             long seed) {
            this(years, mines, refineries, buyers, elements, scenarios, seed, Set.of());
        }

        /** This spec with {@code features} instead of its own. */
        public GeneratorSpec withFeatures(Set<Feature> features) {
            return new GeneratorSpec(years, mines, refineries, buyers, elements, scenarios, seed, features);
        }

        public boolean has(Feature feature) {
            return features.contains(feature);
        }

        /** The sizes of {@code lodestone generate} without options. */
        public static GeneratorSpec defaults() {
            return new GeneratorSpec(10, 10, 5, 4, 6, 2, 1);
        }

        /** What is wrong with these sizes, one message per problem, each starting with the size's name. */
        public static List<String> problems(int years, int mines, int refineries, int buyers, int elements,
                                            int scenarios) {
            List<String> problems = new ArrayList<>();
            if (years < 1 || years > InstanceValidator.MAX_YEARS) {
                problems.add("years must be between 1 and " + InstanceValidator.MAX_YEARS + ", got " + years);
            }
            count(problems, "mines", mines);
            count(problems, "refineries", refineries);
            count(problems, "buyers", buyers);
            count(problems, "elements", elements);
            count(problems, "scenarios", scenarios);
            return problems;
        }

        private static void count(List<String> problems, String name, int count) {
            if (count < 1 || count > MAX_COUNT) {
                problems.add(name + " must be between 1 and " + MAX_COUNT + ", got " + count);
            }
        }

        /**
         * The instance name, e.g. {@code gen-y10-m60-r30-b20-e8-s4-seed1}; with every version-2
         * feature it ends in {@code -v2}, with some of them in their keys ({@code -seed1-ramp-up-stockpiles}).
         */
        public String name() {
            return "gen-y" + years + "-m" + mines + "-r" + refineries + "-b" + buyers + "-e" + elements
                    + "-s" + scenarios + "-seed" + seed + featureSuffix("-", "-v2", "-");
        }

        /** The generate options that ask for the features: {@code " --v2"}, {@code " --with ramp-up,stockpiles"}. */
        String featureOptions() {
            return featureSuffix(" --with ", " --v2", ",");
        }

        private String featureSuffix(String some, String all, String separator) {
            if (features.isEmpty()) {
                return "";
            }
            if (features.size() == Feature.values().length) {
                return all;
            }
            return some + features.stream().map(Feature::key).collect(Collectors.joining(separator));
        }

        /** {@link #name()} with {@code .json}. */
        public String fileName() {
            return name() + ".json";
        }
    }

    /**
     * The instance document for {@code spec}, fields in the order of instance-reference.md §2, then the
     * version-2 fields it asks for.
     */
    public static ObjectNode generate(GeneratorSpec spec) {
        Generation generation = new Generation(spec);
        // the parts in the order of their draws, which fixes every generated instance
        ArrayNode elements = new ElementDraws(generation).elements();
        FacilityDraws facilityDraws = new FacilityDraws(generation);
        ArrayNode mines = facilityDraws.mines();
        ArrayNode refineries = facilityDraws.refineries();
        TradeDraws tradeDraws = new TradeDraws(generation);
        ObjectNode lanes = tradeDraws.lanes();
        ArrayNode tariffs = tradeDraws.tariffs();
        ArrayNode exportControls = tradeDraws.exportControls();
        double[][][] shipments = ReachableSupply.shipments(generation);
        ArrayNode buyers = new BuyerDraws(generation).buyers(shipments);
        ContractDraws contractDraws = new ContractDraws(generation);
        ArrayNode contracts = contractDraws.contracts();
        ArrayNode scenarios = spec.scenarios() > 1 ? new ScenarioDraws(generation).scenarios() : null;

        ObjectNode root = header(spec);
        ObjectiveDraws objectiveDraws = new ObjectiveDraws(generation);
        objectiveDraws.settings(root, ReachableSupply.riskTonnes(generation, shipments));
        root.set("elements", elements);
        root.set("countries", new CountryDraws(generation).countries());
        root.set("mines", mines);
        root.set("refineries", refineries);
        root.set("buyers", buyers);
        root.set("lanes", lanes);
        root.set("tariffs", tariffs);
        root.set("exportControls", exportControls);
        root.set("contracts", contracts);
        if (scenarios != null) {
            root.set("scenarios", scenarios);
        }
        addModelVersion2(spec, generation, root, facilityDraws, contractDraws, objectiveDraws);
        return root;
    }

    /**
     * The features of model version 2 that {@code spec} asks for, added to the drawn instance.
     * They draw from streams of their own, after every version-1 draw, so that they change nothing
     * else. The scenario features need scenarios (two or more); the others are always written.
     */
    private static void addModelVersion2(GeneratorSpec spec, Generation generation, ObjectNode root,
                                         FacilityDraws facilityDraws, ContractDraws contractDraws,
                                         ObjectiveDraws objectiveDraws) {
        if (spec.has(Feature.RAMP_UP)) {
            facilityDraws.rampUps();
        }
        if (spec.has(Feature.INDEXED_CONTRACTS)) {
            contractDraws.indexPrices();
        }
        if (spec.has(Feature.CONTINGENT_CONTRACTS)) {
            contractDraws.makeContingent();
        }
        if (root.has("scenarios")) {
            ScenarioFeatureDraws scenarioDraws = new ScenarioFeatureDraws(generation, (ArrayNode) root.get("scenarios"));
            if (spec.has(Feature.BUILD_DELAYS)) {
                scenarioDraws.buildDelays();
            }
            if (spec.has(Feature.PRICE_FACTORS)) {
                scenarioDraws.priceFactors();
            }
            if (spec.has(Feature.REVEAL_YEARS)) { // last: it moves the shocks drawn above
                scenarioDraws.revealYears();
            }
        }
        if (spec.has(Feature.STOCKPILES)) {
            root.set("stockpiles", new StockpileDraws(generation).stockpiles());
        }
        if (spec.has(Feature.RISK_AVERSION)) {
            root.set("riskAversion", objectiveDraws.riskAversion());
        }
        if (spec.has(Feature.DISRUPTIONS)) {
            root.set("disruptions", new DisruptionDraws(generation).disruptions());
        }
    }

    /** Schema, name, description, sources and horizon: everything before the drawn fields. */
    private static ObjectNode header(GeneratorSpec spec) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        // version 1 stays "lodestone/1", so that the files generated before version 2 stay as they were
        root.put("schema", spec.features().isEmpty() ? "lodestone/1" : "lodestone/2");
        root.put("name", spec.name());
        root.put("description", String.format(Locale.ROOT,
                "Generated by lodestone generate --years %d --mines %d --refineries %d --buyers %d "
                        + "--elements %d --scenarios %d --seed %d%s. Random but realistic-looking: figures "
                        + "are drawn around public ones and are not a forecast.",
                spec.years(), spec.mines(), spec.refineries(), spec.buyers(), spec.elements(),
                spec.scenarios(), spec.seed(), spec.featureOptions()));
        ArrayNode sources = root.putArray("sources");
        sources.addObject().put("what", "ranges of prices, capacities, ore baskets, capex and risks, "
                + "widened and drawn at random").put("ref", "docs/sources.md");
        sources.addObject().put("what", "demand: 60-85 % of the supply existing facilities can reach, "
                + "growing over the horizon").put("ref", "org.lodestone.generate.InstanceGenerator");
        ObjectNode horizon = root.putObject("horizon");
        horizon.put("start", START);
        horizon.put("years", spec.years());
        return root;
    }

    /** {@link #generate} printed by {@link #toJson}. */
    public static String generateJson(GeneratorSpec spec) {
        return toJson(generate(spec));
    }

    /**
     * Pretty-prints a JSON tree: two-space indentation, one field per line, arrays of plain values
     * on one line, numbers in plain notation, a final newline (see {@link JsonPrinter}).
     */
    public static String toJson(JsonNode node) {
        return JsonPrinter.print(node);
    }
}

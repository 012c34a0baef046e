package org.lodestone.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.lodestone.validate.InstanceValidator;

/**
 * Random but realistic-looking instances of any size (model.md §1), for benchmarks and tests.
 *
 * <p>Figures are drawn around the public ones of {@code shared/data/rare-earth-facts.md}: prices
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
 * <p><b>Where things are.</b> {@link #generate} calls the parts below in the order of their draws,
 * then puts their JSON together in the order of model.md. Each part writes one piece of the
 * instance and records in {@link Generation} what later parts read.
 * <ul>
 *   <li>{@link Catalog}: countries, elements, ore baskets, routes, tariffs, buyer kinds (no randomness)
 *   <li>{@link RandomDraws}, {@link SeriesDraws}, {@link Quantities}: the random stream, yearly
 *       series in their three forms, rounding and JSON numbers
 *   <li>{@link ElementDraws}: elements, prices, surplus prices, penalties
 *   <li>{@link FacilityDraws}: mines and refineries, baskets, recoveries, expansion projects
 *   <li>{@link TradeDraws}: freight lanes, tariffs, the instance's export controls
 *   <li>{@link ReachableSupply} with {@link MaxFlow}: the supply existing facilities can deliver to
 *       each buyer, which sizes demand and the risk budget (no randomness)
 *   <li>{@link BuyerDraws}: buyers, demand, mandates, caps, penalties, substitutes
 *   <li>{@link ContractDraws}: offtakes, signed and optional contracts
 *   <li>{@link ScenarioDraws}: scenarios and their shocks (capacity, cost, demand, export controls)
 *   <li>{@link ObjectiveDraws}: discount rate, risk weight, risk budget
 *   <li>{@link CountryDraws}: the countries' risks and tags
 *   <li>{@link JsonPrinter}: the byte-stable printer
 * </ul>
 *
 * <p><b>Adding a feature.</b> Its draw goes in the part that writes the JSON it belongs to (a
 * ramp-up or build delay in {@link FacilityDraws#expansion}, indexed or contingent contracts in
 * {@link ContractDraws}, price factors, disruptions or reveal years in {@link ScenarioDraws},
 * CVaR in {@link ObjectiveDraws}, stockpiles as a new part called from {@link #generate}). Every
 * draw moves the stream for all later ones, so a new feature draws only when asked for: without
 * its option the instances stay byte for byte what they were.
 */
public final class InstanceGenerator {
    /** First planning year of every generated instance. */
    public static final int START = 2026;
    /** Largest count of any one kind the generator accepts (a guard against typos, not a model limit). */
    public static final int MAX_COUNT = 100_000;

    private InstanceGenerator() {}

    /** The size of an instance to generate, and the seed of its random draws. */
    public record GeneratorSpec(int years, int mines, int refineries, int buyers, int elements, int scenarios,
                                long seed) {
        public GeneratorSpec {
            List<String> problems = problems(years, mines, refineries, buyers, elements, scenarios);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
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

        /** The instance name, e.g. {@code gen-y10-m60-r30-b20-e8-s4-seed1}. */
        public String name() {
            return "gen-y" + years + "-m" + mines + "-r" + refineries + "-b" + buyers + "-e" + elements
                    + "-s" + scenarios + "-seed" + seed;
        }

        /** {@link #name()} with {@code .json}. */
        public String fileName() {
            return name() + ".json";
        }
    }

    /** The instance document for {@code spec}, fields in the order of model.md §1. */
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
        ArrayNode contracts = new ContractDraws(generation).contracts();
        ArrayNode scenarios = spec.scenarios() > 1 ? new ScenarioDraws(generation).scenarios() : null;

        ObjectNode root = header(spec);
        new ObjectiveDraws(generation).settings(root, ReachableSupply.riskTonnes(generation, shipments));
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
        return root;
    }

    /** Schema, name, description, sources and horizon: everything before the drawn fields. */
    private static ObjectNode header(GeneratorSpec spec) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schema", "lodestone/1");
        root.put("name", spec.name());
        root.put("description", String.format(Locale.ROOT,
                "Generated by lodestone generate --years %d --mines %d --refineries %d --buyers %d "
                        + "--elements %d --scenarios %d --seed %d. Random but realistic-looking: figures "
                        + "are drawn around public ones and are not a forecast.",
                spec.years(), spec.mines(), spec.refineries(), spec.buyers(), spec.elements(),
                spec.scenarios(), spec.seed()));
        ArrayNode sources = root.putArray("sources");
        sources.addObject().put("what", "ranges of prices, capacities, ore baskets, capex and risks, "
                + "widened and drawn at random").put("ref", "shared/data/rare-earth-facts.md");
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

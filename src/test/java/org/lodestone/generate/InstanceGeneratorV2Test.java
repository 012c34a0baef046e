package org.lodestone.generate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Stockpile;
import org.lodestone.generate.InstanceGenerator.GeneratorSpec;
import org.lodestone.generate.InstanceGeneratorTest.Run;
import org.lodestone.io.InstanceReader;
import org.lodestone.validate.InvalidInputException;

/** The generator's model-version-2 features: valid, present, reproducible, and apart from the version-1 draws. */
class InstanceGeneratorV2Test {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<Feature> ALL = EnumSet.allOf(Feature.class);

    /** The instance of {@code spec}, read and validated: fails with every problem the validator finds. */
    private static Instance valid(ObjectNode tree, String name) {
        try {
            return InstanceReader.toInstance(tree);
        } catch (InvalidInputException e) {
            return fail(name + ": the generated instance is invalid: " + e.problems());
        }
    }

    /** Many sizes (edge cases included: one year, one of everything, many scenarios) and seeds, every feature on. */
    static Stream<GeneratorSpec> sizesAndSeeds() {
        int[][] sizes = {
                {1, 1, 1, 1, 1, 1}, {1, 3, 2, 2, 3, 3}, {2, 3, 2, 1, 2, 2}, {3, 4, 2, 2, 3, 1}, {3, 2, 1, 3, 7, 3},
                {4, 5, 3, 3, 4, 5}, {2, 1, 2, 2, 3, 2}, {5, 6, 3, 4, 6, 2}, {10, 10, 5, 4, 6, 2},
                {10, 25, 12, 8, 6, 3}, {15, 20, 10, 12, 9, 12}, {30, 8, 4, 5, 6, 4}};
        List<GeneratorSpec> specs = new ArrayList<>();
        for (int[] s : sizes) {
            for (long seed = 1; seed <= 8; seed++) {
                specs.add(new GeneratorSpec(s[0], s[1], s[2], s[3], s[4], s[5], seed, ALL));
            }
        }
        return specs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizesAndSeeds")
    void everyVersion2InstanceIsValid(GeneratorSpec spec) {
        ObjectNode tree = InstanceGenerator.generate(spec);
        assertEquals("lodestone/2", tree.get("schema").asText());
        Instance instance = valid(tree, spec.name());
        assertEquals(spec.name(), instance.name());
        // what the version-2 rules of instance-reference.md ask beyond the validator's single fields, checked on the domain
        for (Stockpile p : instance.stockpiles()) {
            assertTrue(p.minFinal() <= p.initial() && p.initial() <= p.capacity(), p.toString());
        }
        if (spec.scenarios() > 1) {
            assertTrue(instance.scenarios().stream().allMatch(s -> s.revealYear().isPresent()), "all or nothing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Feature.class)
    void eachFeatureAloneGivesValidInstances(Feature feature) {
        for (long seed = 1; seed <= 6; seed++) {
            GeneratorSpec spec = new GeneratorSpec(6, 7, 4, 4, 6, 3, seed, Set.of(feature));
            ObjectNode tree = InstanceGenerator.generate(spec);
            valid(tree, spec.name());
            assertTrue(spec.name().endsWith("-seed" + seed + "-" + feature.key()), spec.name());
            assertTrue(tree.get("description").asText().contains("--seed " + seed + " --with " + feature.key() + "."),
                    tree.get("description").asText());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyFeatureOfModelVersion2Appears(long seed) {
        GeneratorSpec spec = new GeneratorSpec(6, 8, 4, 4, 7, 3, seed, ALL);
        ObjectNode tree = InstanceGenerator.generate(spec);
        Instance instance = valid(tree, spec.name());
        // every feature that changes the meaning of the instance, by the domain's own account
        List<String> features = instance.modelVersion2Features().stream().map(f -> f.split(" ")[0]).toList();
        assertEquals(List.of("rampUp", "buildDelays", "priceFactors", "priceIndex", "contingent", "stockpiles",
                "revealYear", "riskAversion"), features);
        List<JsonNode> contracts = list(tree.get("contracts"));
        List<JsonNode> scenarios = list(tree.get("scenarios"));
        assertAll(
                () -> assertTrue(contracts.stream().anyMatch(k -> k.has("priceIndex") && !k.has("price")
                        && k.get("priceIndex").get("floor").doubleValue() > 0), "an indexed contract with a floor"),
                () -> assertTrue(contracts.stream().anyMatch(k -> k.path("contingent").asBoolean()), "contingent"),
                () -> assertTrue(instance.stockpiles().stream().anyMatch(p -> p.buyer().contains("defense")),
                        "a defense reserve"),
                () -> assertEquals(InstanceGenerator.START + spec.years(),
                        (int) instance.scenarios().get(0).revealYear().orElseThrow(), "central is never revealed"),
                () -> assertTrue(instance.scenarios().stream().skip(1)
                        .anyMatch(s -> s.revealYear().orElseThrow() > InstanceGenerator.START), "a late reveal"),
                () -> assertTrue(instance.scenarios().stream().anyMatch(s -> s.buildDelays().stream()
                        .anyMatch(d -> d.years() > 0)), "a build delay"),
                () -> assertTrue(scenarios.stream().anyMatch(s -> s.has("priceFactors")), "price factors"),
                () -> assertTrue(instance.disruptions().stream().anyMatch(d -> d.exportControl().isPresent()),
                        "an export-control event"),
                () -> assertTrue(instance.disruptions().stream().anyMatch(d -> d.facility().isPresent()),
                        "an outage at one facility"));
    }

    /** A Chinese price flood comes with cheaper NdPr or cheaper everything, over the same years. */
    @Test
    void aPriceFloodLowersMarketPricesToo() {
        int floods = 0;
        for (long seed = 1; seed <= 10; seed++) {
            ObjectNode tree = InstanceGenerator.generate(
                    new GeneratorSpec(6, 8, 4, 4, 6, 4, seed, Set.of(Feature.PRICE_FACTORS)));
            Instance instance = valid(tree, "seed " + seed);
            for (Scenario s : instance.scenarios()) {
                for (Scenario.FacilityFactor cost : s.costFactors()) {
                    if (cost.country().equals(Optional.of("CN")) && cost.factor() < 1) {
                        floods++;
                        assertTrue(s.priceFactors().stream().anyMatch(p -> p.factor() < 1 && p.years().equals(cost.years())),
                                s.id() + " of seed " + seed);
                    }
                }
            }
        }
        assertTrue(floods > 0, "no price flood in ten seeds");
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 4L, 5L);
    }

    // ---------------------------------------------------------------- apart from version 1

    /**
     * The features that only add fields: without those fields the instance is the version-1 one
     * of the same sizes and seed, so no version-1 draw moved. (Indexed contracts replace a price
     * and reveal years move shocks; they are checked by {@link #eachFeatureDrawsFromItsOwnStream}.)
     */
    @Test
    void addedFeaturesLeaveTheVersion1DrawsAlone() {
        GeneratorSpec v1 = new GeneratorSpec(8, 9, 5, 5, 7, 4, 3);
        Set<Feature> additive = EnumSet.of(Feature.RAMP_UP, Feature.BUILD_DELAYS, Feature.PRICE_FACTORS,
                Feature.CONTINGENT_CONTRACTS, Feature.STOCKPILES, Feature.RISK_AVERSION, Feature.DISRUPTIONS);
        ObjectNode v2 = InstanceGenerator.generate(v1.withFeatures(additive));
        for (String field : List.of("stockpiles", "riskAversion", "disruptions")) {
            assertTrue(v2.has(field), field);
            v2.remove(field);
        }
        for (String list : List.of("mines", "refineries")) {
            v2.get(list).forEach(f -> {
                if (f.has("expansion")) {
                    ((ObjectNode) f.get("expansion")).remove("rampUp");
                }
            });
        }
        v2.get("contracts").forEach(k -> ((ObjectNode) k).remove("contingent"));
        v2.get("scenarios").forEach(s -> ((ObjectNode) s).remove(List.of("buildDelays", "priceFactors")));
        ObjectNode expected = InstanceGenerator.generate(v1);
        for (String field : List.of("schema", "name", "description")) {
            expected.remove(field);
            v2.remove(field);
        }
        assertEquals(InstanceGenerator.toJson(expected), InstanceGenerator.toJson(v2));
    }

    /** Turning other features on or off does not change what one feature draws. */
    @Test
    void eachFeatureDrawsFromItsOwnStream() {
        GeneratorSpec spec = new GeneratorSpec(8, 9, 5, 5, 7, 4, 11);
        ObjectNode alone = InstanceGenerator.generate(spec.withFeatures(Set.of(Feature.STOCKPILES)));
        ObjectNode all = InstanceGenerator.generate(spec.withFeatures(ALL));
        assertEquals(alone.get("stockpiles"), all.get("stockpiles"));
        ObjectNode indexed = InstanceGenerator.generate(spec.withFeatures(Set.of(Feature.INDEXED_CONTRACTS)));
        List<JsonNode> indexes = list(indexed.get("contracts")).stream().map(k -> k.get("priceIndex")).toList();
        assertEquals(indexes, list(all.get("contracts")).stream().map(k -> k.get("priceIndex")).toList());
        assertTrue(indexes.stream().anyMatch(i -> i != null));
        // and a different seed draws differently
        ObjectNode other = InstanceGenerator.generate(new GeneratorSpec(8, 9, 5, 5, 7, 4, 12, ALL));
        assertNotEquals(all.get("stockpiles"), other.get("stockpiles"));
    }

    @Test
    void version2InstancesConformToTheJsonSchema() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(MAPPER.readTree(Path.of("models", "instance.schema.json").toFile()));
        for (GeneratorSpec spec : List.of(GeneratorSpec.defaults().withFeatures(ALL),
                new GeneratorSpec(2, 3, 2, 2, 8, 4, 9, ALL), new GeneratorSpec(12, 14, 6, 6, 6, 5, 4, ALL))) {
            JsonNode parsed = MAPPER.readTree(InstanceGenerator.generateJson(spec));
            assertEquals(Set.of(), schema.validate(parsed), spec.name());
        }
    }

    @Test
    void sameArgumentsGiveIdenticalBytes() {
        GeneratorSpec spec = new GeneratorSpec(7, 6, 3, 3, 6, 3, 21, ALL);
        assertEquals(InstanceGenerator.generateJson(spec), InstanceGenerator.generateJson(
                new GeneratorSpec(7, 6, 3, 3, 6, 3, 21, EnumSet.allOf(Feature.class))));
    }

    // ---------------------------------------------------------------- the command

    @Test
    void theCommandTakesV2AndWith() {
        Run all = InstanceGeneratorTest.run("generate", "--years", "4", "--seed", "3", "--v2");
        assertEquals(0, all.exit(), all.err());
        GeneratorSpec spec = new GeneratorSpec(4, 10, 5, 4, 6, 2, 3, ALL);
        assertEquals(InstanceGenerator.generateJson(spec), all.out());
        assertTrue(all.out().contains("\"name\": \"gen-y4-m10-r5-b4-e6-s2-seed3-v2\""), all.out());

        Run some = InstanceGeneratorTest.run("generate", "--years", "4", "--with", "stockpiles,ramp-up",
                "--with", "risk-aversion");
        assertEquals(0, some.exit(), some.err());
        assertEquals(InstanceGenerator.generateJson(new GeneratorSpec(4, 10, 5, 4, 6, 2, 1,
                EnumSet.of(Feature.STOCKPILES, Feature.RAMP_UP, Feature.RISK_AVERSION))), some.out());
        assertTrue(some.out().contains("seed1-ramp-up-stockpiles-risk-aversion\""), some.out());

        Run bad = InstanceGeneratorTest.run("generate", "--with", "stockpile");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown feature \"stockpile\"") && bad.err().contains("stockpiles"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace");
    }

    private static List<JsonNode> list(JsonNode array) {
        return array == null ? List.of() : StreamSupport.stream(array.spliterator(), false).toList();
    }
}

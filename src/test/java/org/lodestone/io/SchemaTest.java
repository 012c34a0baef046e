package org.lodestone.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lodestone.TestInstances;
import org.lodestone.analysis.Marginals;
import org.lodestone.domain.Instance;
import org.lodestone.plan.Plan;
import org.lodestone.plan.MarginalValues;
import org.lodestone.plan.Planner;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InstanceValidator;

/**
 * The JSON Schemas of {@code models/} are well-formed 2020-12 schemas, accept every valid instance
 * the project ships and the plans the planner writes, and reject what they can express as wrong.
 */
class SchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path INSTANCE_SCHEMA = Path.of("models", "instance.schema.json");
    private static final Path PLAN_SCHEMA = Path.of("models", "plan.schema.json");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private static JsonSchema instanceSchema;
    private static JsonSchema planSchema;

    @BeforeAll
    static void loadSchemas() throws IOException {
        instanceSchema = FACTORY.getSchema(MAPPER.readTree(INSTANCE_SCHEMA.toFile()));
        planSchema = FACTORY.getSchema(MAPPER.readTree(PLAN_SCHEMA.toFile()));
    }

    // ---------------------------------------------------------------- the schemas themselves

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"models/instance.schema.json", "models/plan.schema.json"})
    void schemaIsWellFormedAgainstTheMetaSchema(String file) throws IOException {
        JsonNode schema = MAPPER.readTree(Path.of(file).toFile());
        assertTrue(schema.isObject(), file + " is not a JSON object");
        assertEquals(SchemaId.V202012, schema.get("$schema").asText());
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012));
        assertEquals(Set.of(), meta.validate(schema), file + " does not conform to the 2020-12 meta-schema");
    }

    @Test
    void everyInstanceObjectIsClosed() throws IOException {
        List<String> open = new ArrayList<>();
        findOpenObjects(MAPPER.readTree(INSTANCE_SCHEMA.toFile()), "", open);
        assertEquals(List.of(), open, "object schemas without \"additionalProperties\"");
    }

    /** Every subschema that declares "properties" must also say what other properties may be. */
    private static void findOpenObjects(JsonNode node, String path, List<String> open) {
        if (node.isObject()) {
            if (node.has("properties") && !node.has("additionalProperties")) {
                open.add(path.isEmpty() ? "/" : path);
            }
            node.properties().forEach(e -> findOpenObjects(e.getValue(), path + "/" + e.getKey(), open));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findOpenObjects(node.get(i), path + "/" + i, open);
            }
        }
    }

    // ---------------------------------------------------------------- instances

    static List<Path> validInstances() throws IOException, URISyntaxException {
        List<Path> files = new ArrayList<>(ConformanceReadTest.instances());
        Path dir = Path.of(SchemaTest.class.getResource("/instances").toURI());
        try (Stream<Path> more = Files.list(dir)) {
            more.filter(p -> p.toString().matches(".*\\.(json|ya?ml)$")).sorted().forEach(files::add);
        }
        return files;
    }

    @Test
    void everyConformanceCaseIsChecked() throws Exception {
        assertEquals(46, ConformanceReadTest.instances().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validInstances")
    void validInstanceConformsToTheSchema(Path file) throws Exception {
        JsonNode tree = InstanceReader.readTree(file);
        assertEquals(List.of(), InstanceValidator.validate(tree), "not a valid instance to start from");
        assertEquals(List.of(), messages(instanceSchema.validate(tree)), file.getFileName().toString());
    }

    /**
     * Edits of the valid {@code instances/base.json} that instance-reference.md forbids and JSON Schema can
     * express: the schema must reject each, and so must {@code lodestone validate}.
     */
    static Stream<String> brokenInstances() {
        return Stream.of(
                "/colour=\"red\"",                                   // unknown field at the top
                "/mines/0/capcity=1000",                             // misspelt field in a list entry
                "/horizon/end=2030",                                 // unknown field in a nested object
                "/schema=\"lodestone/3\"",
                "/horizon/years=0",
                "/horizon/years=2.5",
                "/discountRate=-0.1",
                "/riskBudget=\"none\"",
                "/elements/0/price=0",
                "/elements/0/price={\"2026\": 1, \"soon\": 2}",
                "/elements/0/price={}",
                "/elements/0/price=[]",
                "/elements/0/price=\"cheap\"",
                "/elements/0/id=\"\"",
                "/countries/0/risk=1.5",
                "/mines/0/basket/NdPr=-0.1",
                "/refineries/0/recovery={\"*\": 0}",
                "/refineries/0/expansion={\"moduleSize\": 0, \"leadTime\": 1}",
                "/refineries/0/expansion={\"moduleSize\": 10, \"leadTime\": 1, \"maxModules\": 0}",
                "/refineries/0/expansion={\"moduleSize\": 10, \"leadTime\": -1}",
                "/refineries/0/expansion={\"moduleSize\": 10}",
                "/buyers/0/maxCountryShare=0",
                "/buyers/0/mandate={\"stages\": [\"shipping\"]}",
                "/lanes={\"routes\": [{\"between\": [\"AU\", \"AU\"], \"cost\": 1}]}",
                "/tariffs=[{\"from\": \"AU\", \"to\": \"US\"}]",
                "/exportControls=[{\"country\": \"CN\", \"stage\": \"ore\"}]",
                "/contracts=[{\"id\": \"k\", \"facility\": \"m1\", \"status\": \"maybe\", \"price\": 1}]",
                "/scenarios=[]",
                "/scenarios=[{\"id\": \"s\", \"probability\": 1, \"capacityFactors\":"
                        + " [{\"country\": \"AU\", \"facility\": \"m1\", \"factor\": 0}]}]",
                // model version 2
                "/mines/0/expansion/rampUp=[]",
                "/mines/0/expansion/rampUp=[0, 1]",
                "/contracts/1/priceIndex={\"element\": \"NdPr\", \"share\": 0.1}",   // and price
                "/contracts/1={\"id\": \"k2\", \"facility\": \"r1\", \"status\": \"signed\"}", // neither
                "/contracts/0/priceIndex={\"element\": \"NdPr\", \"share\": 0}",
                "/contracts/0/contingent=\"yes\"",
                "/scenarios/1/buildDelays=[{\"country\": \"AU\", \"facility\": \"m1\", \"years\": 1}]",
                "/scenarios/1/buildDelays=[{\"years\": 0.5}]",
                "/scenarios/1/priceFactors=[{\"factor\": -1}]",
                "/scenarios/1/revealYear=\"2027\"",
                "/stockpiles=[{\"id\": \"p\", \"buyer\": \"b1\", \"element\": \"NdPr\"}]",
                "/stockpiles=[{\"id\": \"p\", \"buyer\": \"b1\", \"element\": \"NdPr\", \"capacity\": 1, \"maxFill\": -1}]",
                "/riskAversion={\"alpha\": 0.5}",
                "/riskAversion={\"alpha\": 0.5, \"weight\": 1}",
                "/riskAversion={\"alpha\": 1, \"weight\": 0.5}",
                "/disruptions=[{\"id\": \"d\", \"annualProbability\": 1.5}]",
                "/disruptions=[{\"id\": \"d\", \"annualProbability\": 0.1, \"years\": 0}]",
                "/disruptions=[{\"id\": \"d\", \"facility\": \"m1\", \"annualProbability\": 0.1,"
                        + " \"exportControl\": {}}]",
                "/disruptions=[{\"id\": \"d\", \"annualProbability\": 0.1, \"exportControl\": {}}]",
                "/disruptions=[{\"id\": \"d\", \"country\": \"CN\", \"annualProbability\": 0.1,"
                        + " \"priceFactors\": {\"NdPr\": -1}}]");
    }

    /** base.json with every field of model version 2: valid, and accepted by the schema. */
    @Test
    void versionTwoInstanceConformsToTheSchema() throws Exception {
        JsonNode tree = base();
        for (String edit : TestInstances.VERSION_2_EDITS) {
            Overrides.apply(tree, edit);
        }
        assertEquals(List.of(), InstanceValidator.validate(tree));
        assertEquals(List.of(), messages(instanceSchema.validate(tree)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenInstances")
    void brokenInstanceFailsTheSchema(String edit) throws Exception {
        JsonNode tree = base();
        Overrides.apply(tree, edit);
        assertFalse(InstanceValidator.validate(tree).isEmpty(), "lodestone validate accepts " + edit);
        assertFalse(instanceSchema.validate(tree).isEmpty(), "the schema accepts " + edit);
    }

    @Test
    void unknownFieldIsNamedByTheSchema() throws Exception {
        ObjectNode tree = (ObjectNode) base();
        ((ObjectNode) tree.get("mines").get(0)).put("capcity", 1000);
        List<String> messages = messages(instanceSchema.validate(tree));
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains("capcity"), messages.get(0));
    }

    private static JsonNode base() throws Exception {
        return InstanceReader.readTree(Path.of(SchemaTest.class.getResource("/instances/base.json").toURI()));
    }

    // ---------------------------------------------------------------- plans

    static Stream<Path> handDerivedCases() throws Exception {
        return ConformanceReadTest.instances().stream().filter(p -> p.getFileName().toString().startsWith("t"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handDerivedCases")
    void solvedPlanConformsToThePlanSchema(Path file) throws Exception {
        Instance instance = InstanceReader.read(file, List.of());
        Plan plan = new Planner().solve(instance, SolveOptions.defaults(), true).plan();
        assertTrue(plan.status().hasSolution(), plan.status().toString());
        JsonNode json = MAPPER.readTree(PlanJson.toJson(plan));
        assertEquals(List.of(), messages(planSchema.validate(json)), file.getFileName().toString());
    }

    @Test
    void planWithoutSolutionConformsToThePlanSchema() throws Exception {
        Plan plan = new Plan("none", Plan.Status.NO_SOLUTION, null, null, null,
                new Plan.SolverInfo("SCIP", "x", null, 1, 60, 1e-4), Plan.Costs.ZERO, 0, List.of(),
                List.of(new Plan.ContractChoice("k", true)), List.of());
        JsonNode json = MAPPER.readTree(PlanJson.toJson(plan));
        assertEquals(List.of(), messages(planSchema.validate(json)));
    }

    @Test
    void planSchemaAllowsExtraFieldsAndRejectsBrokenPlans() throws Exception {
        Path t04 = ConformanceReadTest.dir().resolve("t04_take_or_pay.json");
        Plan plan = new Planner().solve(InstanceReader.read(t04, List.of()), SolveOptions.defaults(), false).plan();
        String text = PlanJson.toJson(plan);

        ObjectNode extra = (ObjectNode) MAPPER.readTree(text);
        extra.put("comment", "added by a script");
        ((ObjectNode) extra.get("costs")).put("carbon", 0);
        assertEquals(List.of(), messages(planSchema.validate(extra)));

        List<String> edits = List.of("/costs/tariffs", "/solver/seconds", "/scenarios/0/contractUse");
        for (String pointer : edits) {
            ObjectNode broken = (ObjectNode) MAPPER.readTree(text);
            JsonNode parent = broken.at(pointer.substring(0, pointer.lastIndexOf('/')));
            ((ObjectNode) parent).remove(pointer.substring(pointer.lastIndexOf('/') + 1));
            assertFalse(planSchema.validate(broken).isEmpty(), "the schema accepts a plan without " + pointer);
        }
        ObjectNode noObjective = (ObjectNode) MAPPER.readTree(text);
        noObjective.putNull("objective");
        assertFalse(planSchema.validate(noObjective).isEmpty(), "OPTIMAL with a null objective");
        ObjectNode badStatus = (ObjectNode) MAPPER.readTree(text);
        badStatus.put("status", "SOLVED");
        assertFalse(planSchema.validate(badStatus).isEmpty(), "unknown status");
        ObjectNode tiny = (ObjectNode) MAPPER.readTree(text);
        ((ObjectNode) tiny.at("/scenarios/0/concentrate/0")).put("tonnes", 1e-7);
        assertFalse(planSchema.validate(tiny).isEmpty(), "entry below 1e-6 t");
    }

    @Test
    void planWithMarginalsConformsToThePlanSchema() throws Exception {
        Path t08 = ConformanceReadTest.dir().resolve("t08_hedge_build.json");
        Instance instance = InstanceReader.read(t08, List.of());
        Planner.Outcome outcome = new Planner().solve(instance, SolveOptions.defaults(), false);
        Plan plan = outcome.plan();
        MarginalValues values = Marginals.of(outcome, MipSolver.create(), 60);
        ObjectNode json = (ObjectNode) MAPPER.readTree(PlanJson.toJson(plan, values));
        assertTrue(json.get("marginals").get("demand").size() > 0, json.get("marginals").toString());
        assertEquals(List.of(), messages(planSchema.validate(json)));
        ((ObjectNode) json.at("/marginals/demand/0")).remove("usdPerTonne");
        assertFalse(planSchema.validate(json).isEmpty(), "the schema accepts a demand marginal without its value");
    }

    private static List<String> messages(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    }
}

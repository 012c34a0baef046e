package org.lodestone.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.domain.CostPart;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanBuilder;
import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Problem;

class PlanJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** A plan with every list filled, fractional and integral amounts, and null solver seconds. */
    private static Plan sample() {
        Plan p = PlanBuilder.plan("indo-pacific-2026")
                .build("eneabba", 2026, 2028, 2, 8000)
                .contract("mp-floor", true).contract("opt", false)
                .scenario("base", 0.7).reports(1.2e9, 12345.6)
                .concentrate("mt-weld", "kalgoorlie", 2026, 1234.5678)
                .deliver("mt-weld", "kalgoorlie", "magnets-us", "NdPr", 2026, 246.9)
                .surplus("kalgoorlie", "La", 2026, 0.000002)
                .use("mp-floor", 2026, 100, 2000)
                .substitute("magnets-us", "NdPr", 2027, 12.25)
                .shortfall("magnets-us", "Dy", 2027, 1e-3)
                .scenario("embargo", 0.3).reports(3.3e9, 0)
                .shortfall("magnets-us", "NdPr", 2026, 1000)
                .plan(Plan.Costs.of(Map.of(CostPart.CAPEX, 1e8, CostPart.FIXED_OPEX, 2.5e6, CostPart.MINING, 1.1e9 / 3,
                        CostPart.REFINING, 4e7, CostPart.CONTRACTS, 1.2e7, CostPart.FREIGHT, 3.5e5,
                        CostPart.TARIFFS, 1.25e5, CostPart.SUBSTITUTION, 7.5e4, CostPart.SHORTFALL, 1e9,
                        CostPart.SURPLUS_REVENUE, 123.456)),
                        12345.6, 1.234567891234e9);
        return new Plan(p.instance(), Plan.Status.FEASIBLE, p.objective(), 1.23e9, 0.003, p.solver(), p.costs(),
                p.risk(), p.builds(), p.contracts(), p.scenarios());
    }

    private static List<String> fields(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void roundTripGivesAnEqualPlan() throws Exception {
        Plan plan = sample();
        Path file = dir.resolve("plan.json");
        PlanJson.write(plan, file);
        assertEquals(plan, PlanJson.read(file));
    }

    @Test
    void fieldsComeInTheOrderOfTheSpec() throws Exception {
        JsonNode root = MAPPER.readTree(PlanJson.toJson(sample()));
        assertEquals(List.of("schema", "instance", "status", "objective", "bestBound", "gap", "solver", "costs", "risk",
                "cvar", "builds", "contracts", "scenarios"), fields(root));
        assertEquals(List.of("name", "version", "seconds", "threads", "timeLimitSeconds", "relativeGap"),
                fields(root.get("solver")));
        assertEquals(List.of("capex", "fixedOpex", "signing", "mining", "refining", "contracts", "freight", "tariffs",
                "substitution", "shortfall", "surplusRevenue", "holding", "riskPremium"), fields(root.get("costs")));
        assertEquals(List.of("facility", "startYear", "onlineYear", "modules", "capacityAdded"),
                fields(root.get("builds").get(0)));
        assertEquals(List.of("id", "held"), fields(root.get("contracts").get(0)));
        JsonNode s = root.get("scenarios").get(0);
        assertEquals(List.of("id", "probability", "operatingCost", "risk", "concentrate", "deliveries", "surplus",
                "contractUse", "substitution", "shortfalls", "stockpiles"), fields(s));
        assertEquals(List.of("mine", "refinery", "year", "tonnes"), fields(s.get("concentrate").get(0)));
        assertEquals(List.of("mine", "refinery", "buyer", "element", "year", "tonnes"),
                fields(s.get("deliveries").get(0)));
        assertEquals(List.of("refinery", "element", "year", "tonnes"), fields(s.get("surplus").get(0)));
        assertEquals(List.of("contract", "year", "taken", "paid"), fields(s.get("contractUse").get(0)));
        assertEquals(List.of("buyer", "element", "year", "tonnes"), fields(s.get("substitution").get(0)));
        assertEquals(List.of("buyer", "element", "year", "tonnes"), fields(s.get("shortfalls").get(0)));
        assertEquals("lodestone-plan/2", root.get("schema").asText());
        assertEquals("FEASIBLE", root.get("status").asText());
    }

    @Test
    void yearsAndCountsAreIntegersAndAbsentFiguresAreNull() throws Exception {
        String json = PlanJson.toJson(sample());
        JsonNode root = MAPPER.readTree(json);
        JsonNode build = root.get("builds").get(0);
        assertTrue(build.get("startYear").isIntegralNumber());
        assertTrue(build.get("modules").isIntegralNumber());
        assertTrue(root.get("scenarios").get(0).get("concentrate").get(0).get("year").isIntegralNumber());
        assertTrue(json.contains("\"startYear\" : 2026,"), json);
        assertTrue(json.contains("\"capacityAdded\" : 8000\n"), json);   // an integral amount: no ".0"
        assertTrue(json.contains("\"tonnes\" : 1234.5678\n"), json);
        assertTrue(root.get("solver").get("seconds").isNull());

        Plan p = sample();
        Plan none = new Plan(p.instance(), Plan.Status.NO_SOLUTION, null, null, null, p.solver(), Plan.Costs.ZERO, 0,
                List.of(), List.of(), List.of());
        JsonNode n = MAPPER.readTree(PlanJson.toJson(none));
        assertTrue(n.get("objective").isNull());
        assertTrue(n.get("bestBound").isNull());
        assertTrue(n.get("gap").isNull());
        Path file = dir.resolve("none.json");
        PlanJson.write(none, file);
        assertEquals(none, PlanJson.read(file));
        // a solver without a finite bound or gap: written as null ("no bound")
        Plan unbounded = new Plan(p.instance(), p.status(), p.objective(), Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, p.solver(), p.costs(), p.risk(), p.builds(), p.contracts(), p.scenarios());
        JsonNode u = MAPPER.readTree(PlanJson.toJson(unbounded));
        assertTrue(u.get("bestBound").isNull());
        assertTrue(u.get("gap").isNull());
    }

    // ---------------------------------------------------------------- atomic write

    private static Plan withNaN() {
        Plan p = sample();
        Plan.ScenarioPlan s = p.scenarios().get(0);
        Plan.ScenarioPlan broken = new Plan.ScenarioPlan(s.id(), s.probability(), s.operatingCost(), s.risk(),
                List.of(new Plan.Concentrate("mt-weld", "kalgoorlie", 2026, Double.NaN)), s.deliveries(), s.surplus(),
                s.contractUse(), s.substitution(), s.shortfalls());
        return new Plan(p.instance(), p.status(), p.objective(), p.bestBound(), p.gap(), p.solver(), p.costs(),
                p.risk(), p.builds(), p.contracts(), List.of(broken));
    }

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void failedSerialisationCreatesNothing() throws Exception {
        Path file = dir.resolve("plan.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanJson.write(withNaN(), file));
        assertEquals("scenarios[0].concentrate[0].tonnes: NaN cannot be written as a JSON number", e.getMessage());
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void failedWriteLeavesTheExistingFileUnchanged() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "previous plan");
        assertThrows(IllegalArgumentException.class, () -> PlanJson.write(withNaN(), file));
        assertEquals("previous plan", Files.readString(file));
        assertEquals(List.of(file), filesInDir());

        // the move fails (the target is a non-empty directory): no temporary file stays behind
        Path blocked = dir.resolve("blocked.json");
        Files.createDirectory(blocked);
        Files.writeString(blocked.resolve("keep"), "x");
        assertThrows(IOException.class, () -> PlanJson.write(sample(), blocked));
        assertEquals(List.of(blocked, file), filesInDir());
        assertEquals("x", Files.readString(blocked.resolve("keep")));

        // a directory that does not exist
        assertThrows(IOException.class, () -> PlanJson.write(sample(), dir.resolve("no/such/dir/plan.json")));
        assertEquals(List.of(blocked, file), filesInDir());
    }

    @Test
    void writeReplacesAnExistingFileWhole() throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "x".repeat(100_000));
        PlanJson.write(sample(), file);
        assertEquals(PlanJson.toJson(sample()) + "\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of(file), filesInDir());
    }

    // ---------------------------------------------------------------- reading foreign or broken files

    private Path file(String json) throws IOException {
        Path f = dir.resolve("in.json");
        Files.writeString(f, json);
        return f;
    }

    private List<String> problems(String json) throws IOException {
        Path f = file(json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlanJson.read(f));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readRejectsAnotherSchema() throws Exception {
        assertEquals(List.of("schema: expected \"lodestone-plan/2\" (or \"lodestone-plan/1\"), found \"lodestone/1\""
                + " (this is an instance, not a plan)"), problems("{\"schema\": \"lodestone/1\", \"name\": \"x\"}"));
        assertEquals(List.of("schema: expected \"lodestone-plan/2\" (or \"lodestone-plan/1\"), found \"lodestone/2\""
                + " (this is an instance, not a plan)"), problems("{\"schema\": \"lodestone/2\", \"name\": \"x\"}"));
        assertEquals(List.of("schema: expected \"lodestone-plan/2\" (or \"lodestone-plan/1\"), found \"lodestone-plan/3\""),
                problems("{\"schema\": \"lodestone-plan/3\"}"));
        assertEquals(List.of("expected an object, found an array"), problems("[1, 2]"));
    }

    @Test
    void readNamesEveryMissingOrMistypedFieldByItsPath() throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(PlanJson.toJson(sample()));
        root.remove("risk");
        root.put("status", "DONE");
        ((ObjectNode) root.get("solver")).put("threads", "two");
        ((ObjectNode) root.get("costs")).remove("freight");
        ((ObjectNode) root.get("builds").get(0)).put("modules", 1.5);
        ObjectNode s0 = (ObjectNode) root.get("scenarios").get(0);
        ((ObjectNode) s0.get("concentrate").get(0)).remove("tonnes");
        ((ObjectNode) s0.get("deliveries").get(0)).put("year", "2026");
        ((ArrayNode) s0.get("surplus")).add(7);
        s0.put("shortfalls", "none");
        assertEquals(List.of(
                "status: unknown status \"DONE\" (expected OPTIMAL, FEASIBLE, INFEASIBLE or NO_SOLUTION)",
                "solver.threads: expected an integer, found the string \"two\"",
                "costs.freight: missing",
                "risk: missing",
                "builds[0].modules: expected an integer, found 1.5",
                "scenarios[0].concentrate[0].tonnes: missing",
                "scenarios[0].deliveries[0].year: expected an integer, found the string \"2026\"",
                "scenarios[0].surplus[1]: expected an object, found the number 7",
                "scenarios[0].shortfalls: expected an array, found the string \"none\""),
                problems(MAPPER.writeValueAsString(root)));
    }

    @Test
    void readAllowsNullFiguresAndIgnoresExtraFields() throws Exception {
        ObjectNode root = (ObjectNode) MAPPER.readTree(PlanJson.toJson(sample()));
        root.put("comment", "added by a script");
        ((ObjectNode) root.get("scenarios").get(0).get("concentrate").get(0)).put("note", 1);
        ((ObjectNode) root.get("solver")).putNull("seconds");
        root.putNull("gap");
        Plan p = PlanJson.read(file(MAPPER.writeValueAsString(root)));
        assertEquals(null, p.gap());
        assertEquals(null, p.solver().seconds());
        assertEquals(sample().scenarios(), p.scenarios());
        // objective must be a number or null
        root.put("objective", "1e9");
        assertEquals(List.of("objective: expected a number or null, found the string \"1e9\""),
                problems(MAPPER.writeValueAsString(root)));
    }

    @Test
    void readReportsMalformedAndMissingFiles() throws Exception {
        List<String> p = problems("{\"schema\": \"lodestone-plan/1\",");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("not a valid JSON document: "), p.get(0));
        assertTrue(p.get(0).contains("line 1"), p.get(0));
        assertEquals(List.of("the plan file " + dir.resolve("in.json") + " is empty"), problems(""));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PlanJson.read(dir.resolve("absent.json")));
        assertTrue(e.getMessage().startsWith("cannot read the plan file "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("absent.json")));
    }
}

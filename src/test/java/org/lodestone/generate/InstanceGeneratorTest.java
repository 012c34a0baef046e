package org.lodestone.generate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.cli.LodestoneCommand;
import org.lodestone.domain.Instance;
import org.lodestone.generate.InstanceGenerator.GeneratorSpec;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;

/** The generator: deterministic, valid, solvable, and using every feature of the instance format (instance-reference.md). */
class InstanceGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- determinism

    @Test
    void sameArgumentsGiveIdenticalBytes() {
        for (GeneratorSpec spec : List.of(GeneratorSpec.defaults(), new GeneratorSpec(3, 4, 2, 2, 8, 3, -7))) {
            String first = InstanceGenerator.generateJson(spec);
            String second = InstanceGenerator.generateJson(
                    new GeneratorSpec(spec.years(), spec.mines(), spec.refineries(), spec.buyers(), spec.elements(),
                            spec.scenarios(), spec.seed()));
            assertEquals(first, second, spec.name());
        }
    }

    /** The generator arguments of a bundled file, from its name: gen-y10-m25-r12-b8-e6-s3-seed1.json. */
    private static final Pattern GENERATED_NAME = Pattern.compile(
            "gen-y(\\d+)-m(\\d+)-r(\\d+)-b(\\d+)-e(\\d+)-s(\\d+)-seed(-?\\d+)\\.json");

    static Stream<Path> bundledGeneratedInstances() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("instances", "generated"))) {
            List<Path> sorted = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertFalse(sorted.isEmpty(), "instances/generated/ holds no instance");
            return sorted.stream();
        }
    }

    /** Each file of instances/generated/ is what the generator gives today for the arguments in its name. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bundledGeneratedInstances")
    void bundledGeneratedInstancesAreRegeneratedByteForByte(Path file) throws Exception {
        Matcher name = GENERATED_NAME.matcher(file.getFileName().toString());
        assertTrue(name.matches(), file + " is not named after its generator arguments");
        GeneratorSpec spec = new GeneratorSpec(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)),
                Integer.parseInt(name.group(3)), Integer.parseInt(name.group(4)), Integer.parseInt(name.group(5)),
                Integer.parseInt(name.group(6)), Long.parseLong(name.group(7)));
        assertEquals(file.getFileName().toString(), spec.fileName());
        // compared as bytes, not strings: an encoding or line-ending change would show too
        assertArrayEquals(Files.readAllBytes(file),
                InstanceGenerator.generateJson(spec).getBytes(StandardCharsets.UTF_8),
                file.toString());
    }

    @Test
    void differentSeedsGiveDifferentInstances() {
        Set<String> seen = new TreeSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            ObjectNode tree = InstanceGenerator.generate(new GeneratorSpec(5, 6, 3, 3, 4, 2, seed));
            tree.remove(List.of("name", "description")); // they name the seed
            assertTrue(seen.add(InstanceGenerator.toJson(tree)), "seed " + seed + " repeats an earlier instance");
        }
    }

    @Test
    void printedJsonReadsBackAsTheSameInstance() throws Exception {
        ObjectNode tree = InstanceGenerator.generate(GeneratorSpec.defaults());
        String json = InstanceGenerator.toJson(tree);
        assertTrue(json.endsWith("}\n") && !json.contains("\r") && !json.contains("E-") && !json.contains("E+"),
                "plain numbers, \\n line ends, a final newline");
        assertEquals(InstanceReader.toInstance(tree), InstanceReader.toInstance(MAPPER.readTree(json)));
    }

    @Test
    void sizesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new GeneratorSpec(0, 1, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorSpec(1, 1, 1, 1, 0, 1, 1));
        List<String> problems = GeneratorSpec.problems(10, -1, 5, 4, 6, 0);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("mines ") && problems.get(1).startsWith("scenarios "), problems.toString());
        assertEquals("gen-y10-m60-r30-b20-e8-s4-seed1.json", new GeneratorSpec(10, 60, 30, 20, 8, 4, 1).fileName());
    }

    // ---------------------------------------------------------------- valid and solvable

    /** Small sizes, edge cases included (one of everything, more elements than the real six, many scenarios). */
    static Stream<GeneratorSpec> smallSizes() {
        int[][] sizes = {
                {1, 1, 1, 1, 1, 1}, {2, 3, 2, 1, 2, 2}, {3, 4, 2, 2, 3, 1}, {3, 2, 1, 3, 7, 3},
                {4, 5, 3, 3, 4, 5}, {2, 1, 2, 2, 3, 2}, {5, 6, 3, 4, 6, 2}};
        List<GeneratorSpec> specs = new ArrayList<>();
        for (int[] s : sizes) {
            for (long seed : new long[] {1, 2, 3}) {
                specs.add(new GeneratorSpec(s[0], s[1], s[2], s[3], s[4], s[5], seed));
            }
        }
        return specs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallSizes")
    void generatedInstanceIsValidAndSolvesToOptimalWithAPlanThatHolds(GeneratorSpec spec) throws Exception {
        Instance instance = InstanceReader.toInstance(InstanceGenerator.generate(spec));
        assertEquals(spec.name(), instance.name());
        assertEquals(spec.years(), instance.horizon().years());
        assertEquals(List.of(spec.mines(), spec.refineries(), spec.buyers(), spec.elements(), spec.scenarios()),
                List.of(instance.mines().size(), instance.refineries().size(), instance.buyers().size(),
                        instance.elements().size(), instance.scenarios().size()));
        Plan plan = new Planner().solve(instance, new SolveOptions(Backend.SCIP, 60, 1e-6, 1), false).plan();
        assertEquals(Plan.Status.OPTIMAL, plan.status(), spec.name());
        assertTrue(PlanChecker.check(instance, plan).ok(), () -> spec.name() + ": "
                + PlanChecker.check(instance, plan).violations());
    }

    @Test
    void generatedInstanceConformsToTheJsonSchema() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(MAPPER.readTree(Path.of("models", "instance.schema.json").toFile()));
        for (GeneratorSpec spec : List.of(GeneratorSpec.defaults(), new GeneratorSpec(2, 3, 2, 2, 8, 4, 9))) {
            JsonNode parsed = MAPPER.readTree(InstanceGenerator.generateJson(spec));
            assertEquals(Set.of(), schema.validate(parsed), spec.name());
        }
    }

    // ---------------------------------------------------------------- every feature

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyFeatureOfTheModelAppears(long seed) {
        JsonNode instance = InstanceGenerator.generate(new GeneratorSpec(5, 8, 4, 4, 7, 3, seed));
        List<JsonNode> buyers = list(instance.get("buyers"));
        List<JsonNode> facilities = new ArrayList<>(list(instance.get("mines")));
        facilities.addAll(list(instance.get("refineries")));
        List<JsonNode> contracts = list(instance.get("contracts"));
        List<JsonNode> controls = new ArrayList<>(list(instance.get("exportControls")));
        List<JsonNode> scenarios = list(instance.get("scenarios"));
        scenarios.forEach(s -> controls.addAll(list(s.get("exportControls"))));
        Set<String> forms = new TreeSet<>();
        seriesForms(instance, forms);
        assertAll(
                () -> assertTrue(buyers.stream().anyMatch(b -> b.has("mandate")), "a mandate"),
                () -> assertTrue(buyers.stream().anyMatch(b -> b.has("mandate") && b.get("mandate").has("excludeTags")),
                        "a mandate excluding a tag"),
                () -> assertTrue(buyers.stream().anyMatch(b -> b.has("maxCountryShare")), "a maxCountryShare"),
                () -> assertTrue(buyers.stream().anyMatch(b -> b.has("substitutes")), "substitutes"),
                () -> assertTrue(buyers.stream().anyMatch(b -> b.has("shortfallPenalty")), "a buyer's penalty"),
                () -> assertTrue(facilities.stream().anyMatch(f -> f.has("expansion")
                        && f.get("expansion").has("requiresOfftake")), "an expansion with requiresOfftake"),
                () -> assertTrue(facilities.stream().anyMatch(f -> f.has("accepts")), "accepts"),
                () -> assertTrue(facilities.stream().anyMatch(f -> f.has("recovery")), "recovery"),
                () -> assertTrue(contracts.stream().anyMatch(status("signed")), "a signed contract"),
                () -> assertTrue(contracts.stream().anyMatch(status("optional")), "an optional contract"),
                () -> assertTrue(controls.stream().anyMatch(stage("concentrate")), "a concentrate export control"),
                () -> assertTrue(controls.stream().anyMatch(stage("oxide")), "an oxide export control"),
                () -> assertTrue(controls.stream().anyMatch(c -> c.has("elements")), "a control on elements"),
                () -> assertFalse(list(instance.get("tariffs")).isEmpty(), "tariffs"),
                () -> assertFalse(list(instance.path("lanes").get("routes")).isEmpty(), "freight routes"),
                () -> assertTrue(scenarios.stream().anyMatch(s -> s.has("capacityFactors")), "capacity factors"),
                () -> assertTrue(scenarios.stream().anyMatch(s -> s.has("costFactors")), "cost factors"),
                () -> assertTrue(scenarios.stream().anyMatch(s -> s.has("demandFactors")), "demand factors"),
                () -> assertTrue(scenarios.stream().skip(1).anyMatch(s -> s.has("exportControls")),
                        "a scenario's export controls"),
                () -> assertEquals(Set.of("array", "number", "object"), forms, "series forms"),
                () -> assertTrue(list(instance.get("elements")).stream()
                                .anyMatch(e -> e.get("id").asText().equals("E7")),
                        "an element beyond the real six"),
                () -> assertEquals(1.0, scenarios.stream().mapToDouble(s -> s.get("probability").asDouble()).sum(),
                        1e-12, "probabilities"));
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 4L);
    }

    private static Predicate<JsonNode> status(String status) {
        return k -> k.get("status").asText().equals(status);
    }

    private static Predicate<JsonNode> stage(String stage) {
        return c -> !c.has("stage") || c.get("stage").asText().equals(stage) || c.get("stage").asText().equals("both");
    }

    private static List<JsonNode> list(JsonNode array) {
        return array == null ? List.of() : StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The written forms of price, surplusPrice, capacity, cost and demand series. */
    private static void seriesForms(JsonNode instance, Set<String> forms) {
        List<JsonNode> series = new ArrayList<>();
        for (JsonNode e : instance.get("elements")) {
            series.add(e.get("price"));
            series.add(e.get("surplusPrice"));
        }
        for (String list : List.of("mines", "refineries")) {
            for (JsonNode f : instance.get(list)) {
                series.add(f.get("capacity"));
                series.add(f.get("cost"));
            }
        }
        for (JsonNode b : instance.get("buyers")) {
            b.get("demand").forEach(series::add);
        }
        for (JsonNode s : series) {
            if (s != null) {
                forms.add(s.isNumber() ? "number" : s.isArray() ? "array" : s.isObject() ? "object" : s.toString());
            }
        }
    }

    // ---------------------------------------------------------------- the command

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LodestoneCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void generateWritesTheFileAtomicallyAndItIsValid() throws Exception {
        Path file = tmp.resolve("gen.json");
        Files.writeString(file, "old content");
        Run result = run("generate", "--years", "3", "--mines", "4", "--refineries", "2", "--buyers", "2",
                "--elements", "3", "--scenarios", "2", "--seed", "5", "-o", file.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains(file.toString()), result.out());
        GeneratorSpec spec = new GeneratorSpec(3, 4, 2, 2, 3, 2, 5);
        assertEquals(InstanceGenerator.generateJson(spec), Files.readString(file));
        assertEquals(spec.name(), InstanceReader.read(file, List.of()).name());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(file), left.toList(), "no temporary file left behind");
        }
    }

    @Test
    void generateWithoutOutputPrintsTheDefaultInstance() {
        Run result = run("generate");
        assertEquals(0, result.exit(), result.err());
        assertEquals(InstanceGenerator.generateJson(GeneratorSpec.defaults()), result.out());
    }

    @Test
    void badSizesExitWithTwoAndSayWhich() {
        Run zeroMines = run("generate", "--mines", "0");
        assertEquals(2, zeroMines.exit());
        assertTrue(zeroMines.err().contains("--mines must be between 1"), zeroMines.err());
        assertFalse(zeroMines.err().contains("\tat "), "no stack trace");
        Run noElements = run("generate", "--elements", "0", "--years", "-3");
        assertEquals(2, noElements.exit());
        assertTrue(noElements.err().contains("--years") && noElements.err().contains("--elements"), noElements.err());
        Run notANumber = run("generate", "--seed", "abc");
        assertEquals(2, notANumber.exit());
        Path missingDir = tmp.resolve("no-such-dir").resolve("gen.json");
        Run unwritable = run("generate", "-o", missingDir.toString());
        assertEquals(2, unwritable.exit());
        assertEquals("-o: the folder " + missingDir.getParent() + " does not exist\n", unwritable.err());
        assertFalse(Files.exists(missingDir));
    }
}

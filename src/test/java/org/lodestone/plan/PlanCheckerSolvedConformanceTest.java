package org.lodestone.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.io.PlanJson;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;

/**
 * Every conformance case that uses model version 2 features, solved by the planner and its plan
 * re-checked by the independent checker: the plan holds, and the objective the checker
 * recomputes is that of expected.json within 1e-6 relative. (The version-1 cases are solved and
 * re-checked by every backend in {@code conformance.ConformanceTest}.)
 *
 * <p>Until the model supports version 2 it refuses these instances, and each case is skipped
 * saying so; the test runs for real, unchanged, as soon as the model solves them.
 */
class PlanCheckerSolvedConformanceTest {
    private static final double TOLERANCE = 1e-6;

    private static Path folder() throws Exception {
        return Path.of(PlanCheckerSolvedConformanceTest.class.getResource("/conformance/expected.json").toURI())
                .getParent();
    }

    /** (file, expected objective) of each case whose instance uses a feature of model version 2. */
    static Stream<Arguments> version2Cases() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(Files.readString(folder().resolve("expected.json")));
        List<Arguments> cases = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            Instance instance = InstanceReader.read(folder().resolve(entry.getKey()), List.of());
            if (!instance.modelVersion2Features().isEmpty()) {
                cases.add(Arguments.of(entry.getKey(), entry.getValue().get("objective").asDouble()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("version2Cases")
    void theSolvedPlanHoldsAndRecomputesToTheExpectedObjective(String file, double expected) throws Exception {
        assumeTrue(Backend.SCIP.isAvailable(), "SCIP is not available here");
        Instance instance = InstanceReader.read(folder().resolve(file), List.of());
        Plan plan = new Planner().solve(instance, new SolveOptions(Backend.SCIP, 300, 0.0, 1), false).plan();

        assertEquals(Plan.Status.OPTIMAL, plan.status());
        CheckReport report = PlanChecker.check(instance, plan);
        assertTrue(report.ok(), () -> file + ": " + String.join("\n", report.violations()));
        assertEquals(expected, report.objective(), TOLERANCE * Math.abs(expected), "recomputed objective");

        // what the plan file says is what was checked: stockpiles and cvar survive writing
        Path written = Files.createTempFile("plan", ".json");
        try {
            PlanJson.write(plan, written);
            CheckReport reread = PlanChecker.check(instance, PlanJson.read(written));
            assertTrue(reread.ok(), () -> "plan re-read from its file: " + String.join("\n", reread.violations()));
        } finally {
            Files.deleteIfExists(written);
        }
    }
}

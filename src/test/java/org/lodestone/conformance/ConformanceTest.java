package org.lodestone.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.CheckReport;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;

/**
 * Every case of the conformance folder (src/test/resources/conformance)
 * solved by every backend to the objective of expected.json, within 1e-6 relative, and its cost
 * parts adding up to its objective; every plan of a version-1 case re-checked by the independent
 * checker.
 */
class ConformanceTest {
    private static final double TOLERANCE = 1e-6;

    static Path folder() throws URISyntaxException {
        return Path.of(ConformanceTest.class.getResource("/conformance/expected.json").toURI()).getParent();
    }

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        JsonNode expected;
        try (InputStream in = Files.newInputStream(folder().resolve("expected.json"))) {
            expected = new ObjectMapper().readTree(in);
        }
        List<Arguments> cases = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> entry = it.next();
                cases.add(Arguments.of(backend, entry.getKey(), entry.getValue().get("objective").asDouble()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void solvesToTheExpectedObjective(Backend backend, String file, double expected) throws Exception {
        assumeTrue(backend.isAvailable(), backend + " is not available here");
        Instance instance = InstanceReader.read(folder().resolve(file), List.of());
        Plan plan = new Planner().solve(instance, new SolveOptions(backend, 300, 0.0, 1), false).plan();

        assertEquals(Plan.Status.OPTIMAL, plan.status());
        assertEquals(expected, plan.objective(), TOLERANCE * Math.abs(expected), "objective");
        double parts = plan.costs().net() + instance.riskWeight() * plan.risk();
        assertEquals(plan.objective(), parts, TOLERANCE * Math.abs(expected), "cost parts add up");
        CheckReport report = PlanChecker.check(instance, plan);
        assertTrue(report.ok(), () -> "plan checker: " + String.join("\n", report.violations()));

        // the written file says the same as the plan in memory
        Path written = Files.createTempFile("plan", ".json");
        try {
            PlanJson.write(plan, written);
            assertTrue(PlanChecker.check(instance, PlanJson.read(written)).ok(), "plan re-read from its file");
        } finally {
            Files.deleteIfExists(written);
        }
    }
}

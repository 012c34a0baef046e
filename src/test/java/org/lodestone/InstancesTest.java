package org.lodestone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.CheckReport;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;

/**
 * The instance files shipped in {@code instances/}: each one is valid, SCIP solves it to optimality
 * and the independent checker accepts the plan; each tutorial's objective is the one derived by hand
 * in its description.
 */
class InstancesTest {
    /** Relative to the project root, where Maven runs the tests. */
    static final Path INSTANCES = Path.of("instances");

    /** The instance files directly in {@code instances/} (subfolders hold generated instances). */
    static List<Path> instanceFiles() throws IOException {
        try (Stream<Path> files = Files.list(INSTANCES)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.(json|ya?ml)"))
                    .sorted()
                    .toList();
        }
    }

    static Plan solve(Path file, double gap) throws Exception {
        Instance instance = InstanceReader.read(file, List.of());
        return new Planner().solve(instance, new SolveOptions(Backend.SCIP, 120, gap, 1), false).plan();
    }

    @Test
    void theBundledInstancesAreThere() throws IOException {
        List<String> names = instanceFiles().stream().map(f -> f.getFileName().toString()).toList();
        for (String expected : List.of("quickstart.json", "indo-pacific-2026.json", "tutorial-coproduction.json",
                "tutorial-mandate.json", "tutorial-build.json")) {
            assertTrue(names.contains(expected), expected + " missing from " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instanceFiles")
    void solvesToOptimalityAndThePlanPassesTheChecker(Path file) throws Exception {
        // InstanceReader.read validates: an invalid file fails here with every problem listed
        Instance instance = InstanceReader.read(file, List.of());
        Plan plan = new Planner().solve(instance, new SolveOptions(Backend.SCIP, 120, 1e-4, 1), false).plan();
        assertEquals(Plan.Status.OPTIMAL, plan.status(), file + ": not solved to optimality within 120 s");
        CheckReport report = PlanChecker.check(instance, plan);
        assertTrue(report.ok(), () -> file + ": the checker rejects the plan:\n" + String.join("\n", report.violations()));
        assertEquals(report.objective(), plan.objective(), 1e-6 * Math.max(1, Math.abs(report.objective())),
                file + ": objective disagrees with the checker's recomputation");
    }

    /** The optimal objectives derived by hand in each tutorial's description. */
    static Stream<Arguments> tutorials() {
        double d1 = 1 / 1.1;
        double d2 = d1 / 1.1;
        double d3 = d2 / 1.1;
        double d4 = d3 / 1.1;
        return Stream.of(
                // sands 3,000 t x 6,000 + hard-rock 2,000 t x 3,000 + tolling 5,000 t x 3,000,
                // less La 1,410 t x 500 and Ce 2,350 t x 200 sold as surplus
                Arguments.of("tutorial-coproduction.json",
                        3000 * 6000.0 + 2000 * 3000.0 + 5000 * 3000.0 - 1410 * 500.0 - 2350 * 200.0),
                // 500 t a year; compliant share 0, 0.5, 1 at 40,000 USD/t, the rest at 24,000
                Arguments.of("tutorial-mandate.json",
                        500 * 24000.0 + (250 * 40000.0 + 250 * 24000.0) + 500 * 40000.0),
                // build in 2026 (50 M), toll refining in 2026-2027 (34 M a year), new plant from 2028 (10 M a year)
                Arguments.of("tutorial-build.json", 50e6 + 34e6 * (1 + d1) + 10e6 * (d2 + d3 + d4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tutorials")
    void tutorialObjectiveIsTheHandDerivedOne(String name, double expected) throws Exception {
        Plan plan = solve(INSTANCES.resolve(name), 0);
        assertEquals(Plan.Status.OPTIMAL, plan.status(), name);
        assertNotNull(plan.objective(), name);
        assertEquals(expected, plan.objective(), 1e-6 * Math.abs(expected), name);
    }

    @Test
    void theBuildTutorialStartsItsPlantIn2026AndGetsItIn2028() throws Exception {
        Plan plan = solve(INSTANCES.resolve("tutorial-build.json"), 0);
        assertEquals(1, plan.builds().size(), plan.builds().toString());
        Plan.Build build = plan.builds().get(0);
        assertEquals("new-plant", build.facility());
        assertEquals(2026, build.startYear());
        assertEquals(2028, build.onlineYear());
    }

    @Test
    void theCoproductionTutorialSellsItsLanthanumAndCeriumAsSurplus() throws Exception {
        Plan plan = solve(INSTANCES.resolve("tutorial-coproduction.json"), 0);
        List<Plan.Surplus> surplus = plan.scenarios().get(0).surplus();
        assertFalse(surplus.isEmpty());
        double la = surplus.stream().filter(u -> u.element().equals("La")).mapToDouble(Plan.Surplus::tonnes).sum();
        double ce = surplus.stream().filter(u -> u.element().equals("Ce")).mapToDouble(Plan.Surplus::tonnes).sum();
        assertEquals(1410, la, 1e-6);
        assertEquals(2350, ce, 1e-6);
    }
}

package org.lodestone.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lodestone.TestInstances;
import org.lodestone.cli.LodestoneCommand;
import org.lodestone.solve.MipSolver;

/**
 * Every output a user sees — plan file, text summary, HTML report, analysis tables — compared
 * byte for byte with the files recorded in {@code src/test/resources/golden}, so that a change
 * meant to leave behaviour alone (a refactoring) is shown to do so. Solve times are the only
 * thing masked.
 *
 * <p>A change that is meant to alter outputs re-records them and shows the difference in its
 * commit: {@code mvn test -Dtest=GoldenOutputTest -Dlodestone.golden=record}, then
 * {@code git diff src/test/resources/golden}.
 */
class GoldenOutputTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean RECORD = "record".equals(System.getProperty("lodestone.golden"));
    /** Wall-clock times: "(SCIP 10.0.0, 1 thread, 0.03 s)", "· 0.03 s", "in 1.2 s". */
    private static final Pattern SECONDS = Pattern.compile("\\d+\\.\\d+ s\\b");

    @TempDir
    Path tmp;

    /** A command line, named; {@code OUT} in it stands for a file the command writes. */
    record Case(String name, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        List<Path> solved = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/conformance"))) {
            files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("expected.json")).sorted()
                    .forEach(solved::add);
        }
        for (String name : new String[] {"quickstart", "tutorial-build", "tutorial-coproduction",
                "tutorial-mandate", "indo-pacific-2026", "generated/gen-y3-m4-r2-b2-e3-s1-seed1",
                "generated/gen-y5-m10-r5-b4-e5-s2-seed1"}) {
            solved.add(Path.of("instances", name + ".json"));
        }
        for (Path instance : solved) {
            String name = instance.getFileName().toString().replace(".json", "");
            cases.add(new Case("solve-" + name, List.of("solve", instance.toString(), "--no-timings",
                    "-o", "OUT/plan.json", "--report", "OUT/report.html")));
        }
        String tutorial = "instances/tutorial-mandate.json";
        cases.add(new Case("compare", List.of("compare", tutorial, "--set", "/buyers/0/mandate/minShare=0",
                "--report", "OUT/report.html")));
        cases.add(new Case("compare-json", List.of("compare", tutorial, "--set", "/buyers/0/mandate/minShare=0",
                "--format", "json")));
        cases.add(new Case("sweep", List.of("sweep", tutorial, "--param", "/buyers/0/mandate/minShare",
                "--values", "0,0.5,1", "--report", "OUT/report.html")));
        cases.add(new Case("sweep-csv", List.of("sweep", tutorial, "--param", "/buyers/0/mandate/minShare",
                "--values", "0,0.5,1", "--format", "csv")));
        cases.add(new Case("pareto", List.of("pareto", "instances/quickstart.json", "--points", "3",
                "--report", "OUT/report.html")));
        cases.add(new Case("pareto-markdown", List.of("pareto", "instances/quickstart.json", "--points", "3",
                "--format", "markdown")));
        // stress reads a plan: the one recorded for the solve case above
        cases.add(new Case("stress", List.of("stress", "instances/quickstart.json",
                GOLDEN.resolve("solve-quickstart/plan.json").toString(), "--report", "OUT/report.html")));
        cases.add(new Case("stress-json", List.of("stress", tutorial,
                GOLDEN.resolve("solve-tutorial-mandate/plan.json").toString(), "--format", "json")));
        cases.add(new Case("stress-export-ban-replanned", List.of("stress", "instances/quickstart.json",
                GOLDEN.resolve("solve-quickstart/plan.json").toString(), "--defection", "export-ban", "--to", "JP",
                "--first-stage", "replanned", "--report", "OUT/report.html")));
        cases.add(new Case("validate", List.of("validate", "instances/indo-pacific-2026.json")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputsAsRecorded(Case c) throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        // recorded with SCIP, the default before auto (which may race HiGHS and let either win)
        List<String> args = Stream.concat(c.args().stream().map(a -> a.replace("OUT", out.toString())),
                c.name().equals("validate") ? Stream.<String>empty() : Stream.of("--solver", "scip")).toList();
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit = LodestoneCommand.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true),
                MipSolver.create()).execute(args.toArray(String[]::new));
        assertEquals(0, exit, c.name() + ": " + stderr);
        Path dir = GOLDEN.resolve(c.name());
        List<String[]> outputs = new ArrayList<>();
        outputs.add(new String[] {"stdout.txt", mask(stdout.toString(), out)});
        outputs.add(new String[] {"stderr.txt", mask(stderr.toString(), out)});
        try (Stream<Path> written = Files.list(out)) {
            for (Path file : written.sorted().toList()) {
                outputs.add(new String[] {file.getFileName().toString(), mask(Files.readString(file), out)});
            }
        }
        if (RECORD) {
            Files.createDirectories(dir);
            for (String[] o : outputs) {
                Files.writeString(dir.resolve(o[0]), o[1], StandardCharsets.UTF_8);
            }
            return;
        }
        assertTrue(Files.isDirectory(dir), "no recorded output for " + c.name()
                + "; record with -Dlodestone.golden=record");
        for (String[] o : outputs) {
            Path recorded = dir.resolve(o[0]);
            assertTrue(Files.exists(recorded), c.name() + ": " + o[0] + " was not recorded");
            assertEquals(Files.readString(recorded), o[1], c.name() + ": " + o[0] + " differs from " + recorded);
        }
        try (Stream<Path> recorded = Files.list(dir)) {
            assertEquals(outputs.size(), recorded.count(), c.name() + ": a recorded file is no longer written");
        }
    }

    private static String mask(String text, Path out) {
        return SECONDS.matcher(text.replace(out.toString(), "OUT")).replaceAll("#.## s");
    }
}

package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lodestone.solve.Backend;

/** Same instance, backend, thread count and seed → the same plan file, byte for byte. */
class DeterminismTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, {1} thread(s), seed {2}")
    @CsvSource({"scip, 1, 0", "scip, 1, 5", "highs, 1, 0", "highs, 2, 3", "highs-ortools, 1, 0", "cbc, 1, 0"})
    void samePlanFileEveryTime(String solver, int threads, int seed) throws Exception {
        assumeTrue(Backend.parse(solver).isAvailable());
        String instance = CliTest.conformance("g-small-2.json");
        byte[][] files = new byte[3][];
        for (int run = 0; run < files.length; run++) {
            Path plan = tmp.resolve("plan" + run + ".json");
            CliTest.Run r = CliTest.run("solve", instance, "--solver", solver, "--threads", "" + threads,
                    "--seed", "" + seed, "--no-timings", "-o", plan.toString());
            assertEquals(0, r.exit(), r.err());
            files[run] = Files.readAllBytes(plan);
        }
        assertArrayEquals(files[0], files[1]);
        assertArrayEquals(files[0], files[2]);
        assertFalse(new String(files[0], java.nio.charset.StandardCharsets.UTF_8).contains("\"seconds\" : 0."),
                "--no-timings leaves solve time out");
    }
}

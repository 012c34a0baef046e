package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.lodestone.io.InstanceReader;

/** sample, saa and evaluate from the command line, on threads (the Spark engine has its own module and tests). */
class FuturesCliTest {
    static final String TINY = "src/test/resources/saa/hedge-disruptions.json";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sampleWritesAValidInstanceAndTheSameFileForTheSameSeed() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        CliTest.Run run = CliTest.run("sample", TINY, "--samples", "30", "--seed", "4", "-o", a.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("30 futures drawn (seed 4)"), run.err());
        assertEquals(0, CliTest.run("sample", TINY, "--samples", "30", "--seed", "4", "-o", b.toString()).exit());
        assertEquals(Files.readString(a), Files.readString(b));
        JsonNode tree = JSON.readTree(a.toFile());
        assertEquals(30, tree.get("scenarios").size());
        assertEquals("sample-30", tree.get("scenarios").get(29).get("id").asText());
        assertEquals(30, InstanceReader.toInstance(tree).scenarios().size());
        assertEquals(0, CliTest.run("validate", a.toString()).exit(), "the file is an ordinary instance");
    }

    @Test
    void anInstanceWithoutADisruptionModelIsBadInput() {
        CliTest.Run run = CliTest.run("sample", "src/test/resources/conformance/t08_hedge_build.json", "--samples", "3",
                "-o", dir.resolve("x.json").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("disruptions") && run.err().contains("no disruption model"), run.err());
        assertFalse(Files.exists(dir.resolve("x.json")));
    }

    @Test
    void aBadOutputFolderIsFoundBeforeAnythingIsRead() {
        CliTest.Run run = CliTest.run("sample", "does-not-exist.json", "--samples", "3", "-o", "/nonexistent/d/x.json");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("/nonexistent/d") && !run.err().contains("does-not-exist"), run.err());
    }

    /** Replication 1 of saa solves exactly what `sample` writes for the same seed: the same objective. */
    @Test
    void saaReplicationOneIsSolveOnTheSampleFile() throws Exception {
        Path sampled = dir.resolve("s.json");
        Path plan = dir.resolve("p.json");
        assertEquals(0, CliTest.run("sample", TINY, "--samples", "12", "--seed", "8", "-o", sampled.toString()).exit());
        assertEquals(0, CliTest.run("solve", sampled.toString(), "--solver", "scip", "--gap", "0", "-q",
                "--no-marginals", "-o", plan.toString()).exit());
        CliTest.Run saa = CliTest.run("saa", TINY, "--samples", "12", "--replications", "2", "--evaluate", "40",
                "--seed", "8", "--master", "threads[2]", "--solver", "scip", "--gap", "0", "--format", "json");
        assertEquals(0, saa.exit(), saa.err());
        JsonNode out = JSON.readTree(saa.out());
        double solved = JSON.readTree(plan.toFile()).get("objective").asDouble();
        assertEquals(solved, out.get("replicationResults").get(0).get("objective").asDouble(), 1e-6 * solved);
        JsonNode best = out.get("candidates").get(out.get("recommended").asInt() - 1);
        assertEquals(40, best.get("futures").asInt());
        JsonNode mean = best.get("expectedObjective");
        assertTrue(mean.get("low95").asDouble() <= mean.get("mean").asDouble()
                && mean.get("mean").asDouble() <= mean.get("high95").asDouble());
        assertTrue(best.get("cvar").asDouble() >= mean.get("mean").asDouble());
        assertTrue(out.get("optimalityGap").get("upper95").asDouble() >= out.get("optimalityGap").get("estimate")
                .asDouble());
    }

    @Test
    void evaluateJudgesAPlanAndWritesItsReport() throws Exception {
        Path sampled = dir.resolve("s.json");
        Path plan = dir.resolve("p.json");
        Path report = dir.resolve("r.html");
        CliTest.run("sample", TINY, "--samples", "10", "-o", sampled.toString());
        // a plan of the instance itself (its one base scenario): nothing built, nothing held
        assertEquals(0, CliTest.run("solve", TINY, "--solver", "scip", "-q", "--no-marginals", "-o", plan.toString())
                .exit());
        CliTest.Run csv = CliTest.run("evaluate", TINY, plan.toString(), "--samples", "25", "--master", "threads[2]",
                "--solver", "scip", "--format", "csv", "--report", report.toString());
        assertEquals(0, csv.exit(), csv.err());
        String[] lines = csv.out().split("\n");
        assertEquals(26, lines.length, "a header and one row per future");
        assertTrue(lines[0].startsWith("candidate,sample,events,status,objective,cash"), lines[0]);
        String html = Files.readString(report);
        assertTrue(html.contains("Cost over the sampled futures") && html.contains("Shortfall risk by buyer"));
        CliTest.Run text = CliTest.run("evaluate", TINY, plan.toString(), "--samples", "25", "--master", "threads[1]",
                "--solver", "scip");
        assertTrue(text.out().contains("25 judged of 25, 0 unsolved"), text.out());
        // without the Australian build, a Chinese cut-off leaves b1 short in some futures
        assertTrue(text.out().matches("(?s).*b1\\s+NdPr\\s+0\\.[0-9]*[1-9].*"), text.out());
    }

    @Test
    void parquetAndSparkMastersNeedTheSparkModule() throws Exception {
        Path plan = dir.resolve("p.json");
        CliTest.run("solve", TINY, "--solver", "scip", "-q", "--no-marginals", "-o", plan.toString());
        CliTest.Run spark = CliTest.run("evaluate", TINY, plan.toString(), "--samples", "5", "--master", "local[2]");
        assertEquals(2, spark.exit());
        assertTrue(spark.err().contains("needs the Spark engine"), spark.err());
        CliTest.Run parquet = CliTest.run("evaluate", TINY, plan.toString(), "--samples", "5", "--master", "threads[1]",
                "--solver", "scip", "--out", dir.resolve("rows").toString());
        assertEquals(2, parquet.exit());
        assertTrue(parquet.err().contains("Parquet needs the Spark engine"), parquet.err());
    }
}

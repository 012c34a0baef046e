package org.lodestone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lodestone.cli.CliTest.conformance;
import static org.lodestone.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.io.PlanJson;

/** Marginal values of {@code lodestone solve}: in the plan file, in the summary, and left out on request. */
class MarginalsCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    /** t01: one more tonne of NdPr costs 50,525 (see MarginalsTest); one more tonne of mA saves 3,000. */
    @Test
    void planFileAndSummaryCarryTheMarginals() throws Exception {
        Path plan = tmp.resolve("plan.json");
        CliTest.Run r = run("solve", conformance("t01_plain.json"), "-o", plan.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode marginals = MAPPER.readTree(plan.toFile()).get("marginals");
        assertEquals(1, marginals.get("demand").size(), marginals.toString());
        JsonNode demand = marginals.get("demand").get(0);
        assertEquals("bU", demand.get("buyer").asText());
        assertEquals("NdPr", demand.get("element").asText());
        assertEquals(2026, demand.get("year").asInt());
        assertEquals(50_525, demand.get("usdPerTonne").asDouble(), 1e-6);
        // only non-zero values: mB's capacity (not a bottleneck) is left out
        assertEquals(1, marginals.get("capacity").size(), marginals.toString());
        assertEquals("mA", marginals.get("capacity").get(0).get("facility").asText());
        assertEquals(3_000, marginals.get("capacity").get(0).get("usdPerTonne").asDouble(), 1e-6);

        assertTrue(r.out().contains("Marginal values (USD per tonne, expected over scenarios, discounted to 2026)"),
                r.out());
        assertTrue(r.out().matches("(?s).*bU NdPr 2026 +50,525\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*mA 2026 +3,000\n.*"), r.out());
        assertTrue(r.out().contains("one valid price among several"), r.out());
    }

    @Test
    void noMarginalsLeavesThemOut() throws Exception {
        Path plan = tmp.resolve("plan.json");
        CliTest.Run r = run("solve", conformance("t01_plain.json"), "-o", plan.toString(), "--no-marginals");
        assertEquals(0, r.exit(), r.err());
        assertFalse(MAPPER.readTree(plan.toFile()).has("marginals"));
        assertFalse(r.out().contains("Marginal values"), r.out());
    }

    @Test
    void aPlanWithMarginalsStillVerifiesAndReadsAsWithout() throws Exception {
        Path with = tmp.resolve("with.json");
        Path without = tmp.resolve("without.json");
        assertEquals(0, run("solve", conformance("t08_hedge_build.json"), "-o", with.toString(), "--no-timings").exit());
        assertEquals(0, run("solve", conformance("t08_hedge_build.json"), "-o", without.toString(), "--no-timings",
                "--no-marginals").exit());
        assertTrue(Files.readString(with).contains("\"marginals\""));
        CliTest.Run verify = run("verify", conformance("t08_hedge_build.json"), with.toString());
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertEquals(PlanJson.read(without), PlanJson.read(with));
    }
}

package org.lodestone.saa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.lodestone.domain.Instance;
import org.lodestone.domain.Scenario;
import org.lodestone.io.InstanceReader;

/** The disruption model's sampler: frequencies, determinism, and what a sampled scenario says. */
class SamplerTest {
    static final Path TINY = Path.of("src/test/resources/saa/hedge-disruptions.json");

    static Futures tiny() throws Exception {
        return Futures.of(InstanceReader.readTree(TINY));
    }

    /**
     * Each event starts with its annual probability in every year it is not running, so the share
     * of samples where it runs in the first year is its probability, and the share where it never
     * runs over Y years is (1 − p)^Y whatever its length. 20,000 samples; tolerance 4.5 standard
     * errors of a binomial share (a fixed seed: the outcome is the same on every run).
     */
    @Test
    void eventFrequenciesMatchTheirProbabilities() throws Exception {
        Sampler sampler = tiny().sampler(7);
        int n = 20_000;
        int cutFirstYear = 0;
        int floodFirstYear = 0;
        int cutNever = 0;
        int floodYears = 0;
        for (int k = 0; k < n; k++) {
            List<Sampler.Run> runs = sampler.runs(k);
            cutFirstYear += runs.stream().anyMatch(r -> r.event().equals("cn-cut") && r.from() == 2026) ? 1 : 0;
            floodFirstYear += runs.stream().anyMatch(r -> r.event().equals("cn-flood") && r.from() == 2026) ? 1 : 0;
            cutNever += runs.stream().noneMatch(r -> r.event().equals("cn-cut")) ? 1 : 0;
            floodYears += runs.stream().filter(r -> r.event().equals("cn-flood")).mapToInt(r -> r.to() - r.from() + 1)
                    .sum();
        }
        assertShare(0.2, cutFirstYear, n);
        assertShare(0.1, floodFirstYear, n);
        assertShare(Math.pow(0.8, 3), cutNever, n);
        // a one-year event draws afresh every year: each of the 3 years runs with probability 0.1
        assertShare(0.1, floodYears, 3 * n);
    }

    private static void assertShare(double p, int count, int n) {
        double share = (double) count / n;
        double tolerance = 4.5 * Math.sqrt(p * (1 - p) / n);
        assertEquals(p, share, tolerance, "share " + share + " of " + n + " against probability " + p);
    }

    @Test
    void aSampleDependsOnlyOnTheSeedAndItsIndex() throws Exception {
        Futures futures = tiny();
        JsonNode batch = futures.sampled(42, 0, 50);
        for (int k = 0; k < 50; k++) {
            JsonNode alone = futures.sampled(42, k, 1).get("scenarios").get(0);
            JsonNode inBatch = batch.get("scenarios").get(k).deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) inBatch).put("probability", 1.0);
            assertEquals(alone, inBatch, "sample " + k);
        }
        assertEquals(batch, tiny().sampled(42, 0, 50), "the same seed twice");
        assertNotEquals(batch, futures.sampled(43, 0, 50), "another seed");
    }

    @Test
    void aSampledScenarioCarriesTheEventsEffectsOverTheirYearsAndIsRevealedWhenTheFirstRuns() throws Exception {
        Futures futures = tiny();
        Sampler sampler = futures.sampler(3);
        Instance sampled = InstanceReader.toInstance(futures.sampled(3, 0, 200));
        assertEquals(200, sampled.scenarios().size());
        int undisrupted = 0;
        for (int k = 0; k < 200; k++) {
            Scenario s = sampled.scenarios().get(k);
            assertEquals("sample-" + (k + 1), s.id());
            assertEquals(1.0 / 200, s.probability(), 1e-15);
            List<Sampler.Run> runs = sampler.runs(k);
            int reveal = runs.stream().mapToInt(Sampler.Run::from).min().orElse(2029);
            assertEquals(reveal, s.revealYear().orElseThrow(), "reveal year of sample " + k);
            long cuts = runs.stream().filter(r -> r.event().equals("cn-cut")).count();
            assertEquals(cuts, s.capacityFactors().size());
            s.capacityFactors().forEach(f -> {
                assertEquals("CN", f.country().orElseThrow());
                assertEquals(0, f.factor());
            });
            long floods = runs.stream().filter(r -> r.event().equals("cn-flood")).count();
            assertEquals(floods, s.costFactors().size());
            assertEquals(floods, s.priceFactors().size());
            undisrupted += runs.isEmpty() ? 1 : 0;
        }
        assertTrue(undisrupted > 0 && undisrupted < 200, "both kinds of future among 200: " + undisrupted);
    }
}

package org.lodestone.saa;

import org.lodestone.plan.FirstStage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.CheckReport;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.plan.Planner;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;

/** Sample-average approximation on the tiny instance, on threads. */
class SaaTest {
    static final SolveSpec SPEC = new SolveSpec("SCIP", 60, 1e-9, 0);

    @Test
    void aReplicationSolvesExactlyTheSampledInstance() throws Exception {
        Futures futures = SamplerTest.tiny();
        SampleSolution r0 = new SolveSample(futures.text(), 11, 0, 20, SPEC).run();
        Plan direct = new Planner().solve(InstanceReader.toInstance(futures.sampled(11, 0, 20)),
                new SolveOptions(Backend.SCIP, 60, 1e-9, 1), false).plan();
        assertEquals(direct.objective(), r0.objective(), 1e-6 * Math.abs(direct.objective()));
        assertEquals(FirstStage.of(direct), r0.stage());
    }

    @Test
    void everyEvaluatedFutureIsAPlanThatPassesTheChecker() throws Exception {
        Futures futures = SamplerTest.tiny();
        FirstStage stage = new SolveSample(futures.text(), 5, 0, 10, SPEC).run().stage();
        for (long k = 0; k < 6; k++) {
            FutureCost row = new EvaluateFuture(futures.text(), 5, k, stage, SPEC).run();
            Instance one = futures.alone(5, k);
            Plan plan = new Planner().solve(new Planner.Job(one, SPEC.options()).withTimings(false).adjusted(stage::fix))
                    .plan();
            CheckReport report = PlanChecker.check(one, plan);
            assertTrue(report.ok(), "sample " + k + ": " + report.violations());
            assertEquals(plan.objective(), row.objective(), 1e-9 * Math.abs(plan.objective()));
            assertEquals(FirstStage.of(plan), stage, "the first stage stayed fixed");
        }
    }

    @Test
    void resultsDoNotDependOnHowManyThreadsRunThem() throws Exception {
        Futures futures = SamplerTest.tiny();
        Saa.Settings settings = new Saa.Settings(8, 3, 40, 99, SPEC, 0.9);
        Saa.Result one;
        Saa.Result two;
        try (Engine e = new ThreadEngine(1)) {
            one = Saa.run(futures, settings, e, Saa.Progress.NONE, new Cancel());
        }
        try (Engine e = new ThreadEngine(2)) {
            two = Saa.run(futures, settings, e, Saa.Progress.NONE, new Cancel());
        }
        assertEquals(one.replications(), two.replications());
        assertEquals(one.candidates(), two.candidates());
        assertTrue(one.complete());
    }

    /**
     * On the tiny instance a Chinese cut-off (20 % a year) makes the Australian build worth it:
     * the recommendation builds mA; its judged cost is no lower than the replications' lower
     * estimate up to sampling noise (the gap's upper limit is not negative); a shortfall happens
     * in some futures but not in most.
     */
    @Test
    void theRecommendationHedgesAndItsGapIsSmall() throws Exception {
        Futures futures = SamplerTest.tiny();
        Saa.Result result;
        try (Engine e = new ThreadEngine(2)) {
            result = Saa.run(futures, new Saa.Settings(30, 4, 300, 1, SPEC, 0.9), e, Saa.Progress.NONE, new Cancel());
        }
        Saa.Candidate best = result.best();
        assertTrue(best.stage().builds().stream().anyMatch(b -> b.facility().equals("mA")), best.stage().describe());
        Judgement j = best.judgement();
        assertEquals(300, j.rows().size());
        assertTrue(j.cvar() >= j.objective().mean(), "CVaR is at least the mean");
        assertTrue(result.gap().upper95() >= 0, "gap upper limit " + result.gap());
        assertTrue(Math.abs(result.gap().estimate()) < 0.05 * j.objective().mean(), "gap " + result.gap());
        assertTrue(j.objective().halfWidth() > 0 && j.objective().halfWidth() < 0.05 * j.objective().mean());
        Judgement.ShortfallRisk b1 = j.shortfalls().get(0);
        assertEquals(List.of("b1", "NdPr"), List.of(b1.buyer(), b1.element()));
        assertTrue(b1.probability() >= 0 && b1.probability() < 0.5, "shortfall probability " + b1.probability());
    }

    @Test
    void aCancelKeepsTheRowsFinishedAndLeavesTheRestOut() throws Exception {
        Futures futures = SamplerTest.tiny();
        FirstStage stage = new FirstStage(List.of(), List.of());
        Cancel cancel = new Cancel();
        Judgement j;
        try (Engine e = new ThreadEngine(1)) {
            j = Saa.evaluate(futures, stage, 50, 3, SPEC, 0.9, e, (what, done, total) -> {
                if (done == 5) {
                    cancel.request();
                }
            }, cancel);
        }
        assertTrue(j.rows().size() >= 5 && j.rows().size() < 50, j.rows().size() + " rows");
        assertTrue(!j.complete());
        for (int i = 0; i < j.rows().size(); i++) {
            assertEquals(i, j.rows().get(i).sample(), "rows in sample order, the first ones");
        }
    }
}

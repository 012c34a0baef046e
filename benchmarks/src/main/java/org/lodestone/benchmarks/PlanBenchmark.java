package org.lodestone.benchmarks;

import java.util.concurrent.TimeUnit;

import org.lodestone.domain.Instance;
import org.lodestone.model.SourcingModel;
import org.lodestone.plan.CheckReport;
import org.lodestone.plan.Plan;
import org.lodestone.plan.PlanChecker;
import org.lodestone.plan.PlanExtractor;
import org.lodestone.solve.Backend;
import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * After the solve: {@code extract} turns the solver's values into a plan (PlanExtractor),
 * {@code check} re-checks the plan against the instance alone (PlanChecker). The solve happens
 * once, in the setup, with HiGHS (which solves the large instance fastest) to a 1 % gap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlanBenchmark {
    @Param({"tiny", "small", "medium", "large"})
    public Size size;

    /** Seconds for the one solve of the setup. */
    @Param({"600"})
    public double setupTimeLimit;

    private Instance instance;
    private SourcingModel model;
    private SolveResult result;
    private SolveOptions options;
    private Plan plan;

    @Setup
    public void setUp() {
        instance = size.instance();
        model = SourcingModel.build(instance);
        options = new SolveOptions(Backend.HIGHS, setupTimeLimit, 0.01, 1);
        result = MipSolver.create().solve(model.mip(), options);
        if (!result.hasSolution()) {
            throw new IllegalStateException("setup solve found no plan: " + SolveOutcomes.describe(result));
        }
        plan = PlanExtractor.extract(model, result, options, false);
        CheckReport report = PlanChecker.check(instance, plan);
        System.out.println("\n" + size + " setup: " + SolveOutcomes.describe(result) + "; checker: "
                + (report.ok() ? "ok" : report.violations().size() + " violations"));
    }

    @Benchmark
    public Plan extract() {
        return PlanExtractor.extract(model, result, options, false);
    }

    @Benchmark
    public CheckReport check() {
        return PlanChecker.check(instance, plan);
    }
}

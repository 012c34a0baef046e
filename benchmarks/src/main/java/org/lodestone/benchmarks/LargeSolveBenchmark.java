package org.lodestone.benchmarks;

import java.util.concurrent.TimeUnit;

import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveControl;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One solve of the large instance per backend, stopped by a time limit: the time is mostly the
 * limit itself unless the backend proves optimality first, so the secondary results (status
 * and gap, see {@link SolveOutcomes}) matter as much as the time. The hand-off to the solver is included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class LargeSolveBenchmark {
    @Param({"large"})
    public Size size;

    @Param({"SCIP", "HIGHS", "HIGHS_ORTOOLS", "CBC", "AUTO"})
    public Backend backend;

    /** Per solve, seconds. */
    @Param({"120"})
    public double timeLimit;

    /** Relative gap at which a solve stops. */
    @Param({"1e-4"})
    public double gap;

    private SolveTrial trial;

    @Setup
    public void setUp() {
        trial = new SolveTrial(size,
                SolveOptions.defaults().withBackend(backend).withTimeLimit(timeLimit).withGap(gap));
    }

    @Benchmark
    public SolveResult solve(SolveOutcomes outcomes) {
        return trial.solve(new SolveControl(), outcomes);
    }

    @TearDown
    public void report() {
        trial.report("");
    }
}

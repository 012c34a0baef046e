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
 * Solving with each backend as {@code lodestone solve} does (MipSolver: the hand-off to the solver
 * included, default gap 1e-4, one thread), on the sizes that solve in seconds. The large
 * instance has its own single-shot benchmark, {@link LargeSolveBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class SolveBenchmark {
    @Param({"tiny", "small", "medium"})
    public Size size;

    @Param({"SCIP", "HIGHS", "HIGHS_ORTOOLS", "CBC", "AUTO"})
    public Backend backend;

    /** Per solve, seconds. */
    @Param({"60"})
    public double timeLimit;

    /**
     * Whether a listener hears the solver's progress (as at a terminal: the solver's log on and
     * read through a pipe). Off by default; {@code -p progress=false,true} measures its cost.
     */
    @Param({"false"})
    public boolean progress;

    /** Progress reports heard over the trial. */
    private long heard;
    private SolveTrial trial;

    @Setup
    public void setUp() {
        trial = new SolveTrial(size, SolveOptions.defaults().withBackend(backend).withTimeLimit(timeLimit));
    }

    @Benchmark
    public SolveResult solve(SolveOutcomes outcomes) {
        SolveControl control = new SolveControl();
        if (progress) {
            control.onProgress(progressReport -> heard++);
        }
        return trial.solve(control, outcomes);
    }

    @TearDown
    public void report() {
        trial.report(progress ? ", " + heard + " progress reports" : "");
    }
}

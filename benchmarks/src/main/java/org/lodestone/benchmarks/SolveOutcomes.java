package org.lodestone.benchmarks;

import org.lodestone.solve.SolveResult;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How a solve benchmark's solves ended, as secondary results (JMH auxiliary counters).
 * {@code optimal}, {@code feasible} and {@code noSolution} count the solves that ended so; {@code gapPercent} is
 * the worst relative gap of an iteration's solves in per cent (NaN when a solve had no solution
 * or no bound). JMH adds these up over the measurement iterations: with one iteration (the
 * single-shot large solves) {@code gapPercent} is that solve's gap; otherwise divide by the count.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SolveOutcomes {
    public double gapPercent;
    public long optimal;
    public long feasible;
    public long noSolution;

    @Setup(Level.Iteration)
    public void reset() {
        gapPercent = 0;
        optimal = 0;
        feasible = 0;
        noSolution = 0;
    }

    public void record(SolveResult result) {
        Double gap = result.gap();
        gapPercent = gap == null ? Double.NaN : Math.max(gapPercent, 100 * gap); // NaN stays NaN
        switch (result.termination()) {
            case OPTIMAL -> optimal++;
            case FEASIBLE -> feasible++;
            default -> noSolution++;
        }
    }

    /** One line for the log: backend, status, time, objective, gap, the solver's message. */
    static String describe(SolveResult result) {
        Double gap = result.gap();
        return String.format(java.util.Locale.ROOT, "%s %s in %.2f s, objective %s, gap %s%s",
                result.solverName(), result.termination(), result.seconds(), result.objective(),
                gap == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f %%", 100 * gap),
                result.message().isEmpty() ? "" : " (" + result.message() + ")");
    }
}

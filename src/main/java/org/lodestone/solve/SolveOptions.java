package org.lodestone.solve;

/**
 * @param timeLimitSeconds wall-clock limit of one solve
 * @param relativeGap stop when (incumbent − bound) / |incumbent| ≤ this
 * @param threads solver threads (backends that cannot use more take what they can)
 * @param seed the solver's random seed (SCIP and HiGHS; CBC through OR-Tools takes none)
 */
public record SolveOptions(Backend backend, double timeLimitSeconds, double relativeGap, int threads, int seed) {
    public static final double DEFAULT_TIME_LIMIT = 60;
    public static final double DEFAULT_GAP = 1e-4;

    public SolveOptions(Backend backend, double timeLimitSeconds, double relativeGap, int threads) {
        this(backend, timeLimitSeconds, relativeGap, threads, 0);
    }

    public static SolveOptions defaults() {
        return new SolveOptions(Backend.AUTO, DEFAULT_TIME_LIMIT, DEFAULT_GAP, 1);
    }

    public SolveOptions withBackend(Backend other) {
        return new SolveOptions(other, timeLimitSeconds, relativeGap, threads, seed);
    }

    public SolveOptions withGap(double gap) {
        return new SolveOptions(backend, timeLimitSeconds, gap, threads, seed);
    }

    public SolveOptions withTimeLimit(double seconds) {
        return new SolveOptions(backend, seconds, relativeGap, threads, seed);
    }
}

package org.lodestone.analysis;

import java.util.Objects;

import org.lodestone.solve.MipSolver;
import org.lodestone.solve.SolveOptions;

/**
 * How an analysis solves its instances.
 *
 * @param solver the solver of every solve
 * @param options backend, time limit (per solve), gap and seed of every solve; its thread count is
 *     ignored: each solve gets one solver thread
 * @param parallel how many solves may run at once (≥ 1); results do not depend on the timing of
 *     threads, only on this number (see {@link Batch})
 * @param progress told when each solve starts
 * @param stop Ctrl-C: once requested, solves under way stop and no more start; the jobs not solved
 *     come back as plans without a solution whose message says so
 */
public record Settings(MipSolver solver, SolveOptions options, int parallel, Progress progress, Stop stop) {
    public Settings(MipSolver solver, SolveOptions options, int parallel, Progress progress) {
        this(solver, options, parallel, progress, new Stop());
    }

    public Settings {
        Objects.requireNonNull(solver);
        Objects.requireNonNull(options);
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
        }
        progress = progress == null ? Progress.NONE : progress;
        stop = stop == null ? new Stop() : stop;
    }

    /** One solve at a time, no progress. */
    public static Settings of(MipSolver solver, SolveOptions options) {
        return new Settings(solver, options, 1, Progress.NONE);
    }

    /** The options each single solve gets: one solver thread. */
    SolveOptions perSolve() {
        return new SolveOptions(options.backend(), options.timeLimitSeconds(), options.relativeGap(), 1,
                options.seed());
    }
}

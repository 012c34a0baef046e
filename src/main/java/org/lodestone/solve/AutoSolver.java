package org.lodestone.solve;

import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.lodestone.model.MipModel;

/**
 * {@code --solver auto}: which of SCIP and HiGHS is faster on a model is not a matter of its size
 * below a few hundred thousand nonzeros (on generated instances of 33,000 and 36,000 nonzeros
 * SCIP won 4× on one and HiGHS 8× on the other), so there the two run side by side, one thread
 * each, and the first to prove the gap wins; the other is stopped. From
 * {@link #HIGHS_ALONE_NONZEROS} nonzeros on, HiGHS runs alone: SCIP's LP solver (SoPlex) needs
 * minutes for the root LP there, and racing it would only cost memory and a core.
 *
 * <p>The plan's solver is the one that produced it, its version followed by how auto chose it.
 * A race is decided by the clock, so when both solvers finish at about the same time either may
 * win and the plan may differ from run to run; {@code --solver scip} or {@code --solver highs}
 * give the same plan every time.
 */
final class AutoSolver implements MipSolver {
    /** From this many nonzeros on HiGHS solves alone. */
    static final int HIGHS_ALONE_NONZEROS = 200_000;

    private final MipSolver scip;
    private final MipSolver highs;

    AutoSolver(MipSolver scip, MipSolver highs) {
        this.scip = scip;
        this.highs = highs;
    }

    /** How auto solves a model: HiGHS alone, SCIP alone (HiGHS cannot load), or a race. */
    enum Plan { HIGHS_ALONE, SCIP_ALONE, RACE }

    static Plan plan(MipModel model, boolean highsAvailable, boolean scipAvailable) {
        if (!highsAvailable) {
            return Plan.SCIP_ALONE;
        }
        return model.nonzeros() >= HIGHS_ALONE_NONZEROS || !scipAvailable ? Plan.HIGHS_ALONE : Plan.RACE;
    }

    @Override
    public SolveResult solve(MipModel model, SolveOptions options, SolveControl control) {
        boolean highsAvailable = Backend.HIGHS.isAvailable();
        // the size decides before OR-Tools' native libraries are loaded: a large model never needs them
        Plan plan = highsAvailable && model.nonzeros() >= HIGHS_ALONE_NONZEROS ? Plan.HIGHS_ALONE
                : plan(model, highsAvailable, Backend.SCIP.isAvailable());
        return switch (plan) {
            case HIGHS_ALONE -> noted(highs.solve(model, options.withBackend(Backend.HIGHS), control),
                    String.format(Locale.ROOT, "HiGHS alone at %,d nonzeros", model.nonzeros()));
            case SCIP_ALONE -> noted(scip.solve(model, options.withBackend(Backend.SCIP), control),
                    "SCIP alone, HiGHS could not be loaded");
            case RACE -> race(model, options, control);
        };
    }

    /** {@code result} with how auto chose its solver after its version. */
    private static SolveResult noted(SolveResult r, String how) {
        return new SolveResult(r.termination(), r.values(), r.objective(), r.bestBound(), r.seconds(),
                r.solverName(), r.solverVersion() + "; auto: " + how, r.threads(), r.message());
    }

    /**
     * SCIP and HiGHS side by side on the same model (neither changes it). The first to end proven
     * optimal is kept and the other stopped; when the first ends otherwise (a limit, a claim of
     * infeasibility), the second is awaited and the better of the two kept. The bound is the
     * better of both solvers' bounds, which hold for the same model.
     */
    private SolveResult race(MipModel model, SolveOptions options, SolveControl control) {
        long started = System.nanoTime();
        SolveControl scipControl = new SolveControl();
        SolveControl highsControl = new SolveControl();
        Consumer<SolverProgress> listener = control.progressListener();
        if (listener != null) {
            RaceProgress progress = new RaceProgress(listener);
            scipControl.onProgress(progress::scip);
            highsControl.onProgress(progress::highs);
        }
        BlockingQueue<SolveResult> finished = new ArrayBlockingQueue<>(2);
        Thread scipThread = runner(Backend.SCIP,
                () -> scip.solve(model, options.withBackend(Backend.SCIP), scipControl), finished);
        Thread highsThread = runner(Backend.HIGHS,
                () -> highs.solve(model, options.withBackend(Backend.HIGHS), highsControl), finished);
        control.onInterrupt(() -> {
            scipControl.interrupt();
            highsControl.interrupt();
            return true;
        });
        try {
            scipThread.start();
            highsThread.start();
            SolveResult first = take(finished);
            // only a plan proven optimal ends the race: a claim of infeasibility waits for the other
            // solver, whose plan, if it finds one, shows the claim wrong
            boolean proven = first.termination() == SolveResult.Termination.OPTIMAL;
            if (proven) {
                scipControl.interrupt();
                highsControl.interrupt();
            }
            SolveResult second = take(finished); // the loser stops within moments of its interrupt
            SolveResult kept = proven ? first : better(first, second);
            SolveResult other = kept == first ? second : first;
            double seconds = (System.nanoTime() - started) / 1e9;
            Double bound = bestBound(kept, other);
            return new SolveResult(kept.termination(), kept.values(), kept.objective(), bound, seconds,
                    kept.solverName(), kept.solverVersion() + "; auto: " + (proven
                            ? "first of SCIP and HiGHS to finish" : "the better of SCIP and HiGHS at the limit"),
                    kept.threads(), kept.message());
        } finally {
            control.onInterrupt(null);
            scipControl.interrupt();
            highsControl.interrupt();
            join(scipThread);
            join(highsThread);
        }
    }

    private static Thread runner(Backend backend, Supplier<SolveResult> solve, BlockingQueue<SolveResult> finished) {
        Thread t = new Thread(() -> {
            SolveResult r;
            try {
                r = solve.get();
            } catch (RuntimeException | Error e) {
                r = new SolveResult(SolveResult.Termination.ERROR, null, null, null, 0, backend.displayName(), "", 1,
                        "the solver failed: " + e);
            }
            finished.add(r);
        }, "lodestone-auto-" + backend.optionName());
        t.setDaemon(true);
        return t;
    }

    private static SolveResult take(BlockingQueue<SolveResult> finished) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return finished.take();
                } catch (InterruptedException e) {
                    interrupted = true; // the solvers are stopped through their controls, not this thread
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void join(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Of two results, neither proven first: one proven optimal, else the one with the better plan,
     * else a claim of infeasibility, else the first.
     */
    static SolveResult better(SolveResult a, SolveResult b) {
        if (a.termination() == SolveResult.Termination.OPTIMAL || b.termination() == SolveResult.Termination.OPTIMAL) {
            return a.termination() == SolveResult.Termination.OPTIMAL ? a : b;
        }
        if (a.hasSolution() || b.hasSolution()) {
            return !b.hasSolution() || (a.hasSolution() && a.objective() <= b.objective()) ? a : b;
        }
        return b.termination() == SolveResult.Termination.INFEASIBLE ? b : a;
    }

    /** The higher of the two results' bounds (both hold for the same model), or null when neither has one. */
    private static Double bestBound(SolveResult kept, SolveResult other) {
        if (kept.bestBound() == null) {
            return other.bestBound();
        }
        return other.bestBound() == null ? kept.bestBound() : Math.max(kept.bestBound(), other.bestBound());
    }

    /**
     * Both solvers' progress as one: the best plan either has found, the higher of their bounds,
     * and what each is doing.
     */
    private static final class RaceProgress {
        private final Consumer<SolverProgress> listener;
        private SolverProgress scip;
        private SolverProgress highs;

        RaceProgress(Consumer<SolverProgress> listener) {
            this.listener = listener;
        }

        synchronized void scip(SolverProgress p) {
            scip = p;
            report();
        }

        synchronized void highs(SolverProgress p) {
            highs = p;
            report();
        }

        private void report() {
            String phase = (scip == null ? "SCIP starting" : "SCIP " + scip.phase())
                    + " | " + (highs == null ? "HiGHS starting" : "HiGHS " + highs.phase());
            listener.accept(new SolverProgress("auto", phase, least(incumbent(scip), incumbent(highs)),
                    most(bound(scip), bound(highs))));
        }

        private static Double incumbent(SolverProgress p) {
            return p == null ? null : p.incumbent();
        }

        private static Double bound(SolverProgress p) {
            return p == null ? null : p.bound();
        }

        private static Double least(Double a, Double b) {
            return a == null ? b : b == null ? a : Math.min(a, b);
        }

        private static Double most(Double a, Double b) {
            return a == null ? b : b == null ? a : Math.max(a, b);
        }
    }
}

package org.lodestone.solve;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.lodestone.model.MipModel;

/**
 * {@code --solver auto}. From {@link #HIGHS_ALONE_NONZEROS} nonzeros on, HiGHS solves alone: SCIP's
 * LP solver (SoPlex) needs minutes for the root LP there (the large benchmark instance, 946,000:
 * no bound after 120 s; HiGHS optimal in 15 s). Below, which solver is faster depends on the
 * instance more than on its size (generated instances of 33,000 and 36,000 nonzeros: SCIP 4×
 * faster on one, HiGHS 7× on the other), so:
 * <ul>
 *   <li>with at least {@link #RACE_FROM_CORES} cores, SCIP and HiGHS run side by side, one thread
 *       each; the first to prove the gap wins and the other is stopped;</li>
 *   <li>with fewer, a race would halve each solver's share of a machine that other work is also
 *       using (measured on two cores under load: 1.4-2.6× slower than the better solver alone),
 *       so the size decides (benchmarks/README.md, 20 instances measured): SCIP below 2,000
 *       nonzeros, where both take at most 0.12 s and the winner changes from instance to instance
 *       (HiGHS on 3 of 5), but HiGHS's set-up of some 10-20 ms cannot match SCIP's 14 ms on the
 *       benchmark grid's tiny instance; HiGHS from 2,000 (3 of 5); SCIP from 20,000 (2 of 3, the
 *       first real instance among them: SCIP 1.7×); HiGHS from 50,000 (5 of 6: the medium
 *       instance, HiGHS 12×, and the corrected real instance of 69,295, HiGHS 3-12×; the boundary
 *       lies anywhere between 39,000 and 69,000 for the data, 50,000 is a round number between).</li>
 * </ul>
 * {@code -Dlodestone.auto.race=always} or {@code never} overrides the count of cores (benchmarks).
 *
 * <p>The plan's solver is the one that produced it, its version followed by how auto chose it.
 * A race is decided by the clock, so when both solvers finish at about the same time either may
 * win and the plan may differ from run to run; {@code --solver scip} or {@code --solver highs}
 * give the same plan every time. The race's loser is interrupted and not waited for: it stops in
 * the background (a shutdown hook lets it finish stopping before the JVM exits).
 */
final class AutoSolver implements MipSolver {
    /** From this many nonzeros on HiGHS solves alone. */
    static final int HIGHS_ALONE_NONZEROS = 200_000;
    /** Without a race: where each range of nonzeros below {@link #HIGHS_ALONE_NONZEROS} starts ... */
    static final int[] RANGE_FROM = {0, 2_000, 20_000, 50_000};
    /** ... and which solver takes it. */
    static final Backend[] RANGE_SOLVER = {Backend.SCIP, Backend.HIGHS, Backend.SCIP, Backend.HIGHS};
    /** The cores a machine needs for auto to race: two for the race, the rest for everything else. */
    static final int RACE_FROM_CORES = 4;

    /** Race losers still stopping, which the JVM waits for before it exits. */
    private static final Set<Thread> STOPPING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean EXIT_HOOK = new AtomicBoolean();

    private final MipSolver scip;
    private final MipSolver highs;

    AutoSolver(MipSolver scip, MipSolver highs) {
        this.scip = scip;
        this.highs = highs;
    }

    /** How auto solves a model: HiGHS alone, SCIP alone, or a race. */
    enum Plan { HIGHS_ALONE, SCIP_ALONE, RACE }

    /**
     * @param highsAvailable whether HiGHS's library loads (else SCIP alone)
     * @param race whether this machine races below {@link #HIGHS_ALONE_NONZEROS}
     */
    static Plan plan(MipModel model, boolean highsAvailable, boolean race) {
        int nonzeros = model.nonzeros();
        if (!highsAvailable) {
            return Plan.SCIP_ALONE;
        }
        if (nonzeros >= HIGHS_ALONE_NONZEROS) {
            return Plan.HIGHS_ALONE;
        }
        if (race) {
            return Plan.RACE;
        }
        int range = RANGE_FROM.length - 1;
        while (nonzeros < RANGE_FROM[range]) {
            range--;
        }
        return RANGE_SOLVER[range] == Backend.SCIP ? Plan.SCIP_ALONE : Plan.HIGHS_ALONE;
    }

    /** Whether auto races here: {@code lodestone.auto.race} if set, else at least {@link #RACE_FROM_CORES} cores. */
    static boolean racesHere() {
        String forced = System.getProperty("lodestone.auto.race", "");
        if (forced.equals("always") || forced.equals("never")) {
            return forced.equals("always");
        }
        return Runtime.getRuntime().availableProcessors() >= RACE_FROM_CORES;
    }

    @Override
    public SolveResult solve(MipModel model, SolveOptions options, SolveControl control) {
        // decided without loading OR-Tools: HiGHS alone never needs it, and in a race SCIP loads it on
        // its own thread (were SCIP missing, its side of the race would end at once in an error)
        boolean highsAvailable = Backend.HIGHS.isAvailable();
        String size = String.format(Locale.ROOT, "%,d nonzeros", model.nonzeros());
        return switch (plan(model, highsAvailable, racesHere())) {
            case HIGHS_ALONE -> noted(highs.solve(model, options.withBackend(Backend.HIGHS), control),
                    "HiGHS alone at " + size);
            case SCIP_ALONE -> noted(scip.solve(model, options.withBackend(Backend.SCIP), control),
                    highsAvailable ? "SCIP alone at " + size : "SCIP alone, HiGHS could not be loaded");
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
     * optimal is kept and the other interrupted and left to stop on its own; when the first ends
     * otherwise (a limit, a claim of infeasibility), the second is awaited and the better of the
     * two kept, with the better of both bounds (they hold for the same model). SCIP's log is not
     * read for progress in a race: a loser still writing it after the race could take the
     * process's standard output with it, so progress is HiGHS's, with SCIP said to be running.
     */
    SolveResult race(MipModel model, SolveOptions options, SolveControl control) {
        long started = System.nanoTime();
        SolveControl scipControl = new SolveControl();
        SolveControl highsControl = new SolveControl();
        RaceProgress progress = control.progressListener() == null ? null
                : new RaceProgress(control.progressListener());
        if (progress != null) {
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
            if (progress != null) { // before the solvers start: their own reports must come after it
                progress.highs(new SolverProgress(HighsSolver.NAME, "starting", null, null));
            }
            scipThread.start();
            highsThread.start();
            SolveResult first = take(finished);
            // only a plan proven optimal ends the race: a claim of infeasibility waits for the other
            // solver, whose plan, if it finds one, shows the claim wrong
            if (first.termination() == SolveResult.Termination.OPTIMAL) {
                return new SolveResult(first.termination(), first.values(), first.objective(), first.bestBound(),
                        (System.nanoTime() - started) / 1e9, first.solverName(),
                        first.solverVersion() + "; auto: first of SCIP and HiGHS to finish", first.threads(),
                        first.message());
            }
            SolveResult second = take(finished);
            SolveResult kept = better(first, second);
            SolveResult other = kept == first ? second : first;
            return new SolveResult(kept.termination(), kept.values(), kept.objective(), bestBound(kept, other),
                    (System.nanoTime() - started) / 1e9, kept.solverName(),
                    kept.solverVersion() + "; auto: the better of SCIP and HiGHS", kept.threads(), kept.message());
        } finally {
            control.onInterrupt(null);
            if (progress != null) {
                progress.close();
            }
            scipControl.interrupt();
            highsControl.interrupt();
            stopping(scipThread);
            stopping(highsThread);
        }
    }

    /** Lets {@code t}, interrupted, stop on its own; the JVM waits for it before it exits. */
    private static void stopping(Thread t) {
        if (!t.isAlive()) {
            return;
        }
        STOPPING.add(t);
        if (!t.isAlive()) {
            STOPPING.remove(t);
        }
        if (EXIT_HOOK.compareAndSet(false, true)) {
            // a solver thread still in native code while the JVM exits could crash it
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STOPPING.forEach(AutoSolver::join),
                    "lodestone-auto-exit"));
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
            STOPPING.remove(Thread.currentThread());
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

    /** The race's progress: HiGHS's, with SCIP said to be running beside it; silent once the race is over. */
    private static final class RaceProgress {
        private final Consumer<SolverProgress> listener;
        private boolean closed;

        RaceProgress(Consumer<SolverProgress> listener) {
            this.listener = listener;
        }

        synchronized void highs(SolverProgress p) {
            if (!closed) {
                listener.accept(new SolverProgress("auto", "SCIP running | HiGHS " + p.phase(), p.incumbent(),
                        p.bound()));
            }
        }

        synchronized void close() {
            closed = true;
        }
    }
}

package org.lodestone.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.lodestone.domain.Instance;
import org.lodestone.model.SourcingModel;
import org.lodestone.plan.Planner;
import org.lodestone.plan.WarmStart;
import org.lodestone.solve.SolveControl;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

/**
 * Solves a list of instances through the {@link Planner}, in order, by default reusing each
 * solution as a warm start for the next.
 *
 * <p>With {@code parallel} = P the list is cut into at most P contiguous chunks of nearly equal
 * length, solved at the same time, one solver thread each. Within a chunk, solves run in list
 * order, and when warm starts are on and a solve's model has exactly the columns of the previous
 * one (same count, same names) the previous solution is handed to the solver as a hint
 * ({@link WarmStart}; SCIP and CBC use it). Which solve hints which thus depends only on the list
 * and P, never on timing: the same list and settings give the same plans. Without warm starts
 * every solve is independent of the others, and the results do not depend on P either.
 */
final class Batch {
    /** One solve: a label for progress, the instance, and optionally a change to its model before solving. */
    record Job(String label, Instance instance, Consumer<SourcingModel> adjust) {
        Job(String label, Instance instance) {
            this(label, instance, null);
        }
    }

    /** What a batch keeps of each solve (the solved model itself is let go as soon as this has read it). */
    interface Keep<T> {
        T solved(Job job, Planner.Outcome outcome);

        /** What stands for a job whose solve threw {@code e}; by default the batch fails with it. */
        default T failed(Job job, RuntimeException e) {
            throw e;
        }
    }

    private static final Planner NOT_STARTED = new Planner((model, options, control) -> new SolveResult(
            SolveResult.Termination.NO_SOLUTION, null, null, null, 0, options.backend().displayName(), "", 0,
            Stop.NOT_SOLVED));

    private Batch() {}

    /**
     * Solves every job, each warm-started by the previous one of its chunk where the columns
     * agree; results in job order.
     *
     * @param firstNumber the number progress reports for the first job (1-based)
     * @param total the total progress reports, the whole analysis's solve count
     */
    static List<Solved> solve(List<Job> jobs, Settings settings, int firstNumber, int total) {
        return solve(jobs, settings, firstNumber, total, true,
                (job, outcome) -> new Solved(job.label(), job.instance(), outcome.plan()));
    }

    /**
     * Solves every job and keeps of each what {@code keep} makes of it; results in job order.
     *
     * @param warmStarts whether a solve starts from the previous solution of its chunk (false:
     *     every solve stands alone, as when re-optimising one plan under different cuts)
     */
    static <T> List<T> solve(List<Job> jobs, Settings settings, int firstNumber, int total, boolean warmStarts,
                             Keep<T> keep) {
        int n = jobs.size();
        if (n == 0) {
            return List.of();
        }
        int chunks = Math.min(settings.parallel(), n);
        Object[] results = new Object[n];
        Chunk<T> chunk = new Chunk<>(jobs, settings, firstNumber, total, warmStarts, keep, results);
        if (chunks == 1) {
            chunk.solve(0, n);
            return list(results);
        }
        ExecutorService pool = Executors.newFixedThreadPool(chunks, r -> {
            Thread t = new Thread(r, "lodestone-analysis");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int from = (int) ((long) n * c / chunks);
                int to = (int) ((long) n * (c + 1) / chunks);
                futures.add(pool.submit(() -> chunk.solve(from, to)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while solving", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return list(results);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object[] results) {
        return (List<T>) List.of(results);
    }

    /** The jobs and where their results go; {@link #solve(int, int)} runs one contiguous chunk of them. */
    private record Chunk<T>(List<Job> jobs, Settings settings, int firstNumber, int total, boolean warmStarts,
                            Keep<T> keep, Object[] results) {
        void solve(int from, int to) {
            Planner planner = new Planner(settings.solver());
            SolveOptions options = settings.perSolve();
            WarmStart previous = null;
            for (int i = from; i < to; i++) {
                Job job = jobs.get(i);
                settings.progress().starting(firstNumber + i, total, job.label());
                SolveControl control = new SolveControl();
                if (settings.parallel() == 1) {
                    control.onProgress(settings.progress().solverProgress());
                }
                // a job the analysis was stopped before is still built and extracted, into a plan
                // without a solution that says why, so every analysis handles it as a failed solve
                boolean started = settings.stop().starting(control);
                try {
                    Planner.Outcome outcome = (started ? planner : NOT_STARTED).solve(new Planner.Job(
                            job.instance(), options).adjusted(job.adjust()).warmStartedBy(previous)
                            .controlledBy(control));
                    results[i] = keep.solved(job, outcome);
                    previous = warmStarts ? outcome.warmStart() : null;
                } catch (RuntimeException e) {
                    results[i] = keep.failed(job, e);
                    previous = null;
                } finally {
                    settings.stop().finished(control);
                    settings.progress().finished(firstNumber + i);
                }
            }
        }
    }
}

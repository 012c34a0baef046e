package org.lodestone.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.lodestone.domain.Instance;
import org.lodestone.model.MipModel;
import org.lodestone.model.SourcingModel;
import org.lodestone.plan.PlanExtractor;
import org.lodestone.solve.SolveControl;
import org.lodestone.solve.SolveOptions;
import org.lodestone.solve.SolveResult;

/**
 * Solves a list of instances, in order, reusing each solution as a warm start for the next.
 *
 * <p>With {@code parallel} = P the list is cut into at most P contiguous chunks of nearly equal
 * length, solved at the same time, one solver thread each. Within a chunk, solves run in list
 * order, and when a solve's model has exactly the columns of the previous one (same count, same
 * names) the previous solution is handed to the solver as a hint ({@link MipModel#setHint}; SCIP
 * and CBC use it). Which solve hints which thus depends only on the list and P, never on timing:
 * the same list and settings give the same plans.
 */
final class Batch {
    /** One solve: a label for progress, the instance, and optionally a change to its model before solving. */
    record Job(String label, Instance instance, Consumer<SourcingModel> adjust) {
        Job(String label, Instance instance) {
            this(label, instance, null);
        }
    }

    private Batch() {}

    /**
     * Solves every job; results in job order.
     *
     * @param firstNumber the number progress reports for the first job (1-based)
     * @param total the total progress reports, the whole analysis's solve count
     */
    static List<Solved> solve(List<Job> jobs, Settings settings, int firstNumber, int total) {
        int n = jobs.size();
        if (n == 0) {
            return List.of();
        }
        int chunks = Math.min(settings.parallel(), n);
        Solved[] results = new Solved[n];
        if (chunks == 1) {
            chunk(jobs, 0, n, settings, firstNumber, total, results);
            return List.of(results);
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
                futures.add(pool.submit(() -> chunk(jobs, from, to, settings, firstNumber, total, results)));
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
        return List.of(results);
    }

    private static void chunk(List<Job> jobs, int from, int to, Settings settings, int firstNumber, int total,
                              Solved[] results) {
        SolveOptions options = settings.perSolve();
        String[] previousColumns = null;
        double[] previousValues = null;
        for (int i = from; i < to; i++) {
            Job job = jobs.get(i);
            settings.progress().starting(firstNumber + i, total, job.label());
            SourcingModel model = SourcingModel.build(job.instance());
            if (job.adjust() != null) {
                job.adjust().accept(model);
            }
            MipModel mip = model.mip();
            String[] columns = columns(mip);
            if (previousValues != null && Arrays.equals(columns, previousColumns)) {
                mip.setHint(previousValues);
            }
            SolveControl control = new SolveControl();
            if (settings.parallel() == 1) {
                control.onProgress(settings.progress().solverProgress());
            }
            SolveResult result = settings.solver().solve(mip, options, control);
            settings.progress().finished(firstNumber + i);
            results[i] = new Solved(job.label(), job.instance(), PlanExtractor.extract(model, result, options, true));
            previousColumns = columns;
            previousValues = result.hasSolution() ? result.values() : null;
        }
    }

    private static String[] columns(MipModel mip) {
        String[] names = new String[mip.variables()];
        for (int j = 0; j < names.length; j++) {
            names[j] = mip.variableName(j);
        }
        return names;
    }
}

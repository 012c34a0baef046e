package org.lodestone.saa;

import org.lodestone.plan.FirstStage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sample-average approximation (Shapiro, Dentcheva &amp; Ruszczyński, <em>Lectures on Stochastic
 * Programming</em>, ch. 5; Mak, Morton &amp; Wood 1999): M replications each solve a sample of N
 * futures to propose a first stage; every distinct proposal is judged on the same K fresh
 * futures; the one with the lowest estimated expected objective is recommended, and the gap
 * between its estimate and the mean of the replications' lower bounds estimates how far from
 * optimal it may be.
 *
 * <p>Which futures: replication r solves samples r·N … r·N+N−1 (replication 0 is exactly what
 * {@code lodestone sample --samples N} writes for the seed); the judgement uses samples M·N …
 * M·N+K−1, independent of every replication. {@code evaluate} judges a given first stage on
 * samples 0 … K−1.
 */
public final class Saa {
    private Saa() {}

    /**
     * @param samples N, futures per replication
     * @param replications M
     * @param evaluate K, futures each candidate is judged on
     * @param alpha the CVaR level
     */
    public record Settings(int samples, int replications, int evaluate, long seed, SolveSpec spec, double alpha) {
        public Settings {
            Objects.requireNonNull(spec);
        }
    }

    /** What a long run reports: which stage, and how many of its tasks are done. */
    public interface Progress {
        Progress NONE = (stage, finished, total) -> { };

        void update(String stage, int finished, int total);
    }

    /**
     * A distinct first stage proposed by one or more replications.
     *
     * @param replications the 0-based replications that proposed it
     */
    public record Candidate(FirstStage stage, List<Integer> replications, Judgement judgement) {}

    /**
     * The optimality-gap estimate of the recommended first stage: the upper estimate (its judged
     * mean) minus the lower estimate (the mean of the replications' bounds), with a one-sided 95 %
     * upper confidence limit (normal quantile for the judgement's K futures, Student's t for the
     * M replications).
     */
    public record Gap(double estimate, double upper95) {}

    /**
     * @param replications one per replication, by index (null for one never run)
     * @param candidates distinct proposals in order of the replication that first proposed them
     * @param recommended index into candidates; −1 when no replication found a first stage
     * @param lower the mean of the replications' bounds, with its interval
     * @param gap the recommended candidate's optimality-gap estimate
     * @param complete whether every replication and every future ran and solved
     */
    public record Result(Settings settings, String engine, List<SampleSolution> replications,
                         List<Candidate> candidates, int recommended, Estimate lower, Gap gap, boolean complete) {
        public Candidate best() {
            return recommended < 0 ? null : candidates.get(recommended);
        }
    }

    /** Runs sample-average approximation on {@code engine}. */
    public static Result run(Futures futures, Settings s, Engine engine, Progress progress, Cancel cancel) {
        String text = futures.text();
        List<SolveSample> solves = new ArrayList<>();
        for (int r = 0; r < s.replications(); r++) {
            solves.add(new SolveSample(text, s.seed(), r, s.samples(), s.spec()));
        }
        progress.update("replications", 0, solves.size());
        List<SampleSolution> solutions = engine.run(solves,
                (done, total) -> progress.update("replications", done, total), cancel);
        Map<FirstStage, List<Integer>> proposals = new LinkedHashMap<>();
        for (SampleSolution solution : solutions) {
            if (solution != null && solution.solved()) {
                proposals.computeIfAbsent(solution.stage(), k -> new ArrayList<>()).add(solution.replication());
            }
        }
        List<FirstStage> stages = new ArrayList<>(proposals.keySet());
        long first = (long) s.replications() * s.samples();
        List<EvaluateFuture> evaluations = new ArrayList<>();
        for (FirstStage stage : stages) {
            for (long k = first; k < first + s.evaluate(); k++) {
                evaluations.add(new EvaluateFuture(text, s.seed(), k, stage, s.spec()));
            }
        }
        List<FutureCost> rows = cancel.requested() ? java.util.Collections.nCopies(evaluations.size(), null)
                : engine.run(evaluations,
                (done, total) -> progress.update("evaluations", done, total), cancel);
        List<Candidate> candidates = new ArrayList<>();
        int recommended = -1;
        boolean complete = solutions.stream().allMatch(x -> x != null && x.solved());
        for (int c = 0; c < stages.size(); c++) {
            List<FutureCost> mine = rows.subList(c * s.evaluate(), (c + 1) * s.evaluate()).stream()
                    .filter(Objects::nonNull).toList();
            Judgement judgement = Judgement.of(stages.get(c), mine, s.evaluate(), futures.demandKeys(), s.alpha());
            complete &= judgement.complete();
            candidates.add(new Candidate(stages.get(c), proposals.get(stages.get(c)), judgement));
            double mean = judgement.objective().mean();
            if (!Double.isNaN(mean) && (recommended < 0
                    || mean < candidates.get(recommended).judgement().objective().mean())) {
                recommended = c;
            }
        }
        Estimate lower = Estimate.of(solutions.stream().filter(x -> x != null && !Double.isNaN(x.bound()))
                .mapToDouble(SampleSolution::bound).toArray());
        Gap gap = new Gap(Double.NaN, Double.NaN);
        if (recommended >= 0) {
            Estimate upper = candidates.get(recommended).judgement().objective();
            double estimate = upper.mean() - lower.mean();
            double margin = Estimate.normal(0.95) * upper.standardError()
                    + (lower.n() < 2 ? Double.NaN : Estimate.studentT(0.95, lower.n() - 1) * lower.standardError());
            gap = new Gap(estimate, estimate + margin);
        }
        return new Result(s, engine.description(), solutions, candidates, recommended, lower, gap, complete);
    }

    /** Judges {@code stage} on samples 0 … k−1 of {@code seed} ({@code lodestone evaluate}). */
    public static Judgement evaluate(Futures futures, FirstStage stage, int k, long seed, SolveSpec spec, double alpha,
                                     Engine engine, Progress progress, Cancel cancel) {
        String text = futures.text();
        List<EvaluateFuture> tasks = new ArrayList<>();
        for (long i = 0; i < k; i++) {
            tasks.add(new EvaluateFuture(text, seed, i, stage, spec));
        }
        progress.update("evaluations", 0, k);
        List<FutureCost> rows = engine.run(tasks, (done, total) -> progress.update("evaluations", done, total), cancel);
        return Judgement.of(stage, rows.stream().filter(Objects::nonNull).toList(), k, futures.demandKeys(), alpha);
    }
}

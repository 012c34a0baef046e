package org.lodestone.saa;

import org.lodestone.plan.FirstStage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A first stage judged on sampled futures: its expected objective and cash with 95 % intervals,
 * the CVaR of its objective, and, per buyer and element, how likely and how large a shortfall is.
 *
 * @param rows one per future evaluated, by sample index (unsolved ones included)
 * @param planned how many futures were to be evaluated (more than rows when the run was stopped)
 * @param alpha the CVaR level: CVaR is the mean objective of the worst 1−alpha of futures
 * @param cvar empirical CVaR of the objective at alpha (Rockafellar–Uryasev); NaN without rows
 * @param unsolved futures whose operations could not be re-optimised (left out of every estimate)
 */
public record Judgement(FirstStage stage, List<FutureCost> rows, int planned, Estimate objective, Estimate cash,
                        double alpha, double cvar, List<ShortfallRisk> shortfalls, int unsolved) {
    /**
     * One buyer's shortfall of one element over the futures.
     *
     * @param probability share of futures with a shortfall above 1e-6 t
     * @param expectedTonnes mean tonnes short over the horizon, all futures
     * @param whenShort mean tonnes short in the futures that are short; 0 when none is
     */
    public record ShortfallRisk(String buyer, String element, double probability, double expectedTonnes,
                                double whenShort) {}

    public Judgement {
        rows = List.copyOf(rows);
        shortfalls = List.copyOf(shortfalls);
    }

    /** Whether every planned future was evaluated and solved. */
    public boolean complete() {
        return rows.size() == planned && unsolved == 0;
    }

    public static Judgement of(FirstStage stage, List<FutureCost> rows, int planned, List<String[]> keys,
                               double alpha) {
        List<FutureCost> solved = rows.stream().filter(FutureCost::solved).toList();
        double[] objectives = solved.stream().mapToDouble(FutureCost::objective).toArray();
        double[] cash = solved.stream().mapToDouble(FutureCost::cash).toArray();
        List<ShortfallRisk> risks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            int shortCount = 0;
            double total = 0;
            for (FutureCost f : solved) {
                double t = f.shortfall()[i];
                total += t;
                if (t > 1e-6) {
                    shortCount++;
                }
            }
            int n = solved.size();
            risks.add(new ShortfallRisk(keys.get(i)[0], keys.get(i)[1], n == 0 ? Double.NaN : (double) shortCount / n,
                    n == 0 ? Double.NaN : total / n, shortCount == 0 ? 0 : total / shortCount));
        }
        return new Judgement(stage, rows, planned, Estimate.of(objectives), Estimate.of(cash), alpha,
                cvar(objectives, alpha), risks, rows.size() - solved.size());
    }

    /**
     * Empirical CVaR at alpha of equally likely values: VaR (the alpha-quantile) plus the mean excess
     * over it divided by 1−alpha.
     */
    public static double cvar(double[] values, double alpha) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double var = sorted[Math.min(n - 1, Math.max(0, (int) Math.ceil(alpha * n) - 1))];
        double excess = 0;
        for (double v : sorted) {
            excess += Math.max(0, v - var);
        }
        return var + excess / ((1 - alpha) * n);
    }
}

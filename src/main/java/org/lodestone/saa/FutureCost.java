package org.lodestone.saa;

import java.io.Serializable;

/**
 * What one sampled future costs a fixed first stage, operations re-optimised for it: one row of
 * an evaluation.
 *
 * @param sample the sample's index (0-based; scenario id sample-(index+1))
 * @param status OPTIMAL or FEASIBLE when solved; else INFEASIBLE, NO_SOLUTION or ERROR
 * @param objective the instance's objective for this future (USD, discounted; risk charge and
 *     shortfall penalty included) — what sample-average approximation averages; NaN unless solved
 * @param cash money actually spent: every cost part but the shortfall penalty, surplus revenue
 *     subtracted, no risk charge (USD, discounted); NaN unless solved
 * @param shortfall tonnes of unmet demand over the horizon, per buyer and element in the order of
 *     {@link Futures#demandKeys}; empty unless solved
 * @param events how many disruption events run in this future (0: an undisrupted future)
 * @param message the solver's or the error's message when not solved, else empty
 */
public record FutureCost(long sample, String status, double objective, double cash, double[] shortfall, int events,
                         String message) implements Serializable {
    public boolean solved() {
        return "OPTIMAL".equals(status) || "FEASIBLE".equals(status);
    }

    public double totalShortfall() {
        double total = 0;
        for (double t : shortfall) {
            total += t;
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FutureCost f && sample == f.sample && status.equals(f.status)
                && Double.compare(objective, f.objective) == 0 && Double.compare(cash, f.cash) == 0
                && java.util.Arrays.equals(shortfall, f.shortfall) && events == f.events && message.equals(f.message);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sample, status, objective, cash, java.util.Arrays.hashCode(shortfall), events);
    }

    @Override
    public String toString() {
        return "FutureCost[sample=" + sample + ", status=" + status + ", objective=" + objective + ", cash=" + cash
                + ", shortfall=" + java.util.Arrays.toString(shortfall) + ", events=" + events + "]";
    }
}

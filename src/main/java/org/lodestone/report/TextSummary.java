package org.lodestone.report;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.lodestone.domain.Contract;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;
import org.lodestone.io.PlanJson;
import org.lodestone.plan.MarginalValues;
import org.lodestone.plan.ModelSize;
import org.lodestone.plan.Plan;
import org.lodestone.plan.Planner;

/** The human summary that {@code lodestone solve} prints. */
public final class TextSummary {
    private TextSummary() {}

    public static void print(PrintWriter out, Instance instance, Planner.Outcome outcome) {
        print(out, instance, outcome, null);
    }

    /** As {@link #print(PrintWriter, Instance, Planner.Outcome)}, ending with the plan's marginal values when given. */
    public static void print(PrintWriter out, Instance instance, Planner.Outcome outcome, MarginalValues marginals) {
        Plan plan = outcome.plan();
        ModelSize size = outcome.size();
        out.printf(Locale.ROOT, "Lodestone plan for \"%s\" (%d-%d, %d scenario%s)%n", instance.name(),
                instance.horizon().start(), instance.horizon().last(), instance.scenarios().size(),
                instance.scenarios().size() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  model     %,d variables (%,d integer), %,d constraints, %,d nonzeros%n",
                size.variables(), size.integerVariables(), size.rows(), size.nonzeros());
        Plan.SolverInfo solver = plan.solver();
        String version = solver.version().startsWith(solver.name()) ? solver.version()
                : (solver.name() + " " + solver.version()).trim();
        out.printf(Locale.ROOT, "  status    %s  (%s, %d thread%s, %.2f s)%n", plan.status(), version,
                solver.threads(), solver.threads() == 1 ? "" : "s", outcome.result().seconds());
        if (!plan.status().hasSolution()) {
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "  objective %s   bound %s   gap %s%n", money(plan.objective()),
                plan.bestBound() == null ? "-" : money(plan.bestBound()),
                plan.gap() == null ? "-" : String.format(Locale.ROOT, "%.4f %%", 100 * plan.gap()));
        out.println();
        out.println("Costs (expected, discounted USD)");
        Plan.Costs c = plan.costs();
        c.forEach((part, amount) -> {
            if (part.listedWhenZero() || amount != 0) {
                row(out, part.label(), part.sign() * amount);
            }
        });
        if (instance.riskWeight() > 0) {
            row(out, CostPart.RISK.label() + " x weight", instance.riskWeight() * plan.risk());
        }
        out.printf(Locale.ROOT, "  %-18s %20s%n", "objective", money(plan.objective()));
        out.printf(Locale.ROOT, "Risk: %,.1f expected risk-tonnes%s%n", plan.risk(),
                instance.riskBudget().map(b -> String.format(Locale.ROOT, " (budget %,.1f)", b)).orElse(""));
        out.println();
        if (plan.builds().isEmpty()) {
            out.println("Builds: none");
        } else {
            out.println("Builds");
            for (Plan.Build b : plan.builds()) {
                out.printf(Locale.ROOT, "  %-20s start %d, online %d, %d module%s, +%,.0f t/yr%n", b.facility(),
                        b.startYear(), b.onlineYear(), b.modules(), b.modules() == 1 ? "" : "s", b.capacityAdded());
            }
        }
        if (!instance.contracts().isEmpty()) {
            out.println("Contracts");
            for (int k = 0; k < instance.contracts().size(); k++) {
                Contract contract = instance.contracts().get(k);
                boolean held = plan.contracts().get(k).held();
                out.printf(Locale.ROOT, "  %-20s %s%n", contract.id(),
                        contract.signed() ? "held (signed)" : held ? "held (optional, signed now)" : "not held");
            }
        }
        shortfalls(out, plan);
        if (marginals != null) {
            marginals(out, instance, marginals);
        }
        out.flush();
    }

    /** Marginal values shown in the summary: this many of each kind. */
    static final int TOP_MARGINALS = 5;

    /** The most expensive demand tonnes and the most valuable capacities, with how to read them. */
    private static void marginals(PrintWriter out, Instance instance, MarginalValues values) {
        out.printf(Locale.ROOT, "Marginal values (USD per tonne, expected over scenarios, discounted to %d)%n",
                instance.horizon().start());
        top(out, values.demand(), MarginalValues.DemandValue::usdPerTonne,
                v -> v.buyer() + " " + v.element() + " " + v.year(),
                "  demand: no tonne of demand has a price", "  one more tonne of demand would cost");
        top(out, values.capacity(), MarginalValues.CapacityValue::usdPerTonne, v -> v.facility() + " " + v.year(),
                "  capacity: no facility is a bottleneck", "  one more tonne of capacity would save");
        out.println("  (duals of the flows re-optimised with this plan's builds and contracts fixed; where the"
                + " optimum is");
        out.println("  degenerate a dual is one valid price among several)");
    }

    /** The {@link #TOP_MARGINALS} largest values above the listing threshold, under {@code heading}. */
    private static <T> void top(PrintWriter out, List<T> values, ToDoubleFunction<T> usd, Function<T, String> label,
                                String none, String heading) {
        List<T> shown = values.stream()
                .filter(v -> Math.abs(usd.applyAsDouble(v)) > PlanJson.MARGINAL_THRESHOLD)
                .sorted(Comparator.comparingDouble(usd).reversed())
                .limit(TOP_MARGINALS).toList();
        if (shown.isEmpty()) {
            out.println(none);
            return;
        }
        out.println(heading);
        for (T v : shown) {
            out.printf(Locale.ROOT, "    %-28s %,14.0f%n", label.apply(v), usd.applyAsDouble(v));
        }
    }

    private static void shortfalls(PrintWriter out, Plan plan) {
        Map<String, Double> expected = new LinkedHashMap<>();
        for (Plan.ScenarioPlan s : plan.scenarios()) {
            for (Plan.Shortfall q : s.shortfalls()) {
                expected.merge(q.buyer() + " " + q.element(), s.probability() * q.tonnes(), Double::sum);
            }
        }
        if (expected.isEmpty()) {
            out.println("Shortfalls: none");
            return;
        }
        out.println("Shortfalls (expected tonnes over the horizon)");
        List<Map.Entry<String, Double>> sorted = expected.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        for (Map.Entry<String, Double> e : sorted) {
            out.printf(Locale.ROOT, "  %-28s %,14.1f t%n", e.getKey(), e.getValue());
        }
    }

    private static void row(PrintWriter out, String label, double value) {
        if (value != 0) {
            out.printf(Locale.ROOT, "  %-18s %20s%n", label, money(value));
        }
    }

    static String money(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}

package org.lodestone.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ToDoubleFunction;
import org.lodestone.domain.CostPart;
import org.lodestone.domain.Instance;

/**
 * A sourcing plan as defined by models/plan-reference.md. Money is expected and discounted (USD);
 * {@code objective}, {@code bestBound} and {@code gap} are null without a solution or bound.
 */
public record Plan(String instance, Status status, Double objective, Double bestBound, Double gap,
                   SolverInfo solver, Costs costs, double risk, Double cvar, List<Build> builds,
                   List<ContractChoice> contracts, List<ScenarioPlan> scenarios) {
    /** What writers emit (plan-reference.md §P1). */
    public static final String SCHEMA = "lodestone-plan/2";
    /** Every schema a plan file may name: version 1 plans read as they are. */
    public static final List<String> SCHEMAS = List.of("lodestone-plan/1", SCHEMA);

    public Plan {
        builds = List.copyOf(builds);
        contracts = List.copyOf(contracts);
        scenarios = List.copyOf(scenarios);
    }

    /** A plan without CVaR (an instance without {@code riskAversion}). */
    public Plan(String instance, Status status, Double objective, Double bestBound, Double gap,
                SolverInfo solver, Costs costs, double risk, List<Build> builds,
                List<ContractChoice> contracts, List<ScenarioPlan> scenarios) {
        this(instance, status, objective, bestBound, gap, solver, costs, risk, null, builds, contracts, scenarios);
    }

    /** Whether this is a plan for {@code instance}: the plan names the instance it was made for. */
    public boolean isFor(Instance instance) {
        return instance.name().equals(instance());
    }

    /**
     * This plan, if it is for {@code instance}.
     *
     * @throws IllegalArgumentException "the plan is for instance "a", not "b"" otherwise
     */
    public Plan requireFor(Instance instance) {
        return requireFor(instance, IllegalArgumentException::new);
    }

    /**
     * This plan, if it is for {@code instance}; otherwise throws what {@code failure} makes of the
     * message of {@link #requireFor(Instance)}.
     */
    public <X extends Exception> Plan requireFor(Instance instance, Function<String, X> failure) throws X {
        if (!isFor(instance)) {
            throw failure.apply("the plan is for instance \"" + instance() + "\", not \"" + instance.name() + "\"");
        }
        return this;
    }

    public enum Status {
        OPTIMAL, FEASIBLE, INFEASIBLE, NO_SOLUTION;

        public boolean hasSolution() {
            return this == OPTIMAL || this == FEASIBLE;
        }
    }

    /** @param seconds wall-clock solve time; null when timings are left out */
    public record SolverInfo(String name, String version, Double seconds, int threads, double timeLimitSeconds,
                             double relativeGap) {}

    /**
     * The plan file's {@code costs}: one amount per money part of {@link CostPart} (every part but
     * risk), expected and discounted; surplus revenue is positive. Iterates in {@link CostPart} order.
     */
    public static final class Costs {
        public static final Costs ZERO = of(part -> 0);

        private final double[] amounts = new double[CostPart.values().length];

        private Costs(ToDoubleFunction<CostPart> amount) {
            for (CostPart part : CostPart.money()) {
                amounts[part.ordinal()] = amount.applyAsDouble(part);
            }
        }

        /** Costs with {@code amount.applyAsDouble(part)} for each money part, asked in {@link CostPart} order. */
        public static Costs of(ToDoubleFunction<CostPart> amount) {
            return new Costs(amount);
        }

        /** Costs with the amounts given, 0 for the parts not named. */
        public static Costs of(Map<CostPart, Double> amounts) {
            for (CostPart part : amounts.keySet()) {
                requireMoney(part);
            }
            return new Costs(part -> amounts.getOrDefault(part, 0.0));
        }

        /** The amount of a money part. */
        public double get(CostPart part) {
            return amounts[requireMoney(part).ordinal()];
        }

        /** Visits every money part with its amount, in {@link CostPart} order. */
        public void forEach(ObjDoubleConsumer<CostPart> action) {
            for (CostPart part : CostPart.money()) {
                action.accept(part, amounts[part.ordinal()]);
            }
        }

        /** Every part with its sign: costs added, surplus revenue subtracted (risk not included). */
        public double net() {
            return CostPart.net(this::get);
        }

        private static CostPart requireMoney(CostPart part) {
            if (!part.isMoney()) {
                throw new IllegalArgumentException(part + " is not a cost in USD");
            }
            return part;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Costs c && Arrays.equals(amounts, c.amounts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(amounts);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("Costs[");
            forEach((part, amount) -> b.append(b.length() > 6 ? ", " : "").append(part.key()).append('=')
                    .append(amount));
            return b.append(']').toString();
        }
    }

    public record Build(String facility, int startYear, int onlineYear, int modules, double capacityAdded) {}

    public record ContractChoice(String id, boolean held) {}

    public record ScenarioPlan(String id, double probability, double operatingCost, double risk,
                               List<Concentrate> concentrate, List<Delivery> deliveries, List<Surplus> surplus,
                               List<ContractUse> contractUse, List<Substitution> substitution,
                               List<Shortfall> shortfalls, List<StockLevel> stockpiles) {
        /** A scenario without stockpiles. */
        public ScenarioPlan(String id, double probability, double operatingCost, double risk,
                            List<Concentrate> concentrate, List<Delivery> deliveries, List<Surplus> surplus,
                            List<ContractUse> contractUse, List<Substitution> substitution,
                            List<Shortfall> shortfalls) {
            this(id, probability, operatingCost, risk, concentrate, deliveries, surplus, contractUse, substitution,
                    shortfalls, List.of());
        }

        public ScenarioPlan {
            concentrate = List.copyOf(concentrate);
            deliveries = List.copyOf(deliveries);
            surplus = List.copyOf(surplus);
            contractUse = List.copyOf(contractUse);
            substitution = List.copyOf(substitution);
            shortfalls = List.copyOf(shortfalls);
            stockpiles = List.copyOf(stockpiles);
        }
    }

    public record Concentrate(String mine, String refinery, int year, double tonnes) {}

    public record Delivery(String mine, String refinery, String buyer, String element, int year, double tonnes) {}

    public record Surplus(String refinery, String element, int year, double tonnes) {}

    public record ContractUse(String contract, int year, double taken, double paid) {}

    public record Substitution(String buyer, String element, int year, double tonnes) {}

    public record Shortfall(String buyer, String element, int year, double tonnes) {}

    /** A stockpile in one year of a scenario (instance-reference.md Rule 12): tonnes filled, released, and the level at year end. */
    public record StockLevel(String stockpile, int year, double fill, double release, double level) {}
}

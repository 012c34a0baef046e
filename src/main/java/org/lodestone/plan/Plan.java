package org.lodestone.plan;

import java.util.List;

/**
 * A sourcing plan as defined by spec/plan-and-cli.md. Money is expected and discounted (USD);
 * {@code objective}, {@code bestBound} and {@code gap} are null without a solution or bound.
 */
public record Plan(String instance, Status status, Double objective, Double bestBound, Double gap,
                   SolverInfo solver, Costs costs, double risk, List<Build> builds,
                   List<ContractChoice> contracts, List<ScenarioPlan> scenarios) {
    public static final String SCHEMA = "lodestone-plan/1";

    public Plan {
        builds = List.copyOf(builds);
        contracts = List.copyOf(contracts);
        scenarios = List.copyOf(scenarios);
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

    public record Costs(double capex, double fixedOpex, double signing, double mining, double refining,
                        double contracts, double freight, double tariffs, double substitution,
                        double shortfall, double surplusRevenue) {
        public static final Costs ZERO = new Costs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** Every part but surplus revenue, minus surplus revenue (risk not included). */
        public double net() {
            return capex + fixedOpex + signing + mining + refining + contracts + freight + tariffs
                    + substitution + shortfall - surplusRevenue;
        }
    }

    public record Build(String facility, int startYear, int onlineYear, int modules, double capacityAdded) {}

    public record ContractChoice(String id, boolean held) {}

    public record ScenarioPlan(String id, double probability, double operatingCost, double risk,
                               List<Concentrate> concentrate, List<Delivery> deliveries, List<Surplus> surplus,
                               List<ContractUse> contractUse, List<Substitution> substitution,
                               List<Shortfall> shortfalls) {
        public ScenarioPlan {
            concentrate = List.copyOf(concentrate);
            deliveries = List.copyOf(deliveries);
            surplus = List.copyOf(surplus);
            contractUse = List.copyOf(contractUse);
            substitution = List.copyOf(substitution);
            shortfalls = List.copyOf(shortfalls);
        }
    }

    public record Concentrate(String mine, String refinery, int year, double tonnes) {}

    public record Delivery(String mine, String refinery, String buyer, String element, int year, double tonnes) {}

    public record Surplus(String refinery, String element, int year, double tonnes) {}

    public record ContractUse(String contract, int year, double taken, double paid) {}

    public record Substitution(String buyer, String element, int year, double tonnes) {}

    public record Shortfall(String buyer, String element, int year, double tonnes) {}
}

package org.lodestone.model;

import java.util.Arrays;

import org.lodestone.domain.CostPart;

/**
 * Every objective coefficient of the model, kept with the cost part and scenario it comes
 * from, so that the plan's cost breakdown is computed from exactly the terms that were
 * minimised. Amounts are discounted and not weighted by scenario probability.
 */
public final class CostTerms {
    private static final CostPart[] PARTS = CostPart.values();

    private int[] columns = new int[1024];
    private byte[] parts = new byte[1024];
    private int[] scenarios = new int[1024];
    private double[] amounts = new double[1024];
    private int size;

    /**
     * Records that one unit of {@code column} costs {@code amount} in {@code part}, discounted,
     * in scenario {@code scenario} or in the first stage when −1. A zero amount is no term.
     */
    void add(int column, CostPart part, int scenario, double amount) {
        if (amount == 0) {
            return;
        }
        if (size == columns.length) {
            int n = size * 2;
            columns = Arrays.copyOf(columns, n);
            parts = Arrays.copyOf(parts, n);
            scenarios = Arrays.copyOf(scenarios, n);
            amounts = Arrays.copyOf(amounts, n);
        }
        columns[size] = column;
        parts[size] = (byte) part.ordinal();
        scenarios[size] = scenario;
        amounts[size] = amount;
        size++;
    }

    /** Visits every term in the order it was recorded. */
    void forEach(TermVisitor visitor) {
        for (int i = 0; i < size; i++) {
            visitor.visit(columns[i], PARTS[parts[i]], scenarios[i], amounts[i]);
        }
    }

    /**
     * Value of every part in every scenario for a solution: {@code [scenario + 1][part]}, row 0
     * holding first-stage parts. Revenue is positive.
     */
    public double[][] evaluate(double[] values, int scenarioCount) {
        double[][] result = new double[scenarioCount + 1][CostPart.values().length];
        for (int i = 0; i < size; i++) {
            result[scenarios[i] + 1][parts[i]] += amounts[i] * values[columns[i]];
        }
        return result;
    }

    @FunctionalInterface
    interface TermVisitor {
        void visit(int column, CostPart part, int scenario, double amount);
    }
}

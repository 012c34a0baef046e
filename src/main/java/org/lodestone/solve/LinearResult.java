package org.lodestone.solve;

/**
 * A solved linear program (a MIP with its integer decisions fixed, or relaxed).
 *
 * @param duals a value per row: the change of the objective (USD) per unit of the row's bound
 */
public record LinearResult(boolean optimal, double[] values, double[] duals, double objective, String message) {}

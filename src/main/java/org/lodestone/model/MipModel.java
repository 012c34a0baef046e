package org.lodestone.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mixed-integer linear program in solver-neutral form: columns with bounds, integrality and
 * objective coefficient; rows {@code lb ≤ Σ coef·x ≤ ub} stored sparse. Minimised.
 * Backends translate it whole, which keeps OR-Tools out of the model builder.
 */
public final class MipModel {
    private final List<String> varNames = new ArrayList<>();
    private double[] varLb = new double[1024];
    private double[] varUb = new double[1024];
    private double[] varObj = new double[1024];
    private boolean[] varInt = new boolean[1024];

    private final List<String> rowNames = new ArrayList<>();
    private double[] rowLb = new double[1024];
    private double[] rowUb = new double[1024];
    private int[] rowStart = new int[1025];
    private int[] colIndex = new int[4096];
    private double[] coef = new double[4096];
    private int nonzeros;

    public int addVariable(String name, double lb, double ub, boolean integer, double objective) {
        int j = varNames.size();
        if (j == varLb.length) {
            int n = j * 2;
            varLb = Arrays.copyOf(varLb, n);
            varUb = Arrays.copyOf(varUb, n);
            varObj = Arrays.copyOf(varObj, n);
            varInt = Arrays.copyOf(varInt, n);
        }
        varNames.add(name);
        varLb[j] = lb;
        varUb[j] = ub;
        varObj[j] = objective;
        varInt[j] = integer;
        return j;
    }

    /** Adds {@code lb ≤ expr ≤ ub}; zero coefficients are dropped, repeated columns merged. */
    public int addRow(String name, double lb, Expr expr, double ub) {
        int i = rowNames.size();
        if (i + 1 >= rowStart.length) {
            int n = rowStart.length * 2;
            rowLb = Arrays.copyOf(rowLb, n);
            rowUb = Arrays.copyOf(rowUb, n);
            rowStart = Arrays.copyOf(rowStart, n + 1);
        }
        expr.compact();
        int k = expr.size();
        if (nonzeros + k > colIndex.length) {
            int n = Math.max(colIndex.length * 2, nonzeros + k);
            colIndex = Arrays.copyOf(colIndex, n);
            coef = Arrays.copyOf(coef, n);
        }
        for (int t = 0; t < k; t++) {
            colIndex[nonzeros] = expr.column(t);
            coef[nonzeros] = expr.coefficient(t);
            nonzeros++;
        }
        rowNames.add(name);
        rowLb[i] = lb - expr.constant();
        rowUb[i] = ub - expr.constant();
        rowStart[i + 1] = nonzeros;
        return i;
    }

    private double[] hint;
    private boolean strongDualReductionsUnsafe;

    /**
     * A starting solution for the solver to try first (a warm start), a value per column, or
     * null for none. Backends that take hints use it; the others ignore it.
     */
    public void setHint(double[] values) {
        if (values != null && values.length != variables()) {
            throw new IllegalArgumentException("hint has " + values.length + " values for " + variables() + " columns");
        }
        this.hint = values == null ? null : values.clone();
    }

    /**
     * Marks the model as one on which a solver must not use strong dual reductions (reductions that
     * may cut off optimal solutions as long as one remains). SCIP 10's presolve cut off every
     * optimum of small CVaR models with reveal years and declared a 31 % dearer plan optimal
     * (found by the v2 property test; HiGHS and CBC agree on the true optimum, the checker accepts
     * both plans); with these reductions off SCIP finds the optimum.
     */
    public void forbidStrongDualReductions() {
        strongDualReductionsUnsafe = true;
    }

    public boolean strongDualReductionsForbidden() {
        return strongDualReductionsUnsafe;
    }

    public double[] hint() {
        return hint == null ? null : hint.clone();
    }

    public void setBounds(int column, double lb, double ub) {
        varLb[column] = lb;
        varUb[column] = ub;
    }

    public void addObjective(int column, double value) {
        varObj[column] += value;
    }

    /** Sets every objective coefficient to 0, so that another objective can be written in place. */
    public void clearObjective() {
        Arrays.fill(varObj, 0, variables(), 0.0);
    }

    /** Sets the bounds of a row (on Σ coef·x, any constant of its expression already moved into them). */
    public void setRowBounds(int row, double lb, double ub) {
        rowLb[row] = lb;
        rowUb[row] = ub;
    }

    /** Removes a row; the rows after it move up by one. */
    public void removeRow(int row) {
        int from = rowStart[row];
        int to = rowStart[row + 1];
        System.arraycopy(colIndex, to, colIndex, from, nonzeros - to);
        System.arraycopy(coef, to, coef, from, nonzeros - to);
        nonzeros -= to - from;
        for (int i = row; i < rows() - 1; i++) {
            rowLb[i] = rowLb[i + 1];
            rowUb[i] = rowUb[i + 1];
            rowStart[i + 1] = rowStart[i + 2] - (to - from);
        }
        rowNames.remove(row);
    }

    public int variables() {
        return varNames.size();
    }

    public int rows() {
        return rowNames.size();
    }

    public int nonzeros() {
        return nonzeros;
    }

    public int integerVariables() {
        int n = 0;
        for (int j = 0; j < variables(); j++) {
            if (varInt[j]) {
                n++;
            }
        }
        return n;
    }

    public String variableName(int j) {
        return varNames.get(j);
    }

    public double lower(int j) {
        return varLb[j];
    }

    public double upper(int j) {
        return varUb[j];
    }

    public double objective(int j) {
        return varObj[j];
    }

    public boolean isInteger(int j) {
        return varInt[j];
    }

    public String rowName(int i) {
        return rowNames.get(i);
    }

    public double rowLower(int i) {
        return rowLb[i];
    }

    public double rowUpper(int i) {
        return rowUb[i];
    }

    public int rowStart(int i) {
        return rowStart[i];
    }

    public int rowEnd(int i) {
        return rowStart[i + 1];
    }

    public int column(int k) {
        return colIndex[k];
    }

    public double coefficient(int k) {
        return coef[k];
    }

    /** Objective value of a full assignment. */
    public double evaluate(double[] values) {
        double sum = 0;
        for (int j = 0; j < variables(); j++) {
            sum += varObj[j] * values[j];
        }
        return sum;
    }

    /** Smallest and largest absolute nonzero coefficient in rows. */
    public Range matrixRange() {
        return Range.of(coef, nonzeros);
    }

    /** Smallest and largest absolute nonzero objective coefficient (USD). */
    public Range objectiveRange() {
        return Range.of(varObj, variables());
    }

    /** Smallest and largest absolute finite nonzero row bound. */
    public Range rhsRange() {
        double[] all = new double[2 * rows()];
        for (int i = 0; i < rows(); i++) {
            all[2 * i] = Double.isFinite(rowLb[i]) ? rowLb[i] : 0;
            all[2 * i + 1] = Double.isFinite(rowUb[i]) ? rowUb[i] : 0;
        }
        return Range.of(all, all.length);
    }

    /** The magnitudes of a set of numbers, zeros aside; [0, 0] when all are zero. */
    public record Range(double min, double max) {
        static Range of(double[] values, int n) {
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (int k = 0; k < n; k++) {
                double a = Math.abs(values[k]);
                if (a > 0) {
                    min = Math.min(min, a);
                    max = Math.max(max, a);
                }
            }
            return max == 0 ? new Range(0, 0) : new Range(min, max);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "[%.2g, %.2g]", min, max);
        }
    }
}

package org.lodestone.model;

import java.util.Arrays;

/** A growable sparse linear expression Σ coef·x + constant, reused row after row. */
public final class Expr {
    private int[] cols = new int[16];
    private double[] vals = new double[16];
    private int size;
    private double constant;

    public Expr add(int column, double value) {
        if (value == 0) {
            return this;
        }
        if (size == cols.length) {
            cols = Arrays.copyOf(cols, size * 2);
            vals = Arrays.copyOf(vals, size * 2);
        }
        cols[size] = column;
        vals[size] = value;
        size++;
        return this;
    }

    /** {@code expr} plus value × column, a new expression when {@code expr} is null. */
    static Expr add(Expr expr, int column, double value) {
        return (expr == null ? new Expr() : expr).add(column, value);
    }

    /** Appends the terms of {@code other} (not its constant). */
    Expr addAll(Expr other) {
        for (int t = 0; t < other.size; t++) {
            add(other.cols[t], other.vals[t]);
        }
        return this;
    }

    public Expr addConstant(double value) {
        constant += value;
        return this;
    }

    public Expr clear() {
        size = 0;
        constant = 0;
        return this;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    int column(int t) {
        return cols[t];
    }

    double coefficient(int t) {
        return vals[t];
    }

    double constant() {
        return constant;
    }

    /** Merges repeated columns (sorted by column) and drops zeros. */
    void compact() {
        if (size < 2) {
            return;
        }
        boolean sorted = true;
        for (int t = 1; t < size && sorted; t++) {
            sorted = cols[t - 1] < cols[t];
        }
        if (sorted) {
            return;
        }
        // sort (column, position) pairs packed in longs: a primitive sort, no boxing
        long[] order = new long[size];
        for (int t = 0; t < size; t++) {
            order[t] = ((long) cols[t] << 32) | t;
        }
        Arrays.sort(order);
        int[] nc = new int[size];
        double[] nv = new double[size];
        int n = 0;
        for (long key : order) {
            int c = (int) (key >>> 32);
            double v = vals[(int) key];
            if (n > 0 && nc[n - 1] == c) {
                nv[n - 1] += v;
            } else {
                nc[n] = c;
                nv[n] = v;
                n++;
            }
        }
        int m = 0;
        for (int t = 0; t < n; t++) {
            if (nv[t] != 0) {
                cols[m] = nc[t];
                vals[m] = nv[t];
                m++;
            }
        }
        size = m;
    }
}

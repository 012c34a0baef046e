package org.lodestone.domain;

import java.util.Arrays;

/**
 * A value per planning year, already resolved from any of the three written forms
 * (number, array, object keyed by year).
 */
public final class Series {
    private final double[] values;

    private Series(double[] values) {
        this.values = values;
    }

    public static Series of(double[] perYear) {
        return new Series(perYear.clone());
    }

    public static Series constant(double value, int years) {
        double[] v = new double[years];
        Arrays.fill(v, value);
        return new Series(v);
    }

    /** Value in the year with index {@code t} (0 = start year). */
    public double at(int t) {
        return values[t];
    }

    public int length() {
        return values.length;
    }

    public double max() {
        return Arrays.stream(values).max().orElse(0);
    }

    public double[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}

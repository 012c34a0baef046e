package org.lodestone.domain;

/** The planning years Y = {start, …, start + years − 1}. */
public record Horizon(int start, int years) {
    public int last() {
        return start + years - 1;
    }

    public boolean contains(int year) {
        return year >= start && year <= last();
    }

    /** Index of {@code year} in Y (0 for the start year). */
    public int index(int year) {
        return year - start;
    }

    public int year(int index) {
        return start + index;
    }
}

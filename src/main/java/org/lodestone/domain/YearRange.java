package org.lodestone.domain;

/**
 * A closed range of years as written (defaults already applied). It may reach outside the
 * horizon; {@link #contains} is all that rules need, the cut to Y being implicit.
 */
public record YearRange(int from, int to) {
    public boolean contains(int year) {
        return year >= from && year <= to;
    }
}

package org.lodestone.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lodestone.report.Table;

/**
 * Builds a {@link Table} whose numeric columns each have their own rounding for people: in CSV
 * and JSON a number cell stays a full-precision number (null when NaN), in text and markdown it
 * becomes text rounded to its own decimals, padded so that the column lines up on the right.
 */
final class Cells {
    /** A number to show with {@code decimals} digits after the point. */
    record Num(double value, int decimals) {}

    private final String title;
    private final String[] columns;
    private final List<Object[]> rows = new ArrayList<>();

    Cells(String title, String... columns) {
        this.title = title;
        this.columns = columns;
    }

    static Num num(double value, int decimals) {
        return new Num(value, decimals);
    }

    static Num money(double value) {
        return new Num(value, 0);
    }

    static Num tonnes(double value) {
        return new Num(value, 1);
    }

    Cells row(Object... cells) {
        if (cells.length != columns.length) {
            throw new IllegalArgumentException("expected " + columns.length + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    String title() {
        return title;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    Table table(Table.Format format) {
        Table table = new Table(title, columns);
        boolean human = format == Table.Format.TEXT || format == Table.Format.MARKDOWN;
        int[] width = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            width[c] = columns[c].length();
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : rows) {
            Object[] cells = new Object[row.length];
            for (int c = 0; c < row.length; c++) {
                Object cell = row[c];
                if (cell instanceof Num n) {
                    if (human) {
                        cells[c] = Double.isNaN(n.value()) ? "-"
                                : String.format(Locale.ROOT, "%,." + n.decimals() + "f", clean(n.value(), n.decimals()));
                    } else {
                        cells[c] = Double.isFinite(n.value()) ? (Object) n.value() : null;
                    }
                } else {
                    cells[c] = cell;
                }
                if (human && row[c] instanceof Num) {
                    width[c] = Math.max(width[c], ((String) cells[c]).length());
                }
            }
            out.add(cells);
        }
        for (int r = 0; r < out.size(); r++) {
            Object[] cells = out.get(r);
            for (int c = 0; c < cells.length; c++) {
                if (human && rows.get(r)[c] instanceof Num && format == Table.Format.TEXT) {
                    String s = (String) cells[c];
                    cells[c] = " ".repeat(width[c] - s.length()) + s;
                }
            }
            table.row(cells);
        }
        return table;
    }

    /** No "-0" for a value that rounds to zero. */
    private static double clean(double v, int decimals) {
        return Math.abs(v) < 0.5 * Math.pow(10, -decimals) ? 0 : v;
    }
}

package org.lodestone.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lodestone.report.Table;

/**
 * Builds a {@link Table} whose numeric columns each have their own rounding for people: the
 * table keeps every number as a number (full precision in CSV and JSON, nothing where it is NaN)
 * and rounds each column to its decimals in text, markdown and HTML, right-aligned.
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

    /**
     * The table, the same for every format (the table renders each). A column's decimals are the
     * most any of its cells asks for.
     */
    Table table(Table.Format format) {
        Table table = new Table(title, columns);
        int[] decimals = new int[columns.length];
        Arrays.fill(decimals, -1);
        for (Object[] row : rows) {
            Object[] cells = new Object[row.length];
            for (int c = 0; c < row.length; c++) {
                if (row[c] instanceof Num n) {
                    cells[c] = n.value();
                    decimals[c] = Math.max(decimals[c], n.decimals());
                } else {
                    cells[c] = row[c];
                }
            }
            table.row(cells);
        }
        for (int c = 0; c < columns.length; c++) {
            if (decimals[c] >= 0) {
                table.decimals(columns[c], decimals[c]);
            }
        }
        return table;
    }
}

package org.lodestone.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A titled table of text and numbers that every analysis command prints, in whichever
 * {@link Format} the user asks for. Numbers stay numbers until rendered: terminal, markdown and
 * HTML round them for people, each column to its own decimals; CSV and JSON keep full precision
 * for scripts. Text output fits {@link #WIDTH} characters: a table wider than that leaves out its
 * columns that are zero in every row and then wraps the rest into parts, saying so under it.
 */
public final class Table {
    /** Output formats of the analysis commands ({@code --format}). */
    public enum Format { TEXT, CSV, JSON, MARKDOWN }

    /** Characters per line of text output unless {@link #width(int)} says otherwise. */
    public static final int WIDTH = 100;

    private static final String GAP = "  ";

    private final String title;
    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();
    private Integer decimals;
    private final Map<Integer, Integer> columnDecimals = new HashMap<>();
    private int width = WIDTH;

    public Table(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    /** Digits after the decimal point for every number in text, markdown and HTML (default: per column, see {@link #decimals(String, int)}). */
    public Table decimals(int digits) {
        this.decimals = digits;
        return this;
    }

    /**
     * Digits after the decimal point for the numbers of one column. A column told nothing gets
     * as many as its largest value needs for two significant digits (none when it holds whole
     * numbers or is at least 10), so that a column reads alike from top to bottom.
     */
    public Table decimals(String column, int digits) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        columnDecimals.put(c, digits);
        return this;
    }

    /** Characters per line of text output; 0 for no limit. */
    public Table width(int characters) {
        this.width = characters;
        return this;
    }

    /**
     * A cell that people read as {@code text} and scripts get as structured data in JSON (lists,
     * maps, records of them); CSV, a flat format, gets the text.
     */
    public record Rich(String text, Object data) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Adds a row: each cell a String, a Number, a {@link Rich} cell, or null (blank). */
    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    public String title() {
        return title;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Object[]> rows() {
        return rows.stream().map(Object[]::clone).toList();
    }

    /** Whether a column holds numbers (and blanks) only: those are right-aligned wherever people read them. */
    public boolean numeric(int column) {
        boolean any = false;
        for (Object[] row : rows) {
            if (row[column] instanceof Number) {
                any = true;
            } else if (row[column] != null) {
                return false;
            }
        }
        return any;
    }

    /** The rows as people read them: numbers rounded to their column's decimals, "-" where a number is missing. */
    public List<String[]> texts() {
        int[] digits = new int[columns.size()];
        for (int c = 0; c < digits.length; c++) {
            digits[c] = decimalsOf(c);
        }
        List<String[]> out = new ArrayList<>();
        for (Object[] row : rows) {
            String[] cells = new String[row.length];
            for (int c = 0; c < row.length; c++) {
                cells[c] = human(row[c], digits[c]);
            }
            out.add(cells);
        }
        return out;
    }

    public String render(Format format) {
        return switch (format) {
            case TEXT -> text();
            case CSV -> csv();
            case JSON -> json();
            case MARKDOWN -> markdown();
        };
    }

    private int decimalsOf(int column) {
        Integer set = columnDecimals.getOrDefault(column, decimals);
        if (set != null) {
            return set;
        }
        double largest = 0;
        boolean whole = true;
        for (Object[] row : rows) {
            if (row[column] instanceof Number n && Double.isFinite(n.doubleValue())) {
                double v = n.doubleValue();
                largest = Math.max(largest, Math.abs(v));
                whole &= v == Math.rint(v);
            }
        }
        if (whole || largest == 0) {
            return 0;
        }
        return (int) Math.max(0, Math.min(4, 1 - Math.floor(Math.log10(largest))));
    }

    private static String human(Object cell, int decimals) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Number n) {
            double v = n.doubleValue();
            if (!Double.isFinite(v)) {
                return "-";
            }
            // a value that rounds to zero is 0, never "-0"
            double shown = Math.abs(v) < 0.5 * Math.pow(10, -decimals) ? 0 : v;
            return String.format(Locale.ROOT, "%,." + decimals + "f", shown);
        }
        return cell.toString();
    }

    private String text() {
        int n = columns.size();
        String[][] cells = texts().toArray(String[][]::new);
        int[] widths = new int[n];
        boolean[] right = new boolean[n];
        for (int c = 0; c < n; c++) {
            widths[c] = columns.get(c).length();
            right[c] = numeric(c);
            for (String[] row : cells) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<Integer> shown = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            shown.add(c);
        }
        List<String> notes = new ArrayList<>();
        if (width > 0 && span(shown, widths) > width) {
            List<Integer> zero = zeroColumns(cells, right);
            if (!zero.isEmpty()) {
                shown.removeAll(zero);
                notes.add("zero in every row, not shown: " + String.join(", ", zero.stream().map(columns::get).toList())
                        + ".");
            }
        }
        List<List<Integer>> parts = parts(shown, widths);
        StringBuilder out = new StringBuilder();
        if (title != null && !title.isEmpty()) {
            wrap(out, title);
        }
        boolean cut = false;
        for (int p = 0; p < parts.size(); p++) {
            List<Integer> part = parts.get(p);
            int[] w = new int[part.size()];
            for (int i = 0; i < part.size(); i++) {
                w[i] = widths[part.get(i)];
            }
            if (width > 0 && part.size() > 1) {
                // a column too wide even beside the first alone: its text is cut to fit
                int room = width - span(part.subList(0, part.size() - 1), widths) - GAP.length();
                int last = part.size() - 1;
                if (w[last] > room && !right[part.get(last)]) {
                    w[last] = Math.max(room, columns.get(part.get(last)).length());
                    cut = true;
                }
            }
            if (p > 0) {
                out.append('\n');
            }
            String[] header = new String[part.size()];
            String[] rule = new String[part.size()];
            boolean[] align = new boolean[part.size()];
            for (int i = 0; i < part.size(); i++) {
                header[i] = columns.get(part.get(i));
                rule[i] = "-".repeat(w[i]);
                align[i] = right[part.get(i)];
            }
            // headings stay left-aligned, as the README quotes them
            out.append(line(header, w, new boolean[part.size()])).append('\n').append(line(rule, w, align))
                    .append('\n');
            for (String[] row : cells) {
                String[] shownCells = new String[part.size()];
                for (int i = 0; i < part.size(); i++) {
                    shownCells[i] = clip(row[part.get(i)], w[i]);
                }
                out.append(line(shownCells, w, align)).append('\n');
            }
        }
        if (parts.size() > 1) {
            notes.add(0, "wider than " + width + " characters, so shown in " + parts.size() + " parts, each led by "
                    + columns.get(0) + ".");
        }
        if (cut) {
            notes.add("text cut to fit ends in \"...\".");
        }
        if (!notes.isEmpty()) {
            notes.add("--format csv or json gives every column, whole.");
            wrap(out.append('\n'), "(" + String.join(" ", notes.stream().map(Table::capitalised).toList()) + ")");
        }
        return out.toString();
    }

    /** Characters a line of these columns takes. */
    private static int span(List<Integer> shown, int[] widths) {
        int total = 0;
        for (int c : shown) {
            total += widths[c];
        }
        return total + GAP.length() * Math.max(0, shown.size() - 1);
    }

    /** Numeric columns other than the first in which every row shows zero (or nothing). */
    private List<Integer> zeroColumns(String[][] cells, boolean[] numeric) {
        List<Integer> zero = new ArrayList<>();
        for (int c = 1; c < columns.size(); c++) {
            boolean all = numeric[c];
            for (int r = 0; r < cells.length && all; r++) {
                all = cells[r][c].isEmpty() || cells[r][c].matches("0(\\.0+)?");
            }
            if (all) {
                zero.add(c);
            }
        }
        return zero;
    }

    /** The shown columns in parts that fit the width, each part led by the first column. */
    private List<List<Integer>> parts(List<Integer> shown, int[] widths) {
        List<List<Integer>> parts = new ArrayList<>();
        List<Integer> part = new ArrayList<>(List.of(shown.get(0)));
        for (int c : shown.subList(1, shown.size())) {
            if (width > 0 && part.size() > 1 && span(part, widths) + GAP.length() + widths[c] > width) {
                parts.add(part);
                part = new ArrayList<>(List.of(shown.get(0)));
            }
            part.add(c);
        }
        parts.add(part);
        return parts;
    }

    private static String line(String[] cells, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String s = cells[c];
            if (c > 0) {
                b.append(GAP);
            }
            String pad = " ".repeat(Math.max(0, width[c] - s.length()));
            b.append(right[c] ? pad + s : s + pad);
        }
        return b.toString().stripTrailing();
    }

    /** {@code text} in lines of at most the table's width, broken at spaces. */
    private void wrap(StringBuilder out, String text) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (width > 0 && line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        out.append(line).append('\n');
    }

    /** {@code text} in at most {@code max} characters, "..." at the end when cut (text output stays ASCII). */
    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private String csv() {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(Table::csvCell).toList())).append('\n');
        for (Object[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row) {
                cells.add(cell == null ? "" : cell instanceof Number n ? exact(n) : csvCell(cell.toString()));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** Full precision without exponents: integers as integers, 1.1192857015095272E10 as 11192857015.095272. */
    private static String exact(Number n) {
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            return ""; // no number, as JSON's null
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : BigDecimal.valueOf(v).toPlainString();
    }

    private String json() {
        ObjectMapper mapper = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        ObjectNode root = mapper.createObjectNode();
        root.put("title", title);
        ArrayNode list = root.putArray("rows");
        for (Object[] row : rows) {
            ObjectNode o = list.addObject();
            for (int c = 0; c < columns.size(); c++) {
                Object cell = row[c];
                if (cell == null) {
                    o.putNull(columns.get(c));
                } else if (cell instanceof Number n) {
                    double v = n.doubleValue();
                    if (!Double.isFinite(v)) {
                        o.putNull(columns.get(c));
                    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                        o.put(columns.get(c), (long) v);
                    } else {
                        o.put(columns.get(c), BigDecimal.valueOf(v));
                    }
                } else if (cell instanceof Rich rich) {
                    o.set(columns.get(c), mapper.valueToTree(rich.data()));
                } else {
                    o.put(columns.get(c), cell.toString());
                }
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String markdown() {
        StringBuilder out = new StringBuilder();
        if (title != null && !title.isEmpty()) {
            out.append("### ").append(title).append("\n\n");
        }
        out.append("| ").append(String.join(" | ", columns)).append(" |\n|");
        for (int c = 0; c < columns.size(); c++) {
            out.append(numeric(c) ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (String[] row : texts()) {
            List<String> cells = new ArrayList<>();
            for (String cell : row) {
                cells.add(cell.replace("|", "\\|"));
            }
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }
}

package org.lodestone.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A titled table of text and numbers that every analysis command prints, in whichever
 * {@link Format} the user asks for. Numbers stay numbers until rendered: terminal and
 * markdown round them for people, CSV and JSON keep full precision for scripts.
 */
public final class Table {
    /** Output formats of the analysis commands ({@code --format}). */
    public enum Format { TEXT, CSV, JSON, MARKDOWN }

    private final String title;
    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();
    private int decimals = 0;

    public Table(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    /** Digits after the decimal point for numbers in text and markdown (default 0). */
    public Table decimals(int digits) {
        this.decimals = digits;
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

    public String render(Format format) {
        return switch (format) {
            case TEXT -> text();
            case CSV -> csv();
            case JSON -> json();
            case MARKDOWN -> markdown();
        };
    }

    private String human(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Number n) {
            double v = n.doubleValue();
            if (Double.isNaN(v)) {
                return "-";
            }
            return String.format(Locale.ROOT, "%,." + decimals + "f", v);
        }
        return cell.toString();
    }

    private String text() {
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = columns.get(c).length();
        }
        for (Object[] row : rows) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], human(row[c]).length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (title != null && !title.isEmpty()) {
            out.append(title).append('\n');
        }
        out.append(line(columns.toArray(), width, true)).append('\n');
        out.append(line(Arrays.stream(width).mapToObj("-"::repeat).toArray(), width, true)).append('\n');
        for (Object[] row : rows) {
            out.append(line(row, width, false)).append('\n');
        }
        return out.toString();
    }

    private String line(Object[] cells, int[] width, boolean header) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String s = header ? String.valueOf(cells[c]) : human(cells[c]);
            boolean right = !header && cells[c] instanceof Number;
            if (c > 0) {
                b.append("  ");
            }
            b.append(right ? " ".repeat(width[c] - s.length()) + s : s + " ".repeat(width[c] - s.length()));
        }
        return b.toString().stripTrailing();
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
            boolean numeric = !rows.isEmpty() && rows.get(0)[c] instanceof Number;
            out.append(numeric ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (Object[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row) {
                cells.add(human(cell).replace("|", "\\|"));
            }
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }
}

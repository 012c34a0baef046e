package org.lodestone.generate;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Pretty-prints a JSON tree the way generated instances are written: two-space indentation, one
 * field per line, arrays of plain values on one line, numbers in plain notation, a final newline.
 * The same tree always gives the same characters (no platform line separator, no locale).
 */
final class JsonPrinter {
    private JsonPrinter() {}

    static String print(JsonNode node) {
        StringBuilder out = new StringBuilder();
        print(out, node, 0);
        return out.append('\n').toString();
    }

    private static void print(StringBuilder out, JsonNode node, int depth) {
        if (node.isObject()) {
            printObject(out, node, depth);
        } else if (node.isArray()) {
            printArray(out, node, depth);
        } else if (node.isTextual()) {
            out.append(quote(node.textValue()));
        } else if (node.isNumber()) {
            out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString()
                    : node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.append(node.asText()); // true, false, null
        }
    }

    private static void printObject(StringBuilder out, JsonNode node, int depth) {
        if (node.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        int printed = 0;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            indent(out, depth + 1).append(quote(field.getKey())).append(": ");
            print(out, field.getValue(), depth + 1);
            out.append(++printed < node.size() ? ",\n" : "\n");
        }
        indent(out, depth).append('}');
    }

    private static void printArray(StringBuilder out, JsonNode node, int depth) {
        boolean plainValues = true;
        for (JsonNode item : node) {
            plainValues &= item.isValueNode();
        }
        if (node.isEmpty()) {
            out.append("[]");
        } else if (plainValues) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                print(out, node.get(i), depth);
            }
            out.append(']');
        } else {
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(out, depth + 1);
                print(out, node.get(i), depth + 1);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(out, depth).append(']');
        }
    }

    private static StringBuilder indent(StringBuilder out, int depth) {
        return out.append("  ".repeat(depth));
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}

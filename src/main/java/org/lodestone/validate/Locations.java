package org.lodestone.validate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@link Problem.Location} of a problem's path in the instance tree it was found in: the JSON
 * Pointer {@code --set} takes for the same place, and the ids of the list entries on the way, so
 * that {@code mines[0].capacity} also reads {@code mines[0] is "mt-weld"; --set /mines/0/capacity}.
 *
 * <p>Paths are written {@code key.key[index]}, keys as they are in the file; a key that holds a dot
 * or a bracket ({@code "Nd.Pr"}) is told apart by the keys the tree actually has at that point (the
 * longest that fits). Past the end of the tree (a missing field) the rest of the path is split at
 * dots and brackets. In the pointer, {@code ~} is written {@code ~0} and {@code /} {@code ~1}.
 */
public final class Locations {
    private Locations() {}

    /** {@code problems}, each with its location in {@code root} (the document's own problems without). */
    public static List<Problem> locate(List<Problem> problems, JsonNode root) {
        List<Problem> out = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            Problem.Location where = of(root, p.path());
            out.add(where == null ? p : p.at(where));
        }
        return out;
    }

    /** The location of {@code path} in {@code root}, or null for the empty path (the document). */
    public static Problem.Location of(JsonNode root, String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        StringBuilder pointer = new StringBuilder();
        List<String> ids = new ArrayList<>();
        JsonNode node = root;
        int at = 0;
        while (at < path.length()) {
            char c = path.charAt(at);
            if (c == '[') {
                int close = path.indexOf(']', at);
                Integer index = close < 0 ? null : index(path.substring(at + 1, close));
                if (index != null) {
                    pointer.append('/').append(index);
                    node = node != null && node.isArray() && index < node.size() ? node.get(index) : null;
                    JsonNode id = node != null && node.isObject() ? node.get("id") : null;
                    if (id != null && id.isTextual()) {
                        ids.add(path.substring(0, close + 1) + " is " + quote(id.textValue()));
                    }
                    at = close + 1;
                    continue;
                }
            }
            if (c == '.' && at > 0) {
                at++;
            }
            String key = key(node, path, at);
            pointer.append('/').append(escape(key));
            node = node != null && node.isObject() ? node.get(key) : null;
            at += key.length();
        }
        return new Problem.Location(pointer.toString(), ids);
    }

    /** The key that starts at {@code at}: the longest key of {@code node} that fits, else up to the next dot or bracket. */
    private static String key(JsonNode node, String path, int at) {
        String best = null;
        if (node != null && node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                int end = at + name.length();
                if (path.startsWith(name, at) && (end == path.length() || path.charAt(end) == '.'
                        || path.charAt(end) == '[') && (best == null || name.length() > best.length())) {
                    best = name;
                }
            }
        }
        if (best != null) {
            return best;
        }
        int end = at;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        return path.substring(at, end);
    }

    private static Integer index(String digits) {
        if (!digits.matches("0|[1-9][0-9]{0,8}")) {
            return null;
        }
        return Integer.parseInt(digits);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String quote(String id) {
        String t = id.length() > 40 ? id.substring(0, 37) + "..." : id;
        StringBuilder b = new StringBuilder("\"");
        for (char ch : t.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}

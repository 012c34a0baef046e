package org.lodestone.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.lodestone.validate.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --set PATH=VALUE}: overrides one value of an instance tree before validation.
 *
 * <ul>
 *   <li>The assignment is split at its first {@code =}; PATH is an RFC 6901 JSON Pointer
 *       ({@code ~1} stands for {@code /}, {@code ~0} for {@code ~}); a key containing {@code =}
 *       therefore cannot be addressed.</li>
 *   <li>VALUE is parsed as JSON when it is a complete JSON value ({@code 0.5}, {@code true},
 *       {@code null}, {@code [1,2]}, {@code {"a":1}}, {@code "quoted"}); anything else is taken as a
 *       plain string ({@code --set /name=my plan}).</li>
 *   <li>Every step of the path but the last must exist. The last step replaces an existing value,
 *       adds a new field to an object (which the validator rejects if it is not a known field), or
 *       on a list replaces the element at an existing index; the index equal to the list's size, or
 *       {@code -}, appends.</li>
 * </ul>
 */
public final class Overrides {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Overrides() {}

    /** Applies one {@code PATH=VALUE} assignment to {@code root} in place. */
    public static void apply(JsonNode root, String assignment) throws InvalidInputException {
        int eq = assignment.indexOf('=');
        if (eq < 0) {
            throw new InvalidInputException("", "--set: expected PATH=VALUE, e.g. /discountRate=0.05, got \""
                    + assignment + "\"");
        }
        String pointer = assignment.substring(0, eq);
        JsonNode value = parseValue(assignment.substring(eq + 1));
        if (pointer.isEmpty()) {
            throw new InvalidInputException(pointer, "--set: the path must name a value inside the instance,"
                    + " e.g. /discountRate");
        }
        if (!pointer.startsWith("/")) {
            throw new InvalidInputException(pointer, "--set: the path must be a JSON Pointer starting with \"/\","
                    + " e.g. /buyers/0/mandate/minShare, got \"" + pointer + "\"");
        }
        List<String> tokens = tokens(pointer);
        JsonNode parent = root;
        for (int i = 0; i < tokens.size() - 1; i++) {
            parent = child(parent, tokens.get(i));
            if (parent == null) {
                throw noSuchPath(pointer);
            }
        }
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            int index = last.equals("-") ? a.size() : index(last);
            if (index < 0 || index > a.size()) {
                throw noSuchPath(pointer);
            }
            if (index == a.size()) {
                a.add(value);
            } else {
                a.set(index, value);
            }
        } else {
            throw noSuchPath(pointer);
        }
    }

    static JsonNode parseValue(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && !n.isMissingNode()) {
                return n;
            }
        } catch (JacksonException e) {
            // not JSON: a plain string
        }
        return TextNode.valueOf(text);
    }

    private static JsonNode child(JsonNode parent, String token) {
        if (parent instanceof ObjectNode o) {
            return o.get(token);
        }
        if (parent instanceof ArrayNode a) {
            int i = index(token);
            return i >= 0 && i < a.size() ? a.get(i) : null;
        }
        return null;
    }

    /** An array index per RFC 6901 (digits, no leading zero), or -1. */
    private static int index(String token) {
        if (!token.matches("0|[1-9][0-9]{0,8}")) {
            return -1;
        }
        return Integer.parseInt(token);
    }

    private static List<String> tokens(String pointer) throws InvalidInputException {
        List<String> out = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != '~') {
                    b.append(c);
                } else if (i + 1 < raw.length() && (raw.charAt(i + 1) == '0' || raw.charAt(i + 1) == '1')) {
                    b.append(raw.charAt(++i) == '0' ? '~' : '/');
                } else {
                    throw new InvalidInputException(pointer, "--set: \"~\" in a path must be written ~0"
                            + " (and \"/\" inside a key ~1), in \"" + pointer + "\"");
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    private static InvalidInputException noSuchPath(String pointer) {
        return new InvalidInputException(pointer, "--set: no such path \"" + pointer + "\" in the instance");
    }
}

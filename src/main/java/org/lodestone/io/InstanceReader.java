package org.lodestone.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import org.lodestone.domain.Instance;
import org.lodestone.validate.InstanceValidator;
import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Locations;
import org.lodestone.validate.Problem;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an instance file ({@code .json}, {@code .yaml} or {@code .yml}) into a tree, applies
 * {@code --set} overrides, validates it and maps it to the domain. Every failure is an
 * {@link InvalidInputException} with short, planner-readable problems, never a stack trace.
 */
public final class InstanceReader {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /**
     * YAML 1.2 booleans: only true/false, so a country "NO" stays a string. SnakeYAML's own cap
     * of 3 MB per document is lifted: a YAML instance may be as large as the same tree in JSON.
     */
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .loaderOptions(yamlLoaderOptions()).build())
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A SnakeYAML mark: {@code in 'reader', line 2, column 1:} (1-based); the last one is the problem's. */
    private static final Pattern YAML_MARK = Pattern.compile("in '[^'\\n]*', line (\\d+), column (\\d+):");
    /** A limit of Jackson's StreamReadConstraints: "Document nesting depth (1001) exceeds the maximum allowed (1000, …)". */
    private static final Pattern LIMIT = Pattern.compile(
            "(?s)([A-Za-z ]+?) \\((\\d+)\\) exceeds the maximum (?:allowed )?\\((\\d+).*");
    /** YAML's .nan, .inf and -.inf, which Jackson refuses as numbers. */
    private static final Pattern YAML_NON_NUMBER = Pattern.compile("(?is)malformed numeric value '([-+]?\\.(?:nan|inf))'.*");

    private InstanceReader() {}

    private static LoaderOptions yamlLoaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    /** Reads, overrides ({@code PATH=VALUE}, applied in order), validates and maps an instance file. */
    public static Instance read(Path file, List<String> overrides) throws InvalidInputException {
        return toInstance(readTree(file, overrides));
    }

    /**
     * Reads an instance file as a tree and applies {@code overrides} ({@code PATH=VALUE}, in
     * order), reporting every override that fails at once; the tree is not validated yet.
     */
    public static JsonNode readTree(Path file, List<String> overrides) throws InvalidInputException {
        return override(readTree(file), overrides);
    }

    /**
     * Applies {@code overrides} ({@code PATH=VALUE}, in order) to {@code root} in place and returns
     * it, reporting every override that fails at once.
     */
    public static JsonNode override(JsonNode root, List<String> overrides) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        for (String assignment : overrides) {
            try {
                Overrides.apply(root, assignment);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return root;
    }

    /** Validates a tree and maps it to an {@link Instance} with every default resolved. */
    public static Instance toInstance(JsonNode root) throws InvalidInputException {
        List<Problem> problems = InstanceValidator.validate(root);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(Locations.locate(problems, root));
        }
        return InstanceMapper.map(root);
    }

    /**
     * Parses a JSON or YAML file (chosen by extension: .json, .yaml, .yml) with duplicate keys
     * rejected. A file that cannot be read gives one problem with the empty path; a syntax error
     * one problem "malformed JSON at line L, column C: …"; a duplicate key one problem whose path is
     * the key's ({@code mines[0].id: duplicate key "id" at line L, column C}).
     */
    public static JsonNode readTree(Path file) throws InvalidInputException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw fileProblem(file, "is a directory, not an instance file");
        }
        if (!Files.exists(file)) {
            throw fileProblem(file, "no such file");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean yaml;
        if (lower.endsWith(".json")) {
            yaml = false;
        } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            yaml = true;
        } else {
            throw fileProblem(file, "unsupported file type; use a .json, .yaml or .yml file");
        }
        String text = readText(file);
        if (text.isBlank()) {
            throw fileProblem(file, "the file is empty");
        }
        String format = yaml ? "YAML" : "JSON";
        JsonNode root;
        ObjectMapper mapper = yaml ? YAML : JSON;
        try (JsonParser parser = mapper.createParser(text)) {
            try {
                root = mapper.readTree(parser);
            } catch (JacksonException e) {
                // limits (nesting depth, number length) carry no location: take the parser's
                throw new InvalidInputException(List.of(parseProblem(e, format,
                        e.getLocation() != null ? e.getLocation() : parser.currentLocation())));
            }
        } catch (JacksonException e) {
            throw new InvalidInputException(List.of(parseProblem(e, format, e.getLocation())));
        } catch (IOException | RuntimeException e) { // defensive: a parser failing outside its own type
            throw fileProblem(file, "cannot parse the file as " + format);
        }
        if (root == null || root.isMissingNode() || (yaml && root.isNull())) {
            throw fileProblem(file, "the file holds no " + format + " document");
        }
        return root;
    }

    /**
     * The file's text, which must be UTF-8 (a leading byte-order mark is dropped). Problems name
     * the file, with the empty path: unreadable, not UTF-8, UTF-16.
     */
    static String readText(Path file) throws InvalidInputException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw fileProblem(file, "cannot read the file (permission denied)");
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "no such file");
        } catch (IOException | SecurityException e) {
            throw fileProblem(file, "cannot read the file" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw fileProblem(file, "is UTF-16 text, not UTF-8; save it as UTF-8");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "is not UTF-8 text; save it as UTF-8");
        }
        if (text.indexOf('\u0000') >= 0) { // valid UTF-8, but no JSON or YAML text holds NUL: UTF-16 without BOM
            throw fileProblem(file, "is not UTF-8 text (it holds NUL bytes, as UTF-16 does); save it as UTF-8");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // byte-order mark
    }

    static InvalidInputException fileProblem(Path file, String message) {
        return new InvalidInputException("", file + ": " + message);
    }

    /** One short line naming line and column, without parser internals. */
    static Problem parseProblem(JacksonException e, String format) {
        return parseProblem(e, format, e.getLocation());
    }

    /** As {@link #parseProblem(JacksonException, String)}, at {@code loc} when the error has no location. */
    static Problem parseProblem(JacksonException e, String format, JsonLocation loc) {
        String where = location(e, loc);
        where = where.isEmpty() ? "" : " at " + where;
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field '")) {
            String key = original.substring("Duplicate field '".length(), original.lastIndexOf('\''));
            return new Problem(duplicatePath(e), "duplicate key \"" + key + "\"" + where);
        }
        // YAML reads a bare * as the start of an alias; recovery's "*" default is the usual way in
        String hint = original.contains("scanning an alias")
                ? " (in YAML a bare * starts an alias: quote it, e.g. recovery: {\"*\": 0.9})" : "";
        return new Problem("", "malformed " + format + where + ": " + cleanMessage(e) + hint);
    }

    /** "line L, column C" of a parse error, or "" when unknown; {@code loc} stands in for a missing location. */
    static String location(JacksonException e, JsonLocation loc) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int line = loc == null ? -1 : loc.getLineNr();
        int column = loc == null ? -1 : loc.getColumnNr();
        // SnakeYAML names the place of the problem itself, as the last mark of its message
        Matcher mark = YAML_MARK.matcher(original);
        while (mark.find()) {
            line = Integer.parseInt(mark.group(1));
            column = Integer.parseInt(mark.group(2));
        }
        return line < 1 ? "" : "line " + line + (column > 0 ? ", column " + column : "");
    }

    /** The parser's message as one short line without parser internals. */
    static String cleanMessage(JacksonException e) {
        return clean(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
    }

    /** The dotted path of a duplicate key, when the parser can tell. */
    private static String duplicatePath(JacksonException e) {
        try {
            if (e.getProcessor() instanceof JsonParser p) {
                List<String> parts = new ArrayList<>();
                for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                    if (c.inArray()) {
                        parts.add(0, "[" + c.getCurrentIndex() + "]");
                    } else if (c.getCurrentName() != null) {
                        parts.add(0, "." + c.getCurrentName());
                    }
                }
                String path = String.join("", parts);
                return path.startsWith(".") ? path.substring(1) : path;
            }
        } catch (RuntimeException ignored) {
            // fall through: the path is a nicety
        }
        return "";
    }

    private static String clean(String message) {
        String m = message;
        if (m.startsWith("Trailing token")) {
            return "unexpected content after the end of the document";
        }
        Matcher limit = LIMIT.matcher(m);
        if (limit.matches()) {
            String what = limit.group(1).toLowerCase(Locale.ROOT);
            String max = limit.group(3);
            if (what.contains("nesting depth")) {
                return "lists and objects nested more than " + max + " levels deep";
            }
            if (what.contains("number")) {
                return "a number written with more than " + max + " characters";
            }
            if (what.contains("string")) {
                return "a text of more than " + max + " characters";
            }
            if (what.contains("name")) {
                return "a key of more than " + max + " characters";
            }
            return what + " " + limit.group(2) + " is more than the " + max + " allowed";
        }
        Matcher nonNumber = YAML_NON_NUMBER.matcher(m);
        if (nonNumber.matches()) {
            return "not a number: '" + nonNumber.group(1) + "' (NaN and Infinity are not allowed)";
        }
        if (m.startsWith("Expected a field name (Scalar value in YAML)")) {
            return "a key must be a plain name, not " + (m.contains("SequenceStartEvent") ? "a list"
                    : m.contains("MappingStartEvent") ? "an object" : "this");
        }
        if (m.startsWith("Non-standard token")) {
            return m.replaceFirst(":.*", "").replace("Non-standard token", "not a JSON value:")
                    + " (NaN and Infinity are not allowed)";
        }
        // YAML errors span several lines: keep the last unindented line, which states the problem
        String[] lines = m.split("\\R");
        String pick = lines[0];
        for (String line : lines) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("in '")) {
                pick = line;
            }
        }
        m = pick;
        m = m.replaceAll("\\s*\\(start marker at \\[Source:.*", "")
                .replaceAll("\\s*at \\[Source:.*", "")
                .replaceAll(" \\(code \\d+\\)", "")
                .replaceAll("\\(\\(CTRL-CHAR, code \\d+\\)\\)", "(a control character)")
                .replaceAll("\\s*\\(not recognized as one since .*", "")
                .replaceAll(":?\\s*enable `.*", "")
                .replaceAll("\\s*\\(for .*\\)$", "")
                .replaceAll("\\s*\\(in content after .*\\)$", "")
                .replace('`', '\'')
                .trim();
        if (m.isEmpty()) {
            m = "cannot parse";
        }
        if (m.length() > 160) {
            m = m.substring(0, 157) + "...";
        }
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }
}

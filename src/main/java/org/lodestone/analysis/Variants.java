package org.lodestone.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.lodestone.io.InstanceReader;
import org.lodestone.io.Overrides;
import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Problem;

/** Instance trees with values changed, as {@code --set} changes them: the raw material of every analysis. */
public final class Variants {
    private Variants() {}

    /**
     * Reads an instance file into a tree and applies {@code --set} assignments in order. The tree
     * is not validated yet: call {@link InstanceReader#toInstance} on it (or on a changed copy).
     */
    public static JsonNode read(Path file, List<String> overrides) throws InvalidInputException {
        return InstanceReader.readTree(file, overrides);
    }

    /**
     * A copy of {@code tree} with {@code pointer} set to {@code value} (JSON text, or any other
     * text as a string), exactly as {@code --set pointer=value}. Problems are reported as coming
     * from {@code option} (e.g. "--param") instead of "--set".
     */
    public static JsonNode with(JsonNode tree, String pointer, String value, String option)
            throws InvalidInputException {
        JsonNode copy = tree.deepCopy();
        try {
            Overrides.apply(copy, pointer + "=" + value);
        } catch (InvalidInputException e) {
            throw renamed(e, option);
        }
        return copy;
    }

    private static InvalidInputException renamed(InvalidInputException e, String option) {
        List<Problem> problems = new ArrayList<>();
        for (Problem p : e.problems()) {
            String message = p.message().startsWith("--set:") ? option + ":" + p.message().substring(6) : p.message();
            problems.add(new Problem(p.path(), message));
        }
        return new InvalidInputException(problems);
    }

    /** The problems of {@code e}, each message followed by {@code suffix}. */
    static InvalidInputException withSuffix(InvalidInputException e, String suffix) {
        List<Problem> problems = new ArrayList<>();
        for (Problem p : e.problems()) {
            problems.add(new Problem(p.path(), p.message() + suffix));
        }
        return new InvalidInputException(problems);
    }
}

package org.lodestone.analysis;

import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import org.lodestone.io.Overrides;
import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Problem;

/** Instance trees with values changed, as {@code --set} changes them: the raw material of every analysis. */
public final class Variants {
    private Variants() {}

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

    /** The problems of {@code e}, each message followed by {@code suffix}. */
    public static InvalidInputException withSuffix(InvalidInputException e, String suffix) {
        return reworded(e, message -> message + suffix);
    }

    /** "--set: …" messages of {@code e} as coming from {@code option}. */
    private static InvalidInputException renamed(InvalidInputException e, String option) {
        return reworded(e, message -> message.startsWith("--set:") ? option + ":" + message.substring(6) : message);
    }

    private static InvalidInputException reworded(InvalidInputException e, UnaryOperator<String> change) {
        return new InvalidInputException(e.problems().stream()
                .map(p -> p.withMessage(change.apply(p.message()))).toList());
    }
}

package org.lodestone.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.Plan;
import org.lodestone.validate.InvalidInputException;

/**
 * One solve per value of a parameter: the value is set at a JSON Pointer of the instance tree
 * exactly as {@code --set PATH=VALUE} would. Consecutive solves whose models have the same
 * columns warm-start each other; see {@link Batch} for parallel runs.
 */
public final class Sweep {
    /** At most this many values in one sweep. */
    public static final int MAX_VALUES = 10_000;

    private Sweep() {}

    /** One value and the plan it gave (its status says whether there is one). */
    public record Point(double value, Instance instance, Plan plan) {}

    /** @param path the JSON Pointer swept; points in the order of the values */
    public record Result(String path, List<Point> points) {
        /** Whether every solve found a plan. */
        public boolean complete() {
            return points.stream().allMatch(p -> p.plan().status().hasSolution());
        }
    }

    /**
     * Validates every value first (a bad path or a value that makes the instance invalid throws
     * before anything is solved), then solves them all.
     *
     * @param tree the instance tree (any --set already applied); not changed
     * @param values the numbers to set, in order
     */
    public static Result run(JsonNode tree, String path, List<BigDecimal> values, Settings settings)
            throws InvalidInputException {
        if (values.isEmpty()) {
            throw new InvalidInputException("", "--values: no values to sweep");
        }
        List<Batch.Job> jobs = new ArrayList<>();
        for (BigDecimal value : values) {
            String text = text(value);
            JsonNode variant = Variants.with(tree, path, text, "--param");
            Instance instance;
            try {
                instance = InstanceReader.toInstance(variant);
            } catch (InvalidInputException e) {
                throw Variants.withSuffix(e, " (with " + path + " = " + text + ")");
            }
            jobs.add(new Batch.Job(path + " = " + text, instance));
        }
        List<Solved> solved = Batch.solve(jobs, settings, 1, jobs.size());
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            points.add(new Point(values.get(i).doubleValue(), solved.get(i).instance(), solved.get(i).plan()));
        }
        return new Result(path, points);
    }

    /** The JSON text a value is set as: plain decimal notation ("0.1", "1000"). */
    static String text(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
    }

    /** Parses {@code --values v1,v2,…}: finite decimal numbers, e.g. "0,0.25,0.5" or "1e6,2e6". */
    public static List<BigDecimal> parseValues(String list) throws InvalidInputException {
        List<BigDecimal> out = new ArrayList<>();
        for (String token : list.split(",", -1)) {
            out.add(number(token.trim(), "--values", list));
        }
        if (out.size() > MAX_VALUES) {
            throw new InvalidInputException("", "--values: more than " + MAX_VALUES + " values");
        }
        return out;
    }

    /**
     * Parses {@code --range from:to:step}: from, from + step, … up to and including {@code to}
     * (within 1e-9 of a step, so 0:1:0.1 ends at 1 exactly). The arithmetic is decimal, so the
     * values are exactly the decimals written (0.3, not 0.30000000000000004). step must be
     * non-zero and point from {@code from} towards {@code to}; from = to gives one value.
     */
    public static List<BigDecimal> parseRange(String range) throws InvalidInputException {
        String[] parts = range.split(":", -1);
        if (parts.length != 3) {
            throw new InvalidInputException("", "--range: expected FROM:TO:STEP, e.g. 0:1:0.1, got \"" + range + "\"");
        }
        BigDecimal from = number(parts[0].trim(), "--range", range);
        BigDecimal to = number(parts[1].trim(), "--range", range);
        BigDecimal step = number(parts[2].trim(), "--range", range);
        if (step.signum() == 0) {
            throw new InvalidInputException("", "--range: the step must not be 0, in \"" + range + "\"");
        }
        BigDecimal span = to.subtract(from);
        if (span.signum() != 0 && span.signum() != step.signum()) {
            throw new InvalidInputException("", "--range: the step " + text(step) + " leads away from " + text(to)
                    + "; use " + (step.signum() > 0 ? "a negative" : "a positive") + " step, in \"" + range + "\"");
        }
        BigDecimal steps = span.divide(step, MathContext.DECIMAL128);
        if (steps.compareTo(BigDecimal.valueOf(MAX_VALUES)) >= 0) {
            throw new InvalidInputException("", "--range: more than " + MAX_VALUES + " values in \"" + range + "\"");
        }
        int count = steps.add(new BigDecimal("1e-9")).setScale(0, RoundingMode.FLOOR).intValueExact() + 1;
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(from.add(step.multiply(BigDecimal.valueOf(i))));
        }
        return out;
    }

    private static BigDecimal number(String token, String option, String whole) throws InvalidInputException {
        if (token.isEmpty()) {
            throw new InvalidInputException("", option + ": an empty value in \"" + whole + "\"");
        }
        try {
            BigDecimal v = new BigDecimal(token);
            if (v.signum() != 0 && Math.abs(v.scale() - v.precision()) > 400) {
                throw new InvalidInputException("", option + ": \"" + token + "\" is out of range, in \"" + whole + "\"");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("", option + ": \"" + token + "\" is not a number, in \"" + whole + "\"");
        }
    }
}

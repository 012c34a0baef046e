package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;
import static org.lodestone.generate.Quantities.growthFactor;
import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;
import static org.lodestone.generate.Quantities.stepFor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Yearly series (prices, capacities, costs, demand) in the three written forms of instance-reference.md §3: one
 * number, an array of one value per year, an object of the years where the value changes. Each
 * form is owed once, in a random order, before the forms are drawn freely, so every instance
 * shows all three.
 */
final class SeriesDraws {
    enum Form { CONSTANT, ARRAY, OBJECT }

    /** A series as written ({@code node}) and its value in each year of the horizon. */
    record Series(JsonNode node, double[] values) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RandomDraws random;
    private final int years;
    private final int lastYear;
    /** Forms still owed so that each appears at least once. */
    private final List<Form> owedForms = new ArrayList<>();

    /** Draws the order of the owed forms: the first draws of a generation. */
    SeriesDraws(RandomDraws random, int years) {
        this.random = random;
        this.years = years;
        this.lastYear = START + years - 1;
        List<Form> forms = new ArrayList<>(List.of(Form.values()));
        while (!forms.isEmpty()) {
            owedForms.add(forms.remove(random.index(forms.size())));
        }
    }

    private Form nextForm() {
        if (!owedForms.isEmpty()) {
            return owedForms.remove(0);
        }
        double x = random.fraction();
        return x < 0.35 ? Form.CONSTANT : x < 0.7 ? Form.ARRAY : Form.OBJECT;
    }

    /**
     * A series around {@code base} with a yearly trend and noise, in a random form; values are
     * quantised with {@code step} and kept at least {@code floor}.
     */
    Series around(double base, double trend, double noise, double step, double floor) {
        Form form = nextForm();
        double[] values = new double[years];
        switch (form) {
            case CONSTANT -> {
                double value = Math.max(floor, quantise(base, step));
                Arrays.fill(values, value);
                return new Series(jsonNumber(value), values);
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (int t = 0; t < years; t++) {
                    values[t] = Math.max(floor,
                            quantise(base * growthFactor(trend, t) * (1 + noise * random.uniform(-1, 1)), step));
                    array.add(jsonNumber(values[t]));
                }
                return new Series(array, values);
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                List<Integer> keyYears = new ArrayList<>();
                keyYears.add(START - (random.chance(0.3) ? random.between(1, 3) : 0));
                int changes = random.between(1, Math.min(3, years - 1));
                Set<Integer> later = new TreeSet<>();
                while (later.size() < changes) {
                    later.add(START + random.between(1, years - 1));
                }
                keyYears.addAll(later);
                if (random.chance(0.15)) { // a year past the horizon, which readers ignore
                    keyYears.add(Math.max(lastYear, keyYears.get(keyYears.size() - 1)) + random.between(1, 5));
                }
                double[] atKey = new double[keyYears.size()];
                for (int k = 0; k < keyYears.size(); k++) {
                    int t = keyYears.get(k) - START;
                    atKey[k] = Math.max(floor,
                            quantise(base * growthFactor(trend, t) * (1 + noise * random.uniform(-1, 1)), step));
                    object.set(Integer.toString(keyYears.get(k)), jsonNumber(atKey[k]));
                }
                for (int t = 0; t < years; t++) {
                    int k = 0;
                    while (k + 1 < keyYears.size() && keyYears.get(k + 1) <= START + t) {
                        k++;
                    }
                    values[t] = atKey[k];
                }
                return new Series(object, values);
            }
        }
    }

    /** A buyer's demand: the yearly figures, their mean, or the level of a few periods. */
    Series demand(double[] perYear) {
        Form form = nextForm();
        if (form == Form.ARRAY) {
            return exactSeries(perYear, Form.ARRAY);
        }
        double mean = Arrays.stream(perYear).average().orElse(0);
        if (form == Form.CONSTANT) {
            double[] values = new double[years];
            Arrays.fill(values, quantise(mean, stepFor(mean)));
            return exactSeries(values, Form.CONSTANT);
        }
        double[] levels = new double[years];
        int periods = random.between(1, Math.min(3, years));
        int periodLength = Math.max(1, years / periods);
        for (int periodStart = 0; periodStart < years; periodStart += periodLength) {
            int periodEnd = Math.min(years, periodStart + periodLength);
            double sum = 0;
            for (int t = periodStart; t < periodEnd; t++) {
                sum += perYear[t];
            }
            Arrays.fill(levels, periodStart, periodEnd, quantise(sum / (periodEnd - periodStart), stepFor(mean)));
        }
        return exactSeries(levels, Form.OBJECT);
    }

    /** A series of given values per year (already quantised), written in {@code form} exactly. */
    private Series exactSeries(double[] values, Form form) {
        boolean constant = Arrays.stream(values).allMatch(v -> v == values[0]);
        if (form == Form.CONSTANT && constant) {
            return new Series(jsonNumber(values[0]), values.clone());
        }
        if (form == Form.ARRAY) {
            ArrayNode array = NODES.arrayNode();
            for (double value : values) {
                array.add(jsonNumber(value));
            }
            return new Series(array, values.clone());
        }
        ObjectNode object = NODES.objectNode();
        int firstYear = START - (random.chance(0.3) ? 1 : 0);
        object.set(Integer.toString(firstYear), jsonNumber(values[0]));
        for (int t = 1; t < years; t++) {
            if (values[t] != values[t - 1]) {
                object.set(Integer.toString(START + t), jsonNumber(values[t]));
            }
        }
        return new Series(object, values.clone());
    }
}

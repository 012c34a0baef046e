package org.lodestone.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.Planner;
import org.lodestone.saa.Task;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InvalidInputException;

/**
 * A real solve as a task: an instance (its JSON text, so that the task runs in any JVM) with its
 * first mine's capacity scaled by {@code factor} ({@code --set /mines/0/capacity=...}), solved by
 * HiGHS through the core's {@link Planner}.
 */
record SolveTask(int index, String name, String json, double factor) implements Task<SolveTask.Objective> {
    /** What one solve returns. */
    record Objective(int index, String instance, double factor, String status, double objective) implements Serializable {}

    @Override
    public Objective run() {
        try {
            JsonNode tree = new ObjectMapper().readTree(json);
            double capacity = tree.at("/mines/0/capacity").asDouble();
            InstanceReader.override(tree, List.of("/mines/0/capacity=" + capacity * factor));
            var options = SolveOptions.defaults().withBackend(Backend.HIGHS);
            var outcome = new Planner().solve(InstanceReader.toInstance(tree), options, false);
            return new Objective(index, name, factor, outcome.plan().status().name(), outcome.plan().objective());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code count} tasks over the bundled test instances, capacity factors from 0.5 up. */
    static List<SolveTask> some(int count) {
        String[] names = {"t17_stockpile_reveal.json", "g-small-1.json", "g-tiny-1.json"};
        List<SolveTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = names[i % names.length];
            tasks.add(new SolveTask(i, name, resource(name), 0.5 + 0.1 * (i / names.length)));
        }
        return tasks;
    }

    static String resource(String name) {
        try (InputStream in = SolveTask.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.lodestone.spark.bench;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lodestone.io.InstanceReader;
import org.lodestone.plan.Planner;
import org.lodestone.saa.Task;
import org.lodestone.solve.Backend;
import org.lodestone.solve.SolveOptions;
import org.lodestone.validate.InvalidInputException;

/**
 * One out-of-sample evaluation as {@code lodestone evaluate} will run it, for measuring engines: a
 * fixed first stage (builds, held contracts) on one "future" of the instance (here: its first mine's
 * capacity scaled by {@code factor}, every year), the flows re-optimised by HiGHS.
 */
public record EvaluateTask(int index, String json, double factor, Map<String, int[]> builds, Set<String> held)
        implements Task<EvaluateTask.Row> {
    /** One evaluation's result row. */
    public record Row(int index, double factor, String status, double objective) implements Serializable {}

    @Override
    public Row run() {
        try {
            JsonNode tree = new ObjectMapper().readTree(json);
            ObjectNode mine = (ObjectNode) tree.at("/mines/0");
            mine.set("capacity", scaled(mine.get("capacity"), factor));
            var job = new Planner.Job(InstanceReader.toInstance(InstanceReader.override(tree, List.of())),
                    SolveOptions.defaults().withBackend(Backend.HIGHS))
                    .adjusted(model -> model.fixFirstStage(builds, held));
            var plan = new Planner().solve(job).plan();
            return new Row(index, factor, plan.status().name(), plan.objective() == null ? Double.NaN : plan.objective());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A number, a per-year array or a year-keyed object, times {@code factor}. */
    static JsonNode scaled(JsonNode series, double factor) {
        if (series.isNumber()) {
            return DoubleNode.valueOf(series.asDouble() * factor);
        }
        if (series.isArray()) {
            ArrayNode out = ((ArrayNode) series).arrayNode();
            series.forEach(v -> out.add(v.asDouble() * factor));
            return out;
        }
        ObjectNode out = ((ObjectNode) series).objectNode();
        series.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble() * factor));
        return out;
    }
}

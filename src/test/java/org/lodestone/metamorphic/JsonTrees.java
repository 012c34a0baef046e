package org.lodestone.metamorphic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Small edits of an instance tree (instance-reference.md §6) for the metamorphic tests: walking the lists of
 * an instance, mapping series in any of their three written forms, renaming every id
 * consistently, shuffling every list. Trees are edited in place; callers copy first.
 */
final class JsonTrees {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonTrees() {}

    // ------------------------------------------------------------------ walking

    /** The objects of {@code parent.field} (an array), or none when the field is absent. */
    static List<ObjectNode> objects(JsonNode parent, String field) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode array = parent == null ? null : parent.get(field);
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add((ObjectNode) n));
        }
        return out;
    }

    /** Mines, then refineries. */
    static List<ObjectNode> facilities(JsonNode root) {
        List<ObjectNode> out = objects(root, "mines");
        out.addAll(objects(root, "refineries"));
        return out;
    }

    /** The expansions of all facilities that have one. */
    static List<ObjectNode> expansions(JsonNode root) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode f : facilities(root)) {
            if (f.has("expansion")) {
                out.add((ObjectNode) f.get("expansion"));
            }
        }
        return out;
    }

    /** Export controls of the instance and of every scenario. */
    static List<ObjectNode> exportControls(JsonNode root) {
        List<ObjectNode> out = objects(root, "exportControls");
        for (ObjectNode s : objects(root, "scenarios")) {
            out.addAll(objects(s, "exportControls"));
        }
        return out;
    }

    /** Capacity and cost factors of every scenario. */
    static List<ObjectNode> facilityFactors(JsonNode root) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode s : objects(root, "scenarios")) {
            out.addAll(objects(s, "capacityFactors"));
            out.addAll(objects(s, "costFactors"));
        }
        return out;
    }

    // ------------------------------------------------------------------ numbers and series

    /** A series (number, array of numbers, or object keyed by year) with {@code f} applied to every value. */
    static JsonNode mapSeries(JsonNode series, DoubleUnaryOperator f) {
        if (series.isNumber()) {
            return F.numberNode(f.applyAsDouble(series.doubleValue()));
        }
        if (series.isArray()) {
            ArrayNode out = F.arrayNode();
            series.forEach(v -> out.add(f.applyAsDouble(v.doubleValue())));
            return out;
        }
        if (series.isObject()) {
            ObjectNode out = F.objectNode();
            series.properties().forEach(e -> out.put(e.getKey(), f.applyAsDouble(e.getValue().doubleValue())));
            return out;
        }
        throw new IllegalArgumentException("not a series: " + series);
    }

    /** Multiplies {@code parent.field} (a number or a series) by k; nothing when the field is absent. */
    static void scale(JsonNode parent, String field, double k) {
        if (parent != null && parent.has(field)) {
            ((ObjectNode) parent).set(field, mapSeries(parent.get(field), v -> v * k));
        }
    }

    /** Multiplies every value of the object {@code parent.field} (a map id → number or series) by k. */
    static void scaleValues(JsonNode parent, String field, double k) {
        JsonNode map = parent == null ? null : parent.get(field);
        if (map == null) {
            return;
        }
        List<String> keys = new ArrayList<>();
        map.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            scale(map, key, k);
        }
    }

    // ------------------------------------------------------------------ renaming ids

    /** The kinds of names an instance holds; the names of one kind must be unique, not across kinds. */
    enum Kind { ELEMENT, COUNTRY, FACILITY, BUYER, CONTRACT, SCENARIO, TAG, ORE_TYPE }

    /** Every name of every kind in an instance, in order of first appearance. */
    static Map<Kind, List<String>> names(JsonNode root) {
        Map<Kind, Set<String>> found = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            found.put(k, new LinkedHashSet<>());
        }
        objects(root, "elements").forEach(e -> found.get(Kind.ELEMENT).add(e.get("id").textValue()));
        for (ObjectNode c : objects(root, "countries")) {
            found.get(Kind.COUNTRY).add(c.get("id").textValue());
            texts(c.get("tags")).forEach(found.get(Kind.TAG)::add);
        }
        for (ObjectNode m : objects(root, "mines")) {
            found.get(Kind.FACILITY).add(m.get("id").textValue());
            found.get(Kind.ORE_TYPE).add(m.has("oreType") ? m.get("oreType").textValue() : "standard");
        }
        for (ObjectNode r : objects(root, "refineries")) {
            found.get(Kind.FACILITY).add(r.get("id").textValue());
            texts(r.get("accepts")).forEach(found.get(Kind.ORE_TYPE)::add);
        }
        for (ObjectNode b : objects(root, "buyers")) {
            found.get(Kind.BUYER).add(b.get("id").textValue());
            if (b.has("mandate")) {
                texts(b.get("mandate").get("excludeTags")).forEach(found.get(Kind.TAG)::add);
            }
        }
        objects(root, "contracts").forEach(k -> found.get(Kind.CONTRACT).add(k.get("id").textValue()));
        objects(root, "scenarios").forEach(s -> found.get(Kind.SCENARIO).add(s.get("id").textValue()));
        Map<Kind, List<String>> out = new LinkedHashMap<>();
        found.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /**
     * Renames every name of the instance: the i-th name of a kind that has n names becomes
     * {@code naming.apply(n - i)} (so the order of the new names reverses the old one, and the
     * kinds share the same new names, which ids of different lists may do). Every reference
     * follows: countries, facilities, buyers, elements in lists, map keys and scenario parts;
     * ore types and tags, being labels compared as strings, too; years and "*" stay. Elements
     * and countries keep their display name (written out when it was the default).
     *
     * @return old name → new name, per kind
     */
    static Map<Kind, Map<String, String>> rename(ObjectNode root, IntFunction<String> naming) {
        Map<Kind, Map<String, String>> map = new LinkedHashMap<>();
        names(root).forEach((kind, list) -> {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                m.put(list.get(i), naming.apply(list.size() - i));
            }
            map.put(kind, m);
        });
        Renamer r = new Renamer(map);

        for (ObjectNode e : objects(root, "elements")) {
            keepDisplayName(e);
            r.field(e, "id", Kind.ELEMENT);
        }
        for (ObjectNode c : objects(root, "countries")) {
            keepDisplayName(c);
            r.field(c, "id", Kind.COUNTRY);
            r.list(c, "tags", Kind.TAG);
        }
        for (ObjectNode m : objects(root, "mines")) {
            r.field(m, "id", Kind.FACILITY);
            r.field(m, "country", Kind.COUNTRY);
            if (!m.has("oreType")) {
                m.put("oreType", "standard"); // the default, written out so that it can be renamed
            }
            r.field(m, "oreType", Kind.ORE_TYPE);
            r.keys(m, "basket", Kind.ELEMENT);
        }
        for (ObjectNode f : objects(root, "refineries")) {
            r.field(f, "id", Kind.FACILITY);
            r.field(f, "country", Kind.COUNTRY);
            r.list(f, "accepts", Kind.ORE_TYPE);
            r.keys(f, "recovery", Kind.ELEMENT);
        }
        for (ObjectNode b : objects(root, "buyers")) {
            r.field(b, "id", Kind.BUYER);
            r.field(b, "country", Kind.COUNTRY);
            r.keys(b, "demand", Kind.ELEMENT);
            r.keys(b, "shortfallPenalty", Kind.ELEMENT);
            if (b.has("mandate")) {
                r.list(b.get("mandate"), "excludeCountries", Kind.COUNTRY);
                r.list(b.get("mandate"), "excludeTags", Kind.TAG);
            }
            for (ObjectNode s : objects(b, "substitutes")) {
                r.field(s, "element", Kind.ELEMENT);
            }
        }
        if (root.has("lanes")) {
            for (ObjectNode route : objects(root.get("lanes"), "routes")) {
                r.list(route, "between", Kind.COUNTRY);
            }
        }
        for (ObjectNode t : objects(root, "tariffs")) {
            r.field(t, "from", Kind.COUNTRY);
            r.field(t, "to", Kind.COUNTRY);
        }
        for (ObjectNode x : exportControls(root)) {
            r.field(x, "country", Kind.COUNTRY);
            r.list(x, "elements", Kind.ELEMENT);
            r.list(x, "allowedDestinations", Kind.COUNTRY);
        }
        for (ObjectNode k : objects(root, "contracts")) {
            r.field(k, "id", Kind.CONTRACT);
            r.field(k, "facility", Kind.FACILITY);
        }
        for (ObjectNode s : objects(root, "scenarios")) {
            r.field(s, "id", Kind.SCENARIO);
            for (ObjectNode factor : objects(s, "demandFactors")) {
                r.field(factor, "buyer", Kind.BUYER);
                r.field(factor, "element", Kind.ELEMENT);
            }
        }
        for (ObjectNode factor : facilityFactors(root)) {
            r.field(factor, "country", Kind.COUNTRY);
            r.field(factor, "facility", Kind.FACILITY);
        }
        return map;
    }

    /**
     * Writes out the display name (default: the id) before the id changes, so that names and
     * ids differ everywhere afterwards and a name taken for an id shows.
     */
    private static void keepDisplayName(ObjectNode o) {
        if (!o.has("name")) {
            o.put("name", o.get("id").textValue());
        }
    }

    private record Renamer(Map<Kind, Map<String, String>> map) {
        String to(Kind kind, String old) {
            String name = map.get(kind).get(old);
            if (name == null) {
                throw new IllegalArgumentException("no " + kind + " named \"" + old + "\"");
            }
            return name;
        }

        void field(JsonNode parent, String field, Kind kind) {
            if (parent.has(field)) {
                ((ObjectNode) parent).put(field, to(kind, parent.get(field).textValue()));
            }
        }

        void list(JsonNode parent, String field, Kind kind) {
            JsonNode array = parent.get(field);
            if (array == null) {
                return;
            }
            ArrayNode out = F.arrayNode();
            array.forEach(v -> out.add(to(kind, v.textValue())));
            ((ObjectNode) parent).set(field, out);
        }

        /** Renames the keys of an object ("*" stays), keeping their order and values. */
        void keys(JsonNode parent, String field, Kind kind) {
            JsonNode object = parent.get(field);
            if (object == null) {
                return;
            }
            ObjectNode out = F.objectNode();
            object.properties().forEach(e ->
                    out.set(e.getKey().equals("*") ? "*" : to(kind, e.getKey()), e.getValue()));
            ((ObjectNode) parent).set(field, out);
        }
    }

    /** Every string value and every object key of a tree, except under the free-text fields. */
    static Set<String> strings(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        collect(node, out);
        return out;
    }

    private static final Set<String> FREE_TEXT = Set.of("name", "description", "sources", "schema");

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        } else if (node.isObject()) {
            node.properties().forEach(e -> {
                if (!FREE_TEXT.contains(e.getKey())) {
                    out.add(e.getKey());
                    collect(e.getValue(), out);
                }
            });
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> out.add(v.textValue()));
        }
        return out;
    }

    static ArrayNode textArray(List<String> values) {
        ArrayNode out = F.arrayNode();
        values.forEach(out::add);
        return out;
    }

    // ------------------------------------------------------------------ shuffling

    /** A shuffled copy of a tree and how many lists the shuffle reordered. */
    record Shuffled(JsonNode tree, int listsReordered) {}

    /**
     * A copy of the tree with every list reordered and the fields of every object too, by a
     * seeded shuffle that never leaves a list of two or more entries in its order. Lists of
     * numbers are series (one value per year, in order) and keep their order; the keys of a
     * series object are years and are reordered like any other keys (their meaning does not
     * depend on the order written).
     */
    static Shuffled shuffleAll(JsonNode node, Random random) {
        int[] count = {0};
        JsonNode tree = shuffle(node, random, count);
        return new Shuffled(tree, count[0]);
    }

    private static JsonNode shuffle(JsonNode node, Random random, int[] count) {
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            boolean numbers = !items.isEmpty() && items.stream().allMatch(JsonNode::isNumber);
            ArrayNode out = F.arrayNode();
            if (numbers) {
                items.forEach(out::add);
                return out;
            }
            List<JsonNode> copies = new ArrayList<>();
            for (JsonNode item : items) {
                copies.add(shuffle(item, random, count));
            }
            if (copies.size() >= 2) {
                copies = permuted(copies, random);
                count[0]++;
            }
            copies.forEach(out::add);
            return out;
        }
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            List<Map.Entry<String, JsonNode>> order = fields.size() >= 2 ? permuted(fields, random) : fields;
            ObjectNode out = F.objectNode();
            for (Map.Entry<String, JsonNode> e : order) {
                out.set(e.getKey(), shuffle(e.getValue(), random, count));
            }
            return out;
        }
        return node.deepCopy();
    }

    /** A seeded permutation of the list that is not the identity. */
    private static <T> List<T> permuted(List<T> list, Random random) {
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            index.add(i);
        }
        Collections.shuffle(index, random);
        boolean identity = true;
        for (int i = 0; i < index.size(); i++) {
            identity &= index.get(i) == i;
        }
        if (identity) {
            Collections.rotate(index, 1);
        }
        List<T> out = new ArrayList<>();
        index.forEach(i -> out.add(list.get(i)));
        return out;
    }
}

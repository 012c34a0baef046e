package org.lodestone.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.lodestone.domain.CostPart;
import org.lodestone.plan.MarginalValues;
import org.lodestone.plan.Plan;
import org.lodestone.validate.InvalidInputException;
import org.lodestone.validate.Problem;

/**
 * The plan document of plan-reference.md, written and read with Jackson's tree API. Fields appear
 * in the order of plan-reference.md; years and counts are integers; integral amounts are written without
 * a fraction ({@code 8000}, not {@code 8000.0}). Reading ignores fields it does not know (the
 * reference allows extra fields) and reports every missing or mistyped one by its JSON path.
 */
public final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Reading: a duplicate key or content after the document is an error, as in instance files. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Doubles with an integral value below this magnitude are written as integers. */
    private static final double EXACT_INTEGER_LIMIT = 1e15;
    /** Marginal values at or below this magnitude (USD/t) are left out of the plan file. */
    public static final double MARGINAL_THRESHOLD = 1e-6;

    private PlanJson() {}

    // ================================================================ writing

    /**
     * Writes the plan to {@code file} atomically: the document is first serialised in memory,
     * then written to a temporary file in the same directory, flushed to disk, and moved over
     * {@code file} in one step. A failure at any point leaves {@code file} as it was (absent or
     * with its previous content) and removes the temporary file.
     *
     * @throws IllegalArgumentException if the plan holds a number JSON cannot carry (NaN,
     *     infinity) where plan-reference.md wants a number; nothing is written then
     */
    public static void write(Plan plan, Path file) throws IOException {
        write(plan, file, null);
    }

    /**
     * As {@link #write(Plan, Path)}, with the plan's marginal values as the extra top-level field
     * {@code "marginals"} (left out when {@code marginals} is null); see {@link #toJson(Plan, MarginalValues)}.
     */
    public static void write(Plan plan, Path file, MarginalValues marginals) throws IOException {
        AtomicFiles.writeString(file, toJson(plan, marginals) + "\n");
    }

    /** The plan document, pretty-printed. */
    public static String toJson(Plan plan) {
        return toJson(plan, null);
    }

    /**
     * The plan document with, when {@code marginals} is not null, the extra top-level field
     * {@code "marginals": {"demand": [{"buyer", "element", "year", "usdPerTonne"}],
     * "capacity": [{"facility", "year", "usdPerTonne"}]}} after {@code scenarios}: only the values
     * whose magnitude exceeds {@link #MARGINAL_THRESHOLD} USD/t, in the order given. Reading a plan
     * ignores the field.
     */
    public static String toJson(Plan plan, MarginalValues marginals) {
        ObjectNode root = NODES.objectNode();
        root.put("schema", Plan.SCHEMA);
        root.put("instance", plan.instance());
        root.put("status", plan.status().name());
        root.set("objective", nullableNumber("objective", plan.objective()));
        root.set("bestBound", boundOrNull(plan.bestBound()));
        root.set("gap", boundOrNull(plan.gap()));

        Plan.SolverInfo s = plan.solver();
        ObjectNode solver = root.putObject("solver");
        solver.put("name", s.name());
        solver.put("version", s.version());
        solver.set("seconds", nullableNumber("solver.seconds", s.seconds()));
        solver.put("threads", s.threads());
        solver.set("timeLimitSeconds", number("solver.timeLimitSeconds", s.timeLimitSeconds()));
        solver.set("relativeGap", number("solver.relativeGap", s.relativeGap()));

        Plan.Costs c = plan.costs();
        ObjectNode costs = root.putObject("costs");
        c.forEach((part, amount) -> costs.set(part.key(), number("costs." + part.key(), amount)));
        root.set("risk", number("risk", plan.risk()));
        root.set("cvar", nullableNumber("cvar", plan.cvar()));

        ArrayNode builds = root.putArray("builds");
        for (int i = 0; i < plan.builds().size(); i++) {
            Plan.Build b = plan.builds().get(i);
            ObjectNode n = builds.addObject();
            n.put("facility", b.facility());
            n.put("startYear", b.startYear());
            n.put("onlineYear", b.onlineYear());
            n.put("modules", b.modules());
            n.set("capacityAdded", number("builds[" + i + "].capacityAdded", b.capacityAdded()));
        }
        ArrayNode contracts = root.putArray("contracts");
        for (Plan.ContractChoice k : plan.contracts()) {
            contracts.addObject().put("id", k.id()).put("held", k.held());
        }
        ArrayNode scenarios = root.putArray("scenarios");
        for (int i = 0; i < plan.scenarios().size(); i++) {
            scenarios.add(scenario("scenarios[" + i + "]", plan.scenarios().get(i)));
        }
        if (marginals != null) {
            root.set("marginals", marginals(marginals));
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static ObjectNode marginals(MarginalValues values) {
        ObjectNode n = NODES.objectNode();
        ArrayNode demand = n.putArray("demand");
        for (MarginalValues.DemandValue v : values.demand()) {
            if (Math.abs(v.usdPerTonne()) > MARGINAL_THRESHOLD) {
                demand.addObject().put("buyer", v.buyer()).put("element", v.element()).put("year", v.year())
                        .set("usdPerTonne", number("marginals.demand.usdPerTonne", v.usdPerTonne()));
            }
        }
        ArrayNode capacity = n.putArray("capacity");
        for (MarginalValues.CapacityValue v : values.capacity()) {
            if (Math.abs(v.usdPerTonne()) > MARGINAL_THRESHOLD) {
                capacity.addObject().put("facility", v.facility()).put("year", v.year())
                        .set("usdPerTonne", number("marginals.capacity.usdPerTonne", v.usdPerTonne()));
            }
        }
        return n;
    }

    private static ObjectNode scenario(String path, Plan.ScenarioPlan s) {
        ObjectNode n = NODES.objectNode();
        n.put("id", s.id());
        n.set("probability", number(path + ".probability", s.probability()));
        n.set("operatingCost", number(path + ".operatingCost", s.operatingCost()));
        n.set("risk", number(path + ".risk", s.risk()));
        ArrayNode a = n.putArray("concentrate");
        for (int i = 0; i < s.concentrate().size(); i++) {
            Plan.Concentrate c = s.concentrate().get(i);
            a.addObject().put("mine", c.mine()).put("refinery", c.refinery()).put("year", c.year())
                    .set("tonnes", number(path + ".concentrate[" + i + "].tonnes", c.tonnes()));
        }
        a = n.putArray("deliveries");
        for (int i = 0; i < s.deliveries().size(); i++) {
            Plan.Delivery d = s.deliveries().get(i);
            a.addObject().put("mine", d.mine()).put("refinery", d.refinery()).put("buyer", d.buyer())
                    .put("element", d.element()).put("year", d.year())
                    .set("tonnes", number(path + ".deliveries[" + i + "].tonnes", d.tonnes()));
        }
        a = n.putArray("surplus");
        for (int i = 0; i < s.surplus().size(); i++) {
            Plan.Surplus u = s.surplus().get(i);
            a.addObject().put("refinery", u.refinery()).put("element", u.element()).put("year", u.year())
                    .set("tonnes", number(path + ".surplus[" + i + "].tonnes", u.tonnes()));
        }
        a = n.putArray("contractUse");
        for (int i = 0; i < s.contractUse().size(); i++) {
            Plan.ContractUse k = s.contractUse().get(i);
            ObjectNode o = a.addObject().put("contract", k.contract()).put("year", k.year());
            o.set("taken", number(path + ".contractUse[" + i + "].taken", k.taken()));
            o.set("paid", number(path + ".contractUse[" + i + "].paid", k.paid()));
        }
        a = n.putArray("substitution");
        for (int i = 0; i < s.substitution().size(); i++) {
            Plan.Substitution x = s.substitution().get(i);
            a.addObject().put("buyer", x.buyer()).put("element", x.element()).put("year", x.year())
                    .set("tonnes", number(path + ".substitution[" + i + "].tonnes", x.tonnes()));
        }
        a = n.putArray("shortfalls");
        for (int i = 0; i < s.shortfalls().size(); i++) {
            Plan.Shortfall x = s.shortfalls().get(i);
            a.addObject().put("buyer", x.buyer()).put("element", x.element()).put("year", x.year())
                    .set("tonnes", number(path + ".shortfalls[" + i + "].tonnes", x.tonnes()));
        }
        a = n.putArray("stockpiles");
        for (int i = 0; i < s.stockpiles().size(); i++) {
            Plan.StockLevel x = s.stockpiles().get(i);
            String at = path + ".stockpiles[" + i + "].";
            ObjectNode o = a.addObject().put("stockpile", x.stockpile()).put("year", x.year());
            o.set("fill", number(at + "fill", x.fill()));
            o.set("release", number(at + "release", x.release()));
            o.set("level", number(at + "level", x.level()));
        }
        return n;
    }

    private static JsonNode number(String path, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(path + ": " + v + " cannot be written as a JSON number");
        }
        if (v == Math.rint(v) && Math.abs(v) < EXACT_INTEGER_LIMIT) {
            return NODES.numberNode((long) v);
        }
        return NODES.numberNode(v);
    }

    private static JsonNode nullableNumber(String path, Double v) {
        return v == null ? NODES.nullNode() : number(path, v);
    }

    /** bestBound and gap: a solver without a finite bound (±infinity, NaN) means "no bound". */
    private static JsonNode boundOrNull(Double v) {
        return v == null || !Double.isFinite(v) ? NODES.nullNode() : number("", v);
    }

    // ================================================================ reading

    /**
     * Reads a plan document. Every problem found is reported at once, each named by its JSON
     * path (e.g. {@code scenarios[0].concentrate[2].tonnes: missing}); fields the reader does
     * not know are ignored. The file must be UTF-8 JSON without duplicate keys or content after the
     * document; a number too large for a double (1e400) is a problem, not infinity.
     */
    public static Plan read(Path file) throws InvalidInputException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("", "cannot read the plan file " + file + ": it is a directory");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException("", "cannot read the plan file " + file + ": no such file");
        }
        String text = InstanceReader.readText(file);
        JsonNode root = null;
        if (!text.isBlank()) {
            try (JsonParser parser = STRICT.createParser(text)) {
                try {
                    root = STRICT.readTree(parser);
                } catch (JacksonException e) {
                    throw syntaxProblem(e, e.getLocation() != null ? e.getLocation() : parser.currentLocation());
                }
            } catch (JacksonException e) {
                throw syntaxProblem(e, e.getLocation());
            } catch (IOException e) {
                throw new InvalidInputException("", "cannot read the plan file " + file + ": not JSON");
            }
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException("", "the plan file " + file + " is empty");
        }
        return fromTree(root);
    }

    /** A duplicate key named by its path, or one line "not a valid JSON document: … (line L, column C)". */
    private static InvalidInputException syntaxProblem(JacksonException e, JsonLocation loc) {
        Problem p = InstanceReader.parseProblem(e, "JSON", loc);
        if (!p.path().isEmpty()) {
            return new InvalidInputException(List.of(p));
        }
        String where = InstanceReader.location(e, loc);
        return new InvalidInputException("", "not a valid JSON document: " + InstanceReader.cleanMessage(e)
                + (where.isEmpty() ? "" : " (" + where + ")"));
    }

    /** Reads a plan from a parsed JSON tree; see {@link #read(Path)}. */
    public static Plan fromTree(JsonNode root) throws InvalidInputException {
        Reader r = new Reader();
        Plan plan = r.plan(root);
        if (!r.problems.isEmpty()) {
            throw new InvalidInputException(r.problems);
        }
        return plan;
    }

    /** Collects problems while reading; values of broken fields are placeholders. */
    private static final Set<CostPart> VERSION_2_PARTS =
            EnumSet.of(CostPart.HOLDING, CostPart.RISK_PREMIUM);

    private static final class Reader {
        final List<Problem> problems = new ArrayList<>();

        Plan plan(JsonNode root) {
            if (!root.isObject()) {
                problem("", "expected an object, found " + kind(root));
                return null;
            }
            JsonNode schema = root.get("schema");
            if (schema == null) {
                problem("schema", "missing (a plan file has \"schema\": \"" + Plan.SCHEMA + "\")");
            } else if (!schema.isTextual() || !Plan.SCHEMAS.contains(schema.asText())) {
                problem("schema", "expected \"" + Plan.SCHEMA + "\" (or \"" + Plan.SCHEMAS.get(0) + "\"), found " + schema
                        + (schema.asText().startsWith("lodestone/") ? " (this is an instance, not a plan)" : ""));
                return null;   // a foreign document: its other fields would only add noise
            }
            String instance = text(root, "", "instance");
            Plan.Status status = status(root);
            Double objective = nullableNumber(root, "", "objective");
            Double bestBound = nullableNumber(root, "", "bestBound");
            Double gap = nullableNumber(root, "", "gap");
            Plan.SolverInfo solver = null;
            JsonNode s = object(root, "", "solver");
            if (s != null) {
                solver = new Plan.SolverInfo(text(s, "solver", "name"), text(s, "solver", "version"),
                        nullableNumber(s, "solver", "seconds"), integer(s, "solver", "threads"),
                        number(s, "solver", "timeLimitSeconds"), number(s, "solver", "relativeGap"));
            }
            Plan.Costs costs = null;
            JsonNode c = object(root, "", "costs");
            if (c != null) {
                // parts added by model version 2 are absent from version 1 plans: 0 there
                costs = Plan.Costs.of(part -> VERSION_2_PARTS.contains(part) && !c.has(part.key()) ? 0
                        : number(c, "costs", part.key()));
            }
            double risk = number(root, "", "risk");
            Double cvar = root.has("cvar") ? nullableNumber(root, "", "cvar") : null;
            List<Plan.Build> builds = list(root, "", "builds", (n, p) -> new Plan.Build(text(n, p, "facility"),
                    integer(n, p, "startYear"), integer(n, p, "onlineYear"), integer(n, p, "modules"),
                    number(n, p, "capacityAdded")));
            List<Plan.ContractChoice> contracts = list(root, "", "contracts",
                    (n, p) -> new Plan.ContractChoice(text(n, p, "id"), bool(n, p, "held")));
            List<Plan.ScenarioPlan> scenarios = list(root, "", "scenarios", this::scenario);
            if (!problems.isEmpty()) {
                return null;
            }
            return new Plan(instance, status, objective, bestBound, gap, solver, costs, risk, cvar, builds,
                    contracts, scenarios);
        }

        Plan.ScenarioPlan scenario(JsonNode n, String p) {
            return new Plan.ScenarioPlan(text(n, p, "id"), number(n, p, "probability"), number(n, p, "operatingCost"),
                    number(n, p, "risk"),
                    list(n, p, "concentrate", (e, q) -> new Plan.Concentrate(text(e, q, "mine"),
                            text(e, q, "refinery"), integer(e, q, "year"), number(e, q, "tonnes"))),
                    list(n, p, "deliveries", (e, q) -> new Plan.Delivery(text(e, q, "mine"), text(e, q, "refinery"),
                            text(e, q, "buyer"), text(e, q, "element"), integer(e, q, "year"),
                            number(e, q, "tonnes"))),
                    list(n, p, "surplus", (e, q) -> new Plan.Surplus(text(e, q, "refinery"), text(e, q, "element"),
                            integer(e, q, "year"), number(e, q, "tonnes"))),
                    list(n, p, "contractUse", (e, q) -> new Plan.ContractUse(text(e, q, "contract"),
                            integer(e, q, "year"), number(e, q, "taken"), number(e, q, "paid"))),
                    list(n, p, "substitution", (e, q) -> new Plan.Substitution(text(e, q, "buyer"),
                            text(e, q, "element"), integer(e, q, "year"), number(e, q, "tonnes"))),
                    list(n, p, "shortfalls", (e, q) -> new Plan.Shortfall(text(e, q, "buyer"),
                            text(e, q, "element"), integer(e, q, "year"), number(e, q, "tonnes"))),
                    // version 1 plans have no stockpiles
                    !n.has("stockpiles") ? List.of() : list(n, p, "stockpiles", (e, q) -> new Plan.StockLevel(
                            text(e, q, "stockpile"), integer(e, q, "year"), number(e, q, "fill"),
                            number(e, q, "release"), number(e, q, "level"))));
        }

        private Plan.Status status(JsonNode root) {
            String s = text(root, "", "status");
            if (s == null) {
                return null;
            }
            try {
                return Plan.Status.valueOf(s);
            } catch (IllegalArgumentException e) {
                problem("status", "unknown status \"" + s + "\" (expected OPTIMAL, FEASIBLE, INFEASIBLE or"
                        + " NO_SOLUTION)");
                return null;
            }
        }

        // ---- typed field access; each reports its problem and returns a placeholder

        private interface Item<T> {
            T read(JsonNode node, String path);
        }

        <T> List<T> list(JsonNode parent, String at, String field, Item<T> item) {
            JsonNode n = field(parent, at, field);
            if (n == null) {
                return List.of();
            }
            String path = path(at, field);
            if (!n.isArray()) {
                problem(path, "expected an array, found " + kind(n));
                return List.of();
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                String p = path + "[" + i + "]";
                JsonNode e = n.get(i);
                if (!e.isObject()) {
                    problem(p, "expected an object, found " + kind(e));
                    continue;
                }
                out.add(item.read(e, p));
            }
            return out;
        }

        JsonNode object(JsonNode parent, String at, String field) {
            return typed(parent, at, field, JsonNode::isObject, "an object");
        }

        String text(JsonNode parent, String at, String field) {
            JsonNode n = typed(parent, at, field, JsonNode::isTextual, "a string");
            return n == null ? null : n.asText();
        }

        boolean bool(JsonNode parent, String at, String field) {
            JsonNode n = typed(parent, at, field, JsonNode::isBoolean, "true or false");
            return n != null && n.asBoolean();
        }

        double number(JsonNode parent, String at, String field) {
            JsonNode n = typed(parent, at, field, JsonNode::isNumber, "a number");
            return n == null ? 0 : finite(n, path(at, field));
        }

        /** 1e400 reads as infinity, which no check could compare: a problem, not a value. */
        private double finite(JsonNode n, String path) {
            double v = n.asDouble();
            if (!Double.isFinite(v)) {
                problem(path, "must be a finite number, got " + v + " (the number is too large)");
                return 0;
            }
            return v;
        }

        Double nullableNumber(JsonNode parent, String at, String field) {
            JsonNode n = field(parent, at, field);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isNumber()) {
                problem(path(at, field), "expected a number or null, found " + kind(n));
                return null;
            }
            return finite(n, path(at, field));
        }

        int integer(JsonNode parent, String at, String field) {
            JsonNode n = typed(parent, at, field, JsonNode::isNumber, "an integer");
            if (n == null) {
                return 0;
            }
            if (!n.canConvertToExactIntegral() || !n.canConvertToInt()) {
                problem(path(at, field), "expected an integer, found " + n);
                return 0;
            }
            return n.asInt();
        }

        private JsonNode typed(JsonNode parent, String at, String field, Predicate<JsonNode> is,
                               String expected) {
            JsonNode n = field(parent, at, field);
            if (n == null) {
                return null;
            }
            if (!is.test(n)) {
                problem(path(at, field), "expected " + expected + ", found " + kind(n));
                return null;
            }
            return n;
        }

        /** The field's node, or null (with a problem) when it is missing. */
        private JsonNode field(JsonNode parent, String at, String field) {
            JsonNode n = parent.get(field);
            if (n == null) {
                problem(path(at, field), "missing");
            }
            return n;
        }

        private void problem(String path, String message) {
            problems.add(new Problem(path, message));
        }

        private static String path(String at, String field) {
            return at.isEmpty() ? field : at + "." + field;
        }

        private static String kind(JsonNode n) {
            if (n.isNull()) {
                return "null";
            }
            if (n.isTextual()) {
                return "the string " + n;
            }
            if (n.isNumber()) {
                return "the number " + n;
            }
            if (n.isBoolean()) {
                return n.asText();
            }
            return n.isArray() ? "an array" : "an object";
        }
    }
}

package org.lodestone.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an instance tree against instance-reference.md (§6 field types, §12 rules, version 2
 * included) and reports every problem at once, each named by its JSON path
 * ({@code mines[3].basket.Nd: unknown element "Nd"}).
 *
 * <p>The checks do not cascade: a reference is checked only against an id list that could be read
 * completely, a series length only when the horizon is valid, a sum only when all its terms are
 * valid.
 */
public final class InstanceValidator {
    /** The schemas this version reads; both mean the same (instance-reference.md §1: every version-2 field is optional). */
    public static final List<String> SCHEMAS = List.of("lodestone/1", "lodestone/2");
    /** Largest {@code horizon.years} accepted (a sanity bound, not in the model). */
    public static final int MAX_YEARS = 1000;
    /** Tolerance of the basket sum and of the probability sum. */
    public static final double TOLERANCE = 1e-9;

    private static final Pattern YEAR_KEY = Pattern.compile("-?[0-9]{1,10}");

    private final List<Problem> problems = new ArrayList<>();
    /** Horizon start and length when valid, else null. */
    private Integer start;
    private Integer years;

    private final Namespace elements = new Namespace("element");
    private final Namespace countries = new Namespace("country");
    private final Namespace facilities = new Namespace("facility");
    private final Namespace buyers = new Namespace("buyer");

    /** Where each id was first seen, per id list (for duplicate messages). */
    private final Map<String, String> elementIds = new HashMap<>();
    private final Map<String, String> countryIds = new HashMap<>();
    private final Map<String, String> facilityIds = new HashMap<>();
    private final Map<String, String> buyerIds = new HashMap<>();
    private final Map<String, String> contractIds = new HashMap<>();
    private final Map<String, String> scenarioIds = new HashMap<>();
    private final Map<String, String> stockpileIds = new HashMap<>();
    private final Map<String, String> disruptionIds = new HashMap<>();
    /** The elements each buyer lists in its demand, for buyers whose id and demand could be read. */
    private final Map<String, Set<String>> demanded = new HashMap<>();

    private InstanceValidator() {}

    /** Every problem of the instance, in document order; empty when the instance is valid. */
    public static List<Problem> validate(JsonNode root) {
        InstanceValidator v = new InstanceValidator();
        v.run(root);
        return List.copyOf(v.problems);
    }

    // ---------------------------------------------------------------- document

    private static final List<String> ROOT_REQUIRED =
            List.of("schema", "name", "horizon", "elements", "countries", "mines", "refineries", "buyers");
    private static final List<String> ROOT_OPTIONAL = List.of("description", "sources", "discountRate",
            "riskWeight", "riskBudget", "lanes", "tariffs", "exportControls", "contracts", "scenarios", "stockpiles",
            "riskAversion", "disruptions");

    private void run(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            add("", "the document is empty");
            return;
        }
        if (!root.isObject()) {
            add("", "expected an object at the top level, got " + describe(root));
            return;
        }
        ObjectNode o = (ObjectNode) root;
        collectHorizon(o.get("horizon"));
        collectIds(o, elements, "elements");
        collectIds(o, countries, "countries");
        collectIds(o, facilities, "mines", "refineries");
        collectIds(o, buyers, "buyers");
        collectDemand(o.get("buyers"));

        fields(o, "", ROOT_REQUIRED, ROOT_OPTIONAL);
        String schema = string(o, "", "schema");
        if (schema != null && !SCHEMAS.contains(schema)) {
            add("schema", "must be \"" + String.join("\" or \"", SCHEMAS) + "\", got " + quote(schema));
        }
        string(o, "", "name");
        string(o, "", "description");
        list(o, "", "sources", this::source);
        horizon(o);
        number(o, "", "discountRate", Range.NON_NEGATIVE);
        number(o, "", "riskWeight", Range.NON_NEGATIVE);
        if (o.has("riskBudget") && !o.get("riskBudget").isNull()) {
            number(o, "", "riskBudget", Range.NON_NEGATIVE);
        }
        list(o, "", "elements", this::element);
        list(o, "", "countries", this::country);
        list(o, "", "mines", this::mine);
        list(o, "", "refineries", this::refinery);
        list(o, "", "buyers", this::buyer);
        if (o.has("lanes")) {
            lanes(o.get("lanes"), "lanes");
        }
        list(o, "", "tariffs", this::tariff);
        list(o, "", "exportControls", this::exportControl);
        list(o, "", "contracts", this::contract);
        scenarios(o);
        list(o, "", "stockpiles", this::stockpile);
        if (o.has("riskAversion")) {
            riskAversion(o.get("riskAversion"));
        }
        list(o, "", "disruptions", this::disruption);
    }

    private void collectHorizon(JsonNode h) {
        if (h == null || !h.isObject()) {
            return;
        }
        JsonNode s = h.get("start");
        JsonNode y = h.get("years");
        if (s != null && isInt(s)) {
            start = s.intValue();
        }
        if (start != null && y != null && isInt(y) && y.intValue() >= 1 && y.intValue() <= MAX_YEARS
                && (long) start + y.intValue() - 1 <= Integer.MAX_VALUE) {
            years = y.intValue();
        }
    }

    /** Reads the ids of the given lists silently; the namespace stays unknown if any is unreadable. */
    private static void collectIds(ObjectNode root, Namespace ns, String... lists) {
        Set<String> ids = new HashSet<>();
        for (String name : lists) {
            JsonNode list = root.get(name);
            if (list == null || !list.isArray()) {
                return;
            }
            for (JsonNode entry : list) {
                JsonNode id = entry.get("id");
                if (!entry.isObject() || id == null || !id.isTextual() || id.textValue().isEmpty()) {
                    return;
                }
                ids.add(id.textValue());
            }
        }
        ns.ids = ids;
    }

    /** The element ids each buyer lists in its demand, read silently; unreadable buyers are left out. */
    private void collectDemand(JsonNode list) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (JsonNode buyer : list) {
            JsonNode id = buyer.get("id");
            JsonNode demand = buyer.get("demand");
            if (buyer.isObject() && id != null && id.isTextual() && demand != null && demand.isObject()) {
                Set<String> elementIds = new HashSet<>();
                demand.fieldNames().forEachRemaining(elementIds::add);
                demanded.putIfAbsent(id.textValue(), elementIds);
            }
        }
    }

    private void horizon(ObjectNode root) {
        ObjectNode h = object(root.get("horizon"), "horizon");
        if (h == null) {
            return;
        }
        fields(h, "horizon", List.of("start", "years"), List.of());
        year(h, "horizon", "start");
        Integer y = integer(h, "horizon", "years", 1);
        if (y != null && y > MAX_YEARS) {
            add("horizon.years", "must be at most " + MAX_YEARS + ", got " + y);
        } else if (y != null && start != null && (long) start + y - 1 > Integer.MAX_VALUE) {
            add("horizon.years", "the horizon runs past the largest year this program handles");
        }
    }

    private void source(ObjectNode o, String path) {
        fields(o, path, List.of("what", "ref"), List.of());
        string(o, path, "what");
        string(o, path, "ref");
    }

    // ---------------------------------------------------------------- entities

    private void element(ObjectNode o, String path) {
        fields(o, path, List.of("id", "price"), List.of("name", "surplusPrice", "shortfallPenalty"));
        id(o, path, elementIds);
        string(o, path, "name");
        series(o, path, "price", Range.POSITIVE);
        series(o, path, "surplusPrice", Range.NON_NEGATIVE);
        number(o, path, "shortfallPenalty", Range.NON_NEGATIVE);
    }

    private void country(ObjectNode o, String path) {
        fields(o, path, List.of("id", "risk"), List.of("name", "tags"));
        id(o, path, countryIds);
        string(o, path, "name");
        number(o, path, "risk", Range.FRACTION);
        stringList(o, path, "tags");
    }

    private void mine(ObjectNode o, String path) {
        fields(o, path, List.of("id", "country", "cost", "basket"),
                List.of("oreType", "capacity", "expansion"));
        id(o, path, facilityIds);
        ref(o, path, "country", countries);
        string(o, path, "oreType");
        series(o, path, "capacity", Range.NON_NEGATIVE);
        series(o, path, "cost", Range.NON_NEGATIVE);
        ObjectNode basket = object(o.get("basket"), join(path, "basket"));
        if (basket != null) {
            String bp = join(path, "basket");
            double sum = 0;
            boolean allValid = true;
            for (Map.Entry<String, JsonNode> e : entries(basket)) {
                String p = join(bp, e.getKey());
                keyRef(e.getKey(), p, elements);
                Double share = number(e.getValue(), p, Range.FRACTION);
                if (share == null) {
                    allValid = false;
                } else {
                    sum += share;
                }
            }
            if (allValid && sum > 1 + TOLERANCE) {
                add(bp, "shares add up to " + fmt(sum) + ", must be at most 1");
            }
        }
        if (o.has("expansion")) {
            expansion(o.get("expansion"), join(path, "expansion"));
        }
    }

    private void refinery(ObjectNode o, String path) {
        fields(o, path, List.of("id", "country", "cost"),
                List.of("accepts", "capacity", "recovery", "expansion"));
        id(o, path, facilityIds);
        ref(o, path, "country", countries);
        stringList(o, path, "accepts");
        series(o, path, "capacity", Range.NON_NEGATIVE);
        series(o, path, "cost", Range.NON_NEGATIVE);
        if (o.has("recovery")) {
            String rp = join(path, "recovery");
            ObjectNode recovery = object(o.get("recovery"), rp);
            if (recovery != null) {
                for (Map.Entry<String, JsonNode> e : entries(recovery)) {
                    String p = join(rp, e.getKey());
                    if (!e.getKey().equals("*")) {
                        keyRef(e.getKey(), p, elements);
                    }
                    number(e.getValue(), p, Range.OPEN_FRACTION);
                }
            }
        }
        if (o.has("expansion")) {
            expansion(o.get("expansion"), join(path, "expansion"));
        }
    }

    private void expansion(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        if (o == null) {
            return;
        }
        fields(o, path, List.of("moduleSize", "leadTime"), List.of("maxModules", "earliestStart",
                "latestStart", "capexFixed", "capexPerModule", "fixedOpexPerYear", "requiresOfftake", "rampUp"));
        number(o, path, "moduleSize", Range.POSITIVE);
        integer(o, path, "maxModules", 1);
        integer(o, path, "leadTime", 0);
        yearRange(o, path, "earliestStart", "latestStart");
        number(o, path, "capexFixed", Range.NON_NEGATIVE);
        number(o, path, "capexPerModule", Range.NON_NEGATIVE);
        number(o, path, "fixedOpexPerYear", Range.NON_NEGATIVE);
        number(o, path, "requiresOfftake", Range.FRACTION);
        rampUp(o.get("rampUp"), join(path, "rampUp"));
    }

    /** instance-reference.md Rule 10: a non-empty list of shares in (0, 1]. */
    private void rampUp(JsonNode n, String path) {
        if (n == null) {
            return;
        }
        if (!n.isArray()) {
            add(path, "expected a list of numbers, got " + describe(n));
            return;
        }
        if (n.isEmpty()) {
            add(path, "must list at least one share"
                    + " (leave \"rampUp\" out for full capacity from the first year online)");
        }
        for (int i = 0; i < n.size(); i++) {
            number(n.get(i), index(path, i), Range.OPEN_FRACTION);
        }
    }

    private void buyer(ObjectNode o, String path) {
        fields(o, path, List.of("id", "country", "demand"),
                List.of("shortfallPenalty", "mandate", "maxCountryShare", "substitutes"));
        id(o, path, buyerIds);
        ref(o, path, "country", countries);
        String dp = join(path, "demand");
        ObjectNode demand = object(o.get("demand"), dp);
        if (demand != null) {
            for (Map.Entry<String, JsonNode> e : entries(demand)) {
                String p = join(dp, e.getKey());
                keyRef(e.getKey(), p, elements);
                series(e.getValue(), p, Range.NON_NEGATIVE);
            }
        }
        perElement(o, path, "shortfallPenalty");
        if (o.has("mandate")) {
            mandate(o.get("mandate"), join(path, "mandate"));
        }
        number(o, path, "maxCountryShare", Range.OPEN_FRACTION);
        list(o, path, "substitutes", this::substitute);
    }

    private void mandate(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        if (o == null) {
            return;
        }
        fields(o, path, List.of(), List.of("excludeCountries", "excludeTags", "stages", "minShare"));
        refList(o, path, "excludeCountries", countries);
        stringList(o, path, "excludeTags");
        List<String> stages = stringList(o, path, "stages");
        for (int i = 0; i < stages.size(); i++) {
            String s = stages.get(i);
            if (s != null && !s.equals("mining") && !s.equals("refining")) {
                add(index(join(path, "stages"), i), "must be \"mining\" or \"refining\", got " + quote(s));
            }
        }
        series(o, path, "minShare", Range.FRACTION);
    }

    private void substitute(ObjectNode o, String path) {
        fields(o, path, List.of("element", "maxShare", "cost"), List.of("fromYear"));
        ref(o, path, "element", elements);
        number(o, path, "maxShare", Range.FRACTION);
        number(o, path, "cost", Range.NON_NEGATIVE);
        year(o, path, "fromYear");
    }

    private void lanes(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        if (o == null) {
            return;
        }
        fields(o, path, List.of(), List.of("default", "domestic", "routes"));
        number(o, path, "default", Range.NON_NEGATIVE);
        number(o, path, "domestic", Range.NON_NEGATIVE);
        Map<String, String> seenPairs = new HashMap<>();
        list(o, path, "routes", (route, rp) -> {
            fields(route, rp, List.of("between", "cost"), List.of());
            number(route, rp, "cost", Range.NON_NEGATIVE);
            JsonNode between = route.get("between");
            if (between == null) {
                return;
            }
            String bp = join(rp, "between");
            if (!between.isArray()) {
                add(bp, "expected a list of 2 country ids, got " + describe(between));
                return;
            }
            List<String> ids = refList(route, rp, "between", countries);
            if (ids.size() != 2) {
                add(bp, "expected exactly 2 country ids, got " + ids.size());
                return;
            }
            String a = ids.get(0);
            String b = ids.get(1);
            if (a == null || b == null) {
                return;
            }
            if (a.equals(b)) {
                add(bp, "a route must join two different countries, got " + quote(a) + " twice"
                        + " (use \"domestic\" for freight within a country)");
                return;
            }
            String key = a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
            String first = seenPairs.putIfAbsent(key, rp);
            if (first != null) {
                add(bp, "a second route between " + quote(a) + " and " + quote(b) + " (also " + first + ")");
            }
        });
    }

    private void tariff(ObjectNode o, String path) {
        fields(o, path, List.of("from", "to", "rate"), List.of());
        ref(o, path, "from", countries);
        ref(o, path, "to", countries);
        number(o, path, "rate", Range.NON_NEGATIVE);
    }

    private void exportControl(ObjectNode o, String path) {
        fields(o, path, List.of("country"),
                List.of("stage", "elements", "fromYear", "toYear", "allowedDestinations"));
        ref(o, path, "country", countries);
        control(o, path);
        yearRange(o, path, "fromYear", "toYear");
    }

    /** What an export control restricts: stage, elements and allowed destinations. */
    private void control(ObjectNode o, String path) {
        String stage = string(o, path, "stage");
        if (stage != null && !stage.equals("concentrate") && !stage.equals("oxide") && !stage.equals("both")) {
            add(join(path, "stage"), "must be \"concentrate\", \"oxide\" or \"both\", got " + quote(stage));
        }
        refList(o, path, "elements", elements);
        refList(o, path, "allowedDestinations", countries);
    }

    private void contract(ObjectNode o, String path) {
        fields(o, path, List.of("id", "facility", "status"), List.of("price", "fromYear", "toYear", "minPerYear",
                "maxPerYear", "signingCost", "priceIndex", "contingent"));
        id(o, path, contractIds);
        ref(o, path, "facility", facilities);
        String status = string(o, path, "status");
        if (status != null && !status.equals("signed") && !status.equals("optional")) {
            add(join(path, "status"), "must be \"signed\" or \"optional\", got " + quote(status));
        }
        yearRange(o, path, "fromYear", "toYear");
        Double min = number(o, path, "minPerYear", Range.NON_NEGATIVE);
        Double max = number(o, path, "maxPerYear", Range.NON_NEGATIVE);
        if (min != null && max != null && max < min) {
            add(join(path, "maxPerYear"), "must be at least minPerYear (" + fmt(min) + "), got " + fmt(max));
        }
        number(o, path, "price", Range.NON_NEGATIVE);
        number(o, path, "signingCost", Range.NON_NEGATIVE);
        if (!o.has("price") && !o.has("priceIndex")) {
            add(join(path, "price"), "missing required field (or give \"priceIndex\")");
        } else if (o.has("price") && o.has("priceIndex")) {
            add(join(path, "priceIndex"), "give either \"price\" or \"priceIndex\", not both");
        }
        if (o.has("priceIndex")) {
            priceIndex(o.get("priceIndex"), join(path, "priceIndex"));
        }
        bool(o, path, "contingent");
    }

    /** instance-reference.md Rule 9: clamp(share × market price, floor, cap). */
    private void priceIndex(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        if (o == null) {
            return;
        }
        fields(o, path, List.of("element", "share"), List.of("floor", "cap"));
        ref(o, path, "element", elements);
        number(o, path, "share", Range.POSITIVE);
        Double floor = number(o, path, "floor", Range.NON_NEGATIVE);
        Double cap = number(o, path, "cap", Range.NON_NEGATIVE);
        if (floor != null && cap != null && cap < floor) {
            add(join(path, "cap"), "must be at least floor (" + fmt(floor) + "), got " + fmt(cap));
        }
    }

    private void scenarios(ObjectNode root) {
        JsonNode node = root.get("scenarios");
        if (node == null) {
            return;
        }
        if (!node.isArray()) {
            add("scenarios", "expected a list, got " + describe(node));
            return;
        }
        if (node.isEmpty()) {
            add("scenarios", "must list at least one scenario (leave \"scenarios\" out for a single base case)");
            return;
        }
        double sum = 0;
        boolean allValid = true;
        boolean anyReveal = false;
        List<String> withoutReveal = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = index("scenarios", i);
            ObjectNode o = object(node.get(i), path);
            if (o == null) {
                allValid = false;
                continue;
            }
            Double p = scenario(o, path);
            if (p == null) {
                allValid = false;
            } else {
                sum += p;
            }
            anyReveal |= o.has("revealYear");
            if (!o.has("revealYear")) {
                withoutReveal.add(path);
            }
        }
        if (allValid && Math.abs(sum - 1) > TOLERANCE) {
            add("scenarios", "probabilities add up to " + fmt(sum) + ", must add up to 1");
        }
        if (anyReveal) { // instance-reference.md Rule 13: all or nothing
            withoutReveal.forEach(path -> add(join(path, "revealYear"), "required when another scenario sets one"));
        }
    }

    /** Returns the probability when valid. */
    private Double scenario(ObjectNode o, String path) {
        fields(o, path, List.of("id", "probability"), List.of("capacityFactors", "costFactors", "demandFactors",
                "exportControls", "buildDelays", "priceFactors", "revealYear"));
        id(o, path, scenarioIds);
        Double p = number(o, path, "probability", Range.POSITIVE);
        list(o, path, "capacityFactors", this::facilityFactor);
        list(o, path, "costFactors", this::facilityFactor);
        list(o, path, "demandFactors", (f, fp) -> {
            fields(f, fp, List.of("factor"), List.of("buyer", "element", "fromYear", "toYear"));
            ref(f, fp, "buyer", buyers);
            ref(f, fp, "element", elements);
            number(f, fp, "factor", Range.NON_NEGATIVE);
            yearRange(f, fp, "fromYear", "toYear");
        });
        list(o, path, "exportControls", this::exportControl);
        list(o, path, "buildDelays", (d, dp) -> {
            fields(d, dp, List.of("years"), List.of("country", "facility"));
            countryOrFacility(d, dp);
            integer(d, dp, "years", 0);
        });
        list(o, path, "priceFactors", (f, fp) -> {
            fields(f, fp, List.of("factor"), List.of("element", "fromYear", "toYear"));
            ref(f, fp, "element", elements);
            number(f, fp, "factor", Range.NON_NEGATIVE);
            yearRange(f, fp, "fromYear", "toYear");
        });
        Integer reveal = year(o, path, "revealYear");
        if (reveal != null && start != null && reveal < start) {
            add(join(path, "revealYear"), "must not be before the start year " + start + ", got " + reveal);
        } else if (reveal != null) {
            activeBeforeReveal(o, path, reveal);
        }
        return p;
    }

    /** The scenario parts that must not apply before the scenario is revealed (instance-reference.md Rule 13). */
    private static final List<String> HIDDEN_UNTIL_REVEALED =
            List.of("capacityFactors", "costFactors", "demandFactors", "priceFactors", "exportControls");

    /**
     * instance-reference.md Rule 13: an entry whose [fromYear, toYear], cut to the horizon, is not empty must not
     * start before the scenario's revealYear, whatever its factor. Entries with unreadable years are
     * left to their own problems.
     */
    private void activeBeforeReveal(ObjectNode scenario, String path, int reveal) {
        if (start == null || years == null) {
            return;
        }
        int last = start + years - 1;
        for (String list : HIDDEN_UNTIL_REVEALED) {
            JsonNode entries = scenario.get(list);
            for (int i = 0; entries != null && entries.isArray() && i < entries.size(); i++) {
                Integer from = yearOr(entries.get(i), "fromYear", start);
                Integer to = yearOr(entries.get(i), "toYear", last);
                if (from == null || to == null) {
                    continue;
                }
                int first = Math.max(from, start);
                if (first <= Math.min(to, last) && first < reveal) {
                    add(index(join(path, list), i), "active in " + first + ", before revealYear " + reveal);
                }
            }
        }
    }

    /** A year field of an entry: its default when absent, null when the entry or the value is unreadable. */
    private static Integer yearOr(JsonNode entry, String field, int fallback) {
        if (!entry.isObject()) {
            return null;
        }
        JsonNode n = entry.get(field);
        return n == null ? Integer.valueOf(fallback) : n.isNumber() && isInt(n) ? Integer.valueOf(n.intValue()) : null;
    }

    private void facilityFactor(ObjectNode f, String path) {
        fields(f, path, List.of("factor"), List.of("country", "facility", "fromYear", "toYear"));
        countryOrFacility(f, path);
        number(f, path, "factor", Range.NON_NEGATIVE);
        yearRange(f, path, "fromYear", "toYear");
    }

    /** What a factor, delay or event matches: a country, a facility, or (neither) every facility. */
    private void countryOrFacility(ObjectNode o, String path) {
        ref(o, path, "country", countries);
        ref(o, path, "facility", facilities);
        if (o.has("country") && o.has("facility")) {
            add(path, "names both a country and a facility; give at most one of them");
        }
    }

    // ---------------------------------------------------------------- model version 2: top level

    /** instance-reference.md Rule 12. */
    private void stockpile(ObjectNode o, String path) {
        fields(o, path, List.of("id", "buyer", "element", "capacity"),
                List.of("initial", "minFinal", "holdingCost", "maxFill", "maxRelease"));
        id(o, path, stockpileIds);
        String buyer = ref(o, path, "buyer", buyers);
        String element = ref(o, path, "element", elements);
        Set<String> demand = buyer == null ? null : demanded.get(buyer);
        if (element != null && demand != null && !demand.contains(element)) {
            add(join(path, "element"), "buyer " + quote(buyer) + " does not list " + quote(element) + " in its demand");
        }
        Double capacity = number(o, path, "capacity", Range.NON_NEGATIVE);
        Double initial = o.has("initial") ? number(o, path, "initial", Range.NON_NEGATIVE) : Double.valueOf(0);
        Double minFinal = number(o, path, "minFinal", Range.NON_NEGATIVE);
        if (capacity != null && initial != null && initial > capacity) {
            add(join(path, "initial"), "must be at most capacity (" + fmt(capacity) + "), got " + fmt(initial));
        }
        if (initial != null && minFinal != null && minFinal > initial) {
            add(join(path, "minFinal"), "must be at most initial (" + fmt(initial)
                    + ") so that a plan that does nothing stays feasible, got " + fmt(minFinal));
        }
        number(o, path, "holdingCost", Range.NON_NEGATIVE);
        number(o, path, "maxFill", Range.NON_NEGATIVE);
        number(o, path, "maxRelease", Range.NON_NEGATIVE);
    }

    /** instance-reference.md §10.6: alpha and weight, both in [0, 1). */
    private void riskAversion(JsonNode node) {
        String path = "riskAversion";
        ObjectNode o = object(node, path);
        if (o == null) {
            return;
        }
        fields(o, path, List.of("alpha", "weight"), List.of());
        number(o, path, "alpha", Range.HALF_OPEN_FRACTION);
        JsonNode weight = o.get("weight");
        if (weight != null && weight.isNumber() && weight.doubleValue() == 1) {
            add(join(path, "weight"), Range.HALF_OPEN_FRACTION.message + ", got " + weight
                    + " (weight 1 would leave the scenarios outside the tail free: their costs would not count)");
        } else {
            number(o, path, "weight", Range.HALF_OPEN_FRACTION);
        }
    }

    /** instance-reference.md §11: one event of the disruption model. */
    private void disruption(ObjectNode o, String path) {
        fields(o, path, List.of("id", "annualProbability"), List.of("country", "facility", "years",
                "capacityFactor", "costFactor", "priceFactors", "exportControl"));
        id(o, path, disruptionIds);
        countryOrFacility(o, path);
        number(o, path, "annualProbability", Range.FRACTION);
        integer(o, path, "years", 1);
        number(o, path, "capacityFactor", Range.NON_NEGATIVE);
        number(o, path, "costFactor", Range.NON_NEGATIVE);
        perElement(o, path, "priceFactors");
        if (o.has("exportControl")) {
            String cp = join(path, "exportControl");
            ObjectNode control = object(o.get("exportControl"), cp);
            if (control != null) {
                fields(control, cp, List.of(), List.of("stage", "elements", "allowedDestinations"));
                control(control, cp);
            }
            if (o.has("facility") && !o.has("country")) {
                add(cp, "an event that names a facility cannot carry an export control; name its country instead");
            } else if (!o.has("country")) {
                add(cp, "needs the event to name a country: the one whose exports it controls");
            }
        }
    }

    // ---------------------------------------------------------------- field kinds

    /** Reports unknown fields (with a hint) and missing required fields. */
    private void fields(ObjectNode o, String path, List<String> required, List<String> optional) {
        for (Map.Entry<String, JsonNode> e : entries(o)) {
            String name = e.getKey();
            if (!required.contains(name) && !optional.contains(name)) {
                List<String> allowed = new ArrayList<>(required);
                allowed.addAll(optional);
                add(join(path, name), "unknown field " + quote(name) + hint(name, allowed));
            }
        }
        for (String name : required) {
            if (!o.has(name)) {
                add(join(path, name), "missing required field");
            }
        }
    }

    private static String hint(String name, List<String> allowed) {
        for (String a : allowed) {
            int close = Math.min(a.length(), name.length()) <= 4 ? 1 : 2;
            if (editDistance(a.toLowerCase(), name.toLowerCase()) <= close) {
                return " (did you mean " + quote(a) + "?)";
            }
        }
        return allowed.isEmpty() ? " (no fields are allowed here)"
                : " (allowed: " + String.join(", ", allowed) + ")";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private interface EntryCheck {
        void check(ObjectNode entry, String path);
    }

    /** An optional or required list of objects; absent lists are left to {@link #fields}. */
    private void list(ObjectNode parent, String parentPath, String field, EntryCheck check) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return;
        }
        String path = join(parentPath, field);
        if (!node.isArray()) {
            add(path, "expected a list, got " + describe(node));
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            String p = index(path, i);
            ObjectNode entry = object(node.get(i), p);
            if (entry != null) {
                check.check(entry, p);
            }
        }
    }

    private ObjectNode object(JsonNode node, String path) {
        if (node == null) {
            return null; // missing: reported by fields()
        }
        if (!node.isObject()) {
            add(path, "expected an object, got " + describe(node));
            return null;
        }
        return (ObjectNode) node;
    }

    private void id(ObjectNode o, String path, Map<String, String> seen) {
        String id = string(o, path, "id");
        if (id == null) {
            return;
        }
        if (id.isEmpty()) {
            add(join(path, "id"), "must not be empty");
            return;
        }
        String first = seen.putIfAbsent(id, path);
        if (first != null) {
            add(join(path, "id"), "duplicate id " + quote(id) + " (also " + first + ")");
        }
    }

    /** A string field; null when absent or invalid. */
    private String string(ObjectNode o, String path, String field) {
        JsonNode n = o.get(field);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            add(join(path, field), "expected a string, got " + describe(n));
            return null;
        }
        return n.textValue();
    }

    /** A list of strings; invalid entries are reported and come back as null. */
    private List<String> stringList(ObjectNode o, String path, String field) {
        JsonNode n = o.get(field);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        String p = join(path, field);
        if (!n.isArray()) {
            add(p, "expected a list of strings, got " + describe(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            if (item.isTextual()) {
                out.add(item.textValue());
            } else {
                add(index(p, i), "expected a string, got " + describe(item));
                out.add(null);
            }
        }
        return out;
    }

    /** A reference; the id when it names a known entry, else null (after a report, unless the namespace is unknown). */
    private String ref(ObjectNode o, String path, String field, Namespace ns) {
        String id = string(o, path, field);
        if (id != null) {
            checkRef(id, join(path, field), ns);
        }
        return id != null && ns.ids != null && ns.ids.contains(id) ? id : null;
    }

    /** An optional object of numbers ≥ 0 keyed by element id. */
    private void perElement(ObjectNode o, String path, String field) {
        if (!o.has(field)) {
            return;
        }
        String fp = join(path, field);
        ObjectNode values = object(o.get(field), fp);
        if (values != null) {
            for (Map.Entry<String, JsonNode> e : entries(values)) {
                String p = join(fp, e.getKey());
                keyRef(e.getKey(), p, elements);
                number(e.getValue(), p, Range.NON_NEGATIVE);
            }
        }
    }

    private void bool(ObjectNode o, String path, String field) {
        JsonNode n = o.get(field);
        if (n != null && !n.isBoolean()) {
            add(join(path, field), "expected true or false, got " + describe(n));
        }
    }

    private List<String> refList(ObjectNode o, String path, String field, Namespace ns) {
        List<String> ids = stringList(o, path, field);
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != null) {
                checkRef(ids.get(i), index(join(path, field), i), ns);
            }
        }
        return ids;
    }

    private void keyRef(String key, String path, Namespace ns) {
        checkRef(key, path, ns);
    }

    private void checkRef(String id, String path, Namespace ns) {
        if (ns.ids != null && !ns.ids.contains(id)) {
            add(path, "unknown " + ns.kind + " " + quote(id));
        }
    }

    private Double number(ObjectNode o, String path, String field, Range range) {
        JsonNode n = o.get(field);
        return n == null ? null : number(n, join(path, field), range);
    }

    /** A finite number in range; null (after a report) otherwise. */
    private Double number(JsonNode n, String path, Range range) {
        if (!n.isNumber()) {
            add(path, "expected a number, got " + describe(n));
            return null;
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) { // 1e400 and longer integers overflow to infinity
            add(path, "must be a finite number, got " + v + " (the number is too large; at most about 1.8e308)");
            return null;
        }
        if (!range.contains(v)) {
            add(path, range.message + ", got " + n);
            return null;
        }
        return v;
    }

    private Integer integer(ObjectNode o, String path, String field, int min) {
        JsonNode n = o.get(field);
        if (n == null) {
            return null;
        }
        String p = join(path, field);
        if (!n.isNumber()) {
            add(p, "expected a whole number, got " + describe(n));
            return null;
        }
        if (!isInt(n)) {
            add(p, isWhole(n) ? "is too large, got " + shown(n) : "must be a whole number, got " + n);
            return null;
        }
        if (n.intValue() < min) {
            add(p, "must be at least " + min + ", got " + n);
            return null;
        }
        return n.intValue();
    }

    private Integer year(ObjectNode o, String path, String field) {
        JsonNode n = o.get(field);
        if (n == null) {
            return null;
        }
        String p = join(path, field);
        if (!n.isNumber()) {
            add(p, "expected a year (a whole number), got " + describe(n));
            return null;
        }
        if (!isInt(n)) {
            add(p, isWhole(n) ? "is not a usable year, got " + shown(n) : "must be a year (a whole number), got " + n);
            return null;
        }
        return n.intValue();
    }

    /** Two optional years that, when both are written, must not run backwards. */
    private void yearRange(ObjectNode o, String path, String fromField, String toField) {
        Integer from = year(o, path, fromField);
        Integer to = year(o, path, toField);
        if (from != null && to != null && to < from) {
            add(join(path, toField), toField + " " + to + " is before " + fromField + " " + from);
        }
    }

    private void series(ObjectNode o, String path, String field, Range range) {
        JsonNode n = o.get(field);
        if (n != null) {
            series(n, join(path, field), range);
        }
    }

    private void series(JsonNode n, String path, Range range) {
        if (n.isNumber()) {
            number(n, path, range);
        } else if (n.isArray()) {
            if (years != null && n.size() != years) {
                add(path, "expected " + years + (years == 1 ? " value" : " values") + " (one per year), got "
                        + n.size());
            } else if (years == null && n.size() > MAX_YEARS) {
                add(path, "expected one value per year, at most " + MAX_YEARS + ", got " + n.size());
            }
            // values past the last year are not read: a list far too long gives one problem, not one per value
            int read = Math.min(n.size(), years != null ? years : MAX_YEARS);
            for (int i = 0; i < read; i++) {
                number(n.get(i), index(path, i), range);
            }
        } else if (n.isObject()) {
            Integer first = null;
            boolean keysValid = true;
            for (Map.Entry<String, JsonNode> e : entries(n)) {
                String p = join(path, e.getKey());
                Integer y = yearKey(e.getKey());
                if (y == null) {
                    add(p, "expected a year such as \"2026\" as key, got " + quote(e.getKey()));
                    keysValid = false;
                } else if (first == null || y < first) {
                    first = y;
                }
                number(e.getValue(), p, range);
            }
            if (n.isEmpty()) {
                add(path, "needs at least one year" + (start != null ? " (a key \"" + start + "\" or earlier)" : ""));
            } else if (keysValid && start != null && first != null && first > start) {
                add(path, "first year " + first + " is after the start year " + start
                        + "; give a value for " + start + " or earlier");
            }
        } else {
            add(path, "expected a number, a list of one number per year, or an object keyed by year, got "
                    + describe(n));
        }
    }

    private static Integer yearKey(String key) {
        if (!YEAR_KEY.matcher(key).matches()) {
            return null;
        }
        try {
            int y = Integer.parseInt(key);
            return Integer.toString(y).equals(key) ? y : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean isInt(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.canConvertToInt();
        }
        if (n.isFloatingPointNumber()) {
            double v = n.doubleValue();
            return v == Math.rint(v) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
        }
        return false;
    }

    /** A whole number, or one too large to tell (1e400 reads as infinity): "is too large", not "must be whole". */
    private static boolean isWhole(JsonNode n) {
        double v = n.doubleValue();
        return n.isIntegralNumber() || Double.isInfinite(v) || v == Math.rint(v);
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode o) {
        return o.properties();
    }

    private void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    private static String quote(String s) {
        String t = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        StringBuilder b = new StringBuilder("\"");
        for (char c : t.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** A number as written, except that an overflow shows as Infinity (Jackson would quote it). */
    private static String shown(JsonNode n) {
        return Double.isFinite(n.doubleValue()) ? n.toString() : String.valueOf(n.doubleValue());
    }

    /** A short description of a value for "got …" in messages. */
    private static String describe(JsonNode n) {
        if (n.isTextual()) {
            return quote(n.textValue());
        }
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "a list";
        }
        return n.toString(); // numbers, true, false, null
    }

    /** A number for a message: at most 10 significant digits, no trailing zeros. */
    private static String fmt(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros()
                .toPlainString();
    }

    private static final class Namespace {
        final String kind;
        /** Every id of the namespace, or null when some list could not be read (then no checks). */
        Set<String> ids;

        Namespace(String kind) {
            this.kind = kind;
        }
    }

    private enum Range {
        NON_NEGATIVE(0, false, Double.POSITIVE_INFINITY, false, "must be >= 0"),
        POSITIVE(0, true, Double.POSITIVE_INFINITY, false, "must be > 0"),
        FRACTION(0, false, 1, false, "must be in [0, 1]"),
        OPEN_FRACTION(0, true, 1, false, "must be in (0, 1]"),
        HALF_OPEN_FRACTION(0, false, 1, true, "must be in [0, 1)");

        final double lo;
        final boolean loOpen;
        final double hi;
        final boolean hiOpen;
        final String message;

        Range(double lo, boolean loOpen, double hi, boolean hiOpen, String message) {
            this.lo = lo;
            this.loOpen = loOpen;
            this.hi = hi;
            this.hiOpen = hiOpen;
            this.message = message;
        }

        boolean contains(double v) {
            return (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        }
    }
}

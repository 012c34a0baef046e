package org.lodestone.io;

import com.fasterxml.jackson.databind.JsonNode;

import org.lodestone.domain.Buyer;
import org.lodestone.domain.Contract;
import org.lodestone.domain.Country;
import org.lodestone.domain.Disruption;
import org.lodestone.domain.Element;
import org.lodestone.domain.Expansion;
import org.lodestone.domain.ExportControl;
import org.lodestone.domain.Horizon;
import org.lodestone.domain.Instance;
import org.lodestone.domain.Lanes;
import org.lodestone.domain.Mandate;
import org.lodestone.domain.Mine;
import org.lodestone.domain.Refinery;
import org.lodestone.domain.RiskAversion;
import org.lodestone.domain.Scenario;
import org.lodestone.domain.Series;
import org.lodestone.domain.Source;
import org.lodestone.domain.Stockpile;
import org.lodestone.domain.Substitute;
import org.lodestone.domain.Tariff;
import org.lodestone.domain.YearRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Maps a tree that {@link org.lodestone.validate.InstanceValidator} accepted to the domain records,
 * resolving every default of instance-reference.md §6. Not meant for unvalidated trees.
 */
final class InstanceMapper {
    private final Horizon horizon;

    private InstanceMapper(Horizon horizon) {
        this.horizon = horizon;
    }

    static Instance map(JsonNode root) {
        JsonNode h = root.get("horizon");
        Horizon horizon = new Horizon(h.get("start").intValue(), h.get("years").intValue());
        return new InstanceMapper(horizon).instance(root);
    }

    /**
     * Resolves a series: a number is the same every year; a list gives one value per year; an
     * object keyed by year gives in year y the value at the greatest key ≤ y.
     */
    static Series series(JsonNode n, Horizon horizon) {
        if (n.isNumber()) {
            return Series.constant(n.doubleValue(), horizon.years());
        }
        double[] values = new double[horizon.years()];
        if (n.isArray()) {
            for (int t = 0; t < values.length; t++) {
                values[t] = n.get(t).doubleValue();
            }
            return Series.of(values);
        }
        TreeMap<Integer, Double> byYear = new TreeMap<>();
        n.properties().forEach(e -> byYear.put(Integer.parseInt(e.getKey()), e.getValue().doubleValue()));
        for (int t = 0; t < values.length; t++) {
            values[t] = byYear.floorEntry(horizon.year(t)).getValue();
        }
        return Series.of(values);
    }

    private Instance instance(JsonNode r) {
        List<Scenario> scenarios = r.has("scenarios")
                ? list(r.get("scenarios"), this::scenario)
                : List.of(new Scenario("base", 1.0, List.of(), List.of(), List.of(), List.of()));
        JsonNode budget = r.get("riskBudget");
        return new Instance(
                r.get("name").textValue(),
                Optional.ofNullable(r.get("description")).map(JsonNode::textValue),
                list(r.get("sources"), s -> new Source(s.get("what").textValue(), s.get("ref").textValue())),
                horizon,
                number(r, "discountRate", 0),
                number(r, "riskWeight", 0),
                budget == null || budget.isNull() ? Optional.empty() : Optional.of(budget.doubleValue()),
                list(r.get("elements"), this::element),
                list(r.get("countries"), this::country),
                list(r.get("mines"), this::mine),
                list(r.get("refineries"), this::refinery),
                list(r.get("buyers"), this::buyer),
                r.has("lanes") ? lanes(r.get("lanes")) : Lanes.none(),
                list(r.get("tariffs"), t -> new Tariff(text(t, "from"), text(t, "to"), t.get("rate").doubleValue())),
                list(r.get("exportControls"), this::exportControl),
                list(r.get("contracts"), this::contract),
                scenarios,
                list(r.get("stockpiles"), this::stockpile),
                Optional.ofNullable(r.get("riskAversion")).map(a -> new RiskAversion(a.get("alpha").doubleValue(),
                        a.get("weight").doubleValue())),
                list(r.get("disruptions"), this::disruption));
    }

    private Element element(JsonNode e) {
        Series price = series(e.get("price"), horizon);
        double penalty = e.has("shortfallPenalty") ? e.get("shortfallPenalty").doubleValue() : 10 * price.max();
        return new Element(text(e, "id"), optionalText(e, "name").orElse(text(e, "id")), price,
                seriesOr(e, "surplusPrice", 0), penalty);
    }

    private Country country(JsonNode c) {
        return new Country(text(c, "id"), optionalText(c, "name").orElse(text(c, "id")),
                c.get("risk").doubleValue(), new LinkedHashSet<>(strings(c.get("tags"))));
    }

    private Mine mine(JsonNode m) {
        return new Mine(text(m, "id"), text(m, "country"), optionalText(m, "oreType").orElse("standard"),
                seriesOr(m, "capacity", 0), series(m.get("cost"), horizon), numberMap(m.get("basket")),
                expansion(m.get("expansion")));
    }

    private Refinery refinery(JsonNode r) {
        Map<String, Double> recovery = numberMap(r.get("recovery"));
        Double fallback = recovery.remove("*");
        Optional<List<String>> accepts = r.has("accepts") ? Optional.of(strings(r.get("accepts"))) : Optional.empty();
        return new Refinery(text(r, "id"), text(r, "country"), accepts, seriesOr(r, "capacity", 0),
                series(r.get("cost"), horizon), recovery, fallback == null ? 1.0 : fallback,
                expansion(r.get("expansion")));
    }

    private Optional<Expansion> expansion(JsonNode x) {
        if (x == null) {
            return Optional.empty();
        }
        return Optional.of(new Expansion(
                x.get("moduleSize").doubleValue(),
                integer(x, "maxModules", 1),
                x.get("leadTime").intValue(),
                integer(x, "earliestStart", horizon.start()),
                integer(x, "latestStart", horizon.last()),
                number(x, "capexFixed", 0),
                number(x, "capexPerModule", 0),
                number(x, "fixedOpexPerYear", 0),
                number(x, "requiresOfftake", 0),
                x.has("rampUp") ? list(x.get("rampUp"), JsonNode::doubleValue) : Expansion.NO_RAMP_UP));
    }

    private Buyer buyer(JsonNode b) {
        Map<String, Series> demand = new LinkedHashMap<>();
        b.get("demand").properties().forEach(e -> demand.put(e.getKey(), series(e.getValue(), horizon)));
        return new Buyer(text(b, "id"), text(b, "country"), demand, numberMap(b.get("shortfallPenalty")),
                Optional.ofNullable(b.get("mandate")).map(this::mandate),
                Optional.ofNullable(b.get("maxCountryShare")).map(JsonNode::doubleValue),
                list(b.get("substitutes"), this::substitute));
    }

    private Mandate mandate(JsonNode m) {
        boolean mining = true;
        boolean refining = true;
        if (m.has("stages")) {
            List<String> stages = strings(m.get("stages"));
            mining = stages.contains("mining");
            refining = stages.contains("refining");
        }
        return new Mandate(new LinkedHashSet<>(strings(m.get("excludeCountries"))),
                new LinkedHashSet<>(strings(m.get("excludeTags"))), mining, refining, seriesOr(m, "minShare", 1));
    }

    private Substitute substitute(JsonNode s) {
        return new Substitute(text(s, "element"), s.get("maxShare").doubleValue(), s.get("cost").doubleValue(),
                integer(s, "fromYear", horizon.start()));
    }

    private Lanes lanes(JsonNode l) {
        List<Lanes.Route> routes = list(l.get("routes"), r -> new Lanes.Route(
                r.get("between").get(0).textValue(), r.get("between").get(1).textValue(),
                r.get("cost").doubleValue()));
        return new Lanes(number(l, "default", 0), number(l, "domestic", 0), routes);
    }

    private ExportControl exportControl(JsonNode x) {
        return control(x).in(text(x, "country"), years(x));
    }

    /** What an export control restricts: stage, elements and allowed destinations with their defaults. */
    private static Disruption.Control control(JsonNode x) {
        ExportControl.Stage stage = switch (optionalText(x, "stage").orElse("both")) {
            case "concentrate" -> ExportControl.Stage.CONCENTRATE;
            case "oxide" -> ExportControl.Stage.OXIDE;
            default -> ExportControl.Stage.BOTH;
        };
        Optional<Set<String>> elements = x.has("elements")
                ? Optional.of(new LinkedHashSet<>(strings(x.get("elements"))))
                : Optional.empty();
        return new Disruption.Control(stage, elements, new LinkedHashSet<>(strings(x.get("allowedDestinations"))));
    }

    private Contract contract(JsonNode k) {
        Optional<Contract.PriceIndex> index = Optional.ofNullable(k.get("priceIndex")).map(i -> new Contract.PriceIndex(
                text(i, "element"), i.get("share").doubleValue(), number(i, "floor", 0), optionalNumber(i, "cap")));
        return new Contract(text(k, "id"), text(k, "facility"), text(k, "status").equals("signed"), years(k),
                number(k, "minPerYear", 0), number(k, "maxPerYear", Double.POSITIVE_INFINITY),
                number(k, "price", Double.NaN), number(k, "signingCost", 0), index,
                k.has("contingent") && k.get("contingent").booleanValue());
    }

    private Scenario scenario(JsonNode s) {
        return new Scenario(text(s, "id"), s.get("probability").doubleValue(),
                list(s.get("capacityFactors"), this::facilityFactor),
                list(s.get("costFactors"), this::facilityFactor),
                list(s.get("demandFactors"), f -> new Scenario.DemandFactor(optionalText(f, "buyer"),
                        optionalText(f, "element"), f.get("factor").doubleValue(), years(f))),
                list(s.get("exportControls"), this::exportControl),
                list(s.get("buildDelays"), d -> new Scenario.BuildDelay(optionalText(d, "country"),
                        optionalText(d, "facility"), d.get("years").intValue())),
                list(s.get("priceFactors"), f -> new Scenario.PriceFactor(optionalText(f, "element"),
                        f.get("factor").doubleValue(), years(f))),
                Optional.ofNullable(s.get("revealYear")).map(JsonNode::intValue));
    }

    private Stockpile stockpile(JsonNode p) {
        return new Stockpile(text(p, "id"), text(p, "buyer"), text(p, "element"), p.get("capacity").doubleValue(),
                number(p, "initial", 0), number(p, "minFinal", 0), number(p, "holdingCost", 0),
                optionalNumber(p, "maxFill"), optionalNumber(p, "maxRelease"));
    }

    private Disruption disruption(JsonNode d) {
        return new Disruption(text(d, "id"), optionalText(d, "country"), optionalText(d, "facility"),
                d.get("annualProbability").doubleValue(), integer(d, "years", 1), optionalNumber(d, "capacityFactor"),
                optionalNumber(d, "costFactor"), numberMap(d.get("priceFactors")),
                Optional.ofNullable(d.get("exportControl")).map(InstanceMapper::control));
    }

    private Scenario.FacilityFactor facilityFactor(JsonNode f) {
        return new Scenario.FacilityFactor(optionalText(f, "country"), optionalText(f, "facility"),
                f.get("factor").doubleValue(), years(f));
    }

    // ---------------------------------------------------------------- helpers

    /** fromYear/toYear with their defaults: the first and last year of the horizon. */
    private YearRange years(JsonNode n) {
        return new YearRange(integer(n, "fromYear", horizon.start()), integer(n, "toYear", horizon.last()));
    }

    private Series seriesOr(JsonNode parent, String field, double fallback) {
        JsonNode n = parent.get(field);
        return n == null ? Series.constant(fallback, horizon.years()) : series(n, horizon);
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(f.apply(n)));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        return list(array, JsonNode::textValue);
    }

    private static Map<String, Double> numberMap(JsonNode object) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (object != null) {
            object.properties().forEach(e -> out.put(e.getKey(), e.getValue().doubleValue()));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        return n.get(field).textValue();
    }

    private static Optional<String> optionalText(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).map(JsonNode::textValue);
    }

    private static Optional<Double> optionalNumber(JsonNode n, String field) {
        return Optional.ofNullable(n.get(field)).map(JsonNode::doubleValue);
    }

    private static double number(JsonNode n, String field, double fallback) {
        JsonNode v = n.get(field);
        return v == null ? fallback : v.doubleValue();
    }

    private static int integer(JsonNode n, String field, int fallback) {
        JsonNode v = n.get(field);
        return v == null ? fallback : (int) v.doubleValue();
    }
}

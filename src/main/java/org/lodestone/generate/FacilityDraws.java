package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;
import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.lodestone.generate.Catalog.CountryKind;
import org.lodestone.generate.Catalog.ElementKind;
import org.lodestone.generate.SeriesDraws.Series;

/**
 * Mines and refineries: where they are, capacity and cost series, ore baskets, accepted ore
 * types, recoveries, and the expansion projects that can be built (modules, lead time, start
 * window, capex, opex, bankability). Refining capacity is sized to 0.8–1.1 × the mines'.
 */
final class FacilityDraws {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Generation generation;
    private final RandomDraws random;
    private final SeriesDraws series;
    private final int years;

    FacilityDraws(Generation generation) {
        this.generation = generation;
        this.random = generation.random;
        this.series = generation.series;
        this.years = generation.years;
    }

    ArrayNode mines() {
        ArrayNode out = NODES.arrayNode();
        double[] weights = generation.countryWeights(CountryKind::mineWeight);
        for (int i = 0; i < generation.spec.mines(); i++) {
            // a partner mine first, then a Chinese one, then as the world's mining is spread
            CountryKind country = i == 0 ? generation.countryById.get("AU") : i == 1 ? generation.countryById.get("CN")
                    : generation.countries.get(random.weightedIndex(weights));
            DrawnFacility mine = new DrawnFacility();
            mine.country = country;
            mine.id = generation.newId(country.id().toLowerCase(Locale.ROOT) + "-mine");
            mine.oreType = random.pick(country.oreTypes());
            mine.greenfield = i >= 2 && random.chance(0.2);
            ObjectNode node = out.addObject();
            mine.node = node;
            node.put("id", mine.id);
            node.put("country", country.id());
            if (!mine.oreType.equals("standard")) {
                node.put("oreType", mine.oreType);
            }
            if (mine.greenfield) {
                mine.capacity = new double[years];
            } else {
                Series capacity = series.around(
                        random.uniform(country.mineCapacityLow(), country.mineCapacityHigh()),
                        random.uniform(-0.02, 0.06), 0.06, 10, 0);
                mine.capacity = capacity.values();
                node.set("capacity", capacity.node());
            }
            boolean cheap = country.feoc() || country.id().equals("MM");
            Series cost = series.around(cheap ? random.uniform(3000, 6000) : random.uniform(5500, 12000),
                    random.uniform(0, 0.04), 0.05, 10, 0);
            mine.cost = cost.values();
            node.set("cost", cost.node());
            mine.basket = basket(mine.oreType);
            ObjectNode basket = node.putObject("basket");
            for (int e = 0; e < generation.elements.size(); e++) {
                if (mine.basket[e] > 0) {
                    basket.set(generation.elements.get(e).id(), jsonNumber(mine.basket[e]));
                }
            }
            if (mine.greenfield || random.chance(0.3)) {
                node.set("expansion", expansion(mine, true));
            }
            generation.mines.add(mine);
        }
        return out;
    }

    /** Shares of each element in the REO of an ore type, adding up to at most 0.95. */
    private double[] basket(String oreType) {
        double[][] ranges = Catalog.BASKETS.get(oreType);
        double[] shares = new double[generation.elements.size()];
        double sum = 0;
        for (int e = 0; e < shares.length; e++) {
            if (e < Catalog.ELEMENTS.size()) {
                double[] range = ranges[e];
                // traces are sometimes left out of an assay (missing = 0)
                shares[e] = range[1] < 0.002 && random.chance(0.25) ? 0 : random.uniform(range[0], range[1]);
            } else {
                shares[e] = random.uniform(0.001, 0.02);
            }
            sum += shares[e];
        }
        double scale = sum > 0.95 ? 0.95 / sum : 1;
        for (int e = 0; e < shares.length; e++) {
            // round down so that the rounded shares still add up to at most 0.95
            shares[e] = BigDecimal.valueOf(shares[e] * scale).setScale(5, RoundingMode.FLOOR).doubleValue();
        }
        return shares;
    }

    ArrayNode refineries() {
        ArrayNode out = NODES.arrayNode();
        double[] weights = generation.countryWeights(CountryKind::refineryWeight);
        List<DrawnFacility> mines = generation.mines;
        Set<String> minedOreTypes = new LinkedHashSet<>();
        for (DrawnFacility mine : mines) {
            minedOreTypes.add(mine.oreType);
        }
        List<String> oreTypes = new ArrayList<>(minedOreTypes);
        // draw sizes first: refining capacity is set to 0.8–1.1 × the mines' own
        int count = generation.spec.refineries();
        CountryKind[] where = new CountryKind[count];
        boolean[] greenfield = new boolean[count];
        double[] size = new double[count];
        double existingSize = 0;
        for (int i = 0; i < count; i++) {
            where[i] = i == 0 ? generation.countryById.get("US") : i == 1 ? generation.countryById.get("CN")
                    : generation.countries.get(random.weightedIndex(weights));
            greenfield[i] = i >= 2 && random.chance(0.15);
            size[i] = where[i].feoc() ? random.uniform(20000, 80000) : random.uniform(2000, 15000);
            if (!greenfield[i]) {
                existingSize += size[i];
            }
        }
        double mineCapacity = mines.stream().mapToDouble(DrawnFacility::meanCapacity).sum();
        double scale = existingSize > 0 && mineCapacity > 0
                ? random.uniform(0.8, 1.1) * mineCapacity / existingSize : 1;
        for (int i = 0; i < count; i++) {
            CountryKind country = where[i];
            DrawnFacility refinery = new DrawnFacility();
            refinery.country = country;
            refinery.id = generation.newId(country.id().toLowerCase(Locale.ROOT) + "-refinery");
            refinery.greenfield = greenfield[i];
            ObjectNode node = out.addObject();
            refinery.node = node;
            node.put("id", refinery.id);
            node.put("country", country.id());
            if (!random.chance(country.feoc() ? 0.7 : 0.25)) {
                // the ores mined at home, the first partner mine's ore at the first plant, others at random
                refinery.accepts = new LinkedHashSet<>();
                for (String oreType : oreTypes) {
                    boolean domestic = false;
                    for (DrawnFacility mine : mines) {
                        domestic |= mine.country == country && mine.oreType.equals(oreType);
                    }
                    if (domestic || (i == 0 && mines.get(0).oreType.equals(oreType)) || random.chance(0.4)) {
                        refinery.accepts.add(oreType);
                    }
                }
                if (refinery.accepts.isEmpty()) {
                    refinery.accepts.add(random.pick(oreTypes));
                }
                node.putArray("accepts"); // filled in below, once every ore type has a taker
            }
            if (refinery.greenfield) {
                refinery.capacity = new double[years];
            } else {
                Series capacity = series.around(size[i] * scale, random.uniform(-0.01, 0.05), 0.05, 10, 0);
                refinery.capacity = capacity.values();
                node.set("capacity", capacity.node());
            }
            Series cost = series.around(country.feoc() ? random.uniform(1500, 3500) : random.uniform(3000, 9000),
                    random.uniform(0, 0.04), 0.05, 10, 0);
            refinery.cost = cost.values();
            node.set("cost", cost.node());
            refinery.recovery = new double[generation.elements.size()];
            ObjectNode recovery = recovery(refinery);
            if (recovery != null) {
                node.set("recovery", recovery);
            }
            if (refinery.greenfield || random.chance(0.3)) {
                node.set("expansion", expansion(refinery, false));
            }
            generation.refineries.add(refinery);
        }
        List<DrawnFacility> refineries = generation.refineries;
        // every ore type mined must be accepted somewhere
        for (String oreType : oreTypes) {
            if (refineries.stream().noneMatch(r -> r.accepts == null || r.accepts.contains(oreType))) {
                random.pick(refineries).accepts.add(oreType);
            }
        }
        for (DrawnFacility refinery : refineries) {
            if (refinery.accepts != null) {
                ArrayNode accepts = (ArrayNode) refinery.node.get("accepts");
                refinery.accepts.forEach(accepts::add);
            }
        }
        // at least one project, and at least one that needs an offtake to be financed
        List<DrawnFacility> all = generation.facilities();
        if (all.stream().noneMatch(f -> f.node.has("expansion"))) {
            DrawnFacility last = refineries.get(refineries.size() - 1);
            last.node.set("expansion", expansion(last, false)); // the last field of a refinery
        }
        if (all.stream().noneMatch(f -> f.requiredOfftake > 0)) {
            DrawnFacility project = all.stream().filter(f -> f.node.has("expansion")).findFirst().orElseThrow();
            project.requiredOfftake = quantise(random.uniform(0.2, 0.6), 0.01);
            ((ObjectNode) project.node.get("expansion")).set("requiresOfftake",
                    jsonNumber(project.requiredOfftake)); // its last field
        }
        return out;
    }

    /** Recovery in one of four forms: absent (1), "*" only, "*" with heavy elements lower, one element. */
    private ObjectNode recovery(DrawnFacility refinery) {
        double form = random.fraction();
        if (form < 0.15) {
            Arrays.fill(refinery.recovery, 1);
            return null;
        }
        ObjectNode recovery = NODES.objectNode();
        if (form < 0.85) {
            double allElements = quantise(random.uniform(0.85, 0.97), 0.001);
            recovery.set("*", jsonNumber(allElements));
            Arrays.fill(refinery.recovery, allElements);
            if (form >= 0.5) {
                for (int e = 0; e < generation.elements.size(); e++) {
                    ElementKind kind = generation.elements.get(e).kind();
                    if ((kind != null && kind.exportLicensed()) || (kind == null && random.chance(0.3))) {
                        refinery.recovery[e] = quantise(allElements * random.uniform(0.6, 0.9), 0.001);
                        recovery.set(generation.elements.get(e).id(), jsonNumber(refinery.recovery[e]));
                    }
                }
            }
        } else {
            Arrays.fill(refinery.recovery, 1);
            refinery.recovery[0] = quantise(random.uniform(0.88, 0.98), 0.001);
            recovery.set(generation.elements.get(0).id(), jsonNumber(refinery.recovery[0]));
        }
        return recovery;
    }

    /**
     * Ramp-ups (instance-reference.md Rule 10) on about 70 % of the projects, at least one: a build gives
     * 20–60 % of its nameplate capacity in its first year online and grows in equal steps (to a
     * tenth) to 100 % in its last listed year, over 3–4 years for a mine and 2–3 for a refinery. From the
     * {@link Feature#RAMP_UP} stream; the expansion's last field.
     */
    void rampUps() {
        RandomDraws rampUp = generation.random(Feature.RAMP_UP);
        List<DrawnFacility> projects = generation.projects();
        boolean any = false;
        for (int i = 0; i < projects.size(); i++) {
            if (rampUp.chanceOrLastResort(0.7, i == projects.size() - 1, any)) {
                DrawnFacility project = projects.get(i);
                boolean mine = generation.mines.contains(project);
                ArrayNode shares = ((ObjectNode) project.node.get("expansion")).putArray("rampUp");
                int length = mine ? rampUp.between(3, 4) : rampUp.between(2, 3);
                double first = quantise(rampUp.uniform(0.2, 0.6), 0.1);
                for (int k = 0; k < length; k++) {
                    double share = k == length - 1 ? 1 : quantise(first + (1 - first) * k / (length - 1), 0.1);
                    shares.add(jsonNumber(share));
                }
                any = true;
            }
        }
    }

    /** A buildable project: modules, lead time, start window, capex and opex, bankability. */
    private ObjectNode expansion(DrawnFacility facility, boolean mine) {
        ObjectNode expansion = NODES.objectNode();
        facility.moduleSize = quantise(mine ? random.uniform(2000, 8000) : random.uniform(2000, 7000), 100);
        facility.maxModules = random.between(1, facility.greenfield ? 3 : 2);
        int maxLeadTime = Math.max(0, (years - 1) / 2);
        facility.leadTime = Math.min(maxLeadTime, mine ? random.between(2, 5) : random.between(1, 3));
        expansion.set("moduleSize", jsonNumber(facility.moduleSize));
        if (facility.maxModules > 1 || random.chance(0.3)) {
            expansion.put("maxModules", facility.maxModules);
        }
        expansion.put("leadTime", facility.leadTime);
        Integer earliestStart = null;
        double startForm = random.fraction();
        if (startForm < 0.3) {
            earliestStart = START - 1; // before the horizon: cut to the start year
        } else if (startForm < 0.55 && years > 2) {
            earliestStart = START + random.between(1, Math.min(2, years - 2));
        }
        facility.earliestStart = earliestStart == null ? START : Math.max(START, earliestStart);
        if (earliestStart != null) {
            expansion.put("earliestStart", earliestStart);
        }
        int latestStart = Math.max(facility.earliestStart, generation.lastYear - facility.leadTime);
        if (random.chance(0.4)) {
            expansion.put("latestStart", latestStart);
        }
        double capexPerTonne = mine ? random.uniform(20000, 60000) : random.uniform(15000, 45000);
        double capexPerModule = quantise(capexPerTonne * facility.moduleSize, 100000);
        if (random.chance(0.85)) {
            expansion.set("capexFixed", jsonNumber(quantise(random.uniform(2e7, 2e8), 100000)));
        }
        expansion.set("capexPerModule", jsonNumber(capexPerModule));
        if (random.chance(0.8)) {
            expansion.set("fixedOpexPerYear", jsonNumber(quantise(capexPerModule * random.uniform(0.02, 0.06), 10000)));
        }
        if (random.chance(0.5)) {
            facility.requiredOfftake = quantise(random.uniform(0.2, 0.6), 0.01);
            expansion.set("requiresOfftake", jsonNumber(facility.requiredOfftake));
        }
        return expansion;
    }
}

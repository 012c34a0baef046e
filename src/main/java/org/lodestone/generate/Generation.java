package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.lodestone.generate.Catalog.CountryKind;
import org.lodestone.generate.InstanceGenerator.GeneratorSpec;

/**
 * One generation: the spec, the random stream, and what the draws so far have made, which the
 * later draws read (refineries read the mines, buyers the reachable supply, scenarios the
 * facilities and buyers). The draw classes add to it in the order {@link InstanceGenerator}
 * calls them.
 */
final class Generation {
    final GeneratorSpec spec;
    final int years;
    final int lastYear;
    final RandomDraws random;
    final SeriesDraws series;

    /** The first countries of the catalogue; their number grows with the square root of the size. */
    final List<CountryKind> countries = new ArrayList<>();
    final Map<String, CountryKind> countryById = new LinkedHashMap<>();
    final List<DrawnElement> elements = new ArrayList<>();
    final List<DrawnFacility> mines = new ArrayList<>();
    final List<DrawnFacility> refineries = new ArrayList<>();
    final List<ObjectNode> buyerNodes = new ArrayList<>();
    final List<String> buyerIds = new ArrayList<>();
    /** The buyers as drawn, in the order of {@link #buyerIds}. */
    final List<DrawnBuyer> buyers = new ArrayList<>();
    /** The instance's export controls, as the reachable-supply estimate reads them. */
    final List<ExportRule> exportRules = new ArrayList<>();
    /** How many ids each stem ("au-mine") has been given. */
    private final Map<String, Integer> idCounts = new LinkedHashMap<>();
    /** The streams of the version-2 features drawn so far. */
    private final Map<Feature, RandomDraws> featureStreams = new EnumMap<>(Feature.class);

    Generation(GeneratorSpec spec) {
        this.spec = spec;
        this.years = spec.years();
        this.lastYear = START + years - 1;
        this.random = new RandomDraws(spec.seed());
        this.series = new SeriesDraws(random, years);
        int facilitiesAndBuyers = spec.mines() + spec.refineries() + spec.buyers();
        int countryCount = (int) Math.min(Catalog.COUNTRIES.size(),
                4 + Math.round(Math.sqrt(facilitiesAndBuyers / 2.0)));
        for (CountryKind country : Catalog.COUNTRIES.subList(0, countryCount)) {
            countries.add(country);
            countryById.put(country.id(), country);
        }
    }

    /** The random stream of a version-2 feature, apart from {@link #random} (see {@link RandomDraws#forFeature}). */
    RandomDraws random(Feature feature) {
        return featureStreams.computeIfAbsent(feature, f -> RandomDraws.forFeature(spec.seed(), f));
    }

    /** The next id of {@code stem}: stem-1, stem-2, ... */
    String newId(String stem) {
        int count = idCounts.merge(stem, 1, Integer::sum);
        return stem + "-" + count;
    }

    /** A year in [START + low, START + high], clipped to the horizon. */
    int yearIn(int low, int high) {
        return START + random.between(Math.max(0, low), Math.max(0, Math.min(high, years - 1)));
    }

    /** The instance's countries' weights, in their order. */
    double[] countryWeights(ToDoubleFunction<CountryKind> weight) {
        double[] weights = new double[countries.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weight.applyAsDouble(countries.get(i));
        }
        return weights;
    }

    /** The countries where buyers may sit, in their order. */
    List<String> buyerCountries() {
        List<String> ids = new ArrayList<>();
        for (CountryKind country : countries) {
            if (country.buyerWeight() > 0) {
                ids.add(country.id());
            }
        }
        return ids;
    }

    /** Mines, then refineries. */
    List<DrawnFacility> facilities() {
        List<DrawnFacility> all = new ArrayList<>(mines);
        all.addAll(refineries);
        return all;
    }

    /** The mines and refineries with an expansion project, in that order. */
    List<DrawnFacility> projects() {
        return facilities().stream().filter(f -> f.node.has("expansion")).toList();
    }

    /** The index of element {@code id}, -1 if the instance has none such. */
    int elementIndex(String id) {
        for (int e = 0; e < elements.size(); e++) {
            if (elements.get(e).id().equals(id)) {
                return e;
            }
        }
        return -1;
    }
}

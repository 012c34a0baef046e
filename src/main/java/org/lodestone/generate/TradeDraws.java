package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;
import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.lodestone.generate.Catalog.Route;
import org.lodestone.generate.Catalog.TariffKind;

/** Trade between countries: freight lanes and routes, tariffs on oxide, the instance's export controls. */
final class TradeDraws {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Generation generation;
    private final RandomDraws random;

    TradeDraws(Generation generation) {
        this.generation = generation;
        this.random = generation.random;
    }

    /** Default and domestic freight, and the catalogue's routes between the instance's countries, some left out. */
    ObjectNode lanes() {
        ObjectNode lanes = NODES.objectNode();
        lanes.set("default", jsonNumber(quantise(random.uniform(250, 450), 1)));
        lanes.set("domestic", jsonNumber(quantise(random.uniform(20, 80), 1)));
        ArrayNode routes = lanes.putArray("routes");
        for (Route route : Catalog.ROUTES) {
            if (generation.countryById.containsKey(route.from()) && generation.countryById.containsKey(route.to())
                    && random.chance(0.75)) {
                route(routes, route.from(), route.to(), route.typicalCost() * random.uniform(0.85, 1.15));
            }
        }
        if (routes.isEmpty()) {
            route(routes, generation.countries.get(0).id(), generation.countries.get(1).id(), random.uniform(100, 250));
        }
        return lanes;
    }

    private static void route(ArrayNode routes, String from, String to, double cost) {
        ObjectNode route = routes.addObject();
        route.putArray("between").add(from).add(to);
        route.set("cost", jsonNumber(quantise(cost, 1)));
    }

    /** The catalogue's tariffs between the instance's countries, some left out, China to the US always. */
    ArrayNode tariffs() {
        ArrayNode out = NODES.arrayNode();
        for (TariffKind tariff : Catalog.TARIFFS) {
            String from = tariff.from();
            String to = tariff.to();
            boolean always = out.isEmpty() && from.equals("CN") && to.equals("US");
            if (generation.countryById.containsKey(from) && generation.countryById.containsKey(to)
                    && (always || random.chance(0.6))) {
                tariff(out, from, to, random.uniform(tariff.rateLow(), tariff.rateHigh()));
                if (random.chance(0.2)) {
                    // a second measure on the same trade: rates add up
                    tariff(out, from, to, random.uniform(0.02, 0.1));
                }
            }
        }
        return out;
    }

    private static void tariff(ArrayNode out, String from, String to, double rate) {
        ObjectNode tariff = out.addObject();
        tariff.put("from", from);
        tariff.put("to", to);
        tariff.set("rate", jsonNumber(quantise(rate, 0.001)));
    }

    /**
     * China's licensing of heavy rare-earth oxide, a raw-ore export ban of a mining country (as
     * Malaysia's since 2024 and Vietnam's from 2026), sometimes a control on both stages. Each is
     * also kept as an {@link ExportRule} for the reachable-supply estimate.
     */
    ArrayNode exportControls() {
        ArrayNode out = NODES.arrayNode();
        int years = generation.years;
        int lastYear = generation.lastYear;
        // oxide: China on the licensed elements
        ObjectNode china = out.addObject();
        china.put("country", "CN");
        china.put("stage", "oxide");
        ArrayNode licensedElements = china.putArray("elements");
        for (DrawnElement element : generation.elements) {
            if (element.kind() != null && element.kind().exportLicensed()) {
                licensedElements.add(element.id());
            }
        }
        int from = random.chance(0.5) ? START - 1 : START;
        if (licensedElements.isEmpty()) {
            licensedElements.add(generation.elements.get(generation.elements.size() - 1).id());
            from = START + years / 2;
        }
        china.put("fromYear", from);
        int to = lastYear;
        if (random.chance(0.3)) {
            to = Math.max(from, START) + random.between(1, years);
            china.put("toYear", to);
        }
        Set<String> heavy = new LinkedHashSet<>();
        licensedElements.forEach(e -> heavy.add(e.textValue()));
        List<String> licensed = new ArrayList<>(generation.buyerCountries());
        licensed.remove("CN");
        List<String> allowed = random.someOf(licensed, 0.35);
        if (!allowed.isEmpty()) {
            ArrayNode destinations = china.putArray("allowedDestinations");
            allowed.forEach(destinations::add);
        }
        generation.exportRules.add(new ExportRule("CN", false, true, heavy, from, to, new LinkedHashSet<>(allowed)));
        // concentrate: a mining country keeping its ore for its own refineries
        List<String> candidates = new ArrayList<>();
        for (DrawnFacility mine : generation.mines) {
            String country = mine.country.id();
            if (Catalog.RAW_ORE_EXPORT_BANNERS.contains(country) && !candidates.contains(country)) {
                candidates.add(country);
            }
        }
        // without one, China keeps its concentrate (it imports ore, it does not export it)
        String banned = candidates.isEmpty() ? "CN" : random.pick(candidates);
        ObjectNode ban = out.addObject();
        ban.put("country", banned);
        ban.put("stage", "concentrate");
        int banFrom = random.chance(0.4) ? START - 2 : START + random.between(0, Math.max(0, years / 2));
        ban.put("fromYear", banFrom);
        Set<String> banAllowed = new LinkedHashSet<>();
        List<String> refiningCountries = new ArrayList<>();
        for (DrawnFacility refinery : generation.refineries) {
            String country = refinery.country.id();
            if (!country.equals(banned) && !refiningCountries.contains(country)
                    && (banned.equals("CN") || refinery.country.partner())) {
                refiningCountries.add(country);
            }
        }
        if (random.chance(0.4)) {
            banAllowed.addAll(random.someOf(refiningCountries, 0.5));
        }
        if (!banAllowed.isEmpty()) {
            ArrayNode destinations = ban.putArray("allowedDestinations");
            banAllowed.forEach(destinations::add);
        }
        generation.exportRules.add(new ExportRule(banned, true, false, null, banFrom, lastYear, banAllowed));
        // sometimes both stages (stage left out): a producer favouring one buyer
        if (random.chance(0.4)) {
            List<String> producers = new ArrayList<>();
            for (String country : Catalog.PRODUCERS_FAVOURING_CHINA) {
                if (generation.countryById.containsKey(country) && !country.equals(banned)) {
                    producers.add(country);
                }
            }
            if (!producers.isEmpty()) {
                String country = random.pick(producers);
                ObjectNode both = out.addObject();
                both.put("country", country);
                Set<String> bothElements = null;
                if (random.chance(0.5)) {
                    bothElements = Set.of(generation.elements.get(0).id());
                    both.putArray("elements").add(generation.elements.get(0).id());
                }
                int bothFrom = START + random.between(1, Math.max(1, years - 1));
                both.put("fromYear", bothFrom);
                both.putArray("allowedDestinations").add("CN");
                generation.exportRules.add(new ExportRule(country, true, true, bothElements, bothFrom, lastYear,
                        Set.of("CN")));
            }
        }
        return out;
    }
}

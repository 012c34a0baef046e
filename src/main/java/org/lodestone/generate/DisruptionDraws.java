package org.lodestone.generate;

import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The disruption model (instance-reference.md §11) that scenarios can be sampled from: the events the
 * listed scenarios show one draw of, each with a yearly probability. Always a Chinese export
 * control and a Chinese price flood; outages at one to three producing facilities; unrest in a
 * risky mining country other than China when there is one; an energy-cost shock half the time.
 * From the {@link Feature#DISRUPTIONS} stream.
 */
final class DisruptionDraws {
    private final Generation generation;
    private final RandomDraws random;
    private final ArrayNode out = JsonNodeFactory.instance.arrayNode();

    DisruptionDraws(Generation generation) {
        this.generation = generation;
        this.random = generation.random(Feature.DISRUPTIONS);
    }

    ArrayNode disruptions() {
        exportControl();
        priceFlood();
        List<DrawnFacility> producing = generation.facilities().stream().filter(DrawnFacility::hasCapacity).toList();
        int outages = Math.min(producing.size(), Math.min(3, 1 + producing.size() / 10));
        List<DrawnFacility> candidates = new ArrayList<>(producing);
        for (int i = 0; i < outages; i++) {
            outage(candidates.remove(random.index(candidates.size())));
        }
        List<String> risky = new ArrayList<>();
        for (DrawnFacility mine : generation.mines) {
            String country = mine.country.id();
            if (mine.country.risk() >= 0.3 && !country.equals("CN") && !risky.contains(country)) {
                risky.add(country);
            }
        }
        if (!risky.isEmpty()) {
            unrest(random.pick(risky));
        }
        if (random.chance(0.5)) {
            ObjectNode event = event("energy-shock", null, null, 0.03, 0.08, 1);
            event.set("costFactor", jsonNumber(quantise(random.uniform(1.1, 1.3), 0.01)));
        }
        return out;
    }

    /**
     * China controls oxide exports of its export-licensed elements (Dy, Tb, Sm; NdPr when the
     * instance has none of them) or every export, for 1–3 years, 5–15 % a year; the controlled
     * elements cost 130–200 % elsewhere meanwhile. Three times in ten some buyer countries stay allowed.
     */
    private void exportControl() {
        ObjectNode event = event("cn-export-control", "country", "CN", 0.05, 0.15, random.between(1, 3));
        List<String> elements = new ArrayList<>();
        for (DrawnElement element : generation.elements) {
            if (element.kind() != null && element.kind().exportLicensed()) {
                elements.add(element.id());
            }
        }
        if (elements.isEmpty()) {
            elements.add(generation.elements.get(0).id());
        }
        ObjectNode priceFactors = event.putObject("priceFactors");
        for (String element : elements) {
            priceFactors.set(element, jsonNumber(quantise(random.uniform(1.3, 2.0), 0.01)));
        }
        ObjectNode control = event.putObject("exportControl");
        if (random.chance(0.6)) {
            control.put("stage", "oxide");
            ArrayNode listed = control.putArray("elements");
            elements.forEach(listed::add);
        } else { // the default, written so that the control does not read as empty
            control.put("stage", "both");
        }
        ScenarioDraws.allowSomeBuyerCountries(generation, random, control);
    }

    /** Chinese concentrate and tolling at 60–85 % of cost and NdPr at 50–80 % of its price, 1–2 years, 5–15 % a year. */
    private void priceFlood() {
        ObjectNode event = event("cn-price-flood", "country", "CN", 0.05, 0.15, random.between(1, 2));
        event.set("costFactor", jsonNumber(quantise(random.uniform(0.6, 0.85), 0.01)));
        event.putObject("priceFactors").set(generation.elements.get(0).id(),
                jsonNumber(quantise(random.uniform(0.5, 0.8), 0.01)));
    }

    /** A year at no (six times in ten) or 30–70 % of capacity, 3–10 % a year. */
    private void outage(DrawnFacility facility) {
        ObjectNode event = event(facility.id + "-outage", "facility", facility.id, 0.03, 0.10, 1);
        event.set("capacityFactor", jsonNumber(random.chance(0.6) ? 0 : quantise(random.uniform(0.3, 0.7), 0.01)));
    }

    /** The country's facilities at 20–60 % of capacity for 1–2 years, half the time dearer by 10–40 %; 2–8 % a year. */
    private void unrest(String country) {
        ObjectNode event = event(country.toLowerCase(Locale.ROOT) + "-unrest", "country", country, 0.02, 0.08,
                random.between(1, 2));
        event.set("capacityFactor", jsonNumber(quantise(random.uniform(0.2, 0.6), 0.01)));
        if (random.chance(0.5)) {
            event.set("costFactor", jsonNumber(quantise(random.uniform(1.1, 1.4), 0.01)));
        }
    }

    /**
     * A new event: its id, where it strikes ({@code "country"} or {@code "facility"} and its id;
     * null for everywhere), its yearly probability in [low, high) to a thousandth, and its length
     * in years (1 is left out).
     */
    private ObjectNode event(String id, String whereField, String where, double low, double high, int years) {
        ObjectNode event = out.addObject();
        event.put("id", id);
        if (whereField != null) {
            event.put(whereField, where);
        }
        event.set("annualProbability", jsonNumber(quantise(random.uniform(low, high), 0.001)));
        if (years > 1) {
            event.put("years", years);
        }
        return event;
    }
}

package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;
import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Contracts with facilities, numbered k1, k2, ... in this order: the offtakes that make projects
 * with requiresOfftake bankable, take-or-pay contracts already signed, optional supply deals.
 */
final class ContractDraws {
    private final Generation generation;
    private final RandomDraws random;
    private final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    private int nextNumber = 1;

    ContractDraws(Generation generation) {
        this.generation = generation;
        this.random = generation.random;
    }

    ArrayNode contracts() {
        for (DrawnFacility facility : generation.facilities()) {
            if (facility.requiredOfftake > 0) {
                offtake(facility);
            }
        }
        List<DrawnFacility> producing = new ArrayList<>();
        for (DrawnFacility facility : generation.facilities()) {
            if (facility.hasCapacity()) {
                producing.add(facility);
            }
        }
        int facilityCount = generation.mines.size() + generation.refineries.size();
        int signed = Math.max(1, (int) Math.round(facilityCount * 0.15));
        for (int i = 0; i < signed && !producing.isEmpty(); i++) {
            signed(random.pick(producing));
        }
        int optional = Math.max(1, (int) Math.round(facilityCount * 0.12));
        for (int i = 0; i < optional && !producing.isEmpty(); i++) {
            optional(random.pick(producing));
        }
        return out;
    }

    /** Bankability: an offtake that makes a build with requiresOfftake possible, from the year it can be online. */
    private void offtake(DrawnFacility project) {
        ObjectNode contract = contract(project, "optional");
        int online = project.earliestStart + project.leadTime;
        if (online > START && online <= generation.lastYear) {
            contract.put("fromYear", online);
        }
        int modules = random.between(1, project.maxModules);
        double minPerYear = Math.ceil(project.requiredOfftake * project.moduleSize * modules / 10) * 10;
        contract.set("minPerYear", jsonNumber(minPerYear));
        if (random.chance(0.7)) {
            contract.set("maxPerYear", jsonNumber(quantise(minPerYear * random.uniform(1.2, 2.5), 10)));
        }
        contract.set("price", jsonNumber(quantise(project.meanCost() * random.uniform(0.9, 1.1), 10)));
        if (random.chance(0.7)) {
            contract.set("signingCost", jsonNumber(quantise(random.uniform(1e6, 1.5e7), 10000)));
        }
    }

    /** Take-or-pay already in force (some began before the horizon). */
    private void signed(DrawnFacility facility) {
        int years = generation.years;
        ObjectNode contract = contract(facility, "signed");
        int from = START;
        if (random.chance(0.4)) {
            from = START - random.between(1, 3);
            contract.put("fromYear", from);
        } else if (random.chance(0.2) && years > 1) {
            from = START + random.between(1, years - 1);
            contract.put("fromYear", from);
        }
        if (random.chance(0.6)) {
            contract.put("toYear", Math.max(from, START) + random.between(1, Math.max(1, years - 1)));
        }
        double minPerYear = quantise(facility.meanCapacity() * random.uniform(0.1, 0.35), 10);
        contract.set("minPerYear", jsonNumber(minPerYear));
        if (random.chance(0.8)) {
            contract.set("maxPerYear", jsonNumber(quantise(minPerYear * random.uniform(1.5, 3), 10)));
        }
        contract.set("price", jsonNumber(quantise(facility.meanCost() * random.uniform(0.95, 1.25), 10)));
        if (random.chance(0.3)) {
            contract.set("signingCost", jsonNumber(quantise(random.uniform(1e6, 1e7), 10000))); // sunk
        }
    }

    /** A supply deal on offer, cheaper than spot for a commitment. */
    private void optional(DrawnFacility facility) {
        int years = generation.years;
        ObjectNode contract = contract(facility, "optional");
        int from = START;
        if (random.chance(0.4) && years > 1) {
            from = START + random.between(1, years - 1);
            contract.put("fromYear", from);
        }
        if (random.chance(0.4)) {
            contract.put("toYear", from + random.between(0, Math.max(0, years - 1)));
        }
        double capacity = facility.meanCapacity();
        double minPerYear = 0;
        if (random.chance(0.7)) {
            minPerYear = quantise(capacity * random.uniform(0.05, 0.2), 10);
            contract.set("minPerYear", jsonNumber(minPerYear));
        }
        contract.set("maxPerYear", jsonNumber(Math.max(minPerYear, quantise(capacity * random.uniform(0.2, 0.5), 10))));
        contract.set("price", jsonNumber(quantise(facility.meanCost() * random.uniform(0.8, 0.95), 10)));
        contract.set("signingCost", jsonNumber(quantise(random.uniform(5e5, 1e7), 10000)));
    }

    private ObjectNode contract(DrawnFacility facility, String status) {
        ObjectNode contract = out.addObject();
        contract.put("id", "k" + nextNumber++);
        contract.put("facility", facility.id);
        contract.put("status", status);
        return contract;
    }
}

package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;
import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Contracts with facilities, numbered k1, k2, ... in this order: the offtakes that make projects
 * with requiresOfftake bankable, take-or-pay contracts already signed, optional supply deals.
 */
final class ContractDraws {
    private final Generation generation;
    private final RandomDraws random;
    private final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    /** The contracts as drawn, in the order of {@link #out}. */
    private final List<DrawnContract> drawn = new ArrayList<>();
    private int nextNumber = 1;

    /** A contract as written, the facility it is on, and whether it is the offtake of a project. */
    private record DrawnContract(ObjectNode node, DrawnFacility facility, boolean offtake) {}

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
        ObjectNode contract = contract(project, "optional", true);
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

    /**
     * Prices indexed to the NdPr market (instance-reference.md Rule 9) on about 35 % of the contracts, at least
     * one: share × NdPr price is 95–110 % of the fixed price drawn, the floor 70–95 % of share ×
     * the lowest NdPr price of the horizon, and 40 % of them have a cap at 130–180 % of share ×
     * the highest. The index takes the fixed price's place. From the
     * {@link Feature#INDEXED_CONTRACTS} stream; call after {@link #contracts}.
     */
    void indexPrices() {
        RandomDraws index = generation.random(Feature.INDEXED_CONTRACTS);
        DrawnElement ndpr = generation.elements.get(0);
        double lowest = Arrays.stream(ndpr.price()).min().orElse(0);
        boolean any = false;
        for (int k = 0; k < drawn.size(); k++) {
            if (!index.chanceOrLastResort(0.35, k == drawn.size() - 1, any)) {
                continue;
            }
            ObjectNode contract = drawn.get(k).node();
            double share = Math.max(0.001,
                    quantise(contract.get("price").doubleValue() * index.uniform(0.95, 1.1) / ndpr.meanPrice(), 0.001));
            ObjectNode priceIndex = JsonNodeFactory.instance.objectNode();
            priceIndex.put("element", ndpr.id());
            priceIndex.set("share", jsonNumber(share));
            priceIndex.set("floor", jsonNumber(quantise(share * lowest * index.uniform(0.7, 0.95), 10)));
            if (index.chance(0.4)) {
                priceIndex.set("cap", jsonNumber(quantise(share * ndpr.maxPrice() * index.uniform(1.3, 1.8), 10)));
            }
            replaceField(contract, "price", "priceIndex", priceIndex);
            any = true;
        }
    }

    /**
     * Delivery-contingent take-or-pay (instance-reference.md Rule 8) on about 70 % of the project offtakes
     * (at least one) and 15 % of the other contracts: nothing is owed while the plant cannot
     * deliver. From the {@link Feature#CONTINGENT_CONTRACTS} stream; call after {@link #contracts}.
     */
    void makeContingent() {
        RandomDraws contingent = generation.random(Feature.CONTINGENT_CONTRACTS);
        boolean any = false;
        for (DrawnContract contract : drawn) {
            if (contingent.chance(contract.offtake() ? 0.7 : 0.15)) {
                contract.node().put("contingent", true);
                any = true;
            }
        }
        if (!any && !drawn.isEmpty()) {
            drawn.stream().filter(DrawnContract::offtake).findFirst().orElse(drawn.get(0)).node()
                    .put("contingent", true);
        }
    }

    /** Puts {@code value} under {@code name} where {@code old} was, keeping the order of the other fields. */
    private static void replaceField(ObjectNode node, String old, String name, ObjectNode value) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        node.properties().forEach(field -> fields.put(field.getKey().equals(old) ? name : field.getKey(),
                field.getKey().equals(old) ? value : field.getValue()));
        node.removeAll();
        node.setAll(fields);
    }

    /** Take-or-pay already in force (some began before the horizon). */
    private void signed(DrawnFacility facility) {
        int years = generation.years;
        ObjectNode contract = contract(facility, "signed", false);
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
        ObjectNode contract = contract(facility, "optional", false);
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

    private ObjectNode contract(DrawnFacility facility, String status, boolean offtake) {
        ObjectNode contract = out.addObject();
        drawn.add(new DrawnContract(contract, facility, offtake));
        contract.put("id", "k" + nextNumber++);
        contract.put("facility", facility.id);
        contract.put("status", status);
        return contract;
    }
}

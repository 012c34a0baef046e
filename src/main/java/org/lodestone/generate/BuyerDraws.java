package org.lodestone.generate;

import static org.lodestone.generate.InstanceGenerator.START;
import static org.lodestone.generate.Quantities.growthFactor;
import static org.lodestone.generate.Quantities.jsonNumber;
import static org.lodestone.generate.Quantities.quantise;
import static org.lodestone.generate.Quantities.stepFor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.lodestone.generate.Catalog.BuyerKind;
import org.lodestone.generate.Catalog.CountryKind;

/**
 * Buyers with a kind (defense, magnets, ...), a country and the elements that kind uses, their
 * mandates, country-share caps, penalties and substitutes. Demand follows the supply a buyer can
 * reach ({@link ReachableSupply#shareAmongBuyers}): 60–85 % of its share on average, growing
 * over the horizon. A buyer whose mandate keeps supply from it asks for a fifth of what it loses
 * on top: demand that only new compliant capacity can meet.
 */
final class BuyerDraws {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Generation generation;
    private final RandomDraws random;
    private final int years;

    BuyerDraws(Generation generation) {
        this.generation = generation;
        this.random = generation.random;
        this.years = generation.years;
    }

    ArrayNode buyers(double[][][] shipments) {
        List<DrawnBuyer> buyers = drawBuyers();
        ReachableSupply.shareAmongBuyers(generation, shipments, buyers);
        for (DrawnBuyer buyer : buyers) {
            // a cap that would leave the buyer nothing at all (one supplying country) is dropped
            if (buyer.maxCountryShare < 1 && Arrays.stream(buyer.reachable).sum() <= 0
                    && Arrays.stream(buyer.reachableUncapped).sum() > 0) {
                buyer.maxCountryShare = 1;
                buyer.reachable = buyer.reachableUncapped;
            }
        }
        double[][][] demand = demand(buyers);
        ArrayNode out = NODES.arrayNode();
        boolean anySubstitute = false;
        for (int b = 0; b < buyers.size(); b++) {
            DrawnBuyer buyer = buyers.get(b);
            ObjectNode node = out.addObject();
            String id = generation.newId(buyer.country.toLowerCase(Locale.ROOT) + "-" + buyer.kind.label);
            node.put("id", id);
            node.put("country", buyer.country);
            List<Integer> demanded = writeDemand(node.putObject("demand"), buyer, demand[b]);
            writePenalties(node, buyer, demanded);
            if (buyer.mandate != null) {
                node.set("mandate", buyer.mandate);
            }
            if (buyer.maxCountryShare < 1) {
                node.set("maxCountryShare", jsonNumber(buyer.maxCountryShare));
            }
            if (random.chance(0.5) || (b == buyers.size() - 1 && !anySubstitute)) {
                node.set("substitutes", substitutes(demanded));
                anySubstitute = true;
            }
            buyer.id = id;
            generation.buyerNodes.add(node);
            generation.buyerIds.add(id);
            generation.buyers.add(buyer);
        }
        return out;
    }

    /**
     * Kinds, countries, wanted elements, claim weights, mandates and caps. The first buyers are
     * a US defense buyer, a Japanese magnet maker under a cap and a Chinese magnet maker; at
     * least one buyer has a mandate and one a cap, and every element finds a buyer.
     */
    private List<DrawnBuyer> drawBuyers() {
        int buyerCount = generation.spec.buyers();
        int elementCount = generation.elements.size();
        List<String> places = generation.buyerCountries();
        double[] placeWeights = new double[places.size()];
        for (int i = 0; i < placeWeights.length; i++) {
            placeWeights[i] = generation.countryById.get(places.get(i)).buyerWeight();
        }
        double[] kindWeights = Arrays.stream(BuyerKind.values()).mapToDouble(kind -> kind.weight).toArray();
        List<DrawnBuyer> buyers = new ArrayList<>();
        boolean anyMandate = false;
        boolean anyCap = false;
        for (int b = 0; b < buyerCount; b++) {
            BuyerKind kind = b == 0 ? BuyerKind.DEFENSE : b <= 2 ? BuyerKind.MAGNETS
                    : BuyerKind.values()[random.weightedIndex(kindWeights)];
            String country = b == 0 ? "US" : b == 1 ? "JP" : b == 2 ? "CN"
                    : places.get(random.weightedIndex(placeWeights));
            DrawnBuyer buyer = new DrawnBuyer(kind, country, elementCount);
            double size = random.uniform(0.5, 2);
            for (String id : kind.wants()) {
                int e = generation.elementIndex(id);
                if (e >= 0) {
                    buyer.wants[e] = true;
                }
            }
            for (int e = Catalog.ELEMENTS.size(); e < elementCount; e++) {
                buyer.wants[e] = random.chance(0.4);
            }
            boolean wantsAny = false;
            for (boolean wanted : buyer.wants) {
                wantsAny |= wanted;
            }
            if (!wantsAny) {
                buyer.wants[0] = true;
            }
            for (int e = 0; e < elementCount; e++) {
                buyer.claimWeight[e] = size * random.uniform(0.7, 1.3);
            }
            if (buyer.defense() || (b > 2 && random.chance(0.25)) || (b == buyerCount - 1 && !anyMandate)) {
                buyer.mandate = mandate(buyer);
                anyMandate = true;
            }
            if (b == 1 || (b > 2 && !country.equals("CN") && random.chance(0.25))
                    || (b == buyerCount - 1 && !anyCap)) {
                buyer.maxCountryShare = generation.countryById.get(country).tags().contains("eu") ? 0.65
                        : quantise(random.uniform(0.5, 0.8), 0.01);
                anyCap = true;
            }
            buyers.add(buyer);
        }
        // every element finds a buyer, one without a mandate or cap if there is one
        List<DrawnBuyer> open = new ArrayList<>();
        for (DrawnBuyer buyer : buyers) {
            if (buyer.mandate == null && buyer.maxCountryShare == 1) {
                open.add(buyer);
            }
        }
        for (int e = 0; e < elementCount; e++) {
            boolean wanted = false;
            for (DrawnBuyer buyer : buyers) {
                wanted |= buyer.wants[e];
            }
            if (!wanted) {
                (open.isEmpty() ? buyers.get(random.index(buyerCount)) : random.pick(open)).wants[e] = true;
            }
        }
        return buyers;
    }

    /** Demand [buyer][element][year], null where a buyer does not want an element or nothing reaches it. */
    private double[][][] demand(List<DrawnBuyer> buyers) {
        int elementCount = generation.elements.size();
        double[][][] demand = new double[buyers.size()][elementCount][];
        for (int e = 0; e < elementCount; e++) {
            double level = random.uniform(0.6, 0.85);
            double rate = generation.elements.get(e).growthRate();
            double meanGrowth = 0;
            for (int t = 0; t < years; t++) {
                meanGrowth += growthFactor(rate, t);
            }
            meanGrowth /= years;
            for (int b = 0; b < buyers.size(); b++) {
                DrawnBuyer buyer = buyers.get(b);
                double extra = buyer.mandate == null ? 0
                        : 0.2 * Math.max(0, buyer.reachableUnrestricted[e] - buyer.reachable[e]);
                double reachable = buyer.reachable[e] + extra;
                if (!buyer.wants[e] || reachable <= 0) {
                    continue;
                }
                double base = reachable * level;
                double step = stepFor(base);
                double[] perYear = new double[years];
                for (int t = 0; t < years; t++) {
                    perYear[t] = Math.max(0, quantise(
                            base * growthFactor(rate, t) / meanGrowth * (1 + 0.04 * random.uniform(-1, 1)), step));
                }
                demand[b][e] = perYear;
            }
        }
        return demand;
    }

    /** Writes the buyer's demand series; returns the indices of the elements demanded, in order. */
    private List<Integer> writeDemand(ObjectNode demandNode, DrawnBuyer buyer, double[][] demandPerElement) {
        List<Integer> demanded = new ArrayList<>();
        for (int e = 0; e < demandPerElement.length; e++) {
            if (demandPerElement[e] != null) {
                demanded.add(e);
                SeriesDraws.Series series = generation.series.demand(demandPerElement[e]);
                demandNode.set(generation.elements.get(e).id(), series.node());
                buyer.demand.put(generation.elements.get(e).id(), series.values());
            }
        }
        if (demanded.isEmpty()) { // nothing reaches this buyer: a token demand, met by shortfall
            int e = 0;
            while (!buyer.wants[e]) {
                e++;
            }
            demanded.add(e);
            double token = generation.elements.get(e).price()[0] > 1e5 ? 1 : 100;
            demandNode.set(generation.elements.get(e).id(), jsonNumber(token));
            double[] values = new double[years];
            Arrays.fill(values, token);
            buyer.demand.put(generation.elements.get(e).id(), values);
        }
        return demanded;
    }

    /** Shortfall penalties well above the price: always for a defense buyer, sometimes for others. */
    private void writePenalties(ObjectNode node, DrawnBuyer buyer, List<Integer> demanded) {
        if (buyer.defense() || random.chance(0.15)) {
            ObjectNode penalties = node.putObject("shortfallPenalty");
            for (int e : demanded) {
                if (buyer.defense() || random.chance(0.5)) {
                    double penalty = (buyer.defense() ? random.uniform(15, 30) : random.uniform(3, 8))
                            * generation.elements.get(e).maxPrice();
                    penalties.set(generation.elements.get(e).id(), jsonNumber(quantise(penalty, stepFor(penalty))));
                }
            }
            if (penalties.isEmpty()) {
                node.remove("shortfallPenalty");
            }
        }
    }

    /**
     * No tonne mined or separated in a "feoc" country (DFARS-like), phased in; fills the buyer's
     * notMinedIn and notRefinedIn.
     */
    private ObjectNode mandate(DrawnBuyer buyer) {
        ObjectNode mandate = NODES.objectNode();
        Set<String> excluded = new LinkedHashSet<>();
        for (String country : Catalog.EXCLUDED_BY_NAME) {
            if (generation.countryById.containsKey(country) && random.chance(0.5)) {
                excluded.add(country);
            }
        }
        if (!excluded.isEmpty()) {
            ArrayNode countries = mandate.putArray("excludeCountries");
            excluded.forEach(countries::add);
        }
        mandate.putArray("excludeTags").add("feoc");
        for (CountryKind country : generation.countries) {
            if (country.feoc()) {
                excluded.add(country.id());
            }
        }
        boolean mining = true;
        boolean refining = true;
        if (!buyer.defense()) {
            double stages = random.fraction();
            if (stages < 0.35) {
                mandate.putArray("stages").add("refining");
                mining = false;
            } else if (stages < 0.55) {
                mandate.putArray("stages").add("mining");
                refining = false;
            } else if (stages < 0.7) {
                mandate.putArray("stages").add("mining").add("refining");
            }
        }
        if (mining) {
            buyer.notMinedIn.addAll(excluded);
        }
        if (refining) {
            buyer.notRefinedIn.addAll(excluded);
        }
        double phaseIn = random.fraction();
        if (phaseIn < 0.5) {
            ObjectNode steps = mandate.putObject("minShare");
            steps.set(Integer.toString(START - (random.chance(0.3) ? 1 : 0)), jsonNumber(random.chance(0.5) ? 0 : 0.5));
            steps.set(Integer.toString(START + 1), jsonNumber(quantise(random.uniform(0.5, 0.8), 0.05)));
            steps.set(Integer.toString(START + 2), jsonNumber(1));
        } else if (phaseIn < 0.7) {
            ArrayNode ramp = mandate.putArray("minShare");
            for (int t = 0; t < years; t++) {
                ramp.add(jsonNumber(Math.min(1, quantise(0.3 + 0.25 * t, 0.05))));
            }
        } else if (phaseIn < 0.85) {
            mandate.set("minShare", jsonNumber(quantise(random.uniform(0.5, 0.9), 0.05)));
        } // else minShare 1 by default
        return mandate;
    }

    /** Reduced-Nd or heavy-free magnet designs: part of the demand avoided at a cost above the price. */
    private ArrayNode substitutes(List<Integer> demanded) {
        ArrayNode out = NODES.arrayNode();
        DrawnElement element = generation.elements.get(random.pick(demanded));
        int count = random.chance(0.3) ? 2 : 1;
        for (int i = 0; i < count; i++) {
            ObjectNode substitute = out.addObject();
            substitute.put("element", element.id());
            substitute.set("maxShare",
                    jsonNumber(quantise(i == 0 ? random.uniform(0.1, 0.3) : random.uniform(0.1, 0.2), 0.01)));
            double cost = element.meanPrice() * (i == 0 ? random.uniform(1.2, 2) : random.uniform(2, 3));
            substitute.set("cost", jsonNumber(quantise(cost, stepFor(cost))));
            if (random.chance(0.7)) {
                substitute.put("fromYear", START + random.between(1, 3));
            }
        }
        return out;
    }
}

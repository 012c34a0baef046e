package org.lodestone.saa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lodestone.domain.Buyer;
import org.lodestone.domain.Instance;
import org.lodestone.io.InstanceReader;
import org.lodestone.validate.InvalidInputException;

/**
 * An instance with a disruption model and a seed: the space the futures of {@code sample},
 * {@code saa} and {@code evaluate} are drawn from. Carried by tasks as the instance file's text
 * (it travels to other JVMs), parsed at most once per JVM for a few instances at a time.
 */
public final class Futures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Futures> PARSED = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Futures> eldest) {
            return size() > 4;
        }
    };

    private final JsonNode tree;
    private final Instance instance;

    private Futures(JsonNode tree, Instance instance) {
        this.tree = tree;
        this.instance = instance;
    }

    /** The futures of the instance file {@code tree} (any --set already applied); it must have a disruption model. */
    public static Futures of(JsonNode tree) throws InvalidInputException {
        Instance instance = InstanceReader.toInstance(tree);
        if (instance.disruptions().isEmpty()) {
            throw new IllegalArgumentException("the instance has no disruption model (\"disruptions\"): there is "
                    + "nothing to sample futures from");
        }
        return new Futures(tree.deepCopy(), instance);
    }

    /** The futures of an instance file's text, parsed once per JVM (tasks call this). */
    public static Futures parse(String instanceJson) {
        synchronized (PARSED) {
            Futures cached = PARSED.get(instanceJson);
            if (cached != null) {
                return cached;
            }
        }
        Futures parsed;
        try {
            parsed = of(JSON.readTree(instanceJson));
        } catch (InvalidInputException | java.io.IOException e) {
            throw new IllegalArgumentException("the instance does not read: " + e.getMessage(), e);
        }
        synchronized (PARSED) {
            PARSED.put(instanceJson, parsed);
        }
        return parsed;
    }

    /** The instance file's text, as tasks carry it. */
    public String text() {
        try {
            return JSON.writeValueAsString(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Instance instance() {
        return instance;
    }

    public Sampler sampler(long seed) {
        return new Sampler(instance, seed);
    }

    /** Every (buyer, element) with demand, in buyer order then element order: the shortfall columns. */
    public List<String[]> demandKeys() {
        return demandKeys(instance);
    }

    public static List<String[]> demandKeys(Instance instance) {
        List<String[]> keys = new ArrayList<>();
        for (Buyer b : instance.buyers()) {
            for (org.lodestone.domain.Element e : instance.elements()) {
                if (b.demand().containsKey(e.id())) {
                    keys.add(new String[] {b.id(), e.id()});
                }
            }
        }
        return keys;
    }

    /**
     * The instance with samples first … first+n−1 as its scenarios (probability 1/n each): what
     * {@code lodestone sample} writes and a replication of {@code saa} solves.
     */
    public JsonNode sampled(long seed, long first, int n) {
        return sampler(seed).sampled(tree, first, n);
    }

    /**
     * The instance with sample k as its only scenario, without risk aversion (the tail of one
     * future is that future): the model an evaluation re-optimises the operations of.
     */
    public Instance alone(long seed, long k) {
        ObjectNode one = (ObjectNode) sampler(seed).sampled(tree, k, 1);
        one.remove("riskAversion");
        try {
            return InstanceReader.toInstance(one);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("sample " + Sampler.id(k) + " is not a valid instance: " + e.getMessage(), e);
        }
    }
}

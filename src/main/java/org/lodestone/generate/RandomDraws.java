package org.lodestone.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one random stream of a generation and the kinds of draw made from it. Each method takes a
 * fixed number of values from the stream for given arguments, so the same calls in the same
 * order give the same instance.
 */
final class RandomDraws {
    private final SplittableRandom random;

    RandomDraws(long seed) {
        this(new SplittableRandom(seed));
    }

    private RandomDraws(SplittableRandom random) {
        this.random = random;
    }

    /**
     * The stream of one version-2 feature: the (ordinal + 1)-th split of a fresh generator of
     * {@code seed}. It depends only on the seed and the feature, and the main stream of the same
     * seed is a separate generator, so version-1 draws stay as they were.
     */
    static RandomDraws forFeature(long seed, Feature feature) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom stream = root.split();
        for (int i = 0; i < feature.ordinal(); i++) {
            stream = root.split();
        }
        return new RandomDraws(stream);
    }

    /** Uniform in [0, 1). */
    double fraction() {
        return random.nextDouble();
    }

    /** Uniform in [low, high). */
    double uniform(double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    /** An integer in [low, high]; {@code low} without a draw when the range is empty or one value. */
    int between(int low, int high) {
        return high <= low ? low : low + random.nextInt(high - low + 1);
    }

    /** An index in [0, size). */
    int index(int size) {
        return random.nextInt(size);
    }

    /** True with probability {@code probability}. */
    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /**
     * True with probability {@code probability}; also true for the last of several candidates
     * when none before it was chosen, so that at least one is. Draws once either way.
     */
    boolean chanceOrLastResort(double probability, boolean last, boolean chosenBefore) {
        return chance(probability) || (last && !chosenBefore);
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Some of {@code candidates}, each with probability {@code probability}, in their order. */
    List<String> someOf(List<String> candidates, double probability) {
        List<String> chosen = new ArrayList<>();
        for (String candidate : candidates) {
            if (chance(probability)) {
                chosen.add(candidate);
            }
        }
        return chosen;
    }

    /** An index drawn with probability proportional to its weight; never one of weight 0 if another has more. */
    int weightedIndex(double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double remaining = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            remaining -= weights[i];
            if (remaining < 0 && weights[i] > 0) {
                return i;
            }
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        return 0;
    }
}

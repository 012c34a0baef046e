package org.lodestone.domain;

/**
 * A separated rare-earth oxide.
 *
 * @param shortfallPenalty USD per tonne of unmet demand, default already resolved
 *     (10 × the largest price over Y)
 */
public record Element(String id, String name, Series price, Series surplusPrice, double shortfallPenalty) {}

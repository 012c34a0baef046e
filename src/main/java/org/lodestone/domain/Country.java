package org.lodestone.domain;

import java.util.Set;

public record Country(String id, String name, double risk, Set<String> tags) {
    public Country {
        tags = Set.copyOf(tags);
    }
}

package org.lodestone.domain;

public record Substitute(String element, double maxShare, double cost, int fromYear) {}

package org.lodestone.domain;

public record Tariff(String from, String to, double rate) {}

package org.lodestone.domain;

/** Where a figure of the instance comes from. */
public record Source(String what, String ref) {}

package org.lodestone.saa;

/**
 * Makes engines for a master URL: the service the {@code spark} module provides
 * ({@code META-INF/services/org.lodestone.saa.EngineFactory}), so that the core needs no Spark on
 * its class path.
 */
public interface EngineFactory {
    /**
     * An engine on {@code master} ("local[*]", "local[2]", "spark://host:7077", ... ).
     *
     * @param taskMemoryHint how much memory one solve needs, in MiB, for engines that size executors
     */
    Engine open(String master, int taskMemoryHint);
}

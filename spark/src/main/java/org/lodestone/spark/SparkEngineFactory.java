package org.lodestone.spark;

import org.lodestone.saa.Engine;
import org.lodestone.saa.EngineFactory;

/**
 * The service the core's {@code org.lodestone.saa.Engines} finds when this module is on the class path
 * (META-INF/services/org.lodestone.saa.EngineFactory): every master URL but {@code threads[N]}.
 */
public final class SparkEngineFactory implements EngineFactory {
    @Override
    public Engine open(String master, int taskMemoryHint) {
        return SparkEngine.open(master, taskMemoryHint);
    }
}

package org.lodestone.saa;

import java.io.Serializable;

/**
 * One independent piece of work an {@link Engine} runs: a solve of one sampled future or of one
 * sample of futures. A task carries everything it needs (it may be shipped to another JVM), gives
 * the same result wherever and whenever it runs, and returns a small result.
 *
 * @param <R> what it returns
 */
@FunctionalInterface
public interface Task<R extends Serializable> extends Serializable {
    R run();
}

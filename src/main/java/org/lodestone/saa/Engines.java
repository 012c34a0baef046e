package org.lodestone.saa;

import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the engine a master URL names: {@code threads} or {@code threads[N]} runs on this JVM's
 * threads (no Spark needed); anything else ({@code local[*]}, {@code local[2]},
 * {@code spark://host:7077}, ...) goes to the Spark engine when the {@code spark} module is on
 * the class path.
 */
public final class Engines {
    /** The default master: Spark embedded in this JVM, one task per core. */
    public static final String DEFAULT_MASTER = "local[*]";

    private static final Pattern THREADS = Pattern.compile("threads(?:\\[(\\d+|\\*)])?");

    private Engines() {}

    /** Thrown when the master needs the Spark engine and it is not on the class path. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** The engine for {@code master}; taskMemoryHint (MiB) sizes executors where the engine can. */
    public static Engine open(String master, int taskMemoryHint) {
        Matcher threads = THREADS.matcher(master);
        if (threads.matches()) {
            String n = threads.group(1);
            return new ThreadEngine(n == null || n.equals("*") ? Runtime.getRuntime().availableProcessors()
                    : Math.max(1, Integer.parseInt(n)));
        }
        for (EngineFactory factory : ServiceLoader.load(EngineFactory.class)) {
            return factory.open(master, taskMemoryHint);
        }
        throw new Unavailable("master \"" + master + "\" needs the Spark engine, which is not on the class path: run"
                + " through ./lodestone (it builds the spark module on first use), or use --master threads[N]");
    }
}

package org.lodestone.saa;

import java.util.HashSet;
import java.util.Set;

import org.lodestone.solve.SolveControl;

/**
 * The solves tasks are running in this JVM, so that a cancel in the same JVM (threads, Spark
 * local[N]) interrupts them at once — a replication then keeps its best plan and its bound —
 * instead of waiting for their time limits. Executors of a cluster run in other JVMs: there the
 * solver time limit bounds a cancelled task.
 */
final class RunningSolves {
    private static final Set<SolveControl> RUNNING = new HashSet<>();

    private RunningSolves() {}

    /** A control for a solve about to start. */
    static synchronized SolveControl start() {
        SolveControl control = new SolveControl();
        RUNNING.add(control);
        return control;
    }

    static synchronized void finished(SolveControl control) {
        RUNNING.remove(control);
    }

    /** Interrupts every solve running in this JVM. */
    static synchronized void interruptAll() {
        RUNNING.forEach(SolveControl::interrupt);
    }
}

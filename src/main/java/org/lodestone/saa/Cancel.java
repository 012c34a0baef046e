package org.lodestone.saa;

import java.util.ArrayList;
import java.util.List;

/**
 * Ctrl-C for a run of many tasks: once requested, no further task starts, and engines that can
 * (Spark) cancel the tasks they have handed out. A task already solving finishes or hits its
 * solver time limit; the rows finished so far are kept.
 */
public final class Cancel {
    private final List<Runnable> onRequest = new ArrayList<>();
    private boolean requested;

    public void request() {
        RunningSolves.interruptAll();
        List<Runnable> hooks;
        synchronized (this) {
            if (requested) {
                return;
            }
            requested = true;
            hooks = List.copyOf(onRequest);
        }
        hooks.forEach(Runnable::run);
    }

    public synchronized boolean requested() {
        return requested;
    }

    /** Runs {@code hook} when the cancel is requested (at once when it already was). */
    public void onRequest(Runnable hook) {
        synchronized (this) {
            if (!requested) {
                onRequest.add(hook);
                return;
            }
        }
        hook.run();
    }
}

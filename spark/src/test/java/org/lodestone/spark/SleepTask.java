package org.lodestone.spark;

import org.lodestone.saa.Task;

/** A task that takes a while and returns its index (or fails, when asked to). */
record SleepTask(int index, long millis, boolean fail) implements Task<Integer> {
    SleepTask(int index, long millis) {
        this(index, millis, false);
    }

    @Override
    public Integer run() {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fail) {
            throw new IllegalStateException("task " + index + " failed on purpose");
        }
        return index;
    }
}

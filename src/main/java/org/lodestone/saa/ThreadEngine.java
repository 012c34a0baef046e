package org.lodestone.saa;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs tasks on threads of this JVM: the engine of the core's tests, and a reference for the others. */
public final class ThreadEngine implements Engine {
    private final int threads;
    private final ExecutorService pool;

    public ThreadEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 (got " + threads + ")");
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lodestone-task");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <R extends Serializable> List<R> run(List<? extends Task<R>> tasks, Listener listener, Cancel cancel) {
        AtomicInteger finished = new AtomicInteger();
        List<Future<R>> futures = new ArrayList<>();
        for (Task<R> task : tasks) {
            futures.add(pool.submit(() -> {
                if (cancel.requested()) {
                    return null;
                }
                R result = task.run();
                listener.finished(finished.incrementAndGet(), tasks.size());
                return result;
            }));
        }
        List<R> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                results.add(futures.get(i).get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.request();
                results.add(null);
            } catch (ExecutionException e) {
                cancel.request();
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return java.util.Collections.unmodifiableList(results);
    }

    @Override
    public String description() {
        return threads == 1 ? "1 thread" : threads + " threads";
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

package dev.autocall.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a piece of the local runtime is doing right now (an invocation, an HTTP request, a simulated call), so
 * that tests can wait until nothing is left instead of sleeping for a guessed time.
 */
public final class InFlight {
    /** One piece of work started; closing it says it ended. */
    public interface Work extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<Long, String> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public Work start(String what) {
        long id = ids.incrementAndGet();
        running.put(id, what);
        return () -> running.remove(id);
    }

    /** Runs {@code task} as one piece of work: for work handed to another thread. */
    public Runnable tracked(String what, Runnable task) {
        Work work = start(what);
        return () -> {
            try (work) {
                task.run();
            }
        };
    }

    /** What is running, sorted; empty when idle. */
    public List<String> busy() {
        return running.values().stream().sorted().toList();
    }
}

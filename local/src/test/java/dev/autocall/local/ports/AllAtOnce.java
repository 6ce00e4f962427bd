package dev.autocall.local.ports;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs the same write from several threads released at once, as redeliveries of one message meet in production. */
final class AllAtOnce {
    private static final int WRITERS = 8;

    private AllAtOnce() {
    }

    /** The results of {@code write(0)} … {@code write(7)}, started together. */
    static <T> List<T> run(IntFunction<T> write) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                Callable<T> task = () -> {
                    start.await();
                    return write.apply(writer);
                };
                futures.add(threads.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}

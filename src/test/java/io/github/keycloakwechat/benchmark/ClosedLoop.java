package io.github.keycloakwechat.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A closed-loop load: {@code concurrency} workers, each starting its next request when its last one ended, until
 * {@code count} requests have run. Times each request; a request that throws counts as an error.
 */
final class ClosedLoop {

    /** Latencies of the requests that succeeded, in milliseconds. */
    record Outcome(double seconds, double[] latenciesMillis, int errors, String firstError) {
    }

    /** Request {@code i} (0 ≤ i < count); throwing anything marks it failed. */
    @FunctionalInterface
    interface Request {
        void run(int i) throws Exception;
    }

    /** {@code worker} makes the per-worker state (e.g. a browser) and returns what runs request {@code i}. */
    static Outcome run(int count, int concurrency, Supplier<Request> worker)
            throws InterruptedException {
        double[] latencies = new double[count];
        boolean[] failed = new boolean[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                Request request = worker.get();
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        request.run(i);
                    } catch (Exception | AssertionError e) {
                        failed[i] = true;
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                    latencies[i] = (System.nanoTime() - t0) / 1e6;
                }
                return null;
            }));
        }
        try {
            for (Future<?> one : running) {
                one.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("benchmark worker failed", e.getCause());
        } finally {
            workers.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> ok = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!failed[i]) {
                ok.add(latencies[i]);
            }
        }
        return new Outcome(seconds, ok.stream().mapToDouble(Double::doubleValue).toArray(), errors.get(),
                firstError.get());
    }
}

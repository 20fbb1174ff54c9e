package io.github.keycloakwechat.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs a number of sign-ins through one provider with a fixed number of concurrent browsers (closed loop: each
 * starts its next sign-in when the last one ended), timing each, and counts the upstream API calls they caused.
 */
final class LoadPhase {

    private final BenchRealm realm;

    LoadPhase(BenchRealm realm) {
        this.realm = realm;
    }

    /** Sign-in {@code i} (0 ≤ i < count) is made by the person {@code personOf.apply(i)}. */
    PhaseResult run(String provider, PhaseResult.Path path, int count, int concurrency, IntFunction<String> personOf)
            throws InterruptedException {
        double[] latencies = new double[count];
        boolean[] failed = new boolean[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        int apiCallsBefore = realm.upstreams().apiCalls();
        SignInSteps steps = new SignInSteps();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                SignInClient browser = new SignInClient(realm, steps);
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        browser.signIn(provider, personOf.apply(i));
                    } catch (Exception e) {
                        failed[i] = true;
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                    latencies[i] = (System.nanoTime() - t0) / 1e6;
                }
                return null;
            }));
        }
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("benchmark worker failed", e.getCause());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.shutdown();
        double apiCallsPerSignIn = (realm.upstreams().apiCalls() - apiCallsBefore) / (double) count;
        return new PhaseResult(provider, path, concurrency, count, seconds, succeeded(latencies, failed),
                errors.get(), firstError.get(), apiCallsPerSignIn, steps);
    }

    private static double[] succeeded(double[] latencies, boolean[] failed) {
        List<Double> ok = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) {
            if (!failed[i]) {
                ok.add(latencies[i]);
            }
        }
        return ok.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

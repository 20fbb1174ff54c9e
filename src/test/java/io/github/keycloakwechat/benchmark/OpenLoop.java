package io.github.keycloakwechat.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: request {@code i} is due at {@code start + i / rate}, whether or not the earlier ones were
 * answered, and its latency is counted from that scheduled moment, not from when a sender got round to it. A
 * server that stalls therefore shows in the latencies of every request it held up (no coordinated omission), as
 * long as the senders are enough for the rate; the latest start of any request is reported to show that.
 */
final class OpenLoop {

    /** Latencies from the scheduled moment of the requests that succeeded; how late the latest one was sent. */
    record Outcome(Timings timings, double seconds, double latestStartMillis) {
    }

    private OpenLoop() {
    }

    static Outcome run(int count, double perSecond, int threads, ClosedLoop.Request request) throws InterruptedException {
        long interval = Math.round(1e9 / perSecond);
        double[] latencies = new double[count];
        Throwable[] failures = new Throwable[count];
        AtomicInteger next = new AtomicInteger();
        AtomicLong latestStart = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime() + 20_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long due = start + i * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    latestStart.accumulateAndGet(System.nanoTime() - due, Math::max);
                    try {
                        request.run(i);
                    } catch (Exception | AssertionError e) {
                        failures[i] = e;
                    }
                    latencies[i] = (System.nanoTime() - due) / 1e6;
                }
                return null;
            }));
        }
        try {
            for (Future<?> one : running) {
                one.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("open-loop sender failed", e.getCause());
        } finally {
            senders.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Timings.Builder timings = new Timings.Builder();
        for (int i = 0; i < count; i++) {
            if (failures[i] == null) {
                timings.add(latencies[i]);
            } else {
                timings.failed(failures[i]);
            }
        }
        return new Outcome(timings.build(), seconds, latestStart.get() / 1e6);
    }
}
